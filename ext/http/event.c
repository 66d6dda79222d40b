/* Event, ContentCacheClearEvent, the relation listeners and PurgeException::getFailures(). */
#include "http.h"
#include "exceptions.h"
#include "zend_interfaces.h"

#define EVENT_OBJ() Z_OBJ_P(ZEND_THIS)

PHP_METHOD(TagCache_Http_Event, stopPropagation)
{
	ZEND_PARSE_PARAMETERS_NONE();
	ZVAL_TRUE(tagcache_http_prop(EVENT_OBJ(), tagcache_http_event_ce, "propagationStopped"));
}

PHP_METHOD(TagCache_Http_Event, isPropagationStopped)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(Z_TYPE_P(tagcache_http_prop(EVENT_OBJ(), tagcache_http_event_ce, "propagationStopped")) == IS_TRUE);
}

/* ---- ContentCacheClearEvent ------------------------------------------------------------- */

static void set_content(zend_object *obj, zval *content)
{
	zval *slot = tagcache_http_prop(obj, tagcache_http_clear_event_ce, "content");
	zval old;
	ZVAL_COPY_VALUE(&old, slot);
	ZVAL_COPY(slot, content);
	zval_ptr_dtor(&old);
}

PHP_METHOD(TagCache_Http_ContentCacheClearEvent, __construct)
{
	zval *content = NULL;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_ZVAL(content)
	ZEND_PARSE_PARAMETERS_END();
	if (content) {
		set_content(EVENT_OBJ(), content);
	}
}

PHP_METHOD(TagCache_Http_ContentCacheClearEvent, getContent)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_COPY(tagcache_http_prop(EVENT_OBJ(), tagcache_http_clear_event_ce, "content"));
}

PHP_METHOD(TagCache_Http_ContentCacheClearEvent, setContent)
{
	zval *content;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ZVAL(content)
	ZEND_PARSE_PARAMETERS_END();
	set_content(EVENT_OBJ(), content);
}

/* Adds one value to a set property ("locations" or "tags"); ints become strings. */
static bool add_to_set(zend_object *obj, const char *prop, zval *value, const char *what)
{
	ZVAL_DEREF(value);
	zend_string *s;
	if (Z_TYPE_P(value) == IS_LONG && !strcmp(prop, "locations")) {
		s = zend_long_to_str(Z_LVAL_P(value));
	} else if (Z_TYPE_P(value) == IS_STRING) {
		s = zend_string_copy(Z_STR_P(value));
	} else {
		tagcache_throw(tagcache_invalid_argument_ce, "%s must be a string%s, got %s", what,
		               strcmp(prop, "locations") ? "" : " or an int", zend_zval_type_name(value));
		return false;
	}
	if (!tagcache_http_check_tag(s, what)) {
		zend_string_release(s);
		return false;
	}
	HashTable *set = tagcache_http_prop_array(obj, tagcache_http_clear_event_ce, prop);
	/* Keys stay strings ("12" too), so getters return what was added. */
	zval t;
	ZVAL_TRUE(&t);
	zend_hash_update(set, s, &t);
	zend_string_release(s);
	return true;
}

static void add_many(zend_object *obj, const char *prop, HashTable *values, const char *what)
{
	zval *v;
	ZEND_HASH_FOREACH_VAL(values, v) {
		if (!add_to_set(obj, prop, v, what)) {
			return;
		}
	} ZEND_HASH_FOREACH_END();
}

static void set_keys(zval *return_value, zend_object *obj, const char *prop)
{
	HashTable *set = Z_ARRVAL_P(tagcache_http_prop(obj, tagcache_http_clear_event_ce, prop));
	array_init_size(return_value, zend_hash_num_elements(set));
	zend_string *key;
	zend_ulong idx;
	ZEND_HASH_FOREACH_KEY(set, idx, key) {
		if (key) {
			add_next_index_str(return_value, zend_string_copy(key));
		} else {
			add_next_index_str(return_value, zend_long_to_str((zend_long)idx));
		}
	} ZEND_HASH_FOREACH_END();
}

static void replace_set(zend_object *obj, const char *prop, HashTable *values, const char *what)
{
	zend_hash_clean(tagcache_http_prop_array(obj, tagcache_http_clear_event_ce, prop));
	add_many(obj, prop, values, what);
}

PHP_METHOD(TagCache_Http_ContentCacheClearEvent, addLocationToClear)
{
	zval *id;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ZVAL(id)
	ZEND_PARSE_PARAMETERS_END();
	add_to_set(EVENT_OBJ(), "locations", id, "Location id");
}

PHP_METHOD(TagCache_Http_ContentCacheClearEvent, addLocationsToClear)
{
	HashTable *ids;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(ids)
	ZEND_PARSE_PARAMETERS_END();
	add_many(EVENT_OBJ(), "locations", ids, "Location id");
}

PHP_METHOD(TagCache_Http_ContentCacheClearEvent, getLocationsToClear)
{
	ZEND_PARSE_PARAMETERS_NONE();
	set_keys(return_value, EVENT_OBJ(), "locations");
}

PHP_METHOD(TagCache_Http_ContentCacheClearEvent, setLocationsToClear)
{
	HashTable *ids;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(ids)
	ZEND_PARSE_PARAMETERS_END();
	replace_set(EVENT_OBJ(), "locations", ids, "Location id");
}

