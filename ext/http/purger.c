/* Purger: dispatches ContentCacheClearEvent to the listeners and queues what they collected on
 * the VarnishClient; flush() sends it all. */
#include "http.h"
#include "exceptions.h"
#include "zend_interfaces.h"

typedef struct {
	zend_object *client;     /* VarnishClient; NULL until constructed */
	zend_object *dispatcher; /* EventDispatcher; NULL until constructed */
	bool keep_failed;
	zend_object std;
} purger_obj;

static zend_object_handlers purger_handlers;

static inline purger_obj *purger_from(zend_object *obj)
{
	return (purger_obj *)((char *)obj - XtOffsetOf(purger_obj, std));
}

#define PURGER() purger_from(Z_OBJ_P(ZEND_THIS))

static zend_object *purger_create(zend_class_entry *ce)
{
	purger_obj *p = zend_object_alloc(sizeof(purger_obj), ce);
	zend_object_std_init(&p->std, ce);
	object_properties_init(&p->std, ce);
	p->std.handlers = &purger_handlers;
	return &p->std;
}

static void purger_free(zend_object *obj)
{
	purger_obj *p = purger_from(obj);
	if (p->client) {
		OBJ_RELEASE(p->client);
	}
	if (p->dispatcher) {
		OBJ_RELEASE(p->dispatcher);
	}
	zend_object_std_dtor(obj);
}

/* The dispatcher's listeners often hold the purger (a listener that purges more). */
static HashTable *purger_get_gc(zend_object *obj, zval **table, int *n)
{
	purger_obj *p = purger_from(obj);
	zend_get_gc_buffer *buf = zend_get_gc_buffer_create();
	if (p->client) {
		zend_get_gc_buffer_add_obj(buf, p->client);
	}
	if (p->dispatcher) {
		zend_get_gc_buffer_add_obj(buf, p->dispatcher);
	}
	zend_get_gc_buffer_use(buf, table, n);
	return zend_std_get_properties(obj);
}

static HashTable *purger_get_debug_info(zend_object *obj, int *is_temp)
{
	purger_obj *p = purger_from(obj);
	HashTable *info = zend_array_dup(zend_std_get_properties(obj));
	zval v;
	if (p->client) {
		ZVAL_OBJ_COPY(&v, p->client);
	} else {
		ZVAL_NULL(&v);
	}
	zend_hash_str_update(info, "client", sizeof("client") - 1, &v);
	if (p->dispatcher) {
		ZVAL_OBJ_COPY(&v, p->dispatcher);
	} else {
		ZVAL_NULL(&v);
	}
	zend_hash_str_update(info, "dispatcher", sizeof("dispatcher") - 1, &v);
	ZVAL_BOOL(&v, p->keep_failed);
	zend_hash_str_update(info, "keepFailed", sizeof("keepFailed") - 1, &v);
	*is_temp = 1;
	return info;
}

void tagcache_http_purger_init(zend_class_entry *ce)
{
	ce->create_object = purger_create;
	memcpy(&purger_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	purger_handlers.offset = XtOffsetOf(purger_obj, std);
	purger_handlers.free_obj = purger_free;
	purger_handlers.get_gc = purger_get_gc;
	purger_handlers.get_debug_info = purger_get_debug_info;
	purger_handlers.clone_obj = NULL; /* a clone would share the client's queue */
}

PHP_METHOD(TagCache_Http_Purger, __construct)
{
	zval *client, *dispatcher = NULL;
	HashTable *options = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 3)
		Z_PARAM_OBJECT_OF_CLASS(client, tagcache_http_varnish_ce)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJECT_OF_CLASS_OR_NULL(dispatcher, tagcache_http_dispatcher_ce)
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();
	purger_obj *p = PURGER();
	bool keep_failed = false, set_delay = false;
	double delay = 0;
	if (options) {
		zend_string *key;
		zval *val;
		ZEND_HASH_FOREACH_STR_KEY_VAL(options, key, val) {
			ZVAL_DEREF(val);
			if (key && zend_string_equals_literal(key, "keepFailed")) {
				if (Z_TYPE_P(val) != IS_TRUE && Z_TYPE_P(val) != IS_FALSE) {
					tagcache_throw(tagcache_invalid_argument_ce, "Purger option \"keepFailed\" must be a boolean, got %s",
					               zend_zval_type_name(val));
					RETURN_THROWS();
				}
				keep_failed = Z_TYPE_P(val) == IS_TRUE;
			} else if (key && zend_string_equals_literal(key, "secondSendDelay")) {
				if (!tagcache_varnish_parse_delay(val, "Purger", &delay)) {
					RETURN_THROWS();
				}
				set_delay = true;
			} else {
				tagcache_throw(tagcache_invalid_argument_ce, "Purger has no option \"%s\"; known options: keepFailed, secondSendDelay",
				               key ? ZSTR_VAL(key) : "(numeric key)");
				RETURN_THROWS();
			}
		} ZEND_HASH_FOREACH_END();
	}
	if (set_delay) {
		tagcache_varnish_set_delay(Z_OBJ_P(client), delay);
	}
	zval fresh;
	if (!dispatcher) {
		object_init_ex(&fresh, tagcache_http_dispatcher_ce);
		dispatcher = &fresh;
	} else {
		Z_ADDREF_P(dispatcher);
	}
	/* A second __construct() replaces the state; the old objects go last. */
	zend_object *old_client = p->client, *old_dispatcher = p->dispatcher;
	p->keep_failed = keep_failed;
	p->client = Z_OBJ_P(client);
	GC_ADDREF(p->client);
	p->dispatcher = Z_OBJ_P(dispatcher);
	if (old_client) {
		OBJ_RELEASE(old_client);
	}
	if (old_dispatcher) {
		OBJ_RELEASE(old_dispatcher);
	}
}

