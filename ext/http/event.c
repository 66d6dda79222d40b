/* Event, ContentCacheClearEvent, the relation listeners and PurgeException::getFailures(). */
#include "http.h"
#include "exceptions.h"
#include "zend_interfaces.h"

#define EVENT() tagcache_event_from_obj(Z_OBJ_P(ZEND_THIS))

static zend_object_handlers event_handlers;

static zend_object *event_create(zend_class_entry *ce)
{
	tagcache_event_obj *e = zend_object_alloc(sizeof(tagcache_event_obj), ce);
	zend_object_std_init(&e->std, ce);
	object_properties_init(&e->std, ce);
	e->std.handlers = &event_handlers;
	ZVAL_NULL(&e->content);
	zend_hash_init(&e->locations, 0, NULL, NULL, 0);
	zend_hash_init(&e->tags, 0, NULL, NULL, 0);
	return &e->std;
}

static void event_free(zend_object *obj)
{
	tagcache_event_obj *e = tagcache_event_from_obj(obj);
	zval_ptr_dtor(&e->content);
	zend_hash_destroy(&e->locations);
	zend_hash_destroy(&e->tags);
	zend_object_std_dtor(obj);
}

/* The content may hold the dispatcher, a listener or the event itself: the GC must see it. */
static HashTable *event_get_gc(zend_object *obj, zval **table, int *n)
{
	tagcache_event_obj *e = tagcache_event_from_obj(obj);
	*table = &e->content;
	*n = 1;
	return zend_std_get_properties(obj);
}

/* An event is a value: a clone gets its own sets and the same content (PHP's shallow clone). */
static zend_object *event_clone(zend_object *old)
{
	tagcache_event_obj *from = tagcache_event_from_obj(old);
	tagcache_event_obj *to = tagcache_event_from_obj(event_create(old->ce));
	zend_objects_clone_members(&to->std, old);
	to->stopped = from->stopped;
	ZVAL_COPY(&to->content, &from->content);
	zend_hash_copy(&to->locations, &from->locations, NULL);
	zend_hash_copy(&to->tags, &from->tags, NULL);
	return &to->std;
}

static void set_keys_into(zval *out, HashTable *set);

static HashTable *event_get_debug_info(zend_object *obj, int *is_temp)
{
	tagcache_event_obj *e = tagcache_event_from_obj(obj);
	HashTable *info = zend_array_dup(zend_std_get_properties(obj));
	zval v;
	ZVAL_BOOL(&v, e->stopped);
	zend_hash_str_update(info, "propagationStopped", sizeof("propagationStopped") - 1, &v);
	if (instanceof_function(obj->ce, tagcache_http_clear_event_ce)) {
		Z_TRY_ADDREF(e->content);
		zend_hash_str_update(info, "content", sizeof("content") - 1, &e->content);
		set_keys_into(&v, &e->locations);
		zend_hash_str_update(info, "locations", sizeof("locations") - 1, &v);
		set_keys_into(&v, &e->tags);
		zend_hash_str_update(info, "tags", sizeof("tags") - 1, &v);
	}
	*is_temp = 1;
	return info;
}

void tagcache_http_event_init(zend_class_entry *event_ce)
{
	event_ce->create_object = event_create;
	memcpy(&event_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	event_handlers.offset = XtOffsetOf(tagcache_event_obj, std);
	event_handlers.free_obj = event_free;
	event_handlers.get_gc = event_get_gc;
	event_handlers.clone_obj = event_clone;
	event_handlers.get_debug_info = event_get_debug_info;
}

PHP_METHOD(TagCache_Http_Event, stopPropagation)
{
	ZEND_PARSE_PARAMETERS_NONE();
	EVENT()->stopped = true;
}

PHP_METHOD(TagCache_Http_Event, isPropagationStopped)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(EVENT()->stopped);
}

/* ---- ContentCacheClearEvent ------------------------------------------------------------- */

static void set_content(tagcache_event_obj *e, zval *content)
{
	zval old;
	ZVAL_COPY_VALUE(&old, &e->content);
	ZVAL_COPY_DEREF(&e->content, content);
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
		set_content(EVENT(), content);
	}
}

PHP_METHOD(TagCache_Http_ContentCacheClearEvent, getContent)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_COPY(&EVENT()->content);
}

PHP_METHOD(TagCache_Http_ContentCacheClearEvent, setContent)
{
	zval *content;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ZVAL(content)
	ZEND_PARSE_PARAMETERS_END();
	set_content(EVENT(), content);
}

