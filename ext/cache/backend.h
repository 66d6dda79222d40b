/* Native backend objects: one object layout around a core tc_backend for every backend of the
 * descriptor table (backend_desc.h). */
#ifndef TAGCACHE_BACKEND_H
#define TAGCACHE_BACKEND_H

#include "php.h"
#include "tc_backend.h"
#include "backend_desc.h"

static inline tc_str tagcache_str_of(zend_string *s)
{
	return (tc_str){ZSTR_VAL(s), ZSTR_LEN(s)};
}

/* A borrowed array as a call argument. ZVAL_ARR marks it refcounted, and the call then bumps
 * the refcount of an immutable array (a literal [] or ['a']) living in read-only memory. */
static inline void tagcache_zval_borrowed_arr(zval *z, HashTable *ht)
{
	ZVAL_ARR(z, ht);
	if (GC_FLAGS(ht) & GC_IMMUTABLE) {
		Z_TYPE_INFO_P(z) = IS_ARRAY;
	}
}

/* PHP's request allocator (ext/cache/request_alloc.c): core stores living in request memory
 * (TransientMemoryBackend) count against memory_limit. */
extern const tc_allocator tagcache_request_allocator;

/* TransientMemoryBackend keeps payloads as zend_strings (ext/cache/memory_owned.c). */
extern const tc_owner_ops tagcache_string_owner_ops;
/* set (ticket NULL) or set_ticketed on a memory core, keeping data by reference. */
tc_status tagcache_memory_set(tc_backend *core, zend_string *id, zend_string *data, const tc_str *tags,
                              size_t ntags, int64_t lifetime, const uint64_t *ticket, tc_err *err);
/* true when core is a memory core that answered: *st TC_OK with *out the stored string (one more
 * reference) or TC_MISS with *out NULL. false: read through the core's get. */
bool tagcache_memory_get(tc_backend *core, zend_string *id, zend_string **out, tc_status *st);

typedef struct {
	const tagcache_backend_desc *desc; /* known from the class before __construct runs */
	void *config;              /* parsed options (desc->config_size bytes); NULL before __construct */
	tc_backend *core;          /* NULL until built: by __construct, or by setCache() for PER_CACHE */
	zend_string *location;     /* where the entries live (directory, key prefix), set by the factory */
	zend_string *cache_id;     /* identifier of the cache this backend serves */
	tc_kind kind;              /* PHP entries when serving a PhpFrontend */
	zend_array *iter_ids;      /* snapshot taken by rewind() */
	uint32_t iter_pos;
	zend_object std;
} tagcache_backend_obj;

static inline tagcache_backend_obj *tagcache_backend_from_obj(zend_object *obj)
{
	return (tagcache_backend_obj *)((char *)obj - XtOffsetOf(tagcache_backend_obj, std));
}

extern zend_class_entry *tagcache_backend_interface_ce;
extern zend_class_entry *tagcache_taggable_backend_ce;
extern zend_class_entry *tagcache_php_capable_backend_ce;
extern zend_class_entry *tagcache_freezable_backend_ce;
extern zend_class_entry *tagcache_iterable_backend_ce;

void tagcache_register_backends(void);
/* create_object of every native class (set by the descriptor table's registration). */
zend_object *tagcache_backend_create(zend_class_entry *ce);

/* __construct(array $options = []) of every native class: options parsed against the
 * descriptor; the core built now unless it depends on the cache (TAGCACHE_CAP_PER_CACHE). */
void tagcache_backend_construct(INTERNAL_FUNCTION_PARAMETERS);

/* The native backend behind zv when its class is exactly one of ours (a user subclass may
 * override methods, so it goes through PHP calls); NULL otherwise. */
tagcache_backend_obj *tagcache_native_backend(zval *zv);

/* Binds a native backend to the cache `cache_id`; kind says whether entries are PHP code.
 * Returns FAILURE with an exception thrown. */
zend_result tagcache_backend_bind(tagcache_backend_obj *b, zend_string *cache_id, tc_kind kind);

/* The bound core, or NULL with an exception thrown when setCache() has not happened yet. */
tc_backend *tagcache_backend_core(tagcache_backend_obj *b);

/* Core calls shared by the backend methods and the frontends' native fast path.
 * Each returns the core status; errors are left in err for the caller to throw. */
tc_status tagcache_core_get(tc_backend *core, zend_string *id, zend_string **out, tc_err *err);
/* tagcache_core_get for VariableFrontend::get (value_read.c): *is_value set when *out is
 * already the decoded value (a serialized string decoded as it was read), else *out is the
 * payload to decode. */
tc_status tagcache_core_get_value(tc_backend *core, zend_string *id, zend_string **out, bool *is_value,
                                  tc_err *err);
/* Refuses tags / lifetimes the backend cannot keep (rather than dropping them silently) and
 * invalidates OPcache after rewriting a PHP entry. */
/* ticket NULL: set; else set_ticketed (the caller checked TC_CAP_TICKET), TC_STALE when dropped. */
tc_status tagcache_core_set(tagcache_backend_obj *b, tc_backend *core, zend_string *id,
                            zend_string *data, const tc_str *tags, size_t ntags, int64_t lifetime,
                            const uint64_t *ticket, tc_err *err);
tc_status tagcache_core_list_ids(tc_backend *core, zval *array, tc_err *err);
/* Includes a live PHP entry once per request; false on a miss. May throw. */
void tagcache_core_require_once(tagcache_backend_obj *b, tc_backend *core, zend_string *id,
                                zval *return_value);

/* tc_id_cb that appends each identifier to the PHP array ud (a zval *). */
int tagcache_add_id(void *ud, const char *id, size_t len);

/* Short class name for messages ("FileBackend"). */
const char *tagcache_backend_name(tagcache_backend_obj *b);

#endif
