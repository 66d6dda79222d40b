/* Decoded-value memo of TransientMemoryBackend. Validity is the entry's version in the core
 * store, so writes through any path (frontend, backend methods) make a kept copy stale. */
#include "memo.h"

typedef struct {
	uint64_t version;
	zval value;
} memo_entry;

/* Nesting deeper than this is not worth walking: such values are simply not kept. */
#define MEMO_MAX_DEPTH 16

static void memo_entry_dtor(zval *zv)
{
	memo_entry *e = Z_PTR_P(zv);
	zval_ptr_dtor(&e->value);
	efree(e);
}

static bool is_plain(zval *v, int depth)
{
	switch (Z_TYPE_P(v)) {
	case IS_NULL:
	case IS_FALSE:
	case IS_TRUE:
	case IS_LONG:
	case IS_DOUBLE:
	case IS_STRING:
		return true;
	case IS_ARRAY: {
		if (depth >= MEMO_MAX_DEPTH) {
			return false;
		}
		zval *el;
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(v), el) {
			if (!is_plain(el, depth + 1)) {
				return false;
			}
		} ZEND_HASH_FOREACH_END();
		return true;
	}
	default:
		return false; /* objects and references would be shared with the caller */
	}
}

tagcache_memo_result tagcache_memo_lookup(tagcache_backend_obj *b, zend_string *id,
                                          uint64_t *version, zval *out)
{
	if (tc_memory_backend_version(b->core, tagcache_str_of(id), version) != TC_OK) {
		if (b->memo) {
			zend_hash_del(b->memo, id);
		}
		return TAGCACHE_MEMO_ABSENT;
	}
	memo_entry *e = b->memo ? zend_hash_find_ptr(b->memo, id) : NULL;
	if (e && e->version == *version) {
		ZVAL_COPY(out, &e->value);
		return TAGCACHE_MEMO_HIT;
	}
	return TAGCACHE_MEMO_COLD;
}

void tagcache_memo_store(tagcache_backend_obj *b, zend_string *id, uint64_t version, zval *value)
{
	if (!is_plain(value, 0)) {
		return;
	}
	if (!b->memo) {
		ALLOC_HASHTABLE(b->memo);
		zend_hash_init(b->memo, 8, NULL, memo_entry_dtor, 0);
	}
	memo_entry *e = emalloc(sizeof(*e));
	e->version = version;
	ZVAL_COPY(&e->value, value);
	zend_hash_update_ptr(b->memo, id, e);
}

void tagcache_memo_destroy(tagcache_backend_obj *b)
{
	if (b->memo) {
		zend_hash_destroy(b->memo);
		FREE_HASHTABLE(b->memo);
		b->memo = NULL;
	}
}
