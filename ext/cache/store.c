/* Frontend -> backend dispatch. The native path never enters the engine's call machinery;
 * the PHP path calls the user backend's methods and checks what they return. */
#include "store.h"
#include "exceptions.h"
#include "validate.h"

int tagcache_call_method(zend_object *obj, const char *name, zval *ret, uint32_t argc, zval *args)
{
	ZVAL_UNDEF(ret);
	zend_function *fn = zend_hash_str_find_ptr_lc(&obj->ce->function_table, name, strlen(name));
	if (!fn) {
		return 0;
	}
	zend_call_known_instance_method(fn, obj, ret, argc, args);
	if (EG(exception)) {
		zval_ptr_dtor(ret);
		ZVAL_UNDEF(ret);
		return -1;
	}
	return 1;
}

/* Calls $backend->name(...args) and leaves the result in ret. false with an exception set when
 * the method threw or is missing. */
static bool call(tagcache_frontend_obj *fe, const char *name, zval *ret, uint32_t argc, zval *args)
{
	zend_object *obj = Z_OBJ(fe->backend);
	int r = tagcache_call_method(obj, name, ret, argc, args);
	if (r == 0) {
		tagcache_throw(tagcache_not_supported_ce, "Backend %s of cache \"%s\" has no method %s()",
		               ZSTR_VAL(obj->ce->name), ZSTR_VAL(fe->identifier), name);
	}
	return r > 0;
}

static bool fail(const tc_err *err)
{
	tagcache_throw_err(err);
	return false;
}

static tc_backend *core_of(tagcache_frontend_obj *fe)
{
	return tagcache_backend_core(fe->native);
}

/* The native core when the backend takes write tickets; NULL with an exception otherwise. */
static tc_backend *ticket_core(tagcache_frontend_obj *fe)
{
	tc_backend *core = fe->native ? core_of(fe) : NULL;
	if (fe->native && !core) {
		return NULL;
	}
	if (!core || !(core->ops->caps & TC_CAP_TICKET)) {
		tagcache_throw(tagcache_not_supported_ce,
		               "Backend %s of cache \"%s\" has no write tickets: use get()/set() without a ticket, or a backend with tickets such as FileBackend, RedisBackend or TransientMemoryBackend",
		               ZSTR_VAL(Z_OBJCE(fe->backend)->name), ZSTR_VAL(fe->identifier));
		return NULL;
	}
	return core;
}

bool tagcache_store_can_ticket(tagcache_frontend_obj *fe)
{
	return ticket_core(fe) != NULL;
}

bool tagcache_store_ticket(tagcache_frontend_obj *fe, zend_long *ticket)
{
	tc_backend *core = ticket_core(fe);
	if (!core) {
		return false;
	}
	uint64_t t = 0;
	tc_err err;
	tc_err_clear(&err);
	if (core->ops->ticket(core, &t, &err) != TC_OK) {
		return fail(&err);
	}
	if (t > (uint64_t)ZEND_LONG_MAX) {
		/* Never clamped: a clamped ticket would compare wrong against every later flush. */
		tagcache_throw(tagcache_backend_exception_ce,
		               "Backend %s of cache \"%s\" handed out ticket %llu, which does not fit a PHP int (at most " ZEND_LONG_FMT "): write tickets of this backend cannot be used on this platform",
		               ZSTR_VAL(Z_OBJCE(fe->backend)->name), ZSTR_VAL(fe->identifier),
		               (unsigned long long)t, (zend_long)ZEND_LONG_MAX);
		return false;
	}
	*ticket = (zend_long)t;
	return true;
}

