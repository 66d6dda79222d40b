/* How a frontend reaches its backend: straight into the core for native backends, through
 * PHP method calls for backends written in PHP. Every function throws on failure and says
 * so by its return value; identifiers are validated by the caller,
 * tags here. */
#ifndef TAGCACHE_STORE_H
#define TAGCACHE_STORE_H

#include "frontend.h"

/* $obj->name(...args), looked up case-insensitively: 1 returned (into ret), 0 no such method
 * (nothing thrown), -1 it threw (ret undefined). */
int tagcache_call_method(zend_object *obj, const char *name, zval *ret, uint32_t argc, zval *args);

/* 1 stored, 0 dropped (a flush came after ticket was taken), -1 thrown. ticket NULL: a
 * plain set; with one, a backend without write tickets throws NotSupportedException. */
int tagcache_store_set(tagcache_frontend_obj *fe, zend_string *id, zend_string *data,
                       HashTable *tags, int64_t lifetime, const uint64_t *ticket);
/* Write tickets: false with NotSupportedException (naming the backend class) when the
 * backend has none, or with the backend's error. */
bool tagcache_store_can_ticket(tagcache_frontend_obj *fe);
bool tagcache_store_ticket(tagcache_frontend_obj *fe, zend_long *ticket);
/* The stored bytes (new reference), or NULL on a miss; check EG(exception) to tell apart. */
zend_string *tagcache_store_get(tagcache_frontend_obj *fe, zend_string *id);
/* The same for VariableFrontend::get: *is_value when the result is already the decoded value
 * (value_read.c), else it is the payload. */
zend_string *tagcache_store_get_value(tagcache_frontend_obj *fe, zend_string *id, bool *is_value);
/* 1 found / removed, 0 not, -1 thrown. */
int tagcache_store_has(tagcache_frontend_obj *fe, zend_string *id);
int tagcache_store_remove(tagcache_frontend_obj *fe, zend_string *id);
bool tagcache_store_flush(tagcache_frontend_obj *fe);
bool tagcache_store_collect_garbage(tagcache_frontend_obj *fe);
/* Validates the tags, then flushes. Returns the count, or -1 with an exception thrown. */
zend_long tagcache_store_flush_by_tags(tagcache_frontend_obj *fe, HashTable *tags);
/* Fills `ids` (an initialised array) with the identifiers carrying tag. */
bool tagcache_store_find_ids(tagcache_frontend_obj *fe, zend_string *tag, zval *ids);
/* getByTag in one read per entry where the native backend can (tc_backend_ops.get_by_tag):
 * fills ids and payloads (initialised arrays) side by side, in the order find_ids would list
 * them. 1 done, 0 not offered (use find_ids + get), -1 thrown. */
int tagcache_store_get_by_tag(tagcache_frontend_obj *fe, zend_string *tag, zval *ids,
                              zval *payloads);
void tagcache_store_require_once(tagcache_frontend_obj *fe, zend_string *id, zval *return_value);
bool tagcache_store_is_taggable(tagcache_frontend_obj *fe);
/* Whether write tickets can be taken (never throws, unlike tagcache_store_can_ticket). */
bool tagcache_store_has_tickets(tagcache_frontend_obj *fe);

/* Compute locks: one TAGCACHE_LOCK_*. timeout_ms: how long to wait for another holder;
 * ttl_ms: how long a dead holder keeps the lock where death is not noticed (Redis). */
enum { TAGCACHE_LOCK_THROWN = -1, TAGCACHE_LOCK_NONE, TAGCACHE_LOCK_HELD, TAGCACHE_LOCK_TIMEOUT };
int tagcache_store_lock(tagcache_frontend_obj *fe, zend_string *id, unsigned timeout_ms,
                        unsigned ttl_ms, uint64_t *token);
/* Releases a TAGCACHE_LOCK_HELD; false with an exception when the backend failed. */
bool tagcache_store_unlock(tagcache_frontend_obj *fe, zend_string *id, uint64_t token);

#endif
