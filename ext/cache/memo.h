/* Decoded values kept beside a TransientMemoryBackend, so VariableFrontend::get() of a plain
 * value skips unserialize(). Only values whose copies are independent of the caller's are kept:
 * scalars, strings and arrays of them (copy-on-write), never objects or references. */
#ifndef TAGCACHE_MEMO_H
#define TAGCACHE_MEMO_H

#include "backend.h"

typedef enum {
	TAGCACHE_MEMO_ABSENT, /* the store has no live entry: a miss */
	TAGCACHE_MEMO_HIT,    /* out holds a copy of the decoded value */
	TAGCACHE_MEMO_COLD    /* the store has the entry (*version), no decoded copy is kept */
} tagcache_memo_result;

tagcache_memo_result tagcache_memo_lookup(tagcache_backend_obj *b, zend_string *id,
                                          uint64_t *version, zval *out);
/* Keeps value for id if it is plain; version must come from the lookup before the read. */
void tagcache_memo_store(tagcache_backend_obj *b, zend_string *id, uint64_t version, zval *value);
void tagcache_memo_destroy(tagcache_backend_obj *b);

#endif
