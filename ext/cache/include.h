/* Running PHP entries through the engine, so OPcache serves them like any other file. */
#ifndef TAGCACHE_INCLUDE_H
#define TAGCACHE_INCLUDE_H

#include "php.h"

/* require_once semantics: the file's return value the first time in a request, true after.
 * Exceptions thrown by the included code propagate. */
void tagcache_require_once_file(const char *path, zval *return_value);

/* Whether the file backend entry id under directory already ran in this request. */
bool tagcache_already_included(zend_string *directory, zend_string *id);

/* The same for an entry kept as code (no file): once per request and once_key. */
void tagcache_require_once_code(zend_string *once_key, zend_string *code, zval *return_value);
/* Forgets which code entries ran (request shutdown). */
void tagcache_include_request_end(void);

/* Drops a rewritten file from OPcache (no-op when OPcache is not loaded). */
void tagcache_opcache_invalidate(const char *path);

#endif
