/* NginxClient: purges and refreshes pages on nginx proxies with the cache purge module, all
 * proxies at once through the sender and proxy handling VarnishClient uses (proxy_common.c).
 * nginx has no tags: invalidateTags() refuses and says what to do instead
 * (integrations/nginx/README.md). */
#include "http.h"
#include "proxy_common.h"
#include "exceptions.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"
#include "http/tc_http.h"
#include "http/tc_nginx.h"

typedef struct {
	tagcache_proxy_list proxies;
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
	tagcache_send_options_init(&n->send);
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
	tagcache_proxy_list_free(&n->proxies);
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
		} else {
			int taken = tagcache_send_option(&n->send, key, val, "NginxClient");
			if (taken < 0) {
				goto unknown;
			}
			ok = taken;
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
	if (!tagcache_proxy_list_parse(&n->proxies, proxies, "NginxClient", "NginxClient proxy", false)) {
		RETURN_THROWS();
	}
	if (options && !parse_options(n, options)) {
		RETURN_THROWS();
	}
}

static nginx_obj *constructed(zend_object *obj)
{
	nginx_obj *n = nginx_from(obj);
	if (!n->proxies.items) {
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
static bool delivered(void *ctx, const tc_http_request *req, size_t proxy, const tc_send_result *res)
{
	(void)ctx;
	(void)proxy;
	return res->outcome == TC_SEND_OK ||
	       (res->outcome == TC_SEND_BAD_RESPONSE && res->status == 404 && !tc_nginx_is_refresh(req));
}

static zend_long nginx_flush(nginx_obj *n, bool keep_failed)
{
	tc_request_list_dedupe(&n->queue);
	size_t nreq = n->queue.count;
	if (nreq == 0) {
		return 0;
	}
	zval failures;
	array_init(&failures);
	smart_str msg = {0};
	size_t failed_requests = 0;
	bool sent = tagcache_proxy_send_queue(&n->send, &n->proxies, &n->queue, keep_failed, delivered, NULL, &failures,
	                                      &msg, &failed_requests);
	if (!sent || failed_requests == 0) {
		zval_ptr_dtor(&failures);
		smart_str_free(&msg);
		return sent ? (zend_long)nreq : -1;
	}
	char head[96];
	snprintf(head, sizeof(head), "%zu of %zu nginx purge requests failed on at least one proxy", failed_requests, nreq);
	tagcache_purge_throw(head, keep_failed, &failures, &msg);
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