PHP_METHOD(TagCache_Http_ContentCacheClearEvent, addTagToClear)
{
	zval *tag;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ZVAL(tag)
	ZEND_PARSE_PARAMETERS_END();
	add_to_set(EVENT_OBJ(), "tags", tag, "Tag");
}

PHP_METHOD(TagCache_Http_ContentCacheClearEvent, addTagsToClear)
{
	HashTable *tags;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(tags)
	ZEND_PARSE_PARAMETERS_END();
	add_many(EVENT_OBJ(), "tags", tags, "Tag");
}

PHP_METHOD(TagCache_Http_ContentCacheClearEvent, getTagsToClear)
{
	ZEND_PARSE_PARAMETERS_NONE();
	set_keys(return_value, EVENT_OBJ(), "tags");
}

PHP_METHOD(TagCache_Http_ContentCacheClearEvent, setTagsToClear)
{
	HashTable *tags;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(tags)
	ZEND_PARSE_PARAMETERS_END();
	replace_set(EVENT_OBJ(), "tags", tags, "Tag");
}

/* ---- relation listeners ----------------------------------------------------------------- */

PHP_METHOD(TagCache_Http_AbstractRelationListener, __construct)
{
	zval *lookup;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ZVAL(lookup)
	ZEND_PARSE_PARAMETERS_END();
	if (!zend_is_callable(lookup, 0, NULL)) {
		zend_argument_type_error(1, "must be a valid callback");
		RETURN_THROWS();
	}
	zval *slot = tagcache_http_prop(Z_OBJ_P(ZEND_THIS), tagcache_http_relation_listener_ce, "lookup");
	zval_ptr_dtor(slot);
	ZVAL_COPY(slot, lookup);
}

PHP_METHOD(TagCache_Http_AbstractRelationListener, getSubscribedEvents)
{
	ZEND_PARSE_PARAMETERS_NONE();
	array_init(return_value);
	zval handler;
	array_init(&handler);
	add_next_index_string(&handler, "onContentCacheClear");
	add_next_index_long(&handler, 0);
	add_assoc_zval(return_value, "tagcache.content_cache_clear", &handler);
}

/* Calls the lookup with the event's content and adds every location id it returns. */
static void relation_run(zval *this_zv, zend_object *event)
{
	zval *lookup = tagcache_http_prop(Z_OBJ_P(this_zv), tagcache_http_relation_listener_ce, "lookup");
	if (Z_TYPE_P(lookup) == IS_NULL) {
		zend_throw_error(NULL, "%s was not constructed", ZSTR_VAL(Z_OBJCE_P(this_zv)->name));
		return;
	}
	zval *content = tagcache_http_prop(event, tagcache_http_clear_event_ce, "content");
	zval ids;
	if (call_user_function(NULL, NULL, lookup, &ids, 1, content) == FAILURE || EG(exception)) {
		zval_ptr_dtor(&ids);
		return;
	}
	if (Z_TYPE(ids) == IS_NULL) {
		return; /* nothing related */
	}
	if (Z_TYPE(ids) == IS_ARRAY) {
		add_many(event, "locations", Z_ARRVAL(ids), "Location id");
	} else if (Z_TYPE(ids) == IS_OBJECT && instanceof_function(Z_OBJCE(ids), zend_ce_traversable)) {
		zval arr, args[2];
		ZVAL_COPY_VALUE(&args[0], &ids);
		ZVAL_FALSE(&args[1]);
		zend_function *fn = zend_hash_str_find_ptr(CG(function_table), "iterator_to_array",
		                                           sizeof("iterator_to_array") - 1);
		zend_call_known_function(fn, NULL, NULL, &arr, 2, args, NULL);
		if (Z_TYPE(arr) == IS_ARRAY) {
			add_many(event, "locations", Z_ARRVAL(arr), "Location id");
		}
		zval_ptr_dtor(&arr);
	} else {
		tagcache_throw(tagcache_invalid_argument_ce,
		               "The lookup of %s must return an iterable of location ids or null, returned %s",
		               ZSTR_VAL(Z_OBJCE_P(this_zv)->name), zend_zval_type_name(&ids));
	}
	zval_ptr_dtor(&ids);
}

PHP_METHOD(TagCache_Http_AbstractRelationListener, onContentCacheClear)
{
	zval *event, *dispatcher = NULL;
	zend_string *name = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 3)
		Z_PARAM_OBJECT_OF_CLASS(event, tagcache_http_clear_event_ce)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(name)
		Z_PARAM_OBJECT_OR_NULL(dispatcher)
	ZEND_PARSE_PARAMETERS_END();
	relation_run(ZEND_THIS, Z_OBJ_P(event));
}

PHP_METHOD(TagCache_Http_AbstractRelationListener, __invoke)
{
	zval *event, *dispatcher = NULL;
	zend_string *name = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 3)
		Z_PARAM_OBJECT_OF_CLASS(event, tagcache_http_clear_event_ce)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(name)
		Z_PARAM_OBJECT_OR_NULL(dispatcher)
	ZEND_PARSE_PARAMETERS_END();
	relation_run(ZEND_THIS, Z_OBJ_P(event));
}

PHP_METHOD(TagCache_Http_PurgeException, getFailures)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_COPY(tagcache_http_prop(Z_OBJ_P(ZEND_THIS), tagcache_http_purge_exception_ce, "failures"));
}
