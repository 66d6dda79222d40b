/* EventDispatcher: listeners per event name, kept sorted by priority (higher first, equal
 * priorities in the order they were added), so dispatch() only walks a list. */
#include "http.h"
#include "exceptions.h"
#include "zend_interfaces.h"

typedef struct {
	zval listeners; /* event name => list of [priority, listener], kept sorted; an array */
	zend_object std;
} dispatcher_obj;

static zend_object_handlers dispatcher_handlers;

static inline dispatcher_obj *dispatcher_from(zend_object *obj)
{
	return (dispatcher_obj *)((char *)obj - XtOffsetOf(dispatcher_obj, std));
}

static zend_object *dispatcher_create(zend_class_entry *ce)
{
	dispatcher_obj *d = zend_object_alloc(sizeof(dispatcher_obj), ce);
	zend_object_std_init(&d->std, ce);
	object_properties_init(&d->std, ce);
	d->std.handlers = &dispatcher_handlers;
	array_init(&d->listeners);
	return &d->std;
}

static void dispatcher_free(zend_object *obj)
{
	zval_ptr_dtor(&dispatcher_from(obj)->listeners);
	zend_object_std_dtor(obj);
}

/* Listeners are closures and subscribers that often hold the dispatcher itself. */
static HashTable *dispatcher_get_gc(zend_object *obj, zval **table, int *n)
{
	*table = &dispatcher_from(obj)->listeners;
	*n = 1;
	return zend_std_get_properties(obj);
}

/* A clone gets its own lists (copy on write: every change below separates first). */
static zend_object *dispatcher_clone(zend_object *old)
{
	zend_object *obj = dispatcher_create(old->ce);
	zend_objects_clone_members(obj, old);
	dispatcher_obj *d = dispatcher_from(obj);
	zval_ptr_dtor(&d->listeners);
	ZVAL_COPY(&d->listeners, &dispatcher_from(old)->listeners);
	return obj;
}

static HashTable *dispatcher_get_debug_info(zend_object *obj, int *is_temp)
{
	HashTable *info = zend_array_dup(zend_std_get_properties(obj));
	Z_ADDREF(dispatcher_from(obj)->listeners);
	zend_hash_str_update(info, "listeners", sizeof("listeners") - 1, &dispatcher_from(obj)->listeners);
	*is_temp = 1;
	return info;
}

void tagcache_http_dispatcher_init(zend_class_entry *ce)
{
	ce->create_object = dispatcher_create;
	memcpy(&dispatcher_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	dispatcher_handlers.offset = XtOffsetOf(dispatcher_obj, std);
	dispatcher_handlers.free_obj = dispatcher_free;
	dispatcher_handlers.get_gc = dispatcher_get_gc;
	dispatcher_handlers.clone_obj = dispatcher_clone;
	dispatcher_handlers.get_debug_info = dispatcher_get_debug_info;
}

/* The listener table, separated and ready to be changed in place. */
static HashTable *listeners_for_write(zval *this_zv)
{
	zval *all = &dispatcher_from(Z_OBJ_P(this_zv))->listeners;
	SEPARATE_ARRAY(all);
	return Z_ARRVAL_P(all);
}

#define LISTENERS() listeners_for_write(ZEND_THIS)
#define LISTENERS_READ() Z_ARRVAL(dispatcher_from(Z_OBJ_P(ZEND_THIS))->listeners)

/* Inserts [priority, listener] after every entry of the same or higher priority. The table is
 * fetched here, after any user code the caller ran (an autoloader may have changed it). */
static void insert_sorted(zval *this_zv, zend_string *name, zval *listener, zend_long priority)
{
	HashTable *all = listeners_for_write(this_zv);
	zval *list = zend_hash_find(all, name);
	if (!list) {
		zval empty;
		array_init(&empty);
		list = zend_hash_add_new(all, name, &empty);
	}
	SEPARATE_ARRAY(list);
	HashTable *old = Z_ARRVAL_P(list);
	zval entry;
	array_init_size(&entry, 2);
	add_next_index_long(&entry, priority);
	Z_TRY_ADDREF_P(listener);
	add_next_index_zval(&entry, listener);

	HashTable *sorted = zend_new_array(zend_hash_num_elements(old) + 1);
	bool placed = false;
	zval *e;
	ZEND_HASH_FOREACH_VAL(old, e) {
		if (!placed && Z_LVAL_P(zend_hash_index_find(Z_ARRVAL_P(e), 0)) < priority) {
			zend_hash_next_index_insert_new(sorted, &entry);
			placed = true;
		}
		Z_TRY_ADDREF_P(e);
		zend_hash_next_index_insert_new(sorted, e);
	} ZEND_HASH_FOREACH_END();
	if (!placed) {
		zend_hash_next_index_insert_new(sorted, &entry);
	}
	zval_ptr_dtor(list);
	ZVAL_ARR(list, sorted);
}

PHP_METHOD(TagCache_Http_EventDispatcher, addListener)
{
	zend_string *name;
	zval *listener;
	zend_long priority = 0;
	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(name)
		Z_PARAM_ZVAL(listener)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(priority)
	ZEND_PARSE_PARAMETERS_END();
	if (!zend_is_callable(listener, 0, NULL)) {
		zend_argument_type_error(2, "must be a valid callback");
		RETURN_THROWS();
	}
	insert_sorted(ZEND_THIS, name, listener, priority);
}

PHP_METHOD(TagCache_Http_EventDispatcher, removeListener)
{
	zend_string *name;
	zval *listener;
	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(name)
		Z_PARAM_ZVAL(listener)
	ZEND_PARSE_PARAMETERS_END();
	HashTable *all = LISTENERS();
	zval *list = zend_hash_find(all, name);
	if (!list) {
		return;
	}
	SEPARATE_ARRAY(list);
	zend_ulong idx;
	zval *e;
	ZEND_HASH_FOREACH_NUM_KEY_VAL(Z_ARRVAL_P(list), idx, e) {
		if (zend_is_identical(zend_hash_index_find(Z_ARRVAL_P(e), 1), listener)) {
			zend_hash_index_del(Z_ARRVAL_P(list), idx);
		}
	} ZEND_HASH_FOREACH_END();
	if (zend_hash_num_elements(Z_ARRVAL_P(list)) == 0) {
		zend_hash_del(all, name);
	} else {
		/* keep it a list */
		zval packed;
		array_init(&packed);
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(list), e) {
			Z_TRY_ADDREF_P(e);
			add_next_index_zval(&packed, e);
		} ZEND_HASH_FOREACH_END();
		zval_ptr_dtor(list);
		ZVAL_COPY_VALUE(list, &packed);
	}
}