int tagcache_store_set(tagcache_frontend_obj *fe, zend_string *id, zend_string *data,
                       HashTable *tags, int64_t lifetime, const uint64_t *ticket)
{
	/* Tags are checked whatever the backend: a PHP backend may use them as keys or paths. */
	tc_str *list = NULL;
	size_t ntags = 0;
	if (tags && !tagcache_collect_tags(tags, &list, &ntags)) {
		return -1;
	}
	if (fe->native || ticket) {
		tc_backend *core = ticket ? ticket_core(fe) : core_of(fe);
		if (!core) {
			if (list) {
				efree(list);
			}
			return -1;
		}
		tc_err err;
		tc_err_clear(&err);
		tc_status st =
			tagcache_core_set(fe->native, core, id, data, list, ntags, lifetime, ticket, &err);
		if (list) {
			efree(list);
		}
		return st == TC_OK ? 1 : st == TC_STALE ? 0 : (fail(&err), -1);
	}
	if (list) {
		efree(list);
	}
	zval args[4], ret;
	ZVAL_STR(&args[0], id);
	ZVAL_STR(&args[1], data);
	if (tags) {
		tagcache_zval_borrowed_arr(&args[2], tags);
	} else {
		ZVAL_EMPTY_ARRAY(&args[2]);
	}
	if (lifetime == TC_LIFETIME_DEFAULT) {
		ZVAL_NULL(&args[3]);
	} else {
		ZVAL_LONG(&args[3], (zend_long)lifetime);
	}
	bool ok = call(fe, "set", &ret, 4, args);
	zval_ptr_dtor(&ret);
	return ok ? 1 : -1;
}

/* is_value NULL: the payload; else the value when the read could decode it (value_read.c). */
static zend_string *native_get(tagcache_frontend_obj *fe, zend_string *id, bool *is_value)
{
	tc_backend *core = core_of(fe);
	if (!core) {
		return NULL;
	}
	tc_err err;
	tc_err_clear(&err);
	zend_string *out;
	tc_status st = is_value ? tagcache_core_get_value(core, id, &out, is_value, &err)
	                        : tagcache_core_get(core, id, &out, &err);
	if (st > TC_MISS) {
		fail(&err);
	}
	return out;
}

zend_string *tagcache_store_get_value(tagcache_frontend_obj *fe, zend_string *id, bool *is_value)
{
	*is_value = false;
	return fe->native ? native_get(fe, id, is_value) : tagcache_store_get(fe, id);
}

zend_string *tagcache_store_get(tagcache_frontend_obj *fe, zend_string *id)
{
	if (fe->native) {
		return native_get(fe, id, NULL);
	}
	zval arg, ret;
	ZVAL_STR(&arg, id);
	if (!call(fe, "get", &ret, 1, &arg)) {
		return NULL;
	}
	if (Z_TYPE(ret) == IS_STRING) {
		return Z_STR(ret);
	}
	if (Z_TYPE(ret) != IS_FALSE && Z_TYPE(ret) != IS_NULL) {
		tagcache_throw(tagcache_invalid_data_ce,
		               "Backend %s::get() must return a string or false, returned %s",
		               ZSTR_VAL(Z_OBJCE(fe->backend)->name), zend_zval_type_name(&ret));
	}
	zval_ptr_dtor(&ret);
	return NULL;
}

static int id_call(tagcache_frontend_obj *fe, zend_string *id, bool remove)
{
	if (fe->native) {
		tc_backend *core = core_of(fe);
		if (!core) {
			return -1;
		}
		tc_err err;
		tc_err_clear(&err);
		tc_status st = remove ? core->ops->remove(core, tagcache_str(id), &err)
		                      : core->ops->has(core, tagcache_str(id), &err);
		if (st > TC_MISS) {
			fail(&err);
			return -1;
		}
		return st == TC_OK;
	}
	zval arg, ret;
	ZVAL_STR(&arg, id);
	if (!call(fe, remove ? "remove" : "has", &ret, 1, &arg)) {
		return -1;
	}
	int found = zend_is_true(&ret);
	zval_ptr_dtor(&ret);
	return found;
}

int tagcache_store_has(tagcache_frontend_obj *fe, zend_string *id)
{
	return id_call(fe, id, false);
}

int tagcache_store_remove(tagcache_frontend_obj *fe, zend_string *id)
{
	return id_call(fe, id, true);
}

