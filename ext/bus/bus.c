/* TagCache\Bus\Bus: the publisher. Each clear method turns its arguments into one message
 * (checked with the rules the caches and proxies use) and adds it to the clears waiting; they
 * are published at once (defer "none"), at publish(), at the outermost commit(), or when the
 * bus is released (at the latest at the end of the request). A publish sends every waiting
 * clear as one stream entry, kept batches of earlier failures first, in one round trip. */
#include <unistd.h>

#include "bus_pub.h"
#include "exceptions.h"
#include "validate.h"
#include "tc_ident.h"
#include "../cache/backend_options.h"


static zend_object_handlers bus_handlers;

static zend_object *bus_create(zend_class_entry *ce)
{
	tagcache_bus_obj *b = zend_object_alloc(sizeof(tagcache_bus_obj), ce);
	zend_object_std_init(&b->std, ce);
	object_properties_init(&b->std, ce);
	b->std.handlers = &bus_handlers;
	return &b->std;
}

/* A forked child starts with nothing waiting: what was waiting at the fork is the parent's to
 * publish, and publishing it from the child too would send those clears twice. */
static void leave_parents_clears(tagcache_bus_obj *b)
{
	pid_t pid = getpid();
	if (b->pub->pid != pid) {
		b->pub->pid = pid;
		tagcache_bus_list_clear(&b->pub->pending);
		tagcache_bus_list_clear(&b->pub->txn);
		b->pub->depth = 0;
	}
}

static void release_pending(tagcache_bus_obj *b)
{
	leave_parents_clears(b);
	size_t n = b->pub->pending.clears;
	if (!n && !b->pub->pending.batch.n) {
		return;
	}
	tc_err err;
	tc_err_clear(&err);
	size_t kept = 0;
	/* No one can catch an exception here, so a throwing bus keeps its clears too: they are
	 * published by the next publish of any bus of that directory and stream, or by
	 * tagcache bus:publish-kept / bus:worker. Only what cannot be kept either is lost. */
	if (tagcache_bus_publish_pending(b, true, &kept, &err) < 0) {
		/* no PHP code may run here: a warning is all that can be said */
		zend_error(E_WARNING, "TagCache\\Bus\\Bus released with %zu %s not published to stream \"%s\" and lost: %s",
		                 n, n == 1 ? "clear" : "clears", ZSTR_VAL(b->stream_key), err.msg);
	} else if (kept && !b->pub->keep) {
		zend_error(E_WARNING, "TagCache\\Bus\\Bus released with %zu %s not published to stream \"%s\" (%s): kept in \"%s\", "
		                 "published by the next publish to that stream or by tagcache bus:publish-kept",
		                 kept, kept == 1 ? "clear" : "clears", ZSTR_VAL(b->stream_key), err.msg, ZSTR_VAL(b->pub->keep_dir));
	}
}

static void bus_free(zend_object *obj)
{
	tagcache_bus_obj *b = tagcache_bus_from_obj(obj);
	if (b->pub) {
		if (b->ready) {
			release_pending(b);
		}
		/* an unfinished transaction is dropped, as a database drops one */
		tagcache_bus_list_free(&b->pub->pending);
		tagcache_bus_list_free(&b->pub->txn);
		if (b->pub->host) {
			zend_string_release(b->pub->host);
		}
		if (b->pub->keep_dir) {
			zend_string_release(b->pub->keep_dir);
		}
		efree(b->pub);
	}
	if (b->ready) {
		tc_redis_link_free(&b->link);
	}
	if (b->stream_key) {
		zend_string_release(b->stream_key);
	}
	if (b->application) {
		zend_string_release(b->application);
	}
	zend_object_std_dtor(obj);
}

