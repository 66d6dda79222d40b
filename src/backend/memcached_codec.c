/* MemcachedBackend: keys, the entry format and server addresses (no libmemcached here). */
#define _DEFAULT_SOURCE
#include "memcached_codec.h"

#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "../tc_ident.h"
#include "redis_sha1.h"

#define MAGIC "TCM1"
#define MAGIC_LEN 4
/* magic, kind, flags, generation, raw_len, id length, ntags */
#define FIXED_LEN (MAGIC_LEN + 1 + 1 + 8 + 8 + 1 + 2)

static size_t put(char *out, size_t at, size_t cap, const char *s, size_t len)
{
	if (at < cap) {
		memcpy(out + at, s, len < cap - at ? len : cap - at);
	}
	return at + len;
}

size_t tc_mc_key(char out[TC_MC_KEY_MAX + 1], tc_str ns, char kind, tc_str name, tc_str suffix)
{
	/* Built in a buffer big enough for any key of valid parts, hashed when over the limit. */
	char full[3 + 2 * TC_IDENT_MAX + 16 + 3 * 256];
	size_t cap = sizeof(full), n = 0;
	char k[3] = {':', kind, 0};
	n = put(full, n, cap, "tc:", 3);
	n = put(full, n, cap, ns.ptr, ns.len);
	n = put(full, n, cap, k, 2);
	if (name.len) {
		n = put(full, n, cap, ":", 1);
		n = put(full, n, cap, name.ptr, name.len);
	}
	if (suffix.len) {
		n = put(full, n, cap, ":", 1);
		n = put(full, n, cap, suffix.ptr, suffix.len);
	}
	if (n <= TC_MC_KEY_MAX && n <= cap) {
		memcpy(out, full, n);
		out[n] = 0;
		return n;
	}
	char hex[41];
	tc_redis_sha1_hex(full, n < cap ? n : cap, hex);
	memcpy(out, "tc:h:", 5);
	out[5] = kind;
	out[6] = ':';
	memcpy(out + 7, hex, 41);
	return 7 + 40;
}

static void put64(char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++) {
		p[i] = (char)(v >> (8 * i));
	}
}

static uint64_t get64(const char *p)
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--) {
		v = (v << 8) | (unsigned char)p[i];
	}
	return v;
}

size_t tc_mc_header_len(tc_str id, const tc_str *tags, size_t ntags)
{
	size_t n = FIXED_LEN + id.len;
	for (size_t i = 0; i < ntags; i++) {
		n += 1 + tags[i].len + 8;
	}
	return n;
}

void tc_mc_header_write(char *out, char kind, unsigned flags, uint64_t generation, uint64_t raw_len,
                        tc_str id, const tc_str *tags, const uint64_t *versions, size_t ntags)
{
	char *p = out;
	memcpy(p, MAGIC, MAGIC_LEN);
	p += MAGIC_LEN;
	*p++ = kind;
	*p++ = (char)flags;
	put64(p, generation);
	put64(p + 8, raw_len);
	p += 16;
	*p++ = (char)id.len;
	*p++ = (char)(ntags & 0xff);
	*p++ = (char)(ntags >> 8);
	memcpy(p, id.ptr, id.len);
	p += id.len;
	for (size_t i = 0; i < ntags; i++) {
		*p++ = (char)tags[i].len;
		memcpy(p, tags[i].ptr, tags[i].len);
		p += tags[i].len;
		put64(p, versions[i]);
		p += 8;
	}
}

tc_status tc_mc_decode(const char *buf, size_t len, tc_mc_entry *e, tc_err *err)
{
	if (len < FIXED_LEN || memcmp(buf, MAGIC, MAGIC_LEN) != 0) {
		return tc_err_set(err, TC_ERR_CORRUPT, "not a tagcache entry (%zu bytes)", len);
	}
	const char *p = buf + MAGIC_LEN, *end = buf + len;
	e->kind = *p++;
	e->flags = (unsigned char)*p++;
	e->generation = get64(p);
	e->raw_len = get64(p + 8);
	p += 16;
	e->id.len = (unsigned char)*p++;
	e->ntags = (unsigned char)p[0] | ((size_t)(unsigned char)p[1] << 8);
	p += 2;
	if (e->kind != TC_KIND_DATA && e->kind != TC_KIND_PHP) {
		return tc_err_set(err, TC_ERR_CORRUPT, "unknown entry kind %d", e->kind);
	}
	if ((size_t)(end - p) < e->id.len) {
		return tc_err_set(err, TC_ERR_CORRUPT, "truncated identifier");
	}
	e->id.ptr = p;
	p += e->id.len;
	e->tags = p;
	for (size_t i = 0; i < e->ntags; i++) {
		if (p >= end || (size_t)(end - p) < 1 + (size_t)(unsigned char)*p + 8) {
			return tc_err_set(err, TC_ERR_CORRUPT, "truncated tag record %zu of %zu", i + 1, e->ntags);
		}
		p += 1 + (unsigned char)*p + 8;
	}
	e->payload = (tc_str){p, (size_t)(end - p)};
	/* zlib never inflates more than 1032:1: a larger claim is corrupt, and must not be allocated */
	if ((e->flags & TC_MC_ZLIB) && e->raw_len > (uint64_t)e->payload.len * 1032 + 64) {
		return tc_err_set(err, TC_ERR_CORRUPT, "compressed payload of %zu bytes claims %llu bytes inflated",
		                  e->payload.len, (unsigned long long)e->raw_len);
	}
	if (!(e->flags & TC_MC_ZLIB) && e->raw_len != e->payload.len) {
		return tc_err_set(err, TC_ERR_CORRUPT, "payload of %zu bytes, header says %llu", e->payload.len,
		                  (unsigned long long)e->raw_len);
	}
	return TC_OK;
}

