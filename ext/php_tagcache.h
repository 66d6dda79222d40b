/* Module-wide declarations of the tagcache extension, and its per-request state. */
#ifndef PHP_TAGCACHE_H
#define PHP_TAGCACHE_H

#include "php.h"

extern zend_module_entry tagcache_module_entry;
#define phpext_tagcache_ptr &tagcache_module_entry

#define PHP_TAGCACHE_VERSION "0.1.0"

/* State that belongs to one request lives here, never in a static: under ZTS (FrankenPHP,
 * Apache's worker MPM, embedded SAPIs) each thread serves its own requests and gets its own
 * copy of these globals. */
/* What the last decode found in a getOrCompute() envelope (ext/cache/serializer.h
 * tagcache_last_computed); callers clear `found` before they read. */
typedef struct {
	bool found;
	int64_t expiry_ms;
	uint32_t delta_ms;
} tagcache_computed_meta;

/* One getOrCompute() running in this request (ext/cache/compute.c). */
struct tagcache_compute_frame;

ZEND_BEGIN_MODULE_GLOBALS(tagcache)
	/* PHP entries kept as code that ran in this request (ext/cache/include.c); NULL until the
	 * first one, freed at request end. */
	HashTable *evaluated;
	/* The getOrCompute() calls running, innermost first (their keys for the reentrancy check,
	 * the compute locks they hold); whatever a fatal error left here is released at request
	 * end. */
	struct tagcache_compute_frame *compute_frames;
	tagcache_computed_meta last_computed;
ZEND_END_MODULE_GLOBALS(tagcache)

ZEND_EXTERN_MODULE_GLOBALS(tagcache)
#define TAGCACHE_G(v) ZEND_MODULE_GLOBALS_ACCESSOR(tagcache, v)

#if defined(ZTS) && defined(COMPILE_DL_TAGCACHE)
ZEND_TSRMLS_CACHE_EXTERN()
#endif

#endif
