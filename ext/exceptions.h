/* tagcache's exception classes and the bridge from a core tc_err to a thrown exception. */
#ifndef TAGCACHE_EXCEPTIONS_H
#define TAGCACHE_EXCEPTIONS_H

#include "php.h"
#include "tc_status.h"

extern zend_class_entry *tagcache_exception_ce;
extern zend_class_entry *tagcache_invalid_argument_ce;
extern zend_class_entry *tagcache_no_such_cache_ce;
extern zend_class_entry *tagcache_duplicate_identifier_ce;
extern zend_class_entry *tagcache_invalid_data_ce;
extern zend_class_entry *tagcache_not_supported_ce;
extern zend_class_entry *tagcache_backend_exception_ce;
extern zend_class_entry *tagcache_frozen_ce;

void tagcache_register_exceptions(void);

/* Throws the exception class matching err->code with err->msg. */
void tagcache_throw_err(const tc_err *err);

/* printf-style throw of a given class. */
void tagcache_throw(zend_class_entry *ce, const char *fmt, ...) ZEND_ATTRIBUTE_FORMAT(printf, 2, 3);

#endif
