/* Fuzz target: building invalidation requests from user data (src/http/tc_purge.c with
 * tc_regex.c, tc_check.c, tc_request.c): arbitrary tag / location lists, ban headers, ban
 * paths with hosts, URLs. Input: 4 option bytes, then length-prefixed values.
 * Invariants, for every call:
 * - accepted exactly when a reference reading of the documented rules accepts; a rejection
 *   has a message and leaves the list as it was (a sentinel request stays alone);
 * - every request: known method, target starting with '/' without blanks or control bytes,
 *   header names are tokens, no CR/LF/NUL in any value, every header line within the limit,
 *   and tc_http_request_bytes frames it as exactly one HTTP/1.1 request head;
 * - tags / locations: the values carried, in order over all requests, equal the input with
 *   duplicates dropped; the split is greedy (the next value would not have fit); in ban mode
 *   each header compiles with regcomp(REG_EXTENDED), matches each of its values and, when
 *   no value has a comma, not a value with a byte appended;
 * - ban path hosts: "^<quoted host>$" matches the host; dedupe leaves no two equal requests. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../../src/http/tc_http_int.h"
#include "../../src/tc_alloc.h"

#define FAIL(...) (fprintf(stderr, __VA_ARGS__), fputc('\n', stderr), abort())
#define MAXV      512
#define META      "\\^$.|?*+()[]{}"

typedef struct {
	tc_str v[MAXV];
	size_t n;
} vals;

static const char *const hnames[] = {"X-Cache-Tags", "xkey", "X-T", "Surrogate-Key-Long-Name"};

static int has_any(tc_str v, const char *set, size_t nset)
{
	for (size_t i = 0; i < v.len; i++) {
		if (memchr(set, v.ptr[i], nset)) {
			return 1;
		}
	}
	return 0;
}
#define HAS(v, lit) has_any(v, lit, sizeof(lit) - 1) /* the literal's NUL counts if written */

static int ref_token(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
				(c && strchr("!#$%&'*+-.^_`|~", c)))) {
			return 0;
		}
	}
	return len > 0;
}

static int ref_plain(tc_str v)
{
	for (size_t i = 0; i < v.len; i++) {
		if ((unsigned char)v.ptr[i] <= 0x20 || (unsigned char)v.ptr[i] == 0x7f) {
			return 0;
		}
	}
	return v.len > 0;
}

static size_t ref_qlen(tc_str v)
{
	size_t n = v.len;
	for (size_t i = 0; i < v.len; i++) {
		n += v.ptr[i] && strchr(META, v.ptr[i]) ? 1 : 0;
	}
	return n;
}

static int same(tc_str a, tc_str b)
{
	return a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
}

static tc_str cstr(const char *s)
{
	return (tc_str){s, strlen(s)};
}

/* Checks one request's shape and its HTTP/1.1 framing. */
static void check_request(const tc_http_request *r, size_t limit, int limited)
{
	static const char *const methods[] = {"BAN", "PURGE", "PURGEKEYS", "GET"};
	int known = 0;
	for (size_t i = 0; i < 4; i++) {
		known |= strcmp(r->method, methods[i]) == 0;
	}
	if (!known || r->target[0] != '/' || !ref_plain(cstr(r->target)) ||
		(r->host && !ref_plain(cstr(r->host)))) {
		FAIL("bad request line or host: %s %s (host %s)", r->method, r->target,
			r->host ? r->host : "-");
	}
	for (size_t i = 0; i < r->nheaders; i++) {
		tc_str n = cstr(r->headers[i].name), v = cstr(r->headers[i].value);
		if (!ref_token(n.ptr, n.len) || HAS(v, "\r\n")) {
			FAIL("bad header %s", n.ptr);
		}
		if (limited && n.len + 2 + v.len > limit) {
			FAIL("header line %s is %zu bytes, limit %zu", n.ptr, n.len + 2 + v.len, limit);
		}
	}
	for (int keep = 0; keep < 2; keep++) {
		size_t len = 0;
		char *b = tc_http_request_bytes(r, "proxy:6081", keep, &len);
		size_t crlf = 0;
		for (size_t i = 0; i < len; i++) {
			if (b[i] == '\r' || b[i] == '\n') {
				if (b[i] != '\r' || i + 1 >= len || b[i + 1] != '\n') {
					FAIL("bare CR or LF in the serialised request");
				}
				crlf++;
				i++;
			}
		}
		size_t want_line = strlen(r->method) + 1 + strlen(r->target) + 9;
		if (strlen(b) != len || crlf != 3 + r->nheaders + (keep ? 0 : 1) || len < 4 ||
			memcmp(b + len - 4, "\r\n\r\n", 4) != 0 || memmem(b, len, "\r\n\r\n", 4) !=
			b + len - 4 || memcmp(b + want_line - 9, " HTTP/1.1", 9) != 0) {
			FAIL("request not framed as one HTTP/1.1 head");
		}
		tc_free(b);
	}
}

