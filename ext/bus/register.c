/* Registers the TagCache\Bus classes (stubs/bus.stub.php). */
#include "bus.h"
#include "exceptions.h"
#include "ext/spl/spl_exceptions.h"
#include "bus_arginfo.h"

zend_class_entry *tagcache_bus_exception_ce;
zend_class_entry *tagcache_bus_ce;
zend_class_entry *tagcache_bus_node_ce;

void tagcache_register_bus(void)
{
	tagcache_bus_exception_ce =
		register_class_TagCache_Bus_BusException(spl_ce_RuntimeException, tagcache_exception_ce);
	tagcache_exception_set_code(tagcache_bus_exception_ce, TAGCACHE_CODE_BUS);
	tagcache_bus_ce = register_class_TagCache_Bus_Bus();
	tagcache_bus_init(tagcache_bus_ce);
	tagcache_bus_node_ce = register_class_TagCache_Bus_Node();
	tagcache_bus_node_init(tagcache_bus_node_ce);
}
