/* NginxClient: purges and refreshes pages on nginx proxies with the cache purge module, all
 * proxies at once through the sender VarnishClient uses. nginx has no tags: invalidateTags()
 * refuses and says what to do instead (integrations/nginx/README.md). */
#include "http.h"
#include "varnish_obj.h"
#include "exceptions.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"
#include "http/tc_http.h"
#include "http/tc_nginx.h"
#include "tc_alloc.h"

typedef struct {
	tc_proxy *proxies;
	zend_string **proxy_names; /* "host:port" for messages; proxies[i].host points into hosts[i] */
	char **hosts;
	size_t nproxies;
	tc_nginx_options opts; /* strings point into the zend_strings below */
	zend_string *method, *location, *refresh_header, *host;
	tc_send_options send;
	tc_request_list queue;
	zend_object std;
} nginx_obj;

static zend_object_handlers nginx_handlers;

static inline nginx_obj *nginx_from(zend_object *obj)
{
	return (nginx_obj *)((char *)obj - XtOffsetOf(nginx_obj, std));
}

static zend_object *nginx_create(zend_class_entry *ce)
{
	nginx_obj *n = zend_object_alloc(sizeof(nginx_obj), ce);
	zend_object_std_init(&n->std, ce);
	object_properties_init(&n->std, ce);
	n->std.handlers = &nginx_handlers;
	tc_request_list_init(&n->queue);
	n->send.connect_timeout_ms = 1000;
	n->send.total_timeout_ms = 5000;
	n->send.max_connections = 64;
	return &n->std;
}

static void release(zend_string **s)
{
	if (*s) {
		zend_string_release(*s);
		*s = NULL;
	}
}

static void nginx_free(zend_object *obj)
{
	nginx_obj *n = nginx_from(obj);
	for (size_t i = 0; i < n->nproxies; i++) {
		efree(n->hosts[i]);
		zend_string_release(n->proxy_names[i]);
	}
	if (n->proxies) {
		efree(n->proxies);
		efree(n->hosts);
		efree(n->proxy_names);
	}
	release(&n->method);
	release(&n->location);
	release(&n->refresh_header);
	release(&n->host);
	tc_request_list_free(&n->queue);
	zend_object_std_dtor(obj);
}