void tagcache_bus_init(zend_class_entry *ce)
{
	ce->create_object = bus_create;
	memcpy(&bus_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	bus_handlers.offset = XtOffsetOf(tagcache_bus_obj, std);
	bus_handlers.free_obj = bus_free;
	bus_handlers.clone_obj = NULL;
}

tagcache_bus_obj *tagcache_bus_ready(zend_object *obj)
{
	tagcache_bus_obj *b = tagcache_bus_from_obj(obj);
	if (!b->ready) {
		zend_throw_error(NULL, "TagCache\\Bus\\Bus was not constructed: call its constructor first");
		return NULL;
	}
	if (b->pub) {
		leave_parents_clears(b);
	}
	return b;
}

ZEND_METHOD(TagCache_Bus_Bus, __construct)
{
	HashTable *options = NULL;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();
	tagcache_bus_obj *b = tagcache_bus_from_obj(Z_OBJ_P(ZEND_THIS));
	if (b->pub) {
		zend_throw_error(NULL, "TagCache\\Bus\\Bus is already constructed");
		RETURN_THROWS();
	}
	b->pub = ecalloc(1, sizeof(tagcache_bus_pub));
	b->pub->pid = getpid();
	tagcache_bus_list_init(&b->pub->pending);
	tagcache_bus_list_init(&b->pub->txn);
	if (!tagcache_bus_parse_options(b, options ? options : (HashTable *)&zend_empty_array)) {
		RETURN_THROWS();
	}
	if (b->pub->keep) {
		/* refuse an unsafe directory now rather than at the first failure */
		tc_err err;
		tc_err_clear(&err);
		if (tagcache_bus_keep_check(b, false, &err) == TC_ERR_ARG) {
			tc_redis_link_free(&b->link);
			tagcache_throw(tagcache_bus_exception_ce, "Bus option \"onFailure\" \"keep\": %s", err.msg);
			RETURN_THROWS();
		}
	}
	b->ready = 1;
}

/* ---- publishing ------------------------------------------------------------------------- */

/* Publishes now; throws on failure (the clears stay pending). Returns clears sent or -1. */
static zend_long publish_now(tagcache_bus_obj *b)
{
	tc_err err;
	tc_err_clear(&err);
	size_t kept = 0, n = b->pub->pending.clears;
	zend_long sent = tagcache_bus_publish_pending(b, b->pub->keep, &kept, &err);
	if (sent < 0) {
		tagcache_throw(tagcache_bus_exception_ce, "Publishing %zu %s to stream \"%s\" failed (%s pending): %s", n,
		               n == 1 ? "clear" : "clears", ZSTR_VAL(b->stream_key), n == 1 ? "it stays" : "they stay",
		               err.msg);
	}
	return sent;
}

/* ---- clears ----------------------------------------------------------------------------- */

#define THIS_BUS() tagcache_bus_ready(Z_OBJ_P(ZEND_THIS))

static void add_clear(tagcache_bus_obj *b, const tc_bus_msg *m)
{
	tc_err err;
	tc_err_clear(&err);
	tagcache_bus_pub *p = b->pub;
	tagcache_bus_list *l = p->depth ? &p->txn : &p->pending;
	if (!tagcache_bus_list_add(l, m, &err)) {
		tagcache_throw_err(&err);
		return;
	}
	if (!p->depth && !p->defer_request) {
		publish_now(b);
	}
}

static void msg_init(tc_bus_msg *m, tc_bus_op op)
{
	memset(m, 0, sizeof(*m));
	m->op = op;
	tc_strlist_init(&m->args);
}

typedef enum { V_TAGS, V_LOCATIONS, V_URLS, V_HOSTS } value_kind;

static const char *const kind_name[] = {"Tags", "Location ids", "URLs", "Hosts"};

/* No control bytes, no spaces (URLs, hosts), length bounded: they end up in HTTP requests. */
static bool plain_value(const char *s, size_t len, size_t max, bool spaces)
{
	if (len == 0 || len > max) {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f || (!spaces && c == ' ')) {
			return false;
		}
	}
	return true;
}