/* Adds one value to a set; location ids may be ints and become strings (keys stay strings,
 * "12" too, so getters return what was added and nothing downstream meets an int key). */
static bool add_to_set(HashTable *set, bool locations, zval *value, const char *what)
{
	ZVAL_DEREF(value);
	zend_string *s;
	if (Z_TYPE_P(value) == IS_LONG && locations) {
		s = zend_long_to_str(Z_LVAL_P(value));
	} else if (Z_TYPE_P(value) == IS_STRING) {
		s = zend_string_copy(Z_STR_P(value));
	} else {
		tagcache_throw(tagcache_invalid_argument_ce, "%s must be a string%s, got %s", what,
		               locations ? " or an int" : "", zend_zval_type_name(value));
		return false;
	}
	if (!tagcache_http_check_tag(s, what)) {
		zend_string_release(s);
		return false;
	}
	zval t;
	ZVAL_TRUE(&t);
	zend_hash_update(set, s, &t);
	zend_string_release(s);
	return true;
}

static void add_many(HashTable *set, bool locations, HashTable *values, const char *what)
{
	zval *v;
	ZEND_HASH_FOREACH_VAL(values, v) {
		if (!add_to_set(set, locations, v, what)) {
			return;
		}
	} ZEND_HASH_FOREACH_END();
}

/* The keys of a set as a fresh list. */
static void set_keys_into(zval *out, HashTable *set)
{
	array_init_size(out, zend_hash_num_elements(set));
	zend_string *key;
	zend_ulong idx;
	ZEND_HASH_FOREACH_KEY(set, idx, key) {
		add_next_index_str(out, key ? zend_string_copy(key) : zend_long_to_str((zend_long)idx));
	} ZEND_HASH_FOREACH_END();
}

void tagcache_http_event_sets(zend_object *event, zval *locations, zval *tags)
{
	tagcache_event_obj *e = tagcache_event_from_obj(event);
	set_keys_into(locations, &e->locations);
	set_keys_into(tags, &e->tags);
}

/* A replacement is checked whole before the set changes: a bad value leaves the set as it was. */
static void replace_set(HashTable *set, bool locations, HashTable *values, const char *what)
{
	HashTable fresh;
	zend_hash_init(&fresh, zend_hash_num_elements(values), NULL, NULL, 0);
	zval *v;
	ZEND_HASH_FOREACH_VAL(values, v) {
		if (!add_to_set(&fresh, locations, v, what)) {
			zend_hash_destroy(&fresh);
			return;
		}
	} ZEND_HASH_FOREACH_END();
	zend_hash_destroy(set);
	memcpy(set, &fresh, sizeof(HashTable));
}

#define LOCATIONS &EVENT()->locations, true
#define TAGS &EVENT()->tags, false

PHP_METHOD(TagCache_Http_ContentCacheClearEvent, addLocationToClear)
{
	zval *id;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ZVAL(id)
	ZEND_PARSE_PARAMETERS_END();
	add_to_set(LOCATIONS, id, "Location id");
}

PHP_METHOD(TagCache_Http_ContentCacheClearEvent, addLocationsToClear)
{
	HashTable *ids;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(ids)
	ZEND_PARSE_PARAMETERS_END();
	add_many(LOCATIONS, ids, "Location id");
}

PHP_METHOD(TagCache_Http_ContentCacheClearEvent, getLocationsToClear)
{
	ZEND_PARSE_PARAMETERS_NONE();
	set_keys_into(return_value, &EVENT()->locations);
}

PHP_METHOD(TagCache_Http_ContentCacheClearEvent, setLocationsToClear)
{
	HashTable *ids;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(ids)
	ZEND_PARSE_PARAMETERS_END();
	replace_set(LOCATIONS, ids, "Location id");
}

PHP_METHOD(TagCache_Http_ContentCacheClearEvent, addTagToClear)
{
	zval *tag;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ZVAL(tag)
	ZEND_PARSE_PARAMETERS_END();
	add_to_set(TAGS, tag, "Tag");
}

PHP_METHOD(TagCache_Http_ContentCacheClearEvent, addTagsToClear)
{
	HashTable *tags;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(tags)
	ZEND_PARSE_PARAMETERS_END();
	add_many(TAGS, tags, "Tag");
}

PHP_METHOD(TagCache_Http_ContentCacheClearEvent, getTagsToClear)
{
	ZEND_PARSE_PARAMETERS_NONE();
	set_keys_into(return_value, &EVENT()->tags);
}

