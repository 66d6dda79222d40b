/* The ESI parser: a page becomes text runs and includes; malformed markup is an error naming
 * the byte offset. Runs of text are not copied; include attributes are decoded copies. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tc_esi.h"
#include "../tc_alloc.h"

typedef struct {
	const char *buf; /* the whole buffer: offsets are counted from here */
	tc_esi_doc *doc;
	tc_esi_err *e;
} parser;

static inline int starts_n(const char *p, const char *end, const char *lit, size_t n)
{
	return (size_t)(end - p) >= n && memcmp(p, lit, n) == 0;
}
/* lit is a string literal: its length is known at compile time. */
#define starts(p, end, lit) starts_n((p), (end), (lit), sizeof(lit) - 1)

/* The next markup at or after p: "<esi:", "</esi:" or "<!--esi". ':' and '!' are rare in HTML,
 * so two memchr() scans (wide, vectorised) find candidates and few of them need a look; the
 * first match of each kind is kept in *cache, as later calls start further on. */
typedef struct {
	const char *colon, *bang; /* last candidates found (NULL: none left), valid when >= p */
	int colon_done, bang_done;
} scan_cache;

static const char *next_colon(const char *p, const char *s, const char *end)
{
	while (s < end && (s = memchr(s, ':', (size_t)(end - s))) != NULL) {
		if (s - p >= 4 && memcmp(s - 4, "<esi", 4) == 0) {
			return s - 4;
		}
		if (s - p >= 5 && memcmp(s - 5, "</esi", 5) == 0) {
			return s - 5;
		}
		s++;
	}
	return NULL;
}