static int req_equal(const tc_http_request *a, const tc_http_request *b)
{
	if (strcmp(a->method, b->method) || strcmp(a->target, b->target) || !a->host != !b->host ||
		(a->host && strcmp(a->host, b->host)) || a->nheaders != b->nheaders) {
		return 0;
	}
	for (size_t i = 0; i < a->nheaders; i++) {
		if (strcmp(a->headers[i].name, b->headers[i].name) ||
			strcmp(a->headers[i].value, b->headers[i].value)) {
			return 0;
		}
	}
	return 1;
}

/* A ban header value back into its values: "(^|,)(a|b\.c)(,|$)" -> "a", "b.c". */
static size_t unquote(const char *val, char *buf, tc_str *out, size_t max)
{
	size_t len = strlen(val), n = 0;
	if (len < 12 || memcmp(val, "(^|,)(", 6) || memcmp(val + len - 6, ")(,|$)", 6)) {
		FAIL("ban header without its wrapper: %s", val);
	}
	char *w = buf;
	const char *p = val + 6, *end = val + len - 6;
	out[0].ptr = w;
	for (; p < end; p++) {
		if (*p == '|') {
			out[n].len = (size_t)(w - out[n].ptr);
			if (++n >= max) {
				FAIL("more values than given");
			}
			out[n].ptr = w;
		} else if (*p == '\\') {
			if (p + 1 >= end || !strchr(META, p[1])) {
				FAIL("backslash before a non-metacharacter");
			}
			*w++ = *++p;
		} else if (strchr(META, *p)) {
			FAIL("unescaped metacharacter %c", *p);
		} else {
			*w++ = *p;
		}
	}
	out[n].len = (size_t)(w - out[n].ptr);
	return n + 1;
}

static int rx_match(const regex_t *re, tc_str v)
{
	char *s = tc_strndup(v.ptr, v.len);
	int hit = regexec(re, s, 0, NULL, 0) == 0;
	tc_free(s);
	return hit;
}

