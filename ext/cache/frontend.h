/* Frontend objects (VariableFrontend, StringFrontend, PhpFrontend). */
#ifndef TAGCACHE_FRONTEND_H
#define TAGCACHE_FRONTEND_H

#include "php.h"
#include "backend.h"

typedef struct {
	zend_string *identifier;
	zval backend;
	tagcache_backend_obj *native; /* backend when it is exactly a native class: no PHP calls */
	char serializer;              /* VariableFrontend: format marker it writes */
	zend_string *hmac_key;        /* VariableFrontend: sign payloads; unsigned or tampered ones
	                                 read as misses */
	HashTable *allowed_classes;   /* VariableFrontend: lower-cased names (empty = none);
	                                 NULL = any class */
	zend_string *memo_key;        /* VariableFrontend: its decoding settings (memo.h) */
	zend_object std;
} tagcache_frontend_obj;

static inline tagcache_frontend_obj *tagcache_frontend_from_obj(zend_object *obj)
{
	return (tagcache_frontend_obj *)((char *)obj - XtOffsetOf(tagcache_frontend_obj, std));
}

extern zend_class_entry *tagcache_frontend_interface_ce;
extern zend_class_entry *tagcache_abstract_frontend_ce;
extern zend_class_entry *tagcache_variable_frontend_ce;
extern zend_class_entry *tagcache_string_frontend_ce;
extern zend_class_entry *tagcache_php_frontend_ce;

void tagcache_register_frontends(void);

/* Request end: releases the compute locks and reentrancy keys of getOrCompute() calls a fatal
 * error interrupted (ext/cache/compute.c). */
void tagcache_compute_request_end(void);

/* The frontend of $this, or NULL with an Error thrown when its constructor did not run. */
tagcache_frontend_obj *tagcache_frontend_constructed(zval *this_zv);

/* The identifier of any FrontendInterface (ours read directly, others via getIdentifier()).
 * A new reference, or NULL with an exception thrown. */
zend_string *tagcache_frontend_identifier(zval *cache);

#endif