void tagcache_http_nginx_init(zend_class_entry *ce)
{
	ce->create_object = nginx_create;
	memcpy(&nginx_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	nginx_handlers.offset = XtOffsetOf(nginx_obj, std);
	nginx_handlers.free_obj = nginx_free;
	nginx_handlers.clone_obj = NULL; /* a clone would share the queue */
}

/* "host:port", "[v6]:port" or "http://host:port[/]"; port defaults to 80. */
static bool parse_proxy(nginx_obj *n, zval *spec)
{
	if (Z_TYPE_P(spec) != IS_STRING) {
		tagcache_throw(tagcache_invalid_argument_ce, "NginxClient proxy must be a string \"host:port\", got %s", zend_zval_type_name(spec));
		return false;
	}
	const char *s = Z_STRVAL_P(spec), *end = s + Z_STRLEN_P(spec);
	if (Z_STRLEN_P(spec) >= 7 && !strncasecmp(s, "http://", 7)) {
		s += 7;
	}
	if (end > s && end[-1] == '/') {
		end--;
	}
	const char *host = s, *host_end, *port_s = NULL;
	if (*s == '[') {
		host = s + 1;
		host_end = memchr(host, ']', end - host);
		if (!host_end || (host_end + 1 < end && host_end[1] != ':')) {
			goto bad;
		}
		port_s = host_end + 1 < end ? host_end + 2 : NULL;
	} else {
		host_end = memchr(s, ':', end - s);
		port_s = host_end ? host_end + 1 : NULL;
		host_end = host_end ? host_end : end;
	}
	if (host_end == host) {
		goto bad;
	}
	for (const char *p = host; p < host_end; p++) {
		if (!(isalnum((unsigned char)*p) || *p == '.' || *p == '-' || *p == ':' || *p == '_')) {
			goto bad;
		}
	}
	zend_long port = 80;
	if (port_s) {
		char *stop;
		port = ZEND_STRTOL(port_s, &stop, 10);
		if (port_s == end || stop != end || port < 1 || port > 65535) {
			goto bad;
		}
	}
	size_t i = n->nproxies;
	n->hosts[i] = estrndup(host, host_end - host);
	n->proxies[i].host = n->hosts[i];
	n->proxies[i].port = (unsigned)port;
	n->proxy_names[i] = strchr(n->hosts[i], ':') ? zend_strpprintf(0, "[%s]:" ZEND_LONG_FMT, n->hosts[i], port)
	                                                : zend_strpprintf(0, "%s:" ZEND_LONG_FMT, n->hosts[i], port);
	n->nproxies++;
	return true;
bad:;
	char shown[96];
	tc_http_describe((tc_str){Z_STRVAL_P(spec), Z_STRLEN_P(spec)}, shown, sizeof(shown));
	tagcache_throw(tagcache_invalid_argument_ce,
	               "NginxClient proxy %s is not \"host:port\", \"[ipv6]:port\" or \"http://host:port\" with a port from 1 to 65535",
	               shown);
	return false;
}

static bool seconds_to_ms(zval *val, const char *name, unsigned *out)
{
	double sec = Z_TYPE_P(val) == IS_LONG ? (double)Z_LVAL_P(val) : Z_TYPE_P(val) == IS_DOUBLE ? Z_DVAL_P(val) : -1;
	if (!(sec > 0 && sec <= 600)) {
		tagcache_throw(tagcache_invalid_argument_ce, "NginxClient option \"%s\" must be a number of seconds > 0 and <= 600, got %s",
		               name, Z_TYPE_P(val) == IS_LONG || Z_TYPE_P(val) == IS_DOUBLE ? "a number out of range" : zend_zval_type_name(val));
		return false;
	}
	*out = MAX(1, (unsigned)(sec * 1000 + 0.5));
	return true;
}

/* A string option; null leaves the default (purgeLocation: the method style). */
static bool string_option(zval *val, const char *name, zend_string **slot)
{
	if (Z_TYPE_P(val) == IS_NULL) {
		release(slot);
		return true;
	}
	if (Z_TYPE_P(val) != IS_STRING || memchr(Z_STRVAL_P(val), '\0', Z_STRLEN_P(val))) {
		tagcache_throw(tagcache_invalid_argument_ce, "NginxClient option \"%s\" must be a string without NUL bytes, got %s", name,
		               Z_TYPE_P(val) == IS_STRING ? "one with a NUL byte" : zend_zval_type_name(val));
		return false;
	}
	release(slot);
	*slot = zend_string_copy(Z_STR_P(val));
	return true;
}

static bool parse_options(nginx_obj *n, HashTable *options)
{
	zend_string *key;
	zval *val;
	ZEND_HASH_FOREACH_STR_KEY_VAL(options, key, val) {
		ZVAL_DEREF(val);
		bool ok;
		if (!key) {
			goto unknown;
		} else if (zend_string_equals_literal(key, "purgeMethod")) {
			ok = string_option(val, "purgeMethod", &n->method);
		} else if (zend_string_equals_literal(key, "purgeLocation")) {
			ok = string_option(val, "purgeLocation", &n->location);
		} else if (zend_string_equals_literal(key, "refreshHeader")) {
			ok = string_option(val, "refreshHeader", &n->refresh_header);
		} else if (zend_string_equals_literal(key, "host")) {
			ok = string_option(val, "host", &n->host);
		} else if (zend_string_equals_literal(key, "connectTimeout")) {
			ok = seconds_to_ms(val, "connectTimeout", &n->send.connect_timeout_ms);
		} else if (zend_string_equals_literal(key, "timeout")) {
			ok = seconds_to_ms(val, "timeout", &n->send.total_timeout_ms);
		} else if (zend_string_equals_literal(key, "maxConnections")) {
			ok = Z_TYPE_P(val) == IS_LONG && Z_LVAL_P(val) >= 1 && Z_LVAL_P(val) <= 4096;
			if (ok) {
				n->send.max_connections = (unsigned)Z_LVAL_P(val);
			} else {
				tagcache_throw(tagcache_invalid_argument_ce, "NginxClient option \"maxConnections\" must be an integer from 1 to 4096, got %s",
				               Z_TYPE_P(val) == IS_LONG ? "one out of range" : zend_zval_type_name(val));
			}
		} else {
			goto unknown;
		}
		if (!ok) {
			return false;
		}
	} ZEND_HASH_FOREACH_END();
	n->opts.method = n->method ? ZSTR_VAL(n->method) : NULL;
	n->opts.location = n->location ? ZSTR_VAL(n->location) : NULL;
	n->opts.refresh_header = n->refresh_header ? ZSTR_VAL(n->refresh_header) : NULL;
	n->opts.host = n->host ? ZSTR_VAL(n->host) : NULL;
	tc_err err;
	tc_err_clear(&err);
	if (tc_nginx_check_options(&n->opts, &err) != TC_OK) {
		tagcache_throw(tagcache_invalid_argument_ce, "NginxClient option: %s", err.msg);
		return false;
	}
	return true;
unknown:
	tagcache_throw(tagcache_invalid_argument_ce,
	               "NginxClient has no option \"%s\"; known options: purgeMethod, purgeLocation, refreshHeader, host, connectTimeout, timeout, maxConnections",
	               key ? ZSTR_VAL(key) : "(numeric key)");
	return false;
}

#define THIS_NGINX() nginx_from(Z_OBJ_P(ZEND_THIS))

PHP_METHOD(TagCache_Http_NginxClient, __construct)
{
	HashTable *proxies, *options = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_ARRAY_HT(proxies)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();
	nginx_obj *n = THIS_NGINX();
	if (n->proxies) {
		zend_throw_error(NULL, "NginxClient is already constructed");
		RETURN_THROWS();
	}
	uint32_t count = zend_hash_num_elements(proxies);
	if (count == 0) {
		tagcache_throw(tagcache_invalid_argument_ce, "NginxClient needs at least one proxy \"host:port\"");
		RETURN_THROWS();
	}
	n->proxies = ecalloc(count, sizeof(tc_proxy));
	n->hosts = ecalloc(count, sizeof(char *));
	n->proxy_names = ecalloc(count, sizeof(zend_string *));
	zval *spec;
	ZEND_HASH_FOREACH_VAL(proxies, spec) {
		ZVAL_DEREF(spec);
		if (!parse_proxy(n, spec)) {
			RETURN_THROWS();
		}
	} ZEND_HASH_FOREACH_END();
	if (options && !parse_options(n, options)) {
		RETURN_THROWS();
	}
}

static nginx_obj *constructed(zend_object *obj)
{
	nginx_obj *n = nginx_from(obj);
	if (!n->proxies) {
		zend_throw_error(NULL, "NginxClient was not constructed");
		return NULL;
	}
	return n;
}

static void url_request(INTERNAL_FUNCTION_PARAMETERS, int refresh)
{
	zend_string *url;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(url)
	ZEND_PARSE_PARAMETERS_END();
	nginx_obj *n = constructed(Z_OBJ_P(ZEND_THIS));
	if (!n) {
		RETURN_THROWS();
	}
	tc_err err;
	tc_err_clear(&err);
	if (tc_nginx_url(&n->opts, (tc_str){ZSTR_VAL(url), ZSTR_LEN(url)}, refresh, &n->queue, &err) != TC_OK) {
		tagcache_throw_err(&err);
		RETURN_THROWS();
	}
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

PHP_METHOD(TagCache_Http_NginxClient, purge)
{
	url_request(INTERNAL_FUNCTION_PARAM_PASSTHRU, 0);
}

PHP_METHOD(TagCache_Http_NginxClient, refresh)
{
	url_request(INTERNAL_FUNCTION_PARAM_PASSTHRU, 1);
}

PHP_METHOD(TagCache_Http_NginxClient, invalidateTags)
{
	HashTable *tags;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(tags)
	ZEND_PARSE_PARAMETERS_END();
	(void)tags;
	tagcache_throw(tagcache_not_supported_ce,
	               "NginxClient cannot invalidate tags: nginx's cache knows a page by its key (host and path) only and has no "
	               "tag invalidation; purge the URLs of the pages the tags touched with purge() instead");
	RETURN_THROWS();
}

PHP_METHOD(TagCache_Http_NginxClient, getQueueSize)
{
	ZEND_PARSE_PARAMETERS_NONE();
	nginx_obj *n = constructed(Z_OBJ_P(ZEND_THIS));
	if (!n) {
		RETURN_THROWS();
	}
	RETURN_LONG((zend_long)n->queue.count);
}

/* A purge of a page nginx has not cached answers 404: the page is gone either way. */
static bool succeeded(const tc_http_request *req, const tc_send_result *res)
{
	return res->outcome == TC_SEND_OK ||
	       (res->outcome == TC_SEND_BAD_RESPONSE && res->status == 404 && !tc_nginx_is_refresh(req));
}

/* Moves req to the end of list (the old list then frees nothing of it). */
static void keep_push(tc_request_list *list, tc_http_request *req)
{
	if (list->count == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 8;
		list->items = tc_realloc(list->items, cap * sizeof(tc_http_request));
		list->cap = cap;
	}
	list->items[list->count++] = *req;
	memset(req, 0, sizeof(*req));
}

static zend_long nginx_flush(nginx_obj *n, bool keep_failed)
{
	tc_request_list_dedupe(&n->queue);
	size_t nreq = n->queue.count;
	if (nreq == 0) {
		return 0;
	}
	tc_send_result *results = ecalloc(nreq * n->nproxies, sizeof(tc_send_result));
	tc_err err;
	tc_err_clear(&err);
	if (tc_http_send(&n->send, n->proxies, n->nproxies, n->queue.items, nreq, results, &err) != TC_OK) {
		efree(results);
		tagcache_throw_err(&err);
		return -1;
	}
	zval failures;
	array_init(&failures);
	smart_str msg = {0};
	size_t failed_requests = 0;
	tc_request_list keep;
	tc_request_list_init(&keep);
	for (size_t r = 0; r < nreq; r++) {
		bool failed = false;
		for (size_t p = 0; p < n->nproxies; p++) {
			tc_send_result *res = &results[r * n->nproxies + p];
			if (!succeeded(&n->queue.items[r], res)) {
				failed = true;
				tagcache_varnish_add_failure(&failures, &msg, &n->queue.items[r], n->proxy_names[p], res, false);
			}
		}
		if (failed) {
			failed_requests++;
			if (keep_failed) {
				keep_push(&keep, &n->queue.items[r]);
			}
		}
	}
	efree(results);
	tc_request_list_free(&n->queue);
	n->queue = keep;
	if (failed_requests == 0) {
		zval_ptr_dtor(&failures);
		smart_str_free(&msg);
		return (zend_long)nreq;
	}
	uint32_t nfail = zend_hash_num_elements(Z_ARRVAL(failures));
	smart_str_0(&msg);
	zend_string *text = zend_strpprintf(0, "%zu of %zu nginx purge requests failed on at least one proxy (%u failures%s)%s%s%s",
	                                    failed_requests, nreq, nfail, keep_failed ? ", kept for the next flush()" : "",
	                                    ZSTR_VAL(msg.s), nfail > 5 ? "; and " : "", nfail > 5 ? "more: see getFailures()" : "");
	smart_str_free(&msg);
	tagcache_varnish_throw_failures(text, &failures);
	zend_string_release(text);
	return -1;
}

PHP_METHOD(TagCache_Http_NginxClient, flush)
{
	bool keep_failed = false;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_BOOL(keep_failed)
	ZEND_PARSE_PARAMETERS_END();
	nginx_obj *n = constructed(Z_OBJ_P(ZEND_THIS));
	if (!n) {
		RETURN_THROWS();
	}
	zend_long sent = nginx_flush(n, keep_failed);
	if (sent < 0) {
		RETURN_THROWS();
	}
	RETURN_LONG(sent);
}