static bool no_arg_call(tagcache_frontend_obj *fe, bool gc)
{
	if (fe->native) {
		tc_backend *core = core_of(fe);
		if (!core) {
			return false;
		}
		tc_err err;
		tc_err_clear(&err);
		tc_status st = gc ? core->ops->collect_garbage(core, &err) : core->ops->flush(core, &err);
		return st <= TC_MISS || fail(&err);
	}
	zval ret;
	bool ok = call(fe, gc ? "collectGarbage" : "flush", &ret, 0, NULL);
	zval_ptr_dtor(&ret);
	return ok;
}

bool tagcache_store_flush(tagcache_frontend_obj *fe)
{
	return no_arg_call(fe, false);
}

bool tagcache_store_collect_garbage(tagcache_frontend_obj *fe)
{
	return no_arg_call(fe, true);
}

bool tagcache_store_is_taggable(tagcache_frontend_obj *fe)
{
	if (fe->native) {
		return fe->native->core && (fe->native->core->ops->caps & TC_CAP_TAGS);
	}
	return instanceof_function(Z_OBJCE(fe->backend), tagcache_taggable_backend_ce);
}

static bool require_taggable(tagcache_frontend_obj *fe, const char *what)
{
	if (tagcache_store_is_taggable(fe)) {
		return true;
	}
	tagcache_throw(tagcache_not_supported_ce,
	               "%s() needs a backend with tags, but cache \"%s\" uses %s",
	               what, ZSTR_VAL(fe->identifier), ZSTR_VAL(Z_OBJCE(fe->backend)->name));
	return false;
}

zend_long tagcache_store_flush_by_tags(tagcache_frontend_obj *fe, HashTable *tags)
{
	if (!tagcache_check_tags(tags) || !require_taggable(fe, "flushByTags")) {
		return -1;
	}
	if (fe->native) {
		tc_str *list = NULL;
		size_t n = 0;
		if (!tagcache_collect_tags(tags, &list, &n)) {
			return -1;
		}
		tc_backend *core = fe->native->core;
		size_t count = 0;
		tc_err err;
		tc_err_clear(&err);
		tc_status st = core->ops->flush_by_tags(core, list, n, &count, &err);
		if (list) {
			efree(list);
		}
		if (st > TC_MISS) {
			fail(&err);
			return -1;
		}
		return (zend_long)count;
	}
	zval arg, ret;
	tagcache_zval_borrowed_arr(&arg, tags);
	if (!call(fe, "flushByTags", &ret, 1, &arg)) {
		return -1;
	}
	zend_long count = zval_get_long(&ret);
	zval_ptr_dtor(&ret);
	return count;
}

bool tagcache_store_find_ids(tagcache_frontend_obj *fe, zend_string *tag, zval *ids)
{
	if (!require_taggable(fe, "getByTag")) {
		return false;
	}
	if (fe->native) {
		tc_backend *core = fe->native->core;
		tc_err err;
		tc_err_clear(&err);
		if (core->ops->find_ids_by_tag(core, tagcache_str(tag), tagcache_add_id, ids, &err) > TC_MISS) {
			return fail(&err);
		}
		return true;
	}
	zval arg, ret;
	ZVAL_STR(&arg, tag);
	if (!call(fe, "findIdentifiersByTag", &ret, 1, &arg)) {
		return false;
	}
	if (Z_TYPE(ret) != IS_ARRAY) {
		tagcache_throw(tagcache_invalid_data_ce,
		               "Backend %s::findIdentifiersByTag() must return an array, returned %s",
		               ZSTR_VAL(Z_OBJCE(fe->backend)->name), zend_zval_type_name(&ret));
		zval_ptr_dtor(&ret);
		return false;
	}
	zval *zv;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL(ret), zv) {
		zend_string *s = zval_get_string(zv);
		add_next_index_str(ids, s);
	} ZEND_HASH_FOREACH_END();
	zval_ptr_dtor(&ret);
	return true;
}

/* getByTag's one-pass read: the ids and payloads collected side by side. */
typedef struct {
	zval *ids, *payloads;
	zend_string *pending; /* the payload being read */
	tc_sink sink;
} by_tag_read;

