/* Placeholder: every method throws until this file is written. */
#include "bus.h"
#include "exceptions.h"

void tagcache_bus_init(zend_class_entry *ce)
{
	(void)ce;
}

tagcache_bus_obj *tagcache_bus_ready(zend_object *obj)
{
	(void)obj;
	tagcache_throw(tagcache_bus_exception_ce, "not built yet");
	return NULL;
}

ZEND_METHOD(TagCache_Bus_Bus, __construct)
{
	zend_throw_error(NULL, "not built yet");
}

ZEND_METHOD(TagCache_Bus_Bus, flushAll)
{
	zend_throw_error(NULL, "not built yet");
}

ZEND_METHOD(TagCache_Bus_Bus, flushCache)
{
	zend_throw_error(NULL, "not built yet");
}

ZEND_METHOD(TagCache_Bus_Bus, flushByTags)
{
	zend_throw_error(NULL, "not built yet");
}

ZEND_METHOD(TagCache_Bus_Bus, remove)
{
	zend_throw_error(NULL, "not built yet");
}

ZEND_METHOD(TagCache_Bus_Bus, purgeTags)
{
	zend_throw_error(NULL, "not built yet");
}

ZEND_METHOD(TagCache_Bus_Bus, purgeLocations)
{
	zend_throw_error(NULL, "not built yet");
}

ZEND_METHOD(TagCache_Bus_Bus, purgeUrls)
{
	zend_throw_error(NULL, "not built yet");
}

ZEND_METHOD(TagCache_Bus_Bus, banPath)
{
	zend_throw_error(NULL, "not built yet");
}

ZEND_METHOD(TagCache_Bus_Bus, beginTransaction)
{
	zend_throw_error(NULL, "not built yet");
}

ZEND_METHOD(TagCache_Bus_Bus, commit)
{
	zend_throw_error(NULL, "not built yet");
}

ZEND_METHOD(TagCache_Bus_Bus, rollBack)
{
	zend_throw_error(NULL, "not built yet");
}

ZEND_METHOD(TagCache_Bus_Bus, inTransaction)
{
	zend_throw_error(NULL, "not built yet");
}

ZEND_METHOD(TagCache_Bus_Bus, publish)
{
	zend_throw_error(NULL, "not built yet");
}

ZEND_METHOD(TagCache_Bus_Bus, getPending)
{
	zend_throw_error(NULL, "not built yet");
}

ZEND_METHOD(TagCache_Bus_Bus, getStatus)
{
	zend_throw_error(NULL, "not built yet");
}

ZEND_METHOD(TagCache_Bus_Bus, trim)
{
	zend_throw_error(NULL, "not built yet");
}

ZEND_METHOD(TagCache_Bus_Bus, getOptions)
{
	zend_throw_error(NULL, "not built yet");
}
