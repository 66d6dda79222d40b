/* VarnishClient: queues invalidation requests built by src/http/ and sends them to every proxy
 * at once. Failures are collected per (request, proxy) and raised together; the proxy list,
 * sending options and PurgeException are shared with NginxClient (proxy_common.c). */
#include "http.h"
#include "varnish_obj.h"
#include "exceptions.h"
#include "validate.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"
#include "http/tc_http.h"
#include "tc_alloc.h"

static zend_object_handlers varnish_handlers;

static zend_object *varnish_create(zend_class_entry *ce)
{
	varnish_obj *v = zend_object_alloc(sizeof(varnish_obj), ce);
	zend_object_std_init(&v->std, ce);
	object_properties_init(&v->std, ce);
	v->std.handlers = &varnish_handlers;
	tc_request_list_init(&v->queue);
	v->purge.header_limit = 7500;
	tagcache_send_options_init(&v->send);
	v->second_delay = TAGCACHE_SECOND_SEND_DEFAULT;
	tc_delay_init(&v->delayed);
	return &v->std;
}

/* Runs when the last reference goes and for every live object at the end of the request
 * (before the modules' RSHUTDOWN): pending second sends leave with a detached sender. */
static void varnish_dtor(zend_object *obj)
{
	tagcache_varnish_delay_handoff(varnish_from(obj));
	zend_objects_destroy_object(obj);
}

static void varnish_free(zend_object *obj)
{
	varnish_obj *v = varnish_from(obj);
	/* after a fatal error destructors are skipped: the free handler still hands them off */
	tagcache_varnish_delay_handoff(v);
	tc_delay_free(&v->delayed);
	tagcache_proxy_list_free(&v->proxies);
	if (v->host_header) {
		zend_string_release(v->host_header);
	}
	if (v->tags_header) {
		zend_string_release(v->tags_header);
	}
	tc_request_list_free(&v->queue);
	zend_object_std_dtor(obj);
}

