/* TagCache\CacheManager: caches by identifier, built lazily from Caches.yaml-shaped configuration. */
#ifndef TAGCACHE_MANAGER_H
#define TAGCACHE_MANAGER_H

#include "php.h"

void tagcache_register_manager(void);

/* For the bus's Node (ext/bus/): the class, and every cache identifier a manager knows
 * (configured, built or not, and registered), as a new array with the ids as keys. */
zend_class_entry *tagcache_manager_class(void);
HashTable *tagcache_manager_cache_ids(zend_object *manager);

#endif
