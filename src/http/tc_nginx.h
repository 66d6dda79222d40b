/* Requests for nginx's cache purge module (ngx_cache_purge): purges of single URLs, in the
 * method style ("PURGE /path") or the location style ("GET /purge/path"), and refreshes (a GET
 * the shipped configuration lets bypass the cached copy and store the new one). nginx has no
 * tags: its cache knows a page by its key only (integrations/nginx/README.md). */
#ifndef TC_NGINX_H
#define TC_NGINX_H

#include "tc_http.h"

typedef struct {
	const char *method;         /* purge method, default "PURGE"; unused with location */
	const char *location;       /* location style: "/purge" sends "GET /purge<path>"; NULL = method style */
	const char *refresh_header; /* refresh: this header with the value "1", default "X-Tagcache-Refresh" */
	const char *host;           /* Host header of every request, NULL = the URL's host or the proxy's address */
} tc_nginx_options;

/* Checks the options (method a token, location a path "/x" without query, blank or trailing
 * slash, refresh header a token, host plain). TC_ERR_ARG naming the option and the rule. */
tc_status tc_nginx_check_options(const tc_nginx_options *o, tc_err *err);

/* One purge (refresh = 0) or refresh (refresh = 1) of url, appended to out. url is a path
 * ("/a?b") or an absolute http:// or https:// URL whose host becomes the Host header (nginx
 * keys a page by host and path, not by scheme; the request itself goes over plain HTTP). A
 * purge request carries no header of its own, a refresh carries the refresh header: that is how
 * tc_nginx_is_refresh tells them apart. */
tc_status tc_nginx_url(const tc_nginx_options *o, tc_str url, int refresh, tc_request_list *out,
                       tc_err *err);

int tc_nginx_is_refresh(const tc_http_request *req);

#endif