void tagcache_http_varnish_init(zend_class_entry *ce)
{
	ce->create_object = varnish_create;
	memcpy(&varnish_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	varnish_handlers.offset = XtOffsetOf(varnish_obj, std);
	varnish_handlers.free_obj = varnish_free;
	varnish_handlers.dtor_obj = varnish_dtor;
	varnish_handlers.clone_obj = NULL; /* a clone would share the queue */
}

static bool parse_options(varnish_obj *v, HashTable *options)
{
	zend_string *key;
	zval *val;
	ZEND_HASH_FOREACH_STR_KEY_VAL(options, key, val) {
		ZVAL_DEREF(val);
		if (!key) {
			goto unknown;
		}
		if (zend_string_equals_literal(key, "host")) {
			if (Z_TYPE_P(val) != IS_STRING || !tagcache_http_check_value(Z_STR_P(val), "VarnishClient option \"host\"")) {
				if (!EG(exception)) {
					tagcache_throw(tagcache_invalid_argument_ce, "VarnishClient option \"host\" must be a string, got %s", zend_zval_type_name(val));
				}
				return false;
			}
			v->host_header = zend_string_copy(Z_STR_P(val));
		} else if (zend_string_equals_literal(key, "tagMode")) {
			if (Z_TYPE_P(val) == IS_STRING && zend_string_equals_literal(Z_STR_P(val), "ban")) {
				v->purge.mode = TC_TAGS_BAN;
			} else if (Z_TYPE_P(val) == IS_STRING && zend_string_equals_literal(Z_STR_P(val), "xkey")) {
				v->purge.mode = TC_TAGS_XKEY;
			} else {
				tagcache_throw(tagcache_invalid_argument_ce, "VarnishClient option \"tagMode\" must be \"ban\" or \"xkey\", got %s",
				               Z_TYPE_P(val) == IS_STRING ? Z_STRVAL_P(val) : zend_zval_type_name(val));
				return false;
			}
		} else if (zend_string_equals_literal(key, "softPurge")) {
			if (Z_TYPE_P(val) != IS_TRUE && Z_TYPE_P(val) != IS_FALSE) {
				tagcache_throw(tagcache_invalid_argument_ce, "VarnishClient option \"softPurge\" must be a boolean, got %s", zend_zval_type_name(val));
				return false;
			}
			v->purge.soft = Z_TYPE_P(val) == IS_TRUE;
		} else if (zend_string_equals_literal(key, "tagsHeader")) {
			if (Z_TYPE_P(val) != IS_STRING) {
				tagcache_throw(tagcache_invalid_argument_ce, "VarnishClient option \"tagsHeader\" must be a header name, got %s", zend_zval_type_name(val));
				return false;
			}
			tc_err err;
			tc_err_clear(&err);
			if (tc_http_check_name((tc_str){Z_STRVAL_P(val), Z_STRLEN_P(val)}, &err) != TC_OK) {
				tagcache_throw(tagcache_invalid_argument_ce, "VarnishClient option \"tagsHeader\": %s", err.msg);
				return false;
			}
			v->tags_header = zend_string_copy(Z_STR_P(val));
		} else if (zend_string_equals_literal(key, "headerLength")) {
			if (Z_TYPE_P(val) != IS_LONG || Z_LVAL_P(val) < 256 || Z_LVAL_P(val) > 1048576) {
				tagcache_throw(tagcache_invalid_argument_ce,
				               "VarnishClient option \"headerLength\" must be an integer from 256 to 1048576 (bytes of one header line), got %s",
				               zend_zval_type_name(val));
				return false;
			}
			v->purge.header_limit = (size_t)Z_LVAL_P(val);
		} else if (zend_string_equals_literal(key, "secondSendDelay")) {
			if (!tagcache_varnish_parse_delay(val, "VarnishClient", &v->second_delay)) {
				return false;
			}
		} else {
			int taken = tagcache_send_option(&v->send, key, val, "VarnishClient");
			if (taken < 0) {
				goto unknown;
			}
			if (!taken) {
				return false;
			}
		}
	} ZEND_HASH_FOREACH_END();
	v->purge.host = v->host_header ? ZSTR_VAL(v->host_header) : NULL;
	v->purge.tags_header = v->tags_header ? ZSTR_VAL(v->tags_header) : NULL;
	return true;
unknown:
	tagcache_throw(tagcache_invalid_argument_ce,
	               "VarnishClient has no option \"%s\"; known options: host, tagMode, softPurge, tagsHeader, headerLength, connectTimeout, timeout, maxConnections, secondSendDelay",
	               key ? ZSTR_VAL(key) : "(numeric key)");
	return false;
}

#define THIS_VARNISH() varnish_from(Z_OBJ_P(ZEND_THIS))

PHP_METHOD(TagCache_Http_VarnishClient, __construct)
{
	HashTable *proxies, *options = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_ARRAY_HT(proxies)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();
	varnish_obj *v = THIS_VARNISH();
	if (!tagcache_proxy_list_parse(&v->proxies, proxies, "VarnishClient", "Proxy", true)) {
		RETURN_THROWS();
	}
	if (options && !parse_options(v, options)) {
		RETURN_THROWS();
	}
}

static varnish_obj *constructed(zend_object *obj)
{
	varnish_obj *v = varnish_from(obj);
	if (!v->proxies.items) {
		zend_throw_error(NULL, "VarnishClient was not constructed");
		return NULL;
	}
	return v;
}

/* Collects string (or, for locations, int) values as tc_str; ints are printed into `keep`. */
static tc_str *collect(HashTable *values, bool locations, zval *keep, size_t *n)
{
	tc_str *list = safe_emalloc(MAX(1, zend_hash_num_elements(values)), sizeof(tc_str), 0);
	array_init(keep);
	*n = 0;
	zval *val;
	ZEND_HASH_FOREACH_VAL(values, val) {
		ZVAL_DEREF(val);
		zend_string *s;
		if (Z_TYPE_P(val) == IS_STRING) {
			s = zend_string_copy(Z_STR_P(val));
		} else if (locations && Z_TYPE_P(val) == IS_LONG) {
			s = zend_long_to_str(Z_LVAL_P(val));
		} else {
			tagcache_throw(tagcache_invalid_argument_ce, "%s must be strings%s, got %s", locations ? "Location ids" : "Tags",
			               locations ? " or ints" : "", zend_zval_type_name(val));
			efree(list);
			return NULL;
		}
		add_next_index_str(keep, s);
		list[(*n)++] = (tc_str){ZSTR_VAL(s), ZSTR_LEN(s)};
	} ZEND_HASH_FOREACH_END();
	return list;
}

bool tagcache_varnish_queue_values(zend_object *client, HashTable *values, bool locations)
{
	varnish_obj *v = constructed(client);
	if (!v) {
		return false;
	}
	zval keep;
	size_t n;
	tc_str *list = collect(values, locations, &keep, &n);
	if (!list) {
		zval_ptr_dtor(&keep);
		return false;
	}
	tc_err err;
	tc_err_clear(&err);
	tc_status st = n == 0 ? TC_OK
	               : locations ? tc_purge_locations(&v->purge, list, n, &v->queue, &err)
	                           : tc_purge_tags(&v->purge, list, n, &v->queue, &err);
	efree(list);
	zval_ptr_dtor(&keep);
	if (st != TC_OK) {
		tagcache_throw_err(&err);
		return false;
	}
	return true;
}

bool tagcache_varnish_queue_ban_path(zend_object *client, zend_string *regex, zend_string *content_type, HashTable *hosts)
{
	varnish_obj *v = constructed(client);
	if (!v) {
		return false;
	}
	zval keep;
	keep.u1.type_info = IS_UNDEF;
	size_t n = 0;
	tc_str *list = NULL;
	if (hosts) {
		list = collect(hosts, false, &keep, &n);
		if (!list) {
			zval_ptr_dtor(&keep);
			return false;
		}
	}
	tc_err err;
	tc_err_clear(&err);
	tc_str ct = content_type ? (tc_str){ZSTR_VAL(content_type), ZSTR_LEN(content_type)} : (tc_str){"", 0};
	tc_status st = tc_purge_ban_path(&v->purge, (tc_str){ZSTR_VAL(regex), ZSTR_LEN(regex)}, ct, list, n, &v->queue, &err);
	if (list) {
		efree(list);
		zval_ptr_dtor(&keep);
	}
	if (st != TC_OK) {
		tagcache_throw_err(&err);
		return false;
	}
	return true;
}

PHP_METHOD(TagCache_Http_VarnishClient, invalidateTags)
{
	HashTable *tags;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(tags)
	ZEND_PARSE_PARAMETERS_END();
	if (!tagcache_varnish_queue_values(Z_OBJ_P(ZEND_THIS), tags, false)) {
		RETURN_THROWS();
	}
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

PHP_METHOD(TagCache_Http_VarnishClient, invalidateLocations)
{
	HashTable *ids;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(ids)
	ZEND_PARSE_PARAMETERS_END();
	if (!tagcache_varnish_queue_values(Z_OBJ_P(ZEND_THIS), ids, true)) {
		RETURN_THROWS();
	}
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

PHP_METHOD(TagCache_Http_VarnishClient, ban)
{
	HashTable *headers;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(headers)
	ZEND_PARSE_PARAMETERS_END();
	varnish_obj *v = constructed(Z_OBJ_P(ZEND_THIS));
	if (!v) {
		RETURN_THROWS();
	}
	tc_http_header *list = safe_emalloc(MAX(1, zend_hash_num_elements(headers)), sizeof(tc_http_header), 0);
	size_t n = 0;
	zend_string *name;
	zval *val;
	ZEND_HASH_FOREACH_STR_KEY_VAL(headers, name, val) {
		ZVAL_DEREF(val);
		if (!name || Z_TYPE_P(val) != IS_STRING) {
			efree(list);
			tagcache_throw(tagcache_invalid_argument_ce, "ban() takes headers as [\"Name\" => \"value\"] strings");
			RETURN_THROWS();
		}
		/* The core takes C strings: a NUL would silently cut the name or value short (a
		 * shorter ban condition matches more), so refuse it like CR and LF. */
		const char *nul_in = memchr(ZSTR_VAL(name), '\0', ZSTR_LEN(name)) ? "name"
		                     : memchr(Z_STRVAL_P(val), '\0', Z_STRLEN_P(val)) ? "value" : NULL;
		if (nul_in) {
			efree(list);
			tagcache_throw(tagcache_invalid_argument_ce,
			               "ban() header %s of \"%s\" contains a NUL byte: header names and values must not contain CR, LF or NUL",
			               nul_in, ZSTR_VAL(name));
			RETURN_THROWS();
		}
		list[n++] = (tc_http_header){ZSTR_VAL(name), Z_STRVAL_P(val)};
	} ZEND_HASH_FOREACH_END();
	tc_err err;
	tc_err_clear(&err);
	tc_status st = tc_purge_ban(&v->purge, list, n, &v->queue, &err);
	efree(list);
	if (st != TC_OK) {
		tagcache_throw_err(&err);
		RETURN_THROWS();
	}
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

PHP_METHOD(TagCache_Http_VarnishClient, banPath)
{
	zend_string *regex, *content_type = NULL;
	HashTable *hosts = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 3)
		Z_PARAM_STR(regex)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(content_type)
		Z_PARAM_ARRAY_HT(hosts)
	ZEND_PARSE_PARAMETERS_END();
	if (!tagcache_varnish_queue_ban_path(Z_OBJ_P(ZEND_THIS), regex, content_type, hosts)) {
		RETURN_THROWS();
	}
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

static void url_request(INTERNAL_FUNCTION_PARAMETERS, int refresh)
{
	zend_string *url;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(url)
	ZEND_PARSE_PARAMETERS_END();
	varnish_obj *v = constructed(Z_OBJ_P(ZEND_THIS));
	if (!v) {
		RETURN_THROWS();
	}
	tc_err err;
	tc_err_clear(&err);
	if (tc_purge_url(&v->purge, (tc_str){ZSTR_VAL(url), ZSTR_LEN(url)}, refresh, &v->queue, &err) != TC_OK) {
		tagcache_throw_err(&err);
		RETURN_THROWS();
	}
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

PHP_METHOD(TagCache_Http_VarnishClient, purge)
{
	url_request(INTERNAL_FUNCTION_PARAM_PASSTHRU, 0);
}

PHP_METHOD(TagCache_Http_VarnishClient, refresh)
{
	url_request(INTERNAL_FUNCTION_PARAM_PASSTHRU, 1);
}

PHP_METHOD(TagCache_Http_VarnishClient, getQueueSize)
{
	ZEND_PARSE_PARAMETERS_NONE();
	varnish_obj *v = constructed(Z_OBJ_P(ZEND_THIS));
	if (!v) {
		RETURN_THROWS();
	}
	RETURN_LONG((zend_long)v->queue.count);
}

PHP_METHOD(TagCache_Http_VarnishClient, getQueuedBytes)
{
	ZEND_PARSE_PARAMETERS_NONE();
	varnish_obj *v = constructed(Z_OBJ_P(ZEND_THIS));
	if (!v) {
		RETURN_THROWS();
	}
	zend_long total = 0;
	for (size_t i = 0; i < v->queue.count; i++) {
		size_t len = 0;
		char *bytes = tc_http_request_bytes(&v->queue.items[i], ZSTR_VAL(v->proxies.names[0]), 0, &len);
		if (bytes) {
			total += (zend_long)len;
			tc_free(bytes);
		}
	}
	RETURN_LONG(total);
}

typedef struct {
	varnish_obj *v;
	double now; /* taken after the run, at the first delivery; -1 before */
	bool ok;    /* false: recording a second send threw */
} first_sends;

/* A delivered first send queues its second send. Every proxy has applied its invalidation
 * by the time this runs, so a second send `delay` after `now` is at least `delay` after
 * each of them. */
static bool first_send_delivered(void *ctx, const tc_http_request *req, size_t proxy, const tc_send_result *res)
{
	first_sends *fs = ctx;
	if (res->outcome != TC_SEND_OK) {
		return false;
	}
	if (fs->ok && fs->v->second_delay > 0) {
		if (fs->now < 0) {
			fs->now = tc_delay_now();
		}
		fs->ok = tagcache_varnish_delay_record(fs->v, req, proxy, fs->now);
	}
	return true;
}

/* First sends of the queue; successes queue their second sends. false: thrown. */
static bool send_queue(varnish_obj *v, bool keep_failed, zval *failures, smart_str *msg, size_t *failed_requests)
{
	first_sends fs = {v, -1, true};
	return tagcache_proxy_send_queue(&v->send, &v->proxies, &v->queue, keep_failed, first_send_delivered, &fs, failures,
	                                 msg, failed_requests) &&
	       fs.ok;
}

zend_long tagcache_varnish_flush(zend_object *client, bool keep_failed)
{
	varnish_obj *v = constructed(client);
	if (!v) {
		return -1;
	}
	tc_request_list_dedupe(&v->queue);
	size_t nreq = v->queue.count;
	if (nreq == 0 && v->delayed.count == 0) {
		return 0;
	}
	zval failures;
	array_init(&failures);
	smart_str msg = {0};
	size_t failed_requests = 0, dsent = 0, dfailed = 0;
	if ((nreq > 0 && !send_queue(v, keep_failed, &failures, &msg, &failed_requests)) ||
	    !tagcache_varnish_send_due(v, &failures, &msg, &dsent, &dfailed)) {
		zval_ptr_dtor(&failures);
		smart_str_free(&msg);
		return -1;
	}
	if (failed_requests == 0 && dfailed == 0) {
		zval_ptr_dtor(&failures);
		smart_str_free(&msg);
		return (zend_long)nreq;
	}
	smart_str head = {0};
	if (failed_requests) {
		smart_str_append_printf(&head, "%zu of %zu invalidation requests failed on at least one proxy", failed_requests, nreq);
	}
	if (dfailed) {
		smart_str_append_printf(&head, "%s%zu of %zu delayed second sends failed (kept for the next flush())",
		                        failed_requests ? "; " : "", dfailed, dfailed + dsent);
	}
	smart_str_0(&head);
	tagcache_purge_throw(ZSTR_VAL(head.s), failed_requests && keep_failed, &failures, &msg);
	smart_str_free(&head);
	return -1;
}

PHP_METHOD(TagCache_Http_VarnishClient, flush)
{
	bool keep_failed = false;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_BOOL(keep_failed)
	ZEND_PARSE_PARAMETERS_END();
	zend_long sent = tagcache_varnish_flush(Z_OBJ_P(ZEND_THIS), keep_failed);
	if (sent < 0) {
		RETURN_THROWS();
	}
	RETURN_LONG(sent);
}