void tc_mc_next_tag(const char **p, tc_str *name, uint64_t *version)
{
	const char *q = *p;
	name->len = (unsigned char)*q++;
	name->ptr = q;
	q += name->len;
	*version = get64(q);
	*p = q + 8;
}

int tc_mc_parse_counter(const char *s, size_t len, uint64_t *out)
{
	/* memcached pads a decremented counter with trailing spaces */
	while (len && s[len - 1] == ' ') {
		len--;
	}
	if (len == 0 || len > 20) {
		return 0;
	}
	uint64_t v = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned d = (unsigned char)s[i] - '0';
		if (d > 9 || v > (UINT64_MAX - d) / 10) {
			return 0;
		}
		v = v * 10 + d;
	}
	*out = v;
	return 1;
}

uint64_t tc_mc_fresh_counter(void)
{
	uint64_t v = 0;
	if (getentropy(&v, sizeof(v)) != 0) {
		/* no entropy source: the clock in nanoseconds, still unlike any earlier value */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		v = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
		v ^= v << 29;
	}
	/* below 2^63: increments never wrap in practice, and the value prints as a PHP int */
	return (v >> 1) | 1;
}

static int host_char_ok(unsigned char c)
{
	return c > ' ' && c < 0x7f && c != '/' && c != '[' && c != ']';
}

int tc_mc_parse_server(const char *s, size_t len, char *host, size_t host_size, unsigned *port)
{
	if (memchr(s, 0, len)) {
		return 0;
	}
	if (len >= 7 && memcmp(s, "unix://", 7) == 0) {
		s += 7;
		len -= 7;
		if (len == 0 || s[0] != '/') {
			return 0; /* a socket path must be absolute: "unix://relsock" is no host name */
		}
	}
	if (len > 0 && s[0] == '/') {
		for (size_t i = 0; i < len; i++) {
			if ((unsigned char)s[i] < ' ') {
				return 0;
			}
		}
		if (len >= host_size) {
			return 0;
		}
		memcpy(host, s, len);
		host[len] = 0;
		*port = 0;
		return 1;
	}
	const char *h = s, *rest;
	size_t hlen;
	if (len && s[0] == '[') {
		const char *close = memchr(s, ']', len);
		if (!close || close == s + 1) {
			return 0;
		}
		h = s + 1;
		hlen = (size_t)(close - h);
		for (size_t i = 0; i < hlen; i++) {
			if (!(h[i] == ':' || (h[i] >= '0' && h[i] <= '9') || (h[i] >= 'a' && h[i] <= 'f') ||
			      (h[i] >= 'A' && h[i] <= 'F') || h[i] == '.')) {
				return 0;
			}
		}
		rest = close + 1;
	} else {
		const char *colon = memchr(s, ':', len);
		hlen = colon ? (size_t)(colon - s) : len;
		for (size_t i = 0; i < hlen; i++) {
			if (!host_char_ok((unsigned char)h[i])) {
				return 0;
			}
		}
		rest = s + hlen;
	}
	size_t rlen = (size_t)(s + len - rest);
	if (hlen == 0 || hlen >= host_size) {
		return 0;
	}
	unsigned p = 11211;
	if (rlen) {
		if (rest[0] != ':' || rlen < 2 || rlen > 6) {
			return 0;
		}
		p = 0;
		for (size_t i = 1; i < rlen; i++) {
			if (rest[i] < '0' || rest[i] > '9') {
				return 0;
			}
			p = p * 10 + (unsigned)(rest[i] - '0');
		}
		if (p < 1 || p > 65535) {
			return 0;
		}
	}
	memcpy(host, h, hlen);
	host[hlen] = 0;
	*port = p;
	return 1;
}
