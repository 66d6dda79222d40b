/* Canonical request encoding and query normalisation for the page cache (see tc_page_key.h). */
#include "tc_page_key.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tc_page_buf_free(tc_page_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void tc_page_buf_append(tc_page_buf *b, const char *p, size_t n)
{
	if (b->oom || n == 0) {
		return;
	}
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->len + n) {
			cap *= 2;
		}
		char *d = realloc(b->data, cap);
		if (!d) {
			b->oom = 1;
			return;
		}
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

void tc_page_buf_field(tc_page_buf *b, const char *p, size_t n)
{
	char num[24];
	int k = snprintf(num, sizeof(num), "%zu:", n);
	tc_page_buf_append(b, num, (size_t)k);
	tc_page_buf_append(b, p, n);
}

int tc_page_glob(const char *pat, size_t plen, const char *name, size_t nlen)
{
	size_t p = 0, s = 0, star = (size_t)-1, mark = 0;
	/* Greedy match with one backtrack point: the last '*' seen. */
	while (s < nlen) {
		if (p < plen && (pat[p] == '?' || (pat[p] != '*' && pat[p] == name[s]))) {
			p++;
			s++;
		} else if (p < plen && pat[p] == '*') {
			star = p++;
			mark = s;
		} else if (star != (size_t)-1) {
			p = star + 1;
			s = ++mark;
		} else {
			return 0;
		}
	}
	while (p < plen && pat[p] == '*') {
		p++;
	}
	return p == plen;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

/* The decoded name of a pair ('+' is a space, %XX a byte), so utm%5Fsource is ignored as
 * utm_source is and a%62=1 sorts as b=1 does. */
static size_t decode_name(const char *p, size_t n, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '+') {
			out[o++] = ' ';
		} else if (p[i] == '%' && i + 2 < n && hexval(p[i + 1]) >= 0 && hexval(p[i + 2]) >= 0) {
			out[o++] = (char)(hexval(p[i + 1]) * 16 + hexval(p[i + 2]));
			i += 2;
		} else {
			out[o++] = p[i];
		}
	}
	return o;
}

typedef struct {
	const char *pair;
	size_t len;
	char *name; /* decoded, malloc'ed */
	size_t nlen;
	size_t index;
} qpair;

static int qpair_cmp(const void *a, const void *b)
{
	const qpair *x = a, *y = b;
	size_t m = x->nlen < y->nlen ? x->nlen : y->nlen;
	int c = memcmp(x->name, y->name, m);
	if (c) {
		return c;
	}
	if (x->nlen != y->nlen) {
		return x->nlen < y->nlen ? -1 : 1;
	}
	return x->index < y->index ? -1 : (x->index > y->index);
}

int tc_page_normalise_query(const char *q, size_t n, const tc_str *ignored, size_t nignored,
                            tc_page_buf *out)
{
	size_t count = 1;
	for (size_t i = 0; i < n; i++) {
		count += q[i] == '&';
	}
	qpair *pairs = calloc(count, sizeof(qpair));
	if (!pairs) {
		return -1;
	}
	size_t kept = 0, start = 0;
	int rc = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && q[i] != '&') {
			continue;
		}
		const char *pair = q + start;
		size_t len = i - start;
		start = i + 1;
		if (len == 0) {
			continue;
		}
		const char *eq = memchr(pair, '=', len);
		size_t raw_name = eq ? (size_t)(eq - pair) : len;
		char *name = malloc(raw_name + 1);
		if (!name) {
			rc = -1;
			break;
		}
		size_t nlen = decode_name(pair, raw_name, name);
		int drop = 0;
		for (size_t g = 0; g < nignored && !drop; g++) {
			drop = tc_page_glob(ignored[g].ptr, ignored[g].len, name, nlen);
		}
		if (drop) {
			free(name);
			continue;
		}
		pairs[kept] = (qpair){pair, len, name, nlen, kept};
		kept++;
	}
	if (rc == 0) {
		qsort(pairs, kept, sizeof(qpair), qpair_cmp);
		for (size_t i = 0; i < kept; i++) {
			if (i) {
				tc_page_buf_append(out, "&", 1);
			}
			tc_page_buf_append(out, pairs[i].pair, pairs[i].len);
		}
		rc = out->oom ? -1 : 0;
	}
	for (size_t i = 0; i < kept; i++) {
		free(pairs[i].name);
	}
	free(pairs);
	return rc;
}
