/* EventDispatcher: listeners per event name, kept sorted by priority (higher first, equal
 * priorities in the order they were added), so dispatch() only walks a list. */
#include "http.h"
#include "exceptions.h"
#include "zend_interfaces.h"

#define LISTENERS() tagcache_http_prop_array(Z_OBJ_P(ZEND_THIS), tagcache_http_dispatcher_ce, "listeners")

/* Inserts [priority, listener] after every entry of the same or higher priority. */
static void insert_sorted(HashTable *all, zend_string *name, zval *listener, zend_long priority)
{
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
	insert_sorted(LISTENERS(), name, listener, priority);
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
static bool subscribe(HashTable *all, zval *subscriber, zend_string *name, zval *spec)
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
			insert_sorted(all, name, &callable, 0);
		} else {
			tagcache_throw(tagcache_invalid_argument_ce, "%s subscribes %s() to \"%s\", but has no such public method",
			               ZSTR_VAL(Z_OBJCE_P(subscriber)->name), Z_STRVAL_P(spec), ZSTR_VAL(name));
		}
		zval_ptr_dtor(&callable);
		return ok;
	}
	if (Z_TYPE_P(spec) == IS_ARRAY) {
		zval *first = zend_hash_index_find(Z_ARRVAL_P(spec), 0);
		if (first && Z_TYPE_P(first) == IS_STRING) {
			zval *prio = zend_hash_index_find(Z_ARRVAL_P(spec), 1);
			zval callable;
			array_init(&callable);
			Z_ADDREF_P(subscriber);
			add_next_index_zval(&callable, subscriber);
			add_next_index_str(&callable, zend_string_copy(Z_STR_P(first)));
			bool ok = zend_is_callable(&callable, 0, NULL);
			if (ok) {
				insert_sorted(all, name, &callable, prio ? zval_get_long(prio) : 0);
			} else {
				tagcache_throw(tagcache_invalid_argument_ce, "%s subscribes %s() to \"%s\", but has no such public method",
				               ZSTR_VAL(Z_OBJCE_P(subscriber)->name), Z_STRVAL_P(first), ZSTR_VAL(name));
			}
			zval_ptr_dtor(&callable);
			return ok;
		}
		zval *inner;
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(spec), inner) {
			if (!subscribe(all, subscriber, name, inner)) {
				return false;
			}
		} ZEND_HASH_FOREACH_END();
		return true;
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
	HashTable *all = LISTENERS();
	zend_string *name;
	zval *spec;
	ZEND_HASH_FOREACH_STR_KEY_VAL(Z_ARRVAL(events), name, spec) {
		if (!name) {
			tagcache_throw(tagcache_invalid_argument_ce, "%s::getSubscribedEvents() must be keyed by event name",
			               ZSTR_VAL(Z_OBJCE_P(subscriber)->name));
			break;
		}
		if (!subscribe(all, subscriber, name, spec)) {
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
	HashTable *all = Z_ARRVAL_P(tagcache_http_prop(Z_OBJ_P(ZEND_THIS), tagcache_http_dispatcher_ce, "listeners"));
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
	HashTable *all = Z_ARRVAL_P(tagcache_http_prop(Z_OBJ_P(ZEND_THIS), tagcache_http_dispatcher_ce, "listeners"));
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
	if (instanceof_function(Z_OBJCE_P(event), tagcache_http_event_ce)) {
		return Z_TYPE_P(tagcache_http_prop(Z_OBJ_P(event), tagcache_http_event_ce, "propagationStopped")) == IS_TRUE;
	}
	zend_function *fn = zend_hash_str_find_ptr(&Z_OBJCE_P(event)->function_table, "ispropagationstopped",
	                                           sizeof("ispropagationstopped") - 1);
	if (!fn) {
		return false;
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
	HashTable *all = Z_ARRVAL_P(tagcache_http_prop(Z_OBJ_P(ZEND_THIS), tagcache_http_dispatcher_ce, "listeners"));
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
