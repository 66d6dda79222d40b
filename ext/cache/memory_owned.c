/* TransientMemoryBackend's payloads kept as the caller's zend_strings: set stores a reference
 * (no copy of the bytes), get hands the same string back (no copy either).
 *
 * Lifetime: the core lives inside a PHP object (freed by free_obj, before the request's memory
 * manager shuts down; objects never move between threads), and its entries already come from
 * the request allocator (request_alloc.c), so a request string it retains lives exactly as long
 * as an entry can. Strings that are not the request's own refcounted strings (interned: shared
 * read-only, possibly freed at another time; persistent: shared by the process or its threads)
 * are copied once into a request string, which the entry then owns.
 * Immutability: PHP strings are copy-on-write; the entry's reference keeps the refcount above 1,
 * so neither the caller nor a decoder (decode_string_in_place checks it) changes it in place. */
#include "backend.h"

static void owner_retain(void *owner)
{
	GC_ADDREF((zend_string *)owner);
}

static void owner_release(void *owner)
{
	zend_string_release((zend_string *)owner);
}

const tc_owner_ops tagcache_string_owner_ops = {owner_retain, owner_release};

tc_status tagcache_memory_set(tc_backend *core, zend_string *id, zend_string *data, const tc_str *tags,
                              size_t ntags, int64_t lifetime, const uint64_t *ticket, tc_err *err)
{
	zend_string *own = data;
	if (ZSTR_IS_INTERNED(data) || (GC_FLAGS(data) & IS_STR_PERSISTENT)) {
		own = zend_string_init(ZSTR_VAL(data), ZSTR_LEN(data), 0);
	}
	tc_status st = tc_memory_backend_set_owned(core, tagcache_str_of(id), tagcache_str_of(own), own,
	                                           tags, ntags, lifetime, ticket, err);
	if (own != data) {
		zend_string_release(own); /* the entry holds its own reference when it was stored */
	}
	return st;
}

bool tagcache_memory_get(tc_backend *core, zend_string *id, zend_string **out, tc_status *st)
{
	tc_str data;
	void *owner = NULL;
	tc_status s = tc_memory_backend_peek(core, tagcache_str_of(id), &data, &owner);
	if (s == TC_MISS) {
		*out = NULL;
		*st = TC_MISS;
		return true;
	}
	if (s != TC_OK || !owner) {
		return false; /* not a memory core, or bytes it copied: the sink path reads them */
	}
	*out = zend_string_copy((zend_string *)owner);
	*st = TC_OK;
	return true;
}
