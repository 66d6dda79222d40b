/* RedisBackend's options array, checked and kept until setCache() builds the core. */
#ifndef TAGCACHE_REDIS_OPTIONS_H
#define TAGCACHE_REDIS_OPTIONS_H

#include "php.h"
#include "tc_backend.h"

typedef struct tagcache_redis_config {
	tc_redis_options core;     /* string fields point into the zend_strings below */
	zend_string *hostname;
	zend_string *password;
	zend_string *app_id;
	zend_string *prefix;       /* "{tagcache:<app>:<cache>}", set by setCache() */
} tagcache_redis_config;

/* NULL with InvalidArgumentException thrown when an option breaks its rule. */
tagcache_redis_config *tagcache_redis_config_parse(HashTable *options);
void tagcache_redis_config_free(tagcache_redis_config *c);

#endif