static bool collect(HashTable *ht, value_kind kind, tc_strlist *out)
{
	zval *v;
	zend_ulong idx;
	zend_string *key;
	ZEND_HASH_FOREACH_KEY_VAL(ht, idx, key, v) {
		ZVAL_DEREF(v);
		zend_string *s;
		if (Z_TYPE_P(v) == IS_STRING) {
			s = zend_string_copy(Z_STR_P(v));
		} else if (kind == V_LOCATIONS && Z_TYPE_P(v) == IS_LONG) {
			s = zend_long_to_str(Z_LVAL_P(v));
		} else {
			if (key) {
				tagcache_throw(tagcache_invalid_argument_ce, "%s must be strings%s, got %s at key \"%s\"", kind_name[kind],
				               kind == V_LOCATIONS ? " or ints" : "", zend_zval_type_name(v), ZSTR_VAL(key));
			} else {
				tagcache_throw(tagcache_invalid_argument_ce, "%s must be strings%s, got %s at key " ZEND_ULONG_FMT, kind_name[kind],
				               kind == V_LOCATIONS ? " or ints" : "", zend_zval_type_name(v), idx);
			}
			return false;
		}
		bool ok;
		if (kind == V_TAGS) {
			ok = tagcache_check_tag(s);
		} else {
			size_t max = kind == V_URLS ? 8192 : kind == V_HOSTS ? 255 : 1024;
			ok = plain_value(ZSTR_VAL(s), ZSTR_LEN(s), max, false);
			if (!ok) {
				zend_string *shown = tagcache_options_shown(s);
				tagcache_throw(tagcache_invalid_argument_ce,
				               "%.*s \"%s\" is not valid: it must be 1 to %zu bytes without spaces or control characters",
				               (int)strlen(kind_name[kind]) - 1, kind_name[kind], ZSTR_VAL(shown), max);
				zend_string_release(shown);
			}
		}
		if (ok && tc_strlist_add(out, ZSTR_VAL(s), ZSTR_LEN(s)) != 0) {
			zend_throw_error(NULL, "Out of memory");
			ok = false;
		}
		zend_string_release(s);
		if (!ok) {
			return false;
		}
	} ZEND_HASH_FOREACH_END();
	return true;
}

/* Adds a message of op over the values of ht (nothing for an empty list). */
static void list_clear_op(tagcache_bus_obj *b, tc_bus_op op, HashTable *ht, value_kind kind, zend_string *cache,
	bool persistent)
{
	tc_bus_msg m;
	msg_init(&m, op);
	m.persistent = persistent;
	if (cache) {
		m.has_cache = 1;
		m.cache = tagcache_str(cache);
	}
	if (collect(ht, kind, &m.args) && m.args.count) {
		add_clear(b, &m);
	}
	tc_strlist_free(&m.args);
}

ZEND_METHOD(TagCache_Bus_Bus, flushAll)
{
	bool persistent = false;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_BOOL(persistent)
	ZEND_PARSE_PARAMETERS_END();
	tagcache_bus_obj *b = THIS_BUS();
	if (!b) {
		RETURN_THROWS();
	}
	tc_bus_msg m;
	msg_init(&m, TC_BUS_FLUSH_ALL);
	m.persistent = persistent;
	add_clear(b, &m);
}

ZEND_METHOD(TagCache_Bus_Bus, flushCache)
{
	zend_string *cache;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(cache)
	ZEND_PARSE_PARAMETERS_END();
	tagcache_bus_obj *b = THIS_BUS();
	if (!b || !tagcache_check_identifier(cache, "Cache identifier")) {
		RETURN_THROWS();
	}
	tc_bus_msg m;
	msg_init(&m, TC_BUS_FLUSH_CACHE);
	m.has_cache = 1;
	m.cache = tagcache_str(cache);
	add_clear(b, &m);
}