static char *by_tag_alloc(void *ud, size_t len)
{
	by_tag_read *r = ud;
	r->pending = zend_string_alloc(len, 0);
	ZSTR_VAL(r->pending)[len] = '\0';
	return ZSTR_VAL(r->pending);
}

static const tc_sink *by_tag_sink(void *ud, tc_str id)
{
	(void)id;
	by_tag_read *r = ud;
	r->pending = NULL;
	return &r->sink;
}

static void by_tag_done(void *ud, tc_str id, int ok)
{
	by_tag_read *r = ud;
	if (ok && r->pending) {
		add_next_index_stringl(r->ids, id.ptr, id.len);
		add_next_index_str(r->payloads, r->pending);
	} else if (r->pending) {
		zend_string_efree(r->pending);
	}
	r->pending = NULL;
}

int tagcache_store_get_by_tag(tagcache_frontend_obj *fe, zend_string *tag, zval *ids,
                              zval *payloads)
{
	tc_backend *core = fe->native ? fe->native->core : NULL;
	if (!core || !core->ops->get_by_tag) {
		return 0;
	}
	if (!require_taggable(fe, "getByTag")) {
		return -1;
	}
	by_tag_read r = {ids, payloads, NULL, {by_tag_alloc, NULL, NULL}};
	r.sink.ud = &r;
	tc_entry_visitor v = {by_tag_sink, by_tag_done, &r};
	tc_err err;
	tc_err_clear(&err);
	if (core->ops->get_by_tag(core, tagcache_str(tag), &v, &err) > TC_MISS) {
		fail(&err);
		return -1;
	}
	return 1;
}

void tagcache_store_require_once(tagcache_frontend_obj *fe, zend_string *id, zval *return_value)
{
	if (fe->native) {
		tc_backend *core = core_of(fe);
		if (core) {
			tagcache_core_require_once(fe->native, core, id, return_value);
		}
		return;
	}
	zval arg;
	ZVAL_STR(&arg, id);
	call(fe, "requireOnce", return_value, 1, &arg);
}

/* Compute locks (tc_backend.h lock / unlock). Backends without them (PHP backends,
 * SimpleFileBackend) answer TAGCACHE_LOCK_NONE and the caller computes without a lock. */
int tagcache_store_lock(tagcache_frontend_obj *fe, zend_string *id, unsigned timeout_ms,
                        unsigned ttl_ms, uint64_t *token)
{
	tc_backend *core = fe->native ? core_of(fe) : NULL;
	if (fe->native && !core) {
		return TAGCACHE_LOCK_THROWN;
	}
	if (!core || !(core->ops->caps & TC_CAP_LOCK) || !core->ops->lock) {
		return TAGCACHE_LOCK_NONE;
	}
	tc_err err;
	tc_err_clear(&err);
	tc_status st = core->ops->lock(core, (tc_str){ZSTR_VAL(id), ZSTR_LEN(id)}, timeout_ms, ttl_ms,
	                               token, &err);
	if (st == TC_OK) {
		return TAGCACHE_LOCK_HELD;
	}
	if (st == TC_MISS) {
		return TAGCACHE_LOCK_TIMEOUT;
	}
	fail(&err);
	return TAGCACHE_LOCK_THROWN;
}

bool tagcache_store_unlock(tagcache_frontend_obj *fe, zend_string *id, uint64_t token)
{
	tc_backend *core = core_of(fe);
	if (!core) {
		return false;
	}
	tc_err err;
	tc_err_clear(&err);
	tc_status st = core->ops->unlock(core, (tc_str){ZSTR_VAL(id), ZSTR_LEN(id)}, token, &err);
	/* TC_MISS: our hold had expired (Redis ttl) - nothing of ours left to release. */
	return st == TC_OK || st == TC_MISS || fail(&err);
}

bool tagcache_store_has_tickets(tagcache_frontend_obj *fe)
{
	tc_backend *core = fe->native ? core_of(fe) : NULL;
	return core && (core->ops->caps & TC_CAP_TICKET);
}
