/* TagCache\CacheManager: caches by identifier, built lazily from Caches.yaml-shaped configuration. */
#ifndef TAGCACHE_MANAGER_H
#define TAGCACHE_MANAGER_H

void tagcache_register_manager(void);

#endif
