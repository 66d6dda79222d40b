/* Encoder and strict decoder of the page cache's stored record (see tc_page_record.h).
 * Layout, integers big-endian: "TCPG", version (1 byte), flags (1 byte), status (2 bytes),
 * created and expires (8 bytes each), then url, etag, last_modified, the header count
 * (4 bytes) and each header line, then the body: each string a 4-byte length and its bytes.
 * Nothing may follow the body. */
#include "tc_page_record.h"

#include <string.h>

#define MAGIC "TCPG"
#define FIXED (4 + 1 + 1 + 2 + 8 + 8)

size_t tc_page_record_size(const tc_page_record *r)
{
	const tc_str *s[3] = {&r->url, &r->etag, &r->last_modified};
	size_t n = FIXED + 4;
	if (r->nheaders > TC_PAGE_MAX_HEADERS) {
		return 0;
	}
	for (int i = 0; i < 3; i++) {
		if (s[i]->len > UINT32_MAX) {
			return 0;
		}
		n += 4 + s[i]->len;
	}
	for (size_t i = 0; i < r->nheaders; i++) {
		if (r->headers[i].len > UINT32_MAX) {
			return 0;
		}
		n += 4 + r->headers[i].len;
	}
	if (r->body.len > UINT32_MAX) {
		return 0;
	}
	return n + 4 + r->body.len;
}

static char *put_u(char *p, uint64_t v, int bytes)
{
	for (int i = bytes - 1; i >= 0; i--) {
		*p++ = (char)((v >> (8 * i)) & 0xff);
	}
	return p;
}

static char *put_s(char *p, tc_str s)
{
	p = put_u(p, s.len, 4);
	if (s.len) {
		memcpy(p, s.ptr, s.len);
	}
	return p + s.len;
}

void tc_page_record_encode(const tc_page_record *r, char *out)
{
	char *p = out;
	memcpy(p, MAGIC, 4);
	p += 4;
	*p++ = (char)TC_PAGE_RECORD_VERSION;
	*p++ = (char)r->flags;
	p = put_u(p, (uint64_t)r->status, 2);
	p = put_u(p, (uint64_t)r->created, 8);
	p = put_u(p, (uint64_t)r->expires, 8);
	p = put_s(p, r->url);
	p = put_s(p, r->etag);
	p = put_s(p, r->last_modified);
	p = put_u(p, r->nheaders, 4);
	for (size_t i = 0; i < r->nheaders; i++) {
		p = put_s(p, r->headers[i]);
	}
	put_s(p, r->body);
}

typedef struct {
	const unsigned char *p;
	size_t left;
} reader;

static int get_u(reader *rd, int bytes, uint64_t *v)
{
	if (rd->left < (size_t)bytes) {
		return -1;
	}
	*v = 0;
	for (int i = 0; i < bytes; i++) {
		*v = (*v << 8) | rd->p[i];
	}
	rd->p += bytes;
	rd->left -= (size_t)bytes;
	return 0;
}

static int get_s(reader *rd, tc_str *s)
{
	uint64_t n;
	if (get_u(rd, 4, &n) || n > rd->left) {
		return -1;
	}
	s->ptr = (const char *)rd->p;
	s->len = (size_t)n;
	rd->p += n;
	rd->left -= (size_t)n;
	return 0;
}

/* Validators are replayed as header values: a line break would smuggle a header in. */
static int has_break(tc_str s)
{
	return s.len && (memchr(s.ptr, '\n', s.len) || memchr(s.ptr, '\r', s.len) || memchr(s.ptr, '\0', s.len));
}

int tc_page_record_decode(const char *buf, size_t len, tc_page_record *r, const char **why)
{
	reader rd = {(const unsigned char *)buf, len};
	uint64_t v, status, created, expires, nh;
	memset(r, 0, sizeof(*r));
	if (len < FIXED || memcmp(buf, MAGIC, 4) != 0) {
		*why = "not a page record";
		return -1;
	}
	rd.p += 4;
	rd.left -= 4;
	get_u(&rd, 1, &v);
	if (v != TC_PAGE_RECORD_VERSION) {
		*why = "unknown record version";
		return -1;
	}
	get_u(&rd, 1, &v);
	if (v & ~(uint64_t)TC_PAGE_FLAGS_KNOWN) {
		*why = "unknown record flags";
		return -1;
	}
	r->flags = (unsigned)v;
	get_u(&rd, 2, &status);
	get_u(&rd, 8, &created);
	get_u(&rd, 8, &expires);
	if (status < 100 || status > 999) {
		*why = "status out of range";
		return -1;
	}
	r->status = (int)status;
	r->created = (int64_t)created;
	r->expires = (int64_t)expires;
	if (r->created < 0 || r->expires < 0) {
		*why = "negative time";
		return -1;
	}
	if (get_s(&rd, &r->url) || get_s(&rd, &r->etag) || get_s(&rd, &r->last_modified) ||
	    get_u(&rd, 4, &nh)) {
		*why = "truncated record";
		return -1;
	}
	if (has_break(r->url) || has_break(r->etag) || has_break(r->last_modified)) {
		*why = "line break in a validator or the URL";
		return -1;
	}
	if (nh > TC_PAGE_MAX_HEADERS) {
		*why = "too many headers";
		return -1;
	}
	r->nheaders = (size_t)nh;
	for (size_t i = 0; i < r->nheaders; i++) {
		if (get_s(&rd, &r->headers[i])) {
			*why = "truncated record";
			return -1;
		}
		/* A line the replay would split into two headers, or one with no name, is forged. */
		const tc_str *h = &r->headers[i];
		const char *colon = memchr(h->ptr, ':', h->len);
		if (!colon || colon == h->ptr || memchr(h->ptr, '\n', h->len) || memchr(h->ptr, '\r', h->len) ||
		    memchr(h->ptr, '\0', h->len)) {
			*why = "malformed header line";
			return -1;
		}
	}
	if (get_s(&rd, &r->body)) {
		*why = "truncated record";
		return -1;
	}
	if (rd.left != 0) {
		*why = "trailing bytes after the body";
		return -1;
	}
	if ((r->flags & TC_PAGE_FLAG_USER_MARKER) && (r->nheaders || r->body.len)) {
		*why = "user marker with a response";
		return -1;
	}
	return 0;
}