PHP_METHOD(TagCache_Http_ContentCacheClearEvent, setTagsToClear)
{
	HashTable *tags;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(tags)
	ZEND_PARSE_PARAMETERS_END();
	replace_set(TAGS, tags, "Tag");
}

/* ---- relation listeners ----------------------------------------------------------------- */

typedef struct {
	zval lookup; /* UNDEF until constructed */
	zend_object std;
} relation_obj;

static zend_object_handlers relation_handlers;

static inline relation_obj *relation_from(zend_object *obj)
{
	return (relation_obj *)((char *)obj - XtOffsetOf(relation_obj, std));
}

static zend_object *relation_create(zend_class_entry *ce)
{
	relation_obj *r = zend_object_alloc(sizeof(relation_obj), ce);
	zend_object_std_init(&r->std, ce);
	object_properties_init(&r->std, ce);
	r->std.handlers = &relation_handlers;
	ZVAL_UNDEF(&r->lookup);
	return &r->std;
}

static void relation_free(zend_object *obj)
{
	zval_ptr_dtor(&relation_from(obj)->lookup);
	zend_object_std_dtor(obj);
}

/* A lookup closure often captures the dispatcher the listener is subscribed to. */
static HashTable *relation_get_gc(zend_object *obj, zval **table, int *n)
{
	relation_obj *r = relation_from(obj);
	*table = &r->lookup;
	*n = Z_ISUNDEF(r->lookup) ? 0 : 1;
	return zend_std_get_properties(obj);
}

/* A clone runs the same lookup. */
static zend_object *relation_clone(zend_object *old)
{
	zend_object *obj = relation_create(old->ce);
	zend_objects_clone_members(obj, old);
	ZVAL_COPY(&relation_from(obj)->lookup, &relation_from(old)->lookup);
	return obj;
}

void tagcache_http_relation_init(zend_class_entry *ce)
{
	ce->create_object = relation_create;
	memcpy(&relation_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	relation_handlers.offset = XtOffsetOf(relation_obj, std);
	relation_handlers.free_obj = relation_free;
	relation_handlers.get_gc = relation_get_gc;
	relation_handlers.clone_obj = relation_clone;
}

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
	relation_obj *r = relation_from(Z_OBJ_P(ZEND_THIS));
	zval old;
	ZVAL_COPY_VALUE(&old, &r->lookup);
	ZVAL_COPY(&r->lookup, lookup);
	zval_ptr_dtor(&old);
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
	relation_obj *r = relation_from(Z_OBJ_P(this_zv));
	if (Z_ISUNDEF(r->lookup)) {
		zend_throw_error(NULL, "%s was not constructed: call parent::__construct() with the lookup",
		                 ZSTR_VAL(Z_OBJCE_P(this_zv)->name));
		return;
	}
	tagcache_event_obj *e = tagcache_event_from_obj(event);
	/* The lookup may replace the content or the listener's own lookup while it runs. */
	zval lookup, content, ids;
	ZVAL_COPY(&lookup, &r->lookup);
	ZVAL_COPY(&content, &e->content);
	zend_result called = call_user_function(NULL, NULL, &lookup, &ids, 1, &content);
	zval_ptr_dtor(&lookup);
	zval_ptr_dtor(&content);
	if (called == FAILURE || EG(exception)) {
		zval_ptr_dtor(&ids);
		return;
	}
	if (Z_TYPE(ids) == IS_NULL) {
		return; /* nothing related */
	}
	if (Z_TYPE(ids) == IS_ARRAY) {
		add_many(&e->locations, true, Z_ARRVAL(ids), "Location id");
	} else if (Z_TYPE(ids) == IS_OBJECT && instanceof_function(Z_OBJCE(ids), zend_ce_traversable)) {
		zval arr, args[2];
		ZVAL_COPY_VALUE(&args[0], &ids);
		ZVAL_FALSE(&args[1]);
		zend_function *fn = zend_hash_str_find_ptr(CG(function_table), "iterator_to_array",
		                                           sizeof("iterator_to_array") - 1);
		zend_call_known_function(fn, NULL, NULL, &arr, 2, args, NULL);
		if (Z_TYPE(arr) == IS_ARRAY) {
			add_many(&e->locations, true, Z_ARRVAL(arr), "Location id");
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
	/* A bound closure can unset the property; that reads as no failures. */
	zval *failures = tagcache_http_prop(Z_OBJ_P(ZEND_THIS), tagcache_http_purge_exception_ce, "failures");
	if (Z_TYPE_P(failures) != IS_ARRAY) {
		RETURN_EMPTY_ARRAY();
	}
	RETURN_COPY(failures);
}
