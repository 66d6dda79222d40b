/* TagCache\CacheManager: caches by identifier, built lazily from Caches.yaml-shaped configuration. */
#ifndef TAGCACHE_MANAGER_H
#define TAGCACHE_MANAGER_H

#include "php.h"

void tagcache_register_manager(void);

/* For the bus's Node (ext/bus/): the class, and every cache identifier a manager knows
 * (configured, built or not, and registered), as a new array with the ids as keys. */
zend_class_entry *tagcache_manager_class(void);
HashTable *tagcache_manager_cache_ids(zend_object *manager);

/* Option "bus" (manager_bus.c): checks val is a constructed TagCache\Bus\Bus and holds it in
 * *slot; after a flush, publishes it to the bus (nothing when bus is NULL), keeping a local
 * failure pending. */
bool tagcache_manager_bus_set(zend_object **slot, zval *val);
void tagcache_manager_bus_flush_all(zend_object *bus, bool persistent);
void tagcache_manager_bus_flush_tags(zend_object *bus, HashTable *tags, bool persistent);

#endif