static zend_object *client_of(zval *this_zv)
{
	purger_obj *p = purger_from(Z_OBJ_P(this_zv));
	if (!p->client || !p->dispatcher) {
		zend_throw_error(NULL, "%s was not constructed: call __construct() with a VarnishClient",
		                 ZSTR_VAL(Z_OBJCE_P(this_zv)->name));
		return NULL;
	}
	return p->client;
}

PHP_METHOD(TagCache_Http_Purger, purgeForContent)
{
	zval *content;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ZVAL(content)
	ZEND_PARSE_PARAMETERS_END();
	if (!client_of(ZEND_THIS)) {
		RETURN_THROWS();
	}
	purger_obj *p = PURGER();
	/* Listeners may construct the purger again: hold what this run uses. */
	zend_object *client = p->client, *dispatcher = p->dispatcher;
	GC_ADDREF(client);
	GC_ADDREF(dispatcher);
	zval event, name, ret;
	object_init_ex(&event, tagcache_http_clear_event_ce);
	ZVAL_COPY_DEREF(&tagcache_event_from_obj(Z_OBJ(event))->content, content);
	ZVAL_STRING(&name, "tagcache.content_cache_clear");
	zend_call_method_with_2_params(dispatcher, dispatcher->ce, NULL, "dispatch", &ret, &event, &name);
	zval_ptr_dtor(&ret);
	zval_ptr_dtor(&name);
	bool ok = !EG(exception);
	if (ok) {
		zval ids, tag_list;
		tagcache_http_event_sets(Z_OBJ(event), &ids, &tag_list);
		ok = tagcache_varnish_queue_values(client, Z_ARRVAL(ids), true) &&
		     tagcache_varnish_queue_values(client, Z_ARRVAL(tag_list), false);
		zval_ptr_dtor(&ids);
		zval_ptr_dtor(&tag_list);
	}
	OBJ_RELEASE(client);
	OBJ_RELEASE(dispatcher);
	if (!ok) {
		zval_ptr_dtor(&event);
		RETURN_THROWS();
	}
	RETURN_COPY_VALUE(&event);
}

static void queue(INTERNAL_FUNCTION_PARAMETERS, bool locations)
{
	HashTable *values;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(values)
	ZEND_PARSE_PARAMETERS_END();
	zend_object *client = client_of(ZEND_THIS);
	if (!client || !tagcache_varnish_queue_values(client, values, locations)) {
		RETURN_THROWS();
	}
}

PHP_METHOD(TagCache_Http_Purger, purgeLocations)
{
	queue(INTERNAL_FUNCTION_PARAM_PASSTHRU, true);
}

PHP_METHOD(TagCache_Http_Purger, purgeTags)
{
	queue(INTERNAL_FUNCTION_PARAM_PASSTHRU, false);
}

PHP_METHOD(TagCache_Http_Purger, purgeAll)
{
	ZEND_PARSE_PARAMETERS_NONE();
	zend_object *client = client_of(ZEND_THIS);
	if (!client) {
		RETURN_THROWS();
	}
	zend_string *all = zend_string_init(".*", 2, 0);
	bool ok = tagcache_varnish_queue_ban_path(client, all, NULL, NULL);
	zend_string_release(all);
	if (!ok) {
		RETURN_THROWS();
	}
}

PHP_METHOD(TagCache_Http_Purger, getDispatcher)
{
	ZEND_PARSE_PARAMETERS_NONE();
	if (!client_of(ZEND_THIS)) {
		RETURN_THROWS();
	}
	RETURN_OBJ_COPY(PURGER()->dispatcher);
}

PHP_METHOD(TagCache_Http_Purger, getClient)
{
	ZEND_PARSE_PARAMETERS_NONE();
	if (!client_of(ZEND_THIS)) {
		RETURN_THROWS();
	}
	RETURN_OBJ_COPY(PURGER()->client);
}

PHP_METHOD(TagCache_Http_Purger, flush)
{
	ZEND_PARSE_PARAMETERS_NONE();
	zend_object *client = client_of(ZEND_THIS);
	if (!client) {
		RETURN_THROWS();
	}
	zend_long sent = tagcache_varnish_flush(client, PURGER()->keep_failed);
	if (sent < 0) {
		RETURN_THROWS();
	}
	RETURN_LONG(sent);
}

PHP_METHOD(TagCache_Http_Purger, flushDelayed)
{
	bool wait = true;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_BOOL(wait)
	ZEND_PARSE_PARAMETERS_END();
	zend_object *client = client_of(ZEND_THIS);
	if (!client) {
		RETURN_THROWS();
	}
	zend_long sent = tagcache_varnish_flush_delayed(client, wait);
	if (sent < 0) {
		RETURN_THROWS();
	}
	RETURN_LONG(sent);
}

PHP_METHOD(TagCache_Http_Purger, getDelayedCount)
{
	ZEND_PARSE_PARAMETERS_NONE();
	zend_object *client = client_of(ZEND_THIS);
	if (!client) {
		RETURN_THROWS();
	}
	RETURN_LONG(tagcache_varnish_delayed_count(client));
}