/* One subscription: "method", ["method", priority] or [["m1", p1], ["m2"]]. */
static bool subscribe(zval *this_zv, zval *subscriber, zend_string *name, zval *spec, bool nested)
{
	ZVAL_DEREF(spec);
	if (Z_TYPE_P(spec) == IS_STRING) {
		zval callable;
		array_init(&callable);
		Z_ADDREF_P(subscriber);
		add_next_index_zval(&callable, subscriber);
		add_next_index_str(&callable, zend_string_copy(Z_STR_P(spec)));
		bool ok = zend_is_callable(&callable, 0, NULL);
		if (ok) {
			insert_sorted(this_zv, name, &callable, 0);
		} else {
			tagcache_throw(tagcache_invalid_argument_ce, "%s subscribes %s() to \"%s\", but has no such public method",
			               ZSTR_VAL(Z_OBJCE_P(subscriber)->name), Z_STRVAL_P(spec), ZSTR_VAL(name));
		}
		zval_ptr_dtor(&callable);
		return ok;
	}
	if (Z_TYPE_P(spec) == IS_ARRAY) {
		zval *first = zend_hash_index_find(Z_ARRVAL_P(spec), 0);
		if (first) {
			ZVAL_DEREF(first);
		}
		if (first && Z_TYPE_P(first) == IS_STRING) {
			zval *prio = zend_hash_index_find(Z_ARRVAL_P(spec), 1);
			zval callable;
			array_init(&callable);
			Z_ADDREF_P(subscriber);
			add_next_index_zval(&callable, subscriber);
			add_next_index_str(&callable, zend_string_copy(Z_STR_P(first)));
			bool ok = zend_is_callable(&callable, 0, NULL);
			if (ok) {
				insert_sorted(this_zv, name, &callable, prio ? zval_get_long(prio) : 0);
			} else {
				tagcache_throw(tagcache_invalid_argument_ce, "%s subscribes %s() to \"%s\", but has no such public method",
				               ZSTR_VAL(Z_OBJCE_P(subscriber)->name), Z_STRVAL_P(first), ZSTR_VAL(name));
			}
			zval_ptr_dtor(&callable);
			return ok;
		}
		zval *inner;
		/* One level of lists only: deeper nesting is no format, and must not recurse without end. */
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(spec), inner) {
			if (nested) {
				break;
			}
			if (!subscribe(this_zv, subscriber, name, inner, true)) {
				return false;
			}
		} ZEND_HASH_FOREACH_END();
		if (!nested) {
			return true;
		}
	}
	tagcache_throw(tagcache_invalid_argument_ce,
	               "%s::getSubscribedEvents() must map \"%s\" to a method name, [method, priority] or a list of those",
	               ZSTR_VAL(Z_OBJCE_P(subscriber)->name), ZSTR_VAL(name));
	return false;
}

