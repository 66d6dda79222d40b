/* The one option parser of the native backends: reads an options array against a
 * descriptor's option table into the backend's config struct. */
#ifndef TAGCACHE_BACKEND_OPTIONS_H
#define TAGCACHE_BACKEND_OPTIONS_H

#include "backend_desc.h"

/* A fresh config (desc->config_size bytes) holding options over the defaults; options may be
 * NULL. NULL with TagCache\InvalidArgumentException thrown when a key is unknown (the message
 * lists the known ones) or a value breaks its rule (the message names option, value, rule). */
void *tagcache_options_parse(const tagcache_backend_desc *d, HashTable *options);
/* Releases the strings of a config (secrets wiped first) and the config itself. */
void tagcache_options_free(const tagcache_backend_desc *d, void *config);

/* s as option errors show a value: escaped (quotes, backslashes, control and non-ASCII bytes)
 * and capped with "...". The caller releases it. */
zend_string *tagcache_options_shown(zend_string *s);

/* "cacheDirectory, defaultLifetime": the option names in table order. */
zend_string *tagcache_options_known(const tagcache_backend_desc *d);
/* "cacheDirectory (path), defaultLifetime (an integer >= 0 ..., default 0)" for phpinfo(). */
zend_string *tagcache_options_describe(const tagcache_backend_desc *d);

/* The directory used when neither the options nor a CacheManager name one: private to the
 * user, because a shared temporary directory is writable by everybody. */
zend_string *tagcache_default_cache_dir(void);

#endif
