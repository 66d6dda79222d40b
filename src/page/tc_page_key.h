/* The page cache's request key, plain C: a canonical byte encoding of the request's fields in
 * which every field is length-prefixed (so no two different requests encode alike by moving
 * bytes between fields), and the normalisation of query strings and form bodies (pairs in a
 * stable sorted order, ignored parameters dropped by glob). ext/page hashes the encoding. */
#ifndef TC_PAGE_KEY_H
#define TC_PAGE_KEY_H

#include <stddef.h>

#include "../tc_types.h"

/* A growable byte buffer on malloc; oom set (and further appends ignored) when memory ran out. */
typedef struct {
	char *data;
	size_t len, cap;
	int oom;
} tc_page_buf;

void tc_page_buf_free(tc_page_buf *b);
void tc_page_buf_append(tc_page_buf *b, const char *p, size_t n);
/* Appends "<decimal length>:" then the bytes. */
void tc_page_buf_field(tc_page_buf *b, const char *p, size_t n);

/* 1 when name matches pattern: "*" any run of bytes, "?" one byte, all else literal. */
int tc_page_glob(const char *pattern, size_t plen, const char *name, size_t nlen);

/* Normalises an application/x-www-form-urlencoded string (a query or a form body) into out:
 * empty pairs dropped, pairs whose decoded name matches one of the ignored globs dropped, the
 * rest sorted by decoded name, pairs of the same name kept in their order (a[]=1&a[]=2 differs
 * from a[]=2&a[]=1), joined with '&'. Returns 0, or -1 when out of memory. */
int tc_page_normalise_query(const char *q, size_t n, const tc_str *ignored, size_t nignored,
                            tc_page_buf *out);

#endif
