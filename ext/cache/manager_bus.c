/* CacheManager option "bus": a TagCache\Bus\Bus that hears of the manager's flushes, so other
 * servers and applications flush too. flushCaches() publishes flushAll, flushCachesByTag(s)
 * flushByTags for every cache; after the local flush, and also when a local cache failed (the
 * others still flushed, so the fleet must hear of it), that failure then thrown as before. */
#include "manager.h"
#include "exceptions.h"
#include "../bus/bus.h"
#include "zend_exceptions.h"

bool tagcache_manager_bus_set(zend_object **slot, zval *val)
{
	if (Z_TYPE_P(val) != IS_OBJECT || Z_OBJCE_P(val) != tagcache_bus_ce) {
		zend_type_error("CacheManager option \"bus\" must be a TagCache\\Bus\\Bus, got %s", zend_zval_type_name(val));
		return false;
	}
	if (!tagcache_bus_ready(Z_OBJ_P(val))) {
		return false;
	}
	if (*slot) {
		OBJ_RELEASE(*slot);
	}
	GC_ADDREF(Z_OBJ_P(val));
	*slot = Z_OBJ_P(val);
	return true;
}

/* Calls method on the bus with the local flush's failure (if any) set aside, then throws that
 * failure again, a failure of the bus added at the end of its chain of previous ones. */
static void publish(zend_object *bus, const char *method, uint32_t argc, zval *args)
{
	zend_object *local = EG(exception);
	if (local && (zend_is_unwind_exit(local) || zend_is_graceful_exit(local))) {
		return;
	}
	if (local) {
		GC_ADDREF(local);
		zend_clear_exception();
	}
	GC_ADDREF(bus); /* the manager may be changed by what runs meanwhile */
	zval ret;
	zend_function *fn = zend_hash_str_find_ptr(&bus->ce->function_table, method, strlen(method));
	zend_call_known_instance_method(fn, bus, &ret, argc, args);
	zval_ptr_dtor(&ret);
	OBJ_RELEASE(bus);
	if (local) {
		if (EG(exception)) {
			zend_object *mine = EG(exception);
			GC_ADDREF(mine);
			zend_clear_exception();
			zend_exception_set_previous(local, mine);
		}
		zval ex;
		ZVAL_OBJ(&ex, local);
		zend_throw_exception_object(&ex);
	}
}

void tagcache_manager_bus_flush_all(zend_object *bus, bool persistent)
{
	if (!bus) {
		return;
	}
	zval arg;
	ZVAL_BOOL(&arg, persistent);
	publish(bus, "flushall", 1, &arg);
}

void tagcache_manager_bus_flush_tags(zend_object *bus, HashTable *tags, bool persistent)
{
	if (!bus || !zend_hash_num_elements(tags)) {
		return;
	}
	/* a copy of our own: the caller's array may be immutable (a literal), and its refcount
	 * must not be touched then */
	zval args[3];
	ZVAL_ARR(&args[0], zend_array_dup(tags));
	ZVAL_NULL(&args[1]);
	ZVAL_BOOL(&args[2], persistent);
	publish(bus, "flushbytags", 3, args);
	zval_ptr_dtor(&args[0]);
}
