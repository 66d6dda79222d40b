/* Building nginx purge and refresh requests (tc_nginx.h): the URL handling of tc_purge_url,
 * https accepted, then the method and target nginx's purge module expects. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <string.h>
#include <strings.h>

#include "../tc_alloc.h"
#include "tc_http_int.h"
#include "tc_nginx.h"

#define NG_DEFAULT_METHOD  "PURGE"
#define NG_DEFAULT_REFRESH "X-Tagcache-Refresh"

static tc_status ng_nomem(tc_err *err)
{
	return tc_err_set(err, TC_ERR_NOMEM, "out of memory building purge requests");
}

tc_status tc_nginx_check_options(const tc_nginx_options *o, tc_err *err)
{
	char shown[96];
	if (o->method && !tc_http_is_token((tc_str){o->method, strlen(o->method)})) {
		tc_http_describe((tc_str){o->method, strlen(o->method)}, shown, sizeof(shown));
		return tc_err_set(err, TC_ERR_ARG,
			"purge method %s is not an HTTP method: one or more letters, digits or "
			"!#$%%&'*+-.^_`|~ (e.g. \"PURGE\")",
			shown);
	}
	if (o->refresh_header &&
		tc_http_check_name((tc_str){o->refresh_header, strlen(o->refresh_header)}, err) != TC_OK) {
		return TC_ERR_ARG;
	}
	if (o->location) {
		size_t n = strlen(o->location);
		int ok = n >= 2 && o->location[0] == '/' && o->location[n - 1] != '/';
		for (size_t i = 0; ok && i < n; i++) {
			unsigned char c = (unsigned char)o->location[i];
			ok = c > 0x20 && c < 0x7f && c != '?' && c != '#';
		}
		if (!ok) {
			tc_http_describe((tc_str){o->location, n}, shown, sizeof(shown));
			return tc_err_set(err, TC_ERR_ARG,
				"purge location %s must be a path such as \"/purge\": starting with \"/\", not "
				"ending with \"/\", without blanks, control characters, \"?\" or \"#\"",
				shown);
		}
	}
	if (o->host) {
		tc_str h = {o->host, strlen(o->host)};
		for (size_t i = 0; i <= h.len; i++) {
			unsigned char c = i < h.len ? (unsigned char)h.ptr[i] : 'x';
			if (h.len == 0 || c <= 0x20 || c == 0x7f || c == '/') {
				tc_http_describe(h, shown, sizeof(shown));
				return tc_err_set(err, TC_ERR_ARG,
					"host %s is not a Host header: a host name with an optional port, without "
					"blanks, control characters or \"/\"",
					shown);
			}
		}
	}
	return TC_OK;
}

int tc_nginx_is_refresh(const tc_http_request *req)
{
	return req->nheaders > 0;
}

/* Replaces a request string (method or target) with a copy of s. */
static int ng_set(char **slot, const char *a, const char *b)
{
	size_t na = strlen(a), nb = b ? strlen(b) : 0;
	char *s = tc_malloc(na + nb + 1);
	if (!s) {
		return -1;
	}
	memcpy(s, a, na);
	if (b) {
		memcpy(s + na, b, nb);
	}
	s[na + nb] = '\0';
	tc_free(*slot);
	*slot = s;
	return 0;
}

tc_status tc_nginx_url(const tc_nginx_options *o, tc_str url, int refresh, tc_request_list *out,
                       tc_err *err)
{
	if (tc_nginx_check_options(o, err) != TC_OK) {
		return TC_ERR_ARG;
	}
	/* nginx keys pages by host and path: an https page is purged like its http twin. */
	char *copy = NULL;
	if (url.len > 8 && strncasecmp(url.ptr, "https://", 8) == 0) {
		copy = tc_malloc(url.len);
		if (!copy) {
			return ng_nomem(err);
		}
		memcpy(copy, "http", 4);
		memcpy(copy + 4, url.ptr + 5, url.len - 5);
		url = (tc_str){copy, url.len - 1};
	}
	tc_purge_options po;
	memset(&po, 0, sizeof(po));
	po.host = o->host;
	tc_request_list one;
	tc_request_list_init(&one);
	tc_status st = tc_purge_url(&po, url, refresh, &one, err);
	tc_free(copy);
	if (st != TC_OK) {
		tc_request_list_free(&one);
		return st;
	}
	tc_http_request *req = &one.items[0];
	int failed;
	if (refresh) {
		/* tc_purge_url's refresh carries Cache-Control: no-cache, which nginx ignores; the
		 * shipped configuration bypasses its cache on the refresh header instead. */
		const char *name = o->refresh_header ? o->refresh_header : NG_DEFAULT_REFRESH;
		failed = req->nheaders != 1 || ng_set(&req->headers[0].name, name, NULL) != 0 ||
				 ng_set(&req->headers[0].value, "1", NULL) != 0;
	} else if (o->location) {
		failed = ng_set(&req->method, "GET", NULL) != 0 ||
				 ng_set(&req->target, o->location, req->target) != 0;
	} else {
		failed = ng_set(&req->method, o->method ? o->method : NG_DEFAULT_METHOD, NULL) != 0;
	}
	if (failed) {
		tc_request_list_free(&one);
		return ng_nomem(err);
	}
	st = tc_req_push(out, req, err);
	tc_request_list_free(&one);
	return st;
}
