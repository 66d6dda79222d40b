/* Applying one message of the bus to the node's caches (through the CacheManager's PHP
 * methods, so a subclass or a cache written in PHP is honoured) and to its proxies. Every
 * operation is a removal, so applying a message twice is harmless: at-least-once delivery
 * relies on that. */
#include "node_obj.h"
#include "exceptions.h"
#include "cache/manager.h"
#include "cache/frontend.h"

bool tagcache_node_catch(zend_object **cause)
{
	zend_object *ex = EG(exception);
	if (!ex) {
		return true;
	}
	if (zend_is_unwind_exit(ex) || zend_is_graceful_exit(ex)) {
		return false;
	}
	GC_ADDREF(ex);
	zend_clear_exception();
	if (*cause) {
		OBJ_RELEASE(ex);
	} else {
		*cause = ex;
	}
	return true;
}

/* Calls obj->name(args...) however the class provides it; false when it threw. */
static bool call(zend_object *obj, const char *name, zval *ret, uint32_t argc, zval *argv)
{
	zend_string *fname = zend_string_init(name, strlen(name), 0);
	zend_object *target = obj;
	zend_function *fn = obj->handlers->get_method(&target, fname, NULL);
	zend_string_release(fname);
	if (!fn) {
		if (!EG(exception)) {
			zend_throw_error(NULL, "Call to undefined method %s::%s()", ZSTR_VAL(obj->ce->name), name);
		}
		return false;
	}
	zend_call_known_instance_method(fn, target, ret, argc, argv);
	return !EG(exception);
}

/* The caches of application `app` this node reaches, as a new array with the ids as keys;
 * NULL when the node takes nothing from that application. */
static HashTable *reached(tagcache_node_obj *n, tc_str app)
{
	zval *src = zend_hash_str_find(&n->sources, app.ptr, app.len);
	if (!src) {
		return NULL;
	}
	HashTable *out = zend_new_array(0);
	if (Z_TYPE(n->manager) != IS_OBJECT) {
		return out;
	}
	HashTable *known = tagcache_manager_cache_ids(Z_OBJ(n->manager));
	if (Z_TYPE_P(src) == IS_NULL) {
		zend_array_destroy(out);
		return known;
	}
	zend_string *id;
	ZEND_HASH_FOREACH_STR_KEY(Z_ARRVAL_P(src), id) {
		if (id && zend_hash_exists(known, id)) {
			zend_hash_add_empty_element(out, id);
		}
	} ZEND_HASH_FOREACH_END();
	zend_array_destroy(known);
	return out;
}

/* Result of one cache call: APPLIED, FAILED (cause kept) or ABORT. */
static int outcome(zend_object **cause)
{
	if (!EG(exception)) {
		return TAGCACHE_NODE_APPLIED;
	}
	return tagcache_node_catch(cause) ? TAGCACHE_NODE_FAILED : TAGCACHE_NODE_ABORT;
}

/* The manager's isCachePersistent(id); -1 when it threw. */
static int persistent(tagcache_node_obj *n, zend_string *id)
{
	zval arg, ret;
	ZVAL_STR(&arg, id);
	ZVAL_UNDEF(&ret);
	bool ok = call(Z_OBJ(n->manager), "isCachePersistent", &ret, 1, &arg);
	int p = ok ? zend_is_true(&ret) : -1;
	zval_ptr_dtor(&ret);
	return p;
}

/* getCache(id)->method(args). */
static int cache_call(tagcache_node_obj *n, zend_string *id, const char *method, uint32_t argc, zval *argv, zend_object **cause)
{
	zval arg, cache, ret;
	ZVAL_STR(&arg, id);
	ZVAL_UNDEF(&cache);
	ZVAL_UNDEF(&ret);
	if (call(Z_OBJ(n->manager), "getCache", &cache, 1, &arg)) {
		if (Z_TYPE(cache) != IS_OBJECT || !instanceof_function(Z_OBJCE(cache), tagcache_frontend_interface_ce)) {
			tagcache_throw(tagcache_invalid_data_ce, "CacheManager::getCache(\"%s\") returned %s, not a TagCache\\Frontend\\FrontendInterface",
			               ZSTR_VAL(id), zend_zval_type_name(&cache));
		} else {
			call(Z_OBJ(cache), method, &ret, argc, argv);
		}
	}
	zval_ptr_dtor(&ret);
	zval_ptr_dtor(&cache);
	return outcome(cause);
}

