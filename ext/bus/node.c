/* Placeholder: every method throws until this file is written. */
#include "bus.h"
#include "exceptions.h"

void tagcache_bus_node_init(zend_class_entry *ce)
{
	(void)ce;
}

ZEND_METHOD(TagCache_Bus_Node, __construct)
{
	zend_throw_error(NULL, "not built yet");
}

ZEND_METHOD(TagCache_Bus_Node, getName)
{
	zend_throw_error(NULL, "not built yet");
}

ZEND_METHOD(TagCache_Bus_Node, poll)
{
	zend_throw_error(NULL, "not built yet");
}

ZEND_METHOD(TagCache_Bus_Node, retryOutbox)
{
	zend_throw_error(NULL, "not built yet");
}

ZEND_METHOD(TagCache_Bus_Node, getStats)
{
	zend_throw_error(NULL, "not built yet");
}