PHP_METHOD(TagCache_Http_EventDispatcher, addSubscriber)
{
	zval *subscriber;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJECT_OF_CLASS(subscriber, tagcache_http_subscriber_ce)
	ZEND_PARSE_PARAMETERS_END();
	zval events;
	zend_call_method_with_0_params(NULL, Z_OBJCE_P(subscriber), NULL, "getsubscribedevents", &events);
	if (EG(exception)) {
		zval_ptr_dtor(&events);
		RETURN_THROWS();
	}
	if (Z_TYPE(events) != IS_ARRAY) {
		zval_ptr_dtor(&events);
		tagcache_throw(tagcache_invalid_argument_ce, "%s::getSubscribedEvents() must return an array",
		               ZSTR_VAL(Z_OBJCE_P(subscriber)->name));
		RETURN_THROWS();
	}
	zend_string *name;
	zval *spec;
	ZEND_HASH_FOREACH_STR_KEY_VAL(Z_ARRVAL(events), name, spec) {
		if (!name) {
			tagcache_throw(tagcache_invalid_argument_ce, "%s::getSubscribedEvents() must be keyed by event name",
			               ZSTR_VAL(Z_OBJCE_P(subscriber)->name));
			break;
		}
		if (!subscribe(ZEND_THIS, subscriber, name, spec, false)) {
			break;
		}
	} ZEND_HASH_FOREACH_END();
	zval_ptr_dtor(&events);
}

PHP_METHOD(TagCache_Http_EventDispatcher, hasListeners)
{
	zend_string *name = NULL;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(name)
	ZEND_PARSE_PARAMETERS_END();
	HashTable *all = LISTENERS_READ();
	RETURN_BOOL(name ? zend_hash_exists(all, name) : zend_hash_num_elements(all) > 0);
}

static void callables_of(zval *list, zval *out)
{
	array_init(out);
	zval *e;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(list), e) {
		zval *cb = zend_hash_index_find(Z_ARRVAL_P(e), 1);
		Z_TRY_ADDREF_P(cb);
		add_next_index_zval(out, cb);
	} ZEND_HASH_FOREACH_END();
}

PHP_METHOD(TagCache_Http_EventDispatcher, getListeners)
{
	zend_string *name = NULL;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(name)
	ZEND_PARSE_PARAMETERS_END();
	HashTable *all = LISTENERS_READ();
	if (name) {
		zval *list = zend_hash_find(all, name);
		if (!list) {
			RETURN_EMPTY_ARRAY();
		}
		callables_of(list, return_value);
		return;
	}
	array_init(return_value);
	zend_string *key;
	zval *list;
	ZEND_HASH_FOREACH_STR_KEY_VAL(all, key, list) {
		zval callables;
		callables_of(list, &callables);
		zend_hash_update(Z_ARRVAL_P(return_value), key, &callables);
	} ZEND_HASH_FOREACH_END();
}

/* Symfony's and PSR-14's contract: any event with isPropagationStopped() can stop the run. */
static bool stopped(zval *event)
{
	zend_function *fn = zend_hash_str_find_ptr(&Z_OBJCE_P(event)->function_table, "ispropagationstopped",
	                                           sizeof("ispropagationstopped") - 1);
	if (!fn) {
		return false;
	}
	/* Our Event's own flag is read directly; a subclass that overrides the method is asked. */
	if (fn->common.scope == tagcache_http_event_ce) {
		return tagcache_event_from_obj(Z_OBJ_P(event))->stopped;
	}
	zval ret;
	zend_call_known_instance_method_with_0_params(fn, Z_OBJ_P(event), &ret);
	bool result = zend_is_true(&ret);
	zval_ptr_dtor(&ret);
	return result;
}

PHP_METHOD(TagCache_Http_EventDispatcher, dispatch)
{
	zval *event;
	zend_string *name = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_OBJECT(event)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(name)
	ZEND_PARSE_PARAMETERS_END();
	if (!name) {
		name = Z_OBJCE_P(event)->name;
	}
	HashTable *all = LISTENERS_READ();
	zval *list = zend_hash_find(all, name);
	if (list) {
		/* A listener may add or remove listeners: run over the list as it was. */
		zval snapshot;
		ZVAL_COPY(&snapshot, list);
		zval args[3];
		ZVAL_COPY_VALUE(&args[0], event);
		ZVAL_STR(&args[1], name);
		ZVAL_COPY_VALUE(&args[2], ZEND_THIS);
		zval *e;
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL(snapshot), e) {
			if (stopped(event) || EG(exception)) {
				break;
			}
			zval ret;
			call_user_function(NULL, NULL, zend_hash_index_find(Z_ARRVAL_P(e), 1), &ret, 3, args);
			zval_ptr_dtor(&ret);
			if (EG(exception)) {
				break;
			}
		} ZEND_HASH_FOREACH_END();
		zval_ptr_dtor(&snapshot);
		if (EG(exception)) {
			RETURN_THROWS();
		}
	}
	RETURN_COPY(event);
}