/* Folds one result into the message's: ABORT wins, then FAILED. */
static int worst(int a, int b)
{
	return a < b ? a : b;
}

/* method on every reached cache; persistent ones only when the message asks (or force). */
static int each_cache(tagcache_node_obj *n, HashTable *caches, bool with_persistent, const char *method, uint32_t argc,
                      zval *argv, zend_object **cause, zend_long *count)
{
	int rc = TAGCACHE_NODE_APPLIED;
	zend_string *id;
	ZEND_HASH_FOREACH_STR_KEY(caches, id) {
		if (!id) {
			continue;
		}
		if (!with_persistent) {
			int p = persistent(n, id);
			if (p < 0) {
				rc = worst(rc, outcome(cause));
				if (rc == TAGCACHE_NODE_ABORT) {
					return rc;
				}
				continue;
			}
			if (p) {
				continue;
			}
		}
		int one = cache_call(n, id, method, argc, argv, cause);
		if (one == TAGCACHE_NODE_APPLIED && count) {
			(*count)++;
		}
		rc = worst(rc, one);
		if (rc == TAGCACHE_NODE_ABORT) {
			return rc;
		}
	} ZEND_HASH_FOREACH_END();
	return rc;
}

int tagcache_node_flush_reached(tagcache_node_obj *n, zend_object **cause)
{
	int rc = TAGCACHE_NODE_APPLIED;
	zval *src;
	HashTable done; /* a cache reached by two applications is flushed once */
	zend_hash_init(&done, 8, NULL, NULL, 0);
	zend_string *app;
	ZEND_HASH_FOREACH_STR_KEY_VAL(&n->sources, app, src) {
		(void)src;
		HashTable *caches = reached(n, (tc_str){ZSTR_VAL(app), ZSTR_LEN(app)});
		zend_string *id;
		ZEND_HASH_FOREACH_STR_KEY(caches, id) {
			if (id && !zend_hash_exists(&done, id)) {
				zend_hash_add_empty_element(&done, id);
			}
		} ZEND_HASH_FOREACH_END();
		zend_array_destroy(caches);
	} ZEND_HASH_FOREACH_END();
	rc = each_cache(n, &done, true, "flush", 0, NULL, cause, &n->stats.gap_flushes);
	zend_hash_destroy(&done);
	return rc;
}

/* The message's args as a PHP list of strings. */
static void args_array(const tc_bus_msg *m, zval *out)
{
	array_init_size(out, (uint32_t)m->args.count);
	size_t pos = 0;
	tc_str item;
	while (tc_strlist_next(&m->args, &pos, &item)) {
		add_next_index_stringl(out, item.ptr, item.len);
	}
}

/* Queues m for every proxy (sent with the rest of the poll's purges: n->batch), sends it at
 * once when no batch is open, or puts it behind the purges a proxy's outbox already holds.
 * *handed (may be NULL) counts the proxies that got it either way. */
static int to_proxies_counted(tagcache_node_obj *n, tagcache_bus_obj *bus, const tc_bus_msg *m, zend_object **cause, zval *warnings,
                              zend_long *handed)
{
	bool encoded = false;
	for (size_t i = 0; i < n->nproxies; i++) {
		tagcache_node_proxy *p = &n->proxies[i];
		if (!p->waiting) {
			int sent;
			if (n->batch) {
				sent = tagcache_node_batch_queue(n, n->batch, p, m, &encoded, warnings);
			} else {
				sent = tagcache_node_send(n, p, m, warnings);
				if (sent == TAGCACHE_NODE_SENT) {
					n->stats.purges_sent++;
				}
			}
			if (sent == TAGCACHE_NODE_SENT) {
				if (handed) {
					(*handed)++;
				}
				continue;
			}
			if (sent == TAGCACHE_NODE_INVALID) {
				n->stats.errors++;
				continue;
			}
		}
		tc_err err;
		tc_err_clear(&err);
		if (!tagcache_node_outbox_add(n, bus, p, m, &err)) {
			tagcache_throw(tagcache_bus_exception_ce, "TagCache\\Bus\\Node \"%s\": cannot keep a purge for proxy %s in its outbox: %s",
			               ZSTR_VAL(n->name), ZSTR_VAL(p->name), err.msg);
			tagcache_node_catch(cause);
			return TAGCACHE_NODE_FAILED;
		}
		n->stats.purges_outboxed++;
		if (handed) {
			(*handed)++;
		}
	}
	return TAGCACHE_NODE_APPLIED;
}