static void check_keys(const tc_request_list *out, const char *name, int ban, int locations,
	const tc_str *in, size_t nin, size_t limit)
{
	tc_str want[MAXV], got[MAXV];
	size_t nwant = 0, ngot = 0, total = 0;
	for (size_t i = 0; i < nin; i++) {
		int dup = 0;
		for (size_t k = 0; k < nwant && !dup; k++) {
			dup = same(want[k], in[i]);
		}
		if (!dup) {
			want[nwant++] = in[i];
			total += in[i].len + 1;
		}
	}
	char *buf = malloc(total + 1);
	char *w = buf;
	for (size_t r = 1; r < out->count; r++) {
		const tc_http_request *q = &out->items[r];
		/* ban mode: the tags, then X-Host, X-Url and X-Content-Type ".*" (and the location mark) */
		size_t nh = ban ? 4 + (size_t)locations : 1;
		if (q->nheaders != nh || strcmp(q->headers[0].name, name) || strcmp(q->target, "/") ||
			strcmp(q->method, ban ? "BAN" : "PURGEKEYS")) {
			FAIL("tag request %zu has the wrong shape", r);
		}
		const char *val = q->headers[0].value;
		size_t first = ngot;
		if (ban) {
			size_t k = unquote(val, w, got + ngot, MAXV - ngot);
			ngot += k;
			w = (char *)got[ngot - 1].ptr + got[ngot - 1].len;
		} else {
			for (const char *p = val;; ngot++) {
				const char *sp = strchr(p, ' ');
				size_t l = sp ? (size_t)(sp - p) : strlen(p);
				if (ngot >= MAXV) {
					FAIL("more values than given");
				}
				got[ngot] = (tc_str){p, l};
				if (!sp) {
					ngot++;
					break;
				}
				p = sp + 1;
			}
		}
		/* Greedy: the first value of the next request did not fit here. */
		size_t line = strlen(name) + 2 + strlen(val);
		if (r + 1 < out->count && ngot < nwant &&
			line + 1 + (ban ? ref_qlen(want[ngot]) : want[ngot].len) <= limit) {
			FAIL("request %zu ends early: the next value would fit", r);
		}
		if (ban) {
			regex_t re;
			if (regcomp(&re, val, REG_EXTENDED | REG_NOSUB) != 0) {
				FAIL("ban header does not compile as ERE: %s", val);
			}
			int comma = 0;
			for (size_t k = first; k < ngot; k++) {
				comma |= memchr(got[k].ptr, ',', got[k].len) != NULL;
			}
			for (size_t k = first; k < ngot && k < first + 8; k++) {
				if (!rx_match(&re, got[k])) {
					FAIL("ban header %s does not match its value", val);
				}
				char *more = malloc(got[k].len + 1);
				memcpy(more, got[k].ptr, got[k].len);
				more[got[k].len] = '\x01';
				tc_str m = {more, got[k].len + 1};
				int member = 0;
				for (size_t x = first; x < ngot; x++) {
					member |= same(got[x], m);
				}
				if (!comma && !member && rx_match(&re, m)) {
					FAIL("ban header %s matches a value it does not carry", val);
				}
				free(more);
			}
			regfree(&re);
		}
	}
	if (ngot != nwant) {
		FAIL("%zu values carried, %zu distinct given", ngot, nwant);
	}
	for (size_t i = 0; i < nwant; i++) {
		if (!same(got[i], want[i])) {
			FAIL("value %zu differs from the de-duplicated input", i);
		}
	}
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 4) {
		return 0;
	}
	int op = data[0] % 5, soft = data[0] >> 3 & 1, xkey = data[0] >> 4 & 1;
	int refresh = data[0] >> 5 & 1, with_host = data[0] >> 6 & 1;
	size_t limit = data[1] ? 8 + (size_t)data[1] * 3 : 0;
	int hsel = data[2] % 5, fuzzed_name = data[2] >> 3 & 1;
	size_t nhosts_want = data[3] % 5;
	vals in = {.n = 0};
	char *copy = malloc(size);
	memcpy(copy, data, size);
	for (size_t at = 4; at < size && in.n < MAXV;) {
		size_t l = (uint8_t)copy[at++];
		l = l < size - at ? l : size - at;
		in.v[in.n++] = (tc_str){copy + at, l};
		at += l;
	}
	/* Option strings taken from the values are NUL-terminated copies. */
	size_t used = 0;
	char *tags_header = NULL, *host = NULL;
	if (fuzzed_name && used < in.n) {
		tags_header = tc_strndup(in.v[used].ptr, in.v[used].len);
		used++;
	}
	if (with_host && used < in.n) {
		host = tc_strndup(in.v[used].ptr, in.v[used].len);
		used++;
	}
	tc_purge_options o = {xkey ? TC_TAGS_XKEY : TC_TAGS_BAN, soft,
		tags_header ? tags_header : hsel < 4 ? hnames[hsel] : NULL, limit, host};
	size_t lim = limit ? limit : 7500;
	const char *th = o.tags_header ? o.tags_header : "X-Cache-Tags";
	int resolve_ok = ref_token(th, strlen(th)) && (!host || ref_plain(cstr(host)));
	const tc_str *v = in.v + used;
	size_t n = in.n - used;

	tc_request_list out;
	tc_request_list_init(&out);
	tc_err err;
	if (tc_purge_url(NULL, TC_STR_LIT("/sentinel"), 0, &out, &err) != TC_OK) {
		FAIL("sentinel");
	}
	int want_ok = resolve_ok;
	tc_status st = TC_OK;
	int limited = 1;
	switch (op) {
	case 0:
	case 1: {
		int ban = !xkey;
		/* location ids travel in the tag header too */
		const char *name = xkey ? (soft ? "xkey-softpurge" : "xkey-purge") : th;
		/* the fixed lines of a ban fit the limit too */
		want_ok &= xkey || (lim >= strlen("X-Content-Type: .*") &&
							   (op == 0 || lim >= strlen("X-Tagcache-Location-Ban: 1")));
		for (size_t i = 0; i < n; i++) {
			size_t cost = ban ? 12 + ref_qlen(v[i]) : v[i].len;
			want_ok &= v[i].len > 0 && !HAS(v[i], "\r\n\0 \t,\v\f") &&
					   strlen(name) + 2 + cost <= lim;
		}
		st = op ? tc_purge_locations(&o, v, n, &out, &err) : tc_purge_tags(&o, v, n, &out, &err);
		if (st == TC_OK && want_ok) {
			check_keys(&out, name, ban, op == 1, v, n, lim);
		}
		break;
	}
	case 2: {
		tc_http_header h[8];
		size_t nh = 0;
		for (; nh < 8 && 2 * nh + 1 < n; nh++) {
			h[nh].name = tc_strndup(v[2 * nh].ptr, v[2 * nh].len);
			h[nh].value = tc_strndup(v[2 * nh + 1].ptr, v[2 * nh + 1].len);
			tc_str hn = cstr(h[nh].name), hv = cstr(h[nh].value);
			int reserved = 0;
			static const char *const res[] = {"Host", "Connection", "Content-Length",
				"Transfer-Encoding", "Expect", "Upgrade"};
			for (size_t k = 0; k < 6; k++) {
				reserved |= strcasecmp(hn.ptr, res[k]) == 0;
			}
			want_ok &= ref_token(hn.ptr, hn.len) && !reserved && !HAS(hv, "\r\n") &&
					   hn.len + 2 + hv.len <= lim;
		}
		want_ok &= nh > 0;
		st = tc_purge_ban(&o, h, nh, &out, &err);
		if (st == TC_OK && want_ok) {
			const tc_http_request *r = &out.items[1];
			if (out.count != 2 || r->nheaders != nh || strcmp(r->method, "BAN")) {
				FAIL("ban request has the wrong shape");
			}
			for (size_t i = 0; i < nh; i++) {
				if (strcmp(r->headers[i].name, h[i].name) || strcmp(r->headers[i].value, h[i].value)) {
					FAIL("ban header %zu changed", i);
				}
			}
		}
		for (size_t i = 0; i < nh; i++) {
			tc_free(h[i].name);
			tc_free(h[i].value);
		}
		break;
	}
	case 3: {
		tc_str path = n > 0 ? v[0] : (tc_str){"", 0}, type = n > 1 ? v[1] : (tc_str){"", 0};
		size_t nh = n > 2 ? (n - 2 < nhosts_want ? n - 2 : nhosts_want) : 0;
		const tc_str *hosts = n > 2 ? v + 2 : NULL;
		/* ban values: no whitespace either (Varnish splits a ban on it) */
		want_ok &= path.len > 0 && !HAS(path, "\r\n\0 \t\v\f") && 7 + path.len <= lim &&
				   (!type.len || (!HAS(type, "\r\n\0 \t\v\f") && 16 + type.len <= lim)) &&
				   (type.len || lim >= strlen("X-Content-Type: .*")) &&
				   (nh || lim >= strlen("X-Host: .*"));
		for (size_t i = 0; i < nh; i++) {
			want_ok &= hosts[i].len > 0 && !HAS(hosts[i], "\r\n\0 \t\v\f") &&
					   8 + ref_qlen(hosts[i]) + 2 <= lim;
		}
		st = tc_purge_ban_path(&o, path, type, hosts, nh, &out, &err);
		if (st == TC_OK && want_ok) {
			if (out.count != 1 + (nh ? nh : 1)) {
				FAIL("%zu ban path requests for %zu hosts", out.count - 1, nh);
			}
			for (size_t i = 0; i < nh; i++) {
				const tc_http_request *r = &out.items[1 + i];
				const char *xh = r->headers[r->nheaders - 1].value;
				regex_t re;
				if (strcmp(r->headers[r->nheaders - 1].name, "X-Host") ||
					regcomp(&re, xh, REG_EXTENDED | REG_NOSUB) != 0) {
					FAIL("X-Host %s is not an ERE", xh);
				}
				if (!rx_match(&re, hosts[i])) {
					FAIL("X-Host %s does not match its host", xh);
				}
				regfree(&re);
			}
		}
		break;
	}
	default: {
		tc_str url = n > 0 ? v[0] : (tc_str){"", 0};
		limited = 0;
		want_ok &= ref_plain(url);
		tc_str auth = {NULL, 0}, rest = url;
		if (want_ok && url.ptr[0] != '/') {
			const char *sep = memmem(url.ptr, url.len, "://", 3);
			size_t s = sep ? (size_t)(sep - url.ptr) : 0;
			size_t a = s + 3, e = a;
			while (e < url.len && !strchr("/?#", url.ptr[e])) {
				e++;
			}
			want_ok = s == 4 && strncasecmp(url.ptr, "http", 4) == 0 && e > a &&
					  !memchr(url.ptr + a, '@', e - a);
			auth = (tc_str){url.ptr + a, e - a};
			rest = (tc_str){url.ptr + e, url.len - e};
		}
		st = tc_purge_url(&o, url, refresh, &out, &err);
		if (st == TC_OK && want_ok) {
			const char *hash = memchr(rest.ptr, '#', rest.len);
			rest.len = hash ? (size_t)(hash - rest.ptr) : rest.len;
			const tc_http_request *r = &out.items[1];
			int slash = rest.len == 0 || rest.ptr[0] != '/';
			const char *want_host = auth.ptr ? NULL : host;
			if (strcmp(r->method, refresh ? "GET" : "PURGE") ||
				strlen(r->target) != slash + rest.len ||
				memcmp(r->target + slash, rest.ptr, rest.len) ||
				(auth.ptr ? !r->host || !same(cstr(r->host), auth)
						  : !r->host != !want_host || (want_host && strcmp(r->host, want_host)))) {
				FAIL("URL request differs from the URL");
			}
		}
		break;
	}
	}
	if ((st == TC_OK) != want_ok) {
		FAIL("op %d: status %d, reference says %s (%s)", op, (int)st, want_ok ? "accept" : "reject",
			st == TC_OK ? "" : err.msg);
	}
	if (st != TC_OK && (out.count != 1 || !err.msg[0])) {
		FAIL("a rejected call appended requests or gave no message");
	}
	for (size_t i = 1; i < out.count; i++) {
		check_request(&out.items[i], lim, limited);
	}
	tc_request_list_dedupe(&out);
	if (strcmp(out.items[0].target, "/sentinel") != 0) {
		FAIL("dedupe moved the first request");
	}
	for (size_t i = 0; i < out.count; i++) {
		for (size_t k = i + 1; k < out.count; k++) {
			if (req_equal(&out.items[i], &out.items[k])) {
				FAIL("dedupe left requests %zu and %zu equal", i, k);
			}
		}
	}
	tc_request_list_free(&out);
	tc_free(tags_header);
	tc_free(host);
	free(copy);
	return 0;
}