ZEND_METHOD(TagCache_Bus_Bus, flushByTags)
{
	HashTable *tags;
	zend_string *cache = NULL;
	bool persistent = false;
	ZEND_PARSE_PARAMETERS_START(1, 3)
		Z_PARAM_ARRAY_HT(tags)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(cache)
		Z_PARAM_BOOL(persistent)
	ZEND_PARSE_PARAMETERS_END();
	tagcache_bus_obj *b = THIS_BUS();
	if (!b || (cache && !tagcache_check_identifier(cache, "Cache identifier"))) {
		RETURN_THROWS();
	}
	list_clear_op(b, TC_BUS_FLUSH_TAGS, tags, V_TAGS, cache, persistent);
}

ZEND_METHOD(TagCache_Bus_Bus, remove)
{
	zend_string *cache, *entry;
	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(cache)
		Z_PARAM_STR(entry)
	ZEND_PARSE_PARAMETERS_END();
	tagcache_bus_obj *b = THIS_BUS();
	if (!b || !tagcache_check_identifier(cache, "Cache identifier") ||
	    !tagcache_check_identifier(entry, "Entry identifier")) {
		RETURN_THROWS();
	}
	tc_bus_msg m;
	msg_init(&m, TC_BUS_REMOVE);
	m.has_cache = 1;
	m.cache = tagcache_str(cache);
	m.entry = tagcache_str(entry);
	add_clear(b, &m);
}

static void values_method(INTERNAL_FUNCTION_PARAMETERS, tc_bus_op op, value_kind kind)
{
	HashTable *values;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(values)
	ZEND_PARSE_PARAMETERS_END();
	tagcache_bus_obj *b = THIS_BUS();
	if (!b) {
		RETURN_THROWS();
	}
	list_clear_op(b, op, values, kind, NULL, false);
}

ZEND_METHOD(TagCache_Bus_Bus, purgeTags)
{
	values_method(INTERNAL_FUNCTION_PARAM_PASSTHRU, TC_BUS_PURGE_TAGS, V_TAGS);
}

ZEND_METHOD(TagCache_Bus_Bus, purgeLocations)
{
	values_method(INTERNAL_FUNCTION_PARAM_PASSTHRU, TC_BUS_PURGE_LOCATIONS, V_LOCATIONS);
}

ZEND_METHOD(TagCache_Bus_Bus, purgeUrls)
{
	values_method(INTERNAL_FUNCTION_PARAM_PASSTHRU, TC_BUS_PURGE_URLS, V_URLS);
}

ZEND_METHOD(TagCache_Bus_Bus, banPath)
{
	zend_string *regex, *content_type = NULL;
	HashTable *hosts = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 3)
		Z_PARAM_STR(regex)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(content_type)
		Z_PARAM_ARRAY_HT(hosts)
	ZEND_PARSE_PARAMETERS_END();
	tagcache_bus_obj *b = THIS_BUS();
	if (!b) {
		RETURN_THROWS();
	}
	if (!plain_value(ZSTR_VAL(regex), ZSTR_LEN(regex), 8192, true)) {
		zend_string *shown = tagcache_options_shown(regex);
		tagcache_throw(tagcache_invalid_argument_ce,
		               "Path regex \"%s\" is not valid: it must be 1 to 8192 bytes without control characters", ZSTR_VAL(shown));
		zend_string_release(shown);
		RETURN_THROWS();
	}
	if (content_type && ZSTR_LEN(content_type) && !plain_value(ZSTR_VAL(content_type), ZSTR_LEN(content_type), 255, true)) {
		zend_string *shown = tagcache_options_shown(content_type);
		tagcache_throw(tagcache_invalid_argument_ce,
		               "Content type \"%s\" is not valid: it must be at most 255 bytes without control characters", ZSTR_VAL(shown));
		zend_string_release(shown);
		RETURN_THROWS();
	}
	tc_bus_msg m;
	msg_init(&m, TC_BUS_BAN_PATH);
	m.entry = tagcache_str(regex);
	if (content_type) {
		m.has_cache = 1;
		m.cache = tagcache_str(content_type);
	}
	if (!hosts || collect(hosts, V_HOSTS, &m.args)) {
		add_clear(b, &m);
	}
	tc_strlist_free(&m.args);
}

