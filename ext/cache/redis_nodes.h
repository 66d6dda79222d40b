/* The node lists of RedisBackend's options cluster and sentinels: their check and their
 * conversion for the core. */
#ifndef TAGCACHE_REDIS_NODES_H
#define TAGCACHE_REDIS_NODES_H

#include "php.h"

/* The option check: a non-empty list of distinct "host:port" / "[v6]:port" strings. */
bool tagcache_redis_check_nodes(const char *backend, const char *option, zval *val);

/* The strings of a checked list, in order (efree the array; the strings stay the list's). */
const char **tagcache_redis_node_list(const zend_array *nodes, size_t *n);

#endif
