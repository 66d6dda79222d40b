/* Running PHP entries through the engine, so OPcache serves them like any other file. */
#ifndef TAGCACHE_INCLUDE_H
#define TAGCACHE_INCLUDE_H

#include "php.h"

/* require_once semantics: the file's return value the first time in a request, true after.
 * Exceptions thrown by the included code propagate. */
void tagcache_require_once_file(const char *path, zval *return_value);

/* Drops a rewritten file from OPcache (no-op when OPcache is not loaded). */
void tagcache_opcache_invalidate(const char *path);

#endif