/* ---- transactions and publish ----------------------------------------------------------- */

ZEND_METHOD(TagCache_Bus_Bus, beginTransaction)
{
	ZEND_PARSE_PARAMETERS_NONE();
	tagcache_bus_obj *b = THIS_BUS();
	if (!b) {
		RETURN_THROWS();
	}
	b->pub->depth++;
}

/* The Bus, for commit() and rollBack(), which need an open transaction. NULL: thrown. */
static tagcache_bus_obj *in_transaction(zend_object *obj, const char *method)
{
	tagcache_bus_obj *b = tagcache_bus_ready(obj);
	if (b && !b->pub->depth) {
		tagcache_throw(tagcache_bus_exception_ce, "%s() without a transaction: call beginTransaction() first", method);
		return NULL;
	}
	return b;
}

ZEND_METHOD(TagCache_Bus_Bus, commit)
{
	ZEND_PARSE_PARAMETERS_NONE();
	tagcache_bus_obj *b = in_transaction(Z_OBJ_P(ZEND_THIS), "commit");
	if (!b) {
		RETURN_THROWS();
	}
	tagcache_bus_pub *p = b->pub;
	if (--p->depth) {
		RETURN_LONG(0); /* an inner level: its clears wait for the outermost commit */
	}
	zend_long held = (zend_long)p->txn.clears;
	tc_err err;
	tc_err_clear(&err);
	if (!tagcache_bus_list_move(&p->pending, &p->txn, &err)) {
		tagcache_throw_err(&err);
		RETURN_THROWS();
	}
	if (!p->defer_request && held && publish_now(b) < 0) {
		RETURN_THROWS();
	}
	RETURN_LONG(held);
}

ZEND_METHOD(TagCache_Bus_Bus, rollBack)
{
	ZEND_PARSE_PARAMETERS_NONE();
	tagcache_bus_obj *b = in_transaction(Z_OBJ_P(ZEND_THIS), "rollBack");
	if (!b) {
		RETURN_THROWS();
	}
	tagcache_bus_pub *p = b->pub;
	zend_long dropped = (zend_long)p->txn.clears;
	tagcache_bus_list_clear(&p->txn);
	p->depth = 0;
	RETURN_LONG(dropped);
}

ZEND_METHOD(TagCache_Bus_Bus, inTransaction)
{
	ZEND_PARSE_PARAMETERS_NONE();
	tagcache_bus_obj *b = THIS_BUS();
	if (!b) {
		RETURN_THROWS();
	}
	RETURN_BOOL(b->pub->depth > 0);
}

ZEND_METHOD(TagCache_Bus_Bus, publish)
{
	ZEND_PARSE_PARAMETERS_NONE();
	tagcache_bus_obj *b = THIS_BUS();
	if (!b) {
		RETURN_THROWS();
	}
	zend_long sent = publish_now(b);
	if (sent < 0) {
		RETURN_THROWS();
	}
	RETURN_LONG(sent);
}

static void add_list(tagcache_bus_obj *b, tagcache_bus_list *l, zval *out)
{
	for (size_t i = 0; i < l->batch.n; i++) {
		zval m;
		tagcache_bus_msg_to_zval(&l->batch.msgs[i], b->application, &m);
		add_next_index_zval(out, &m);
	}
}

ZEND_METHOD(TagCache_Bus_Bus, getPending)
{
	ZEND_PARSE_PARAMETERS_NONE();
	tagcache_bus_obj *b = THIS_BUS();
	if (!b) {
		RETURN_THROWS();
	}
	array_init(return_value);
	add_list(b, &b->pub->pending, return_value);
	add_list(b, &b->pub->txn, return_value);
}

ZEND_METHOD(TagCache_Bus_Bus, getOptions)
{
	ZEND_PARSE_PARAMETERS_NONE();
	tagcache_bus_obj *b = THIS_BUS();
	if (!b) {
		RETURN_THROWS();
	}
	tagcache_bus_options_zval(b, return_value);
}
