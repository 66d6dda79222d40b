/* tagcache's exception classes, their stable codes, and the bridge from a core tc_err to a
 * thrown exception. */
#ifndef TAGCACHE_EXCEPTIONS_H
#define TAGCACHE_EXCEPTIONS_H

#include "php.h"
#include "tc_status.h"

/* Stable codes, one per class (README, "Exceptions and codes"). They are the default value of
 * each class's `code` property, so every throw of a class carries its code, including those
 * built with `new` in PHP. Never renumber: users compare them. */
#define TAGCACHE_CODE_INVALID_ARGUMENT     1001 /* TagCache\InvalidArgumentException */
#define TAGCACHE_CODE_NO_SUCH_CACHE        1002 /* TagCache\NoSuchCacheException */
#define TAGCACHE_CODE_DUPLICATE_IDENTIFIER 1003 /* TagCache\DuplicateIdentifierException */
#define TAGCACHE_CODE_INVALID_DATA         1004 /* TagCache\InvalidDataException */
#define TAGCACHE_CODE_NOT_SUPPORTED        1005 /* TagCache\NotSupportedByBackendException */
#define TAGCACHE_CODE_BACKEND              1006 /* TagCache\BackendException */
#define TAGCACHE_CODE_FROZEN               1007 /* TagCache\FrozenCacheException */
#define TAGCACHE_CODE_PURGE                1008 /* TagCache\Http\PurgeException */
#define TAGCACHE_CODE_CACHE_FLUSH          1009 /* TagCache\CacheFlushException */
#define TAGCACHE_CODE_BUS                  1010 /* TagCache\Bus\BusException */
#define TAGCACHE_CODE_ESI                  1011 /* TagCache\Page\EsiException */

/* TagCache\Exception is an interface (the marker); the others are classes implementing it. */
extern zend_class_entry *tagcache_exception_ce;
extern zend_class_entry *tagcache_invalid_argument_ce;
extern zend_class_entry *tagcache_no_such_cache_ce;
extern zend_class_entry *tagcache_duplicate_identifier_ce;
extern zend_class_entry *tagcache_invalid_data_ce;
extern zend_class_entry *tagcache_not_supported_ce;
extern zend_class_entry *tagcache_backend_exception_ce;
extern zend_class_entry *tagcache_frozen_ce;
extern zend_class_entry *tagcache_cache_flush_ce;

void tagcache_register_exceptions(void);

/* Makes code the default `code` of an exception class (MINIT only). */
void tagcache_exception_set_code(zend_class_entry *ce, zend_long code);

/* Throws the exception class matching err->code with err->msg. */
void tagcache_throw_err(const tc_err *err);

/* Throws TagCache\CacheFlushException with message; getFailures() returns a copy of failures
 * (cache identifier => Throwable), getPrevious() its first value. */
void tagcache_throw_cache_flush(zend_string *message, HashTable *failures);

/* printf-style throw of a given class (never the marker interface). */
void tagcache_throw(zend_class_entry *ce, const char *fmt, ...) ZEND_ATTRIBUTE_FORMAT(printf, 2, 3);

#endif