static const char *next_bang(const char *p, const char *s, const char *end)
{
	while (s < end && (s = memchr(s, '!', (size_t)(end - s))) != NULL) {
		if (s - p >= 1 && s[-1] == '<' && end - s >= 6 && memcmp(s + 1, "--esi", 5) == 0) {
			return s - 1;
		}
		s++;
	}
	return NULL;
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#include <stdint.h>
#define TC_ESI_AVX2 1

/* The first ':' or '!' in [s, end): one pass over the bytes instead of two memchr(). */
__attribute__((target("avx2"))) static const char *colon_or_bang(const char *s, const char *end)
{
	const __m256i c = _mm256_set1_epi8(':'), b = _mm256_set1_epi8('!');
	const char *start = s;
	while (end - s >= 64) {
		__m256i v0 = _mm256_loadu_si256((const __m256i *)(const void *)s);
		__m256i v1 = _mm256_loadu_si256((const __m256i *)(const void *)(s + 32));
		__m256i m0 = _mm256_or_si256(_mm256_cmpeq_epi8(v0, c), _mm256_cmpeq_epi8(v0, b));
		__m256i m1 = _mm256_or_si256(_mm256_cmpeq_epi8(v1, c), _mm256_cmpeq_epi8(v1, b));
		__m256i any = _mm256_or_si256(m0, m1);
		if (!_mm256_testz_si256(any, any)) {
			uint32_t k0 = (uint32_t)_mm256_movemask_epi8(m0);
			if (k0 != 0) {
				return s + __builtin_ctz(k0);
			}
			return s + 32 + __builtin_ctz((uint32_t)_mm256_movemask_epi8(m1));
		}
		s += 64;
	}
	while (end - s >= 32 || (s < end && end - start >= 32)) {
		/* The last bytes: a load ending at end, overlapping bytes already found clean. */
		const char *at = end - s >= 32 ? s : end - 32;
		__m256i v = _mm256_loadu_si256((const __m256i *)(const void *)at);
		uint32_t k = (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(_mm256_cmpeq_epi8(v, c), _mm256_cmpeq_epi8(v, b)));
		if (k != 0) {
			return at + __builtin_ctz(k);
		}
		s = at + 32;
	}
	for (; s < end; s++) {
		if (*s == ':' || *s == '!') {
			return s;
		}
	}
	return NULL;
}

static int have_avx2(void)
{
	static int known = -1; /* every thread computes the same value; atomic, so no data race */
	int k = __atomic_load_n(&known, __ATOMIC_RELAXED);
	if (k < 0) {
		__builtin_cpu_init();
		k = __builtin_cpu_supports("avx2") ? 1 : 0;
		__atomic_store_n(&known, k, __ATOMIC_RELAXED);
	}
	return k;
}

/* next_markup() in one pass: each ':' or '!' found is checked at once. */
static const char *markup_from(const char *p, const char *from, const char *end, int *is_comment)
{
	for (const char *s = from; (s = colon_or_bang(s, end)) != NULL; s++) {
		if (*s == ':') {
			if (s - p >= 4 && memcmp(s - 4, "<esi", 4) == 0) {
				*is_comment = 0;
				return s - 4;
			}
			if (s - p >= 5 && memcmp(s - 5, "</esi", 5) == 0) {
				*is_comment = 0;
				return s - 5;
			}
		} else if (s - p >= 1 && s[-1] == '<' && end - s >= 6 && memcmp(s + 1, "--esi", 5) == 0) {
			*is_comment = 1;
			return s - 1;
		}
	}
	*is_comment = 0;
	return NULL;
}

static const char *next_markup_avx2(const char *p, const char *end, int *is_comment)
{
	return markup_from(p, p, end, is_comment);
}

/* tc_esi_copy_plain() reading each byte once: copied and checked in the same pass. */
__attribute__((target("avx2"))) static int copy_plain_avx2(char *dst, const char *src, size_t len)
{
	const __m256i c = _mm256_set1_epi8(':'), b = _mm256_set1_epi8('!');
	const char *s = src, *end = src + len;
	char *d = dst;
	while (end - s >= 64) {
		__m256i v0 = _mm256_loadu_si256((const __m256i *)(const void *)s);
		__m256i v1 = _mm256_loadu_si256((const __m256i *)(const void *)(s + 32));
		_mm256_storeu_si256((__m256i *)(void *)d, v0);
		_mm256_storeu_si256((__m256i *)(void *)(d + 32), v1);
		__m256i m0 = _mm256_or_si256(_mm256_cmpeq_epi8(v0, c), _mm256_cmpeq_epi8(v0, b));
		__m256i m1 = _mm256_or_si256(_mm256_cmpeq_epi8(v1, c), _mm256_cmpeq_epi8(v1, b));
		__m256i any = _mm256_or_si256(m0, m1);
		if (!_mm256_testz_si256(any, any)) {
			break; /* a candidate: the rest is checked the ordinary way */
		}
		s += 64;
		d += 64;
	}
	int cm;
	if (markup_from(src, s, end, &cm) != NULL) {
		return 0;
	}
	memcpy(d, s, (size_t)(end - s));
	return 1;
}
#endif

static const char *next_markup(const char *p, const char *end, int *is_comment, scan_cache *c)
{
#ifdef TC_ESI_AVX2
	if (have_avx2()) {
		return next_markup_avx2(p, end, is_comment);
	}
#endif
	if (!c->colon_done && (c->colon == NULL || c->colon < p)) {
		c->colon = next_colon(p, p, end);
		c->colon_done = c->colon == NULL;
	}
	if (!c->bang_done && (c->bang == NULL || c->bang < p)) {
		c->bang = next_bang(p, p, end);
		c->bang_done = c->bang == NULL;
	}
	const char *a = c->colon_done ? NULL : c->colon, *b = c->bang_done ? NULL : c->bang;
	if (a != NULL && (b == NULL || a < b)) {
		*is_comment = 0;
		return a;
	}
	*is_comment = b != NULL;
	return b;
}

static tc_status fail(parser *ps, const char *at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static tc_status fail(parser *ps, const char *at, const char *fmt, ...)
{
	ps->e->offset = (size_t)(at - ps->buf);
	char what[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return tc_err_set(&ps->e->err, TC_ERR_ARG, "at offset %zu: %s", ps->e->offset, what);
}

static tc_status push(parser *ps, tc_esi_seg *seg)
{
	tc_esi_doc *d = ps->doc;
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 32;
		tc_esi_seg *s = tc_realloc(d->segs, cap * sizeof *s);
		if (s == NULL) {
			return tc_err_set(&ps->e->err, TC_ERR_NOMEM, "out of memory parsing ESI markup");
		}
		d->segs = s;
		d->cap = cap;
	}
	d->segs[d->n++] = *seg;
	return TC_OK;
}

static tc_status text(parser *ps, const char *from, const char *to)
{
	if (from == to) {
		return TC_OK;
	}
	tc_esi_seg s = {.kind = TC_ESI_TEXT, .offset = (size_t)(from - ps->buf), .text = from, .len = (size_t)(to - from)};
	return push(ps, &s);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int is_name(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == ':';
}

/* A printable rendering of one byte for messages. */
static const char *show(char c, char out[8])
{
	unsigned char u = (unsigned char)c;
	if (u > 0x20 && u < 0x7f && c != '\'') {
		snprintf(out, 8, "'%c'", c);
	} else {
		snprintf(out, 8, "\\x%02x", u);
	}
	return out;
}

/* Decodes XML entities (&amp; &lt; &gt; &quot; &apos; &#N; &#xN;) into doc->strs (NUL-terminated);
 * any other '&' is kept, as proxies keep raw '&' in URLs. -1 when out of memory, else 0 with
 * *at and *out_len set. */
static int decode(tc_esi_doc *doc, const char *v, size_t n, size_t *at, size_t *out_len)
{
	if (doc->strs_cap - doc->strs_len < n + 1) {
		size_t cap = doc->strs_cap ? doc->strs_cap : 256;
		while (cap - doc->strs_len < n + 1) {
			cap *= 2;
		}
		char *strs = tc_realloc(doc->strs, cap);
		if (strs == NULL) {
			return -1;
		}
		doc->strs = strs;
		doc->strs_cap = cap;
	}
	char *out = doc->strs + doc->strs_len;
	size_t o = 0;
	const char *amp = memchr(v, '&', n);
	if (amp == NULL) {
		memcpy(out, v, n);
		o = n;
	}
	for (size_t i = 0; amp != NULL && i < n;) {
		if (v[i] == '&') {
			static const struct { const char *name; char c; } ents[] = {
				{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
			int done = 0;
			for (size_t k = 0; k < sizeof ents / sizeof ents[0]; k++) {
				size_t l = strlen(ents[k].name);
				if (n - i >= l && memcmp(v + i, ents[k].name, l) == 0) {
					out[o++] = ents[k].c;
					i += l;
					done = 1;
					break;
				}
			}
			if (!done && n - i >= 4 && v[i + 1] == '#') {
				size_t j = i + 2;
				int hex = j < n && (v[j] == 'x' || v[j] == 'X');
				j += (size_t)hex;
				unsigned long cp = 0;
				size_t digits = 0;
				while (j < n && digits < 6) {
					char c = v[j];
					int d = c >= '0' && c <= '9' ? c - '0'
						: hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
						: hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
					if (d < 0) {
						break;
					}
					cp = cp * (hex ? 16 : 10) + (unsigned long)d;
					j++;
					digits++;
				}
				/* Only single-byte code points: URLs are ASCII. */
				if (digits > 0 && j < n && v[j] == ';' && cp > 0 && cp < 0x80) {
					out[o++] = (char)cp;
					i = j + 1;
					done = 1;
				}
			}
			if (done) {
				continue;
			}
		}
		out[o++] = v[i++];
	}
	out[o] = '\0';
	*at = doc->strs_len;
	*out_len = o;
	doc->strs_len += o + 1;
	return 0;
}

/* Parses the attributes of a self-closing element whose name ended at *pp; on success *pp is
 * just past "/>". For <esi:include> the segment receives src, alt and onerror. */
static tc_status attributes(parser *ps, const char *tag, const char *name, const char **pp, const char *end, tc_esi_seg *inc)
{
	const char *p = *pp;
	int is_include = inc != NULL;
	int seen_src = 0, seen_alt = 0, seen_onerror = 0;
	for (;;) {
		while (p < end && is_space(*p)) {
			p++;
		}
		if (p >= end) {
			return fail(ps, tag, "unterminated <esi:%s> tag (no closing />)", name);
		}
		if (starts(p, end, "/>")) {
			*pp = p + 2;
			break;
		}
		if (*p == '>') {
			return fail(ps, p, "<esi:%s> must be self-closing (/>), found '>'", name);
		}
		const char *an = p;
		while (p < end && is_name(*p)) {
			p++;
		}
		if (p == an) {
			char c[8];
			return fail(ps, p, "unexpected character %s in <esi:%s> tag", show(*p, c), name);
		}
		char aname[64];
		size_t al = (size_t)(p - an) < sizeof aname - 1 ? (size_t)(p - an) : sizeof aname - 1;
		memcpy(aname, an, al);
		aname[al] = '\0';
		while (p < end && is_space(*p)) {
			p++;
		}
		if (p >= end || *p != '=') {
			return fail(ps, an, "attribute %s without a value (expected =\"...\")", aname);
		}
		p++;
		while (p < end && is_space(*p)) {
			p++;
		}
		if (p >= end || (*p != '"' && *p != '\'')) {
			return fail(ps, p < end ? p : end, "value of attribute %s must be quoted", aname);
		}
		char q = *p++;
		const char *v = p;
		const char *ve = memchr(p, q, (size_t)(end - p));
		if (ve == NULL) {
			return fail(ps, v - 1, "unterminated value of attribute %s (no closing quote)", aname);
		}
		if ((size_t)(ve - v) > TC_ESI_MAX_ATTR) {
			return fail(ps, v, "value of attribute %s is longer than 8192 bytes", aname);
		}
		p = ve + 1;
		if (!is_include) {
			continue; /* esi:comment: any attribute (text="..."), ignored */
		}
		if (strcmp(aname, "src") == 0 || strcmp(aname, "alt") == 0) {
			int *seen = aname[0] == 's' ? &seen_src : &seen_alt;
			if (*seen) {
				return fail(ps, an, "duplicate attribute %s in <esi:include>", aname);
			}
			*seen = 1;
			if (ve == v) {
				return fail(ps, v, "empty %s in <esi:include>", aname);
			}
			size_t at, n;
			if (decode(ps->doc, v, (size_t)(ve - v), &at, &n) != 0) {
				return tc_err_set(&ps->e->err, TC_ERR_NOMEM, "out of memory parsing ESI markup");
			}
			if (aname[0] == 's') {
				inc->src_at = at;
				inc->src_len = n;
			} else {
				inc->alt_at = at;
				inc->alt_len = n;
			}
		} else if (strcmp(aname, "onerror") == 0) {
			if (seen_onerror) {
				return fail(ps, an, "duplicate attribute %s in <esi:include>", aname);
			}
			seen_onerror = 1;
			if ((size_t)(ve - v) != 8 || memcmp(v, "continue", 8) != 0) {
				return fail(ps, v, "onerror of <esi:include> must be \"continue\"");
			}
			inc->continue_on_error = 1;
		} else {
			return fail(ps, an, "unknown attribute %s of <esi:include> (src, alt, onerror)", aname);
		}
	}
	if (is_include && !seen_src) {
		return fail(ps, tag, "<esi:include> without src");
	}
	return TC_OK;
}

/* One element starting at p ("<esi:" or "</esi:"); *next receives where text resumes. */
static tc_status element(parser *ps, const char *p, const char *end, const char **next)
{
	int closing = p[1] == '/';
	const char *n = p + (closing ? 6 : 5);
	const char *ne = n;
	while (ne < end && ((*ne >= 'a' && *ne <= 'z') || (*ne >= 'A' && *ne <= 'Z'))) {
		ne++;
	}
	char name[32];
	size_t nl = (size_t)(ne - n) < sizeof name - 1 ? (size_t)(ne - n) : sizeof name - 1;
	memcpy(name, n, nl);
	name[nl] = '\0';
	if (nl == 0) {
		return fail(ps, p, "missing element name after %s", closing ? "</esi:" : "<esi:");
	}
	if (closing) {
		if (strcmp(name, "remove") == 0) {
			return fail(ps, p, "</esi:remove> without an opening <esi:remove>");
		}
		return fail(ps, p, "unexpected closing tag </esi:%s>", name);
	}
	if (strcmp(name, "remove") == 0) {
		const char *q = ne;
		while (q < end && is_space(*q)) {
			q++;
		}
		if (starts(q, end, "/>")) {
			*next = q + 2;
			return TC_OK;
		}
		if (q >= end || *q != '>') {
			return fail(ps, p, "malformed <esi:remove> tag (takes no attributes)");
		}
		q++;
		static const char close[] = "</esi:remove>";
		const char *c = NULL;
		for (const char *s = q; (s = memchr(s, '<', (size_t)(end - s))) != NULL; s++) {
			if (starts(s, end, close)) {
				c = s;
				break;
			}
		}
		if (c == NULL) {
			return fail(ps, p, "unterminated <esi:remove> (no </esi:remove>)");
		}
		*next = c + sizeof close - 1;
		return TC_OK;
	}
	if (strcmp(name, "include") == 0) {
		tc_esi_seg s = {.kind = TC_ESI_INCLUDE, .offset = (size_t)(p - ps->buf)};
		const char *q = ne;
		tc_status st = attributes(ps, p, name, &q, end, &s);
		if (st == TC_OK) {
			st = push(ps, &s);
		}
		if (st != TC_OK) {
			return st;
		}
		ps->doc->includes++;
		*next = q;
		return TC_OK;
	}
	if (strcmp(name, "comment") == 0) {
		const char *q = ne;
		tc_status st = attributes(ps, p, name, &q, end, NULL);
		*next = q;
		return st;
	}
	return fail(ps, p, "unsupported element <esi:%s> (include, remove, comment)", name);
}

static tc_status range(parser *ps, const char *p, const char *end, int inside_comment)
{
	const char *run = p;
	scan_cache cache = {0};
	while (p < end) {
		int cm;
		const char *lt = next_markup(p, end, &cm, &cache);
		if (lt == NULL) {
			break;
		}
		int el = !cm;
		tc_status st = text(ps, run, lt);
		if (st != TC_OK) {
			return st;
		}
		if (el) {
			st = element(ps, lt, end, &p);
		} else if (inside_comment) {
			st = fail(ps, lt, "<!--esi inside <!--esi (the first --> ends both)");
		} else {
			const char *in = lt + 7, *c = NULL;
			for (const char *s = in; (s = memchr(s, '-', (size_t)(end - s))) != NULL; s++) {
				if (starts(s, end, "-->")) {
					c = s;
					break;
				}
			}
			if (c == NULL) {
				st = fail(ps, lt, "unterminated <!--esi (no -->)");
			} else {
				st = range(ps, in, c, 1);
				p = c + 3;
			}
		}
		if (st != TC_OK) {
			return st;
		}
		run = p;
	}
	return text(ps, run, end);
}

tc_status tc_esi_parse(const char *buf, size_t len, tc_esi_doc *doc, tc_esi_err *e)
{
	memset(doc, 0, sizeof *doc);
	tc_err_clear(&e->err);
	e->offset = 0;
	parser ps = {.buf = buf, .doc = doc, .e = e};
	tc_status st = range(&ps, buf, buf + len, 0);
	if (st != TC_OK) {
		tc_esi_doc_free(doc);
		return st;
	}
	/* The strings are all in place now: point the includes at them. */
	for (size_t i = 0; i < doc->n; i++) {
		tc_esi_seg *s = &doc->segs[i];
		if (s->kind == TC_ESI_INCLUDE) {
			s->src = doc->strs + s->src_at;
			s->alt = s->alt_len > 0 ? doc->strs + s->alt_at : NULL;
		}
	}
	return st;
}

void tc_esi_doc_free(tc_esi_doc *doc)
{
	tc_free(doc->segs);
	tc_free(doc->strs);
	memset(doc, 0, sizeof *doc);
}

int tc_esi_has_markup(const char *buf, size_t len)
{
	int cm;
	scan_cache cache = {0};
	return next_markup(buf, buf + len, &cm, &cache) != NULL;
}

int tc_esi_copy_plain(char *dst, const char *src, size_t len)
{
#ifdef TC_ESI_AVX2
	if (have_avx2()) {
		return copy_plain_avx2(dst, src, len);
	}
#endif
	if (tc_esi_has_markup(src, len)) {
		return 0;
	}
	memcpy(dst, src, len);
	return 1;
}
