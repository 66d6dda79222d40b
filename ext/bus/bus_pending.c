/* The clears a Bus holds until they are published: identical clears are kept once, and tag,
 * location and URL clears of one kind and target (the cache, or none) are merged into one
 * message whose list grows, each value once. Applying a clear is idempotent and clears of one
 * batch are applied together, so merging loses nothing a node would have done. */
#include "bus_pub.h"

#include <stdlib.h>

/* A merged message stops growing here (a new one starts): the wire format caps a message. */
#define MERGE_MAX_ARGS 10000
#define MERGE_MAX_BYTES (1024 * 1024)

void tagcache_bus_list_init(tagcache_bus_list *l)
{
	tc_bus_batch_init(&l->batch);
	zend_hash_init(&l->index, 8, NULL, NULL, 0);
	l->clears = 0;
}

void tagcache_bus_list_free(tagcache_bus_list *l)
{
	tc_bus_batch_free(&l->batch);
	zend_hash_destroy(&l->index);
	l->clears = 0;
}

void tagcache_bus_list_clear(tagcache_bus_list *l)
{
	tc_bus_batch_free(&l->batch);
	tc_bus_batch_init(&l->batch);
	zend_hash_clean(&l->index);
	l->clears = 0;
}

static bool mergeable(tc_bus_op op)
{
	return op == TC_BUS_FLUSH_TAGS || op == TC_BUS_PURGE_TAGS || op == TC_BUS_PURGE_LOCATIONS ||
	       op == TC_BUS_PURGE_URLS;
}

/* kind, op, target: the part of a key every merged value of one message shares */
static void key_head(smart_str *k, char kind, const tc_bus_msg *m)
{
	smart_str_appendc(k, kind);
	smart_str_appendc(k, (char)m->op);
	smart_str_appendc(k, m->persistent ? 'p' : '-');
	smart_str_appendc(k, m->has_cache ? 'c' : '-');
	if (m->has_cache) {
		smart_str_appendl(k, m->cache.ptr, m->cache.len);
	}
	smart_str_appendc(k, '\0');
}

static bool arg_seen(tagcache_bus_list *l, const tc_bus_msg *m, tc_str a)
{
	smart_str k = {0};
	key_head(&k, 'A', m);
	smart_str_appendl(&k, a.ptr, a.len);
	smart_str_0(&k);
	zval t;
	ZVAL_TRUE(&t);
	bool seen = zend_hash_str_add(&l->index, ZSTR_VAL(k.s), ZSTR_LEN(k.s), &t) == NULL;
	smart_str_free(&k);
	return seen;
}

static bool add_merged(tagcache_bus_list *l, const tc_bus_msg *m, tc_err *err)
{
	smart_str k = {0};
	key_head(&k, 'M', m);
	smart_str_0(&k);
	zval *slot = zend_hash_str_find(&l->index, ZSTR_VAL(k.s), ZSTR_LEN(k.s));
	tc_bus_msg *into = slot ? &l->batch.msgs[Z_LVAL_P(slot)] : NULL;
	tc_bus_msg fresh = *m;
	tc_strlist_init(&fresh.args);
	size_t pos = 0;
	tc_str a;
	bool ok = true;
	while (ok && tc_strlist_next(&m->args, &pos, &a)) {
		if (arg_seen(l, m, a)) {
			continue;
		}
		if (into && (into->args.count >= MERGE_MAX_ARGS || into->args.len >= MERGE_MAX_BYTES)) {
			into = NULL;
		}
		if (tc_strlist_add(into ? &into->args : &fresh.args, a.ptr, a.len) != 0) {
			tc_err_set(err, TC_ERR_NOMEM, "bus: out of memory adding a clear");
			ok = false;
		}
		if (!into && (fresh.args.count >= MERGE_MAX_ARGS || fresh.args.len >= MERGE_MAX_BYTES)) {
			/* full: publish it as it is, go on in a new one */
			ok = ok && tc_bus_batch_add(&l->batch, &fresh, err) == TC_OK;
			tc_strlist_free(&fresh.args);
			tc_strlist_init(&fresh.args);
			into = &l->batch.msgs[l->batch.n - 1];
			zval idx;
			ZVAL_LONG(&idx, (zend_long)l->batch.n - 1);
			zend_hash_str_update(&l->index, ZSTR_VAL(k.s), ZSTR_LEN(k.s), &idx);
		}
	}
	if (ok && fresh.args.count) {
		ok = tc_bus_batch_add(&l->batch, &fresh, err) == TC_OK;
		if (ok) {
			zval idx;
			ZVAL_LONG(&idx, (zend_long)l->batch.n - 1);
			zend_hash_str_update(&l->index, ZSTR_VAL(k.s), ZSTR_LEN(k.s), &idx);
		}
	}
	tc_strlist_free(&fresh.args);
	smart_str_free(&k);
	return ok;
}

static bool add_one(tagcache_bus_list *l, const tc_bus_msg *m, tc_err *err)
{
	if (mergeable(m->op)) {
		return add_merged(l, m, err);
	}
	char *enc;
	size_t len;
	if (tc_bus_msg_encode(m, &enc, &len, err) != TC_OK) {
		return false;
	}
	smart_str k = {0};
	smart_str_appendc(&k, 'E');
	smart_str_appendl(&k, enc, len);
	smart_str_0(&k);
	free(enc);
	bool ok = true;
	if (!zend_hash_str_exists(&l->index, ZSTR_VAL(k.s), ZSTR_LEN(k.s))) {
		ok = tc_bus_batch_add(&l->batch, m, err) == TC_OK;
		if (ok) {
			zval idx;
			ZVAL_LONG(&idx, (zend_long)l->batch.n - 1);
			zend_hash_str_add(&l->index, ZSTR_VAL(k.s), ZSTR_LEN(k.s), &idx);
		}
	}
	smart_str_free(&k);
	return ok;
}

bool tagcache_bus_list_add(tagcache_bus_list *l, const tc_bus_msg *m, tc_err *err)
{
	if (!add_one(l, m, err)) {
		return false;
	}
	l->clears++;
	return true;
}

bool tagcache_bus_list_move(tagcache_bus_list *to, tagcache_bus_list *from, tc_err *err)
{
	for (size_t i = 0; i < from->batch.n; i++) {
		if (!add_one(to, &from->batch.msgs[i], err)) {
			return false;
		}
	}
	to->clears += from->clears;
	tagcache_bus_list_clear(from);
	return true;
}
