/* Purger: dispatches ContentCacheClearEvent to the listeners and queues what they collected on
 * the VarnishClient; flush() sends it all. */
#include "http.h"
#include "exceptions.h"
#include "zend_interfaces.h"

#define PURGER() Z_OBJ_P(ZEND_THIS)
#define PROP(name) tagcache_http_prop(PURGER(), tagcache_http_purger_ce, name)

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
				ZVAL_BOOL(PROP("keepFailed"), Z_TYPE_P(val) == IS_TRUE);
			} else {
				tagcache_throw(tagcache_invalid_argument_ce, "Purger has no option \"%s\"; known options: keepFailed",
				               key ? ZSTR_VAL(key) : "(numeric key)");
				RETURN_THROWS();
			}
		} ZEND_HASH_FOREACH_END();
	}
	zval *slot = PROP("client");
	zval_ptr_dtor(slot);
	ZVAL_COPY(slot, client);
	slot = PROP("dispatcher");
	zval_ptr_dtor(slot);
	if (dispatcher) {
		ZVAL_COPY(slot, dispatcher);
	} else {
		object_init_ex(slot, tagcache_http_dispatcher_ce);
	}
}

static zend_object *client_of(zval *this_zv)
{
	zval *c = tagcache_http_prop(Z_OBJ_P(this_zv), tagcache_http_purger_ce, "client");
	if (Z_TYPE_P(c) != IS_OBJECT) {
		zend_throw_error(NULL, "Purger was not constructed");
		return NULL;
	}
	return Z_OBJ_P(c);
}

PHP_METHOD(TagCache_Http_Purger, purgeForContent)
{
	zval *content;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ZVAL(content)
	ZEND_PARSE_PARAMETERS_END();
	zend_object *client = client_of(ZEND_THIS);
	if (!client) {
		RETURN_THROWS();
	}
	zval event, name, ret;
	object_init_ex(&event, tagcache_http_clear_event_ce);
	zval *content_slot = tagcache_http_prop(Z_OBJ(event), tagcache_http_clear_event_ce, "content");
	ZVAL_COPY(content_slot, content);
	ZVAL_STRING(&name, "tagcache.content_cache_clear");
	zval *dispatcher = PROP("dispatcher");
	zend_call_method_with_2_params(Z_OBJ_P(dispatcher), Z_OBJCE_P(dispatcher), NULL, "dispatch", &ret, &event, &name);
	zval_ptr_dtor(&ret);
	zval_ptr_dtor(&name);
	if (EG(exception)) {
		zval_ptr_dtor(&event);
		RETURN_THROWS();
	}
	HashTable *locations = Z_ARRVAL_P(tagcache_http_prop(Z_OBJ(event), tagcache_http_clear_event_ce, "locations"));
	HashTable *tags = Z_ARRVAL_P(tagcache_http_prop(Z_OBJ(event), tagcache_http_clear_event_ce, "tags"));
	/* The event keeps ids and tags as keys of a set. */
	zval ids, tag_list;
	array_init(&ids);
	array_init(&tag_list);
	zend_string *key;
	ZEND_HASH_FOREACH_STR_KEY(locations, key) {
		add_next_index_str(&ids, zend_string_copy(key));
	} ZEND_HASH_FOREACH_END();
	ZEND_HASH_FOREACH_STR_KEY(tags, key) {
		add_next_index_str(&tag_list, zend_string_copy(key));
	} ZEND_HASH_FOREACH_END();
	bool ok = tagcache_varnish_queue_values(client, Z_ARRVAL(ids), true) &&
	          tagcache_varnish_queue_values(client, Z_ARRVAL(tag_list), false);
	zval_ptr_dtor(&ids);
	zval_ptr_dtor(&tag_list);
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
	RETURN_COPY(PROP("dispatcher"));
}

PHP_METHOD(TagCache_Http_Purger, getClient)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_COPY(PROP("client"));
}

PHP_METHOD(TagCache_Http_Purger, flush)
{
	ZEND_PARSE_PARAMETERS_NONE();
	zend_object *client = client_of(ZEND_THIS);
	if (!client) {
		RETURN_THROWS();
	}
	zend_long sent = tagcache_varnish_flush(client, Z_TYPE_P(PROP("keepFailed")) == IS_TRUE);
	if (sent < 0) {
		RETURN_THROWS();
	}
	RETURN_LONG(sent);
}