static int to_proxies(tagcache_node_obj *n, tagcache_bus_obj *bus, const tc_bus_msg *m, zend_object **cause, zval *warnings)
{
	return to_proxies_counted(n, bus, m, cause, warnings, NULL);
}

int tagcache_node_ban_all(tagcache_node_obj *n, tagcache_bus_obj *bus, zend_object **cause, zval *warnings)
{
	/* Exactly what Bus::banPath(".*") publishes, so it coalesces with one in an outbox. */
	tc_bus_msg m;
	memset(&m, 0, sizeof(m));
	tc_strlist_init(&m.args); /* no hosts: every host */
	m.op = TC_BUS_BAN_PATH;
	m.entry = (tc_str){".*", 2};
	return to_proxies_counted(n, bus, &m, cause, warnings, &n->stats.gap_bans);
}

/* The one cache a message names, when reached. */
static zend_string *named(HashTable *caches, const tc_bus_msg *m)
{
	if (!m->has_cache) {
		return NULL;
	}
	zend_string *key = zend_hash_str_find(caches, m->cache.ptr, m->cache.len) ? zend_string_init(m->cache.ptr, m->cache.len, 0) : NULL;
	return key;
}

static int apply_one(tagcache_node_obj *n, tagcache_bus_obj *bus, HashTable *caches, const tc_bus_msg *m, zend_object **cause,
                     zval *warnings)
{
	int rc = TAGCACHE_NODE_APPLIED;
	zend_string *id = NULL;
	zval args[1];
	switch (m->op) {
	case TC_BUS_FLUSH_ALL:
		return each_cache(n, caches, m->persistent, "flush", 0, NULL, cause, NULL);
	case TC_BUS_FLUSH_CACHE:
		if ((id = named(caches, m))) {
			rc = cache_call(n, id, "flush", 0, NULL, cause);
			zend_string_release(id);
		}
		return rc;
	case TC_BUS_REMOVE:
		if ((id = named(caches, m))) {
			ZVAL_STRINGL(&args[0], m->entry.ptr, m->entry.len);
			rc = cache_call(n, id, "remove", 1, args, cause);
			zval_ptr_dtor(&args[0]);
			zend_string_release(id);
		}
		return rc;
	case TC_BUS_FLUSH_TAGS:
		args_array(m, &args[0]);
		if (m->has_cache) {
			if ((id = named(caches, m))) {
				rc = cache_call(n, id, "flushByTags", 1, args, cause);
				zend_string_release(id);
			}
		} else {
			/* Like CacheManager::flushCachesByTags(): persistent caches only when asked. */
			rc = each_cache(n, caches, m->persistent, "flushByTags", 1, args, cause, NULL);
		}
		zval_ptr_dtor(&args[0]);
		if (rc == TAGCACHE_NODE_ABORT) {
			return rc;
		}
		return worst(rc, to_proxies(n, bus, m, cause, warnings));
	case TC_BUS_PURGE_TAGS:
	case TC_BUS_PURGE_LOCATIONS:
	case TC_BUS_PURGE_URLS:
	case TC_BUS_BAN_PATH:
		return to_proxies(n, bus, m, cause, warnings);
	}
	return rc;
}

int tagcache_node_apply_batch(tagcache_node_obj *n, tagcache_bus_obj *bus, const tc_bus_batch *b, zend_object **cause, zval *warnings)
{
	HashTable *caches = reached(n, b->app);
	if (!caches) {
		return TAGCACHE_NODE_SKIPPED;
	}
	int rc = TAGCACHE_NODE_APPLIED;
	for (size_t i = 0; i < b->n; i++) {
		/* Every message is tried even after one failed: the entry is retried whole, and
		 * the more is cleared now, the less stays stale meanwhile. */
		rc = worst(rc, apply_one(n, bus, caches, &b->msgs[i], cause, warnings));
		if (rc == TAGCACHE_NODE_ABORT) {
			break;
		}
	}
	zend_array_destroy(caches);
	return rc;
}
