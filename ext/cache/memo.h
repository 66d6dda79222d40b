/* Decoded values kept beside a TransientMemoryBackend, so VariableFrontend::get() of a plain
 * value skips unserialize(). Only values whose copies are independent of the caller's are kept:
 * scalars, strings and arrays of them (copy-on-write), never objects or references.
 * A copy hangs on its core entry (tc_memory_backend_set_aux), so it dies with the entry (write,
 * remove, flush, expiry collected), and it serves only frontends that decode exactly as the one
 * that made it (same cache, serializer, hmacKey, allowedClasses): a signed frontend never gets
 * a value another frontend decoded without its key. */
#ifndef TAGCACHE_MEMO_H
#define TAGCACHE_MEMO_H

#include "backend.h"
#include "frontend.h"

typedef enum {
	TAGCACHE_MEMO_ABSENT, /* the store has no live entry: a miss */
	TAGCACHE_MEMO_HIT,    /* out holds a copy of the decoded value */
	TAGCACHE_MEMO_COLD    /* the store has the entry (*version), no usable decoded copy */
} tagcache_memo_result;

/* The key of everything that changes how fe decodes a payload (call after its options and
 * identifier are set). The hmacKey enters as a MAC of a constant, never as itself. */
zend_string *tagcache_memo_key(tagcache_frontend_obj *fe);

tagcache_memo_result tagcache_memo_lookup(tagcache_backend_obj *b, zend_string *key, zend_string *id,
                                          uint64_t *version, zval *out);
/* Keeps value for id if it is plain; version must come from the lookup before the read. */
void tagcache_memo_store(tagcache_backend_obj *b, zend_string *key, zend_string *id, uint64_t version,
                         zval *value);

#endif
