/* Helpers shared by the request-building files of src/http/ (never by ext/): growing request
 * lists, checking values before they reach a header, regex quoting. */
#ifndef TC_HTTP_INT_H
#define TC_HTTP_INT_H

#include <stddef.h>

#include "tc_http.h"

/* Appends *req to list, which takes ownership; on failure *req is freed. */
tc_status tc_req_push(tc_request_list *list, tc_http_request *req, tc_err *err);
/* Sets method, target and host (copies); NULL host = the proxy's address. 0 or -1 (no memory). */
int tc_req_init(
	tc_http_request *req, const char *method, const char *target, size_t tlen, const char *host);
/* Adds a header, copying name and value. 0 or -1 (no memory). */
int tc_req_add_header(tc_http_request *req, const char *name, const char *value, size_t vlen);
void tc_req_free(tc_http_request *req);
/* Frees the requests appended after the first `keep`, so a failed build leaves out as it was. */
void tc_request_list_truncate(tc_request_list *list, size_t keep);

/* Writes v printable-escaped and quoted ("a\r\nb"), cut near 80 bytes with "...". */
void tc_http_describe(tc_str v, char *buf, size_t size);
/* Header value rule, always: not empty (unless allow_empty), no CR, LF or NUL.
 * what names the value in the message ("tag", "header X-Foo"). */
tc_status tc_http_check_value(tc_str v, const char *what, int allow_empty, tc_err *err);
/* Header name rule (RFC 7230 token). */
tc_status tc_http_check_name(tc_str name, tc_err *err);
int tc_http_is_token(tc_str s);

/* Regex quoting for POSIX ERE and PCRE alike: a backslash before each metacharacter. */
size_t tc_regex_quoted_len(tc_str v);
char *tc_regex_quote_into(char *dst, tc_str v); /* returns the end of what it wrote */

#endif
