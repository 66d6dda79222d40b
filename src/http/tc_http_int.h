/* Helpers shared by the request-building files of src/http/ (never by ext/): growing request
 * lists and regex quoting. The value checks ext/ shares are in tc_http.h. */
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
/* Deep copy; 0 or -1 (no memory, dst left empty). */
int tc_req_copy(tc_http_request *dst, const tc_http_request *src);
/* A key equal for identical requests only (method, target, host, headers): tc_malloc'ed. */
char *tc_req_key(const tc_http_request *r, size_t *len);
/* Frees the requests appended after the first `keep`, so a failed build leaves out as it was. */
void tc_request_list_truncate(tc_request_list *list, size_t keep);

/* Regex quoting for POSIX ERE and PCRE alike: a backslash before each metacharacter. */
size_t tc_regex_quoted_len(tc_str v);
char *tc_regex_quote_into(char *dst, tc_str v); /* returns the end of what it wrote */

#endif
