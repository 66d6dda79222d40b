/* PHP classes of the native backends. Every method validates its arguments (identifiers
 * become file names), then calls the core through tc_backend_ops. */
#include "backend.h"
#include "exceptions.h"
#include "frontend.h"
#include "include.h"
#include "memo.h"
#include "redis_options.h"
#include "validate.h"
#include "php_tagcache.h"
#include "zend_attributes.h"
#include "zend_interfaces.h"
#include "ext/standard/file.h"
#include "main/php_open_temporary_file.h"
#include "zend_exceptions.h"
#include "backend_arginfo.h"

#include <unistd.h>

zend_class_entry *tagcache_backend_interface_ce;
zend_class_entry *tagcache_taggable_backend_ce;
zend_class_entry *tagcache_php_capable_backend_ce;
zend_class_entry *tagcache_freezable_backend_ce;
zend_class_entry *tagcache_iterable_backend_ce;
zend_class_entry *tagcache_file_backend_ce;
zend_class_entry *tagcache_simple_file_backend_ce;
zend_class_entry *tagcache_memory_backend_ce;
zend_class_entry *tagcache_null_backend_ce;
zend_class_entry *tagcache_redis_backend_ce;

static zend_object_handlers backend_handlers;

static const char *const type_names[] = {"FileBackend", "SimpleFileBackend",
                                         "TransientMemoryBackend", "NullBackend", "RedisBackend"};

const char *tagcache_backend_name(tagcache_backend_obj *b)
{
	return type_names[b->type];
}

static zend_object *backend_create(zend_class_entry *ce)
{
	tagcache_backend_obj *b = zend_object_alloc(sizeof(tagcache_backend_obj), ce);
	zend_object_std_init(&b->std, ce);
	object_properties_init(&b->std, ce);
	b->std.handlers = &backend_handlers;
	b->kind = TC_KIND_DATA;
	b->default_lifetime = TC_DEFAULT_LIFETIME;
	/* Known before __construct so a subclass that skips the parent constructor still works. */
	b->type = instanceof_function(ce, tagcache_redis_backend_ce)         ? TAGCACHE_REDIS
	          : instanceof_function(ce, tagcache_null_backend_ce)        ? TAGCACHE_NULL
	          : instanceof_function(ce, tagcache_memory_backend_ce)      ? TAGCACHE_MEMORY
	          : instanceof_function(ce, tagcache_simple_file_backend_ce) ? TAGCACHE_SIMPLE_FILE
	                                                                     : TAGCACHE_FILE;
	return &b->std;
}

static void backend_free(zend_object *obj)
{
	tagcache_backend_obj *b = tagcache_backend_from_obj(obj);
	tagcache_memo_destroy(b);
	tc_backend_destroy(b->core);
	tagcache_redis_config_free(b->redis);
	if (b->base_dir) {
		zend_string_release(b->base_dir);
	}
	if (b->directory) {
		zend_string_release(b->directory);
	}
	if (b->cache_id) {
		zend_string_release(b->cache_id);
	}
	if (b->iter_ids) {
		zend_array_release(b->iter_ids);
	}
	zend_object_std_dtor(obj);
}

tagcache_backend_obj *tagcache_native_backend(zval *zv)
{
	if (Z_TYPE_P(zv) != IS_OBJECT) {
		return NULL;
	}
	zend_class_entry *ce = Z_OBJCE_P(zv);
	if (ce == tagcache_file_backend_ce || ce == tagcache_simple_file_backend_ce ||
	    ce == tagcache_memory_backend_ce || ce == tagcache_null_backend_ce ||
	    ce == tagcache_redis_backend_ce) {
		return tagcache_backend_from_obj(Z_OBJ_P(zv));
	}
	return NULL;
}

static void report_corrupt(void *ud, tc_str id, const char *reason)
{
	tagcache_backend_obj *b = ud;
	php_error_docref(NULL, E_WARNING, "%s of cache \"%s\": entry \"%.*s\" is corrupt (%s) and reads as a miss",
	                 tagcache_backend_name(b), b->cache_id ? ZSTR_VAL(b->cache_id) : "",
	                 (int)id.len, id.ptr, reason);
}

static void attach(tagcache_backend_obj *b, tc_backend *core)
{
	core->on_corrupt = report_corrupt;
	core->on_corrupt_ud = b;
	b->core = core;
}

/* ---- options ---------------------------------------------------------------------------- */

enum { OPT_CACHE_DIRECTORY = 1, OPT_DEFAULT_LIFETIME = 2 };

static const unsigned allowed_options[] = {
	[TAGCACHE_FILE] = OPT_CACHE_DIRECTORY | OPT_DEFAULT_LIFETIME,
	[TAGCACHE_SIMPLE_FILE] = OPT_CACHE_DIRECTORY,
	[TAGCACHE_MEMORY] = OPT_DEFAULT_LIFETIME,
	[TAGCACHE_NULL] = OPT_DEFAULT_LIFETIME,
	[TAGCACHE_REDIS] = 0, /* redis_options.c */
};

static const char *known_options(unsigned allowed)
{
	switch (allowed) {
	case OPT_CACHE_DIRECTORY | OPT_DEFAULT_LIFETIME:
		return "cacheDirectory, defaultLifetime";
	case OPT_CACHE_DIRECTORY:
		return "cacheDirectory";
	default:
		return "defaultLifetime";
	}
}

/* The directory used when neither the options nor a CacheManager name one: private to the
 * user, because a shared temporary directory is writable by everybody. */
static zend_string *default_base_dir(void)
{
	const char *tmp = php_get_temporary_directory();
	return zend_strpprintf(0, "%s/tagcache-%ld", tmp, (long)geteuid());
}

static zend_result parse_options(tagcache_backend_obj *b, HashTable *options)
{
	unsigned allowed = allowed_options[b->type];
	zend_string *key;
	zval *val;
	ZEND_HASH_FOREACH_STR_KEY_VAL(options, key, val) {
		ZVAL_DEREF(val);
		if (!key) {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "%s options must be keyed by name; known options: %s",
			               type_names[b->type], known_options(allowed));
			return FAILURE;
		}
		if ((allowed & OPT_CACHE_DIRECTORY) && zend_string_equals_literal(key, "cacheDirectory")) {
			if (Z_TYPE_P(val) != IS_STRING || Z_STRLEN_P(val) == 0 ||
			    memchr(Z_STRVAL_P(val), '\0', Z_STRLEN_P(val))) {
				tagcache_throw(tagcache_invalid_argument_ce,
				               "%s option \"cacheDirectory\" must be a non-empty path without NUL bytes, got %s",
				               type_names[b->type], zend_zval_type_name(val));
				return FAILURE;
			}
			if (b->base_dir) {
				zend_string_release(b->base_dir);
			}
			/* Absolute now: entries are included by path, and the working directory may change. */
			char *abs = expand_filepath(Z_STRVAL_P(val), NULL);
			if (!abs) {
				tagcache_throw(tagcache_invalid_argument_ce,
				               "%s option \"cacheDirectory\" \"%s\" cannot be made absolute",
				               type_names[b->type], Z_STRVAL_P(val));
				return FAILURE;
			}
			b->base_dir = zend_string_init(abs, strlen(abs), 0);
			efree(abs);
		} else if ((allowed & OPT_DEFAULT_LIFETIME) && zend_string_equals_literal(key, "defaultLifetime")) {
			if (Z_TYPE_P(val) != IS_LONG || Z_LVAL_P(val) < 0) {
				zend_string *shown = zval_try_get_string(val);
				tagcache_throw(tagcache_invalid_argument_ce,
				               "%s option \"defaultLifetime\" must be an integer >= 0 (seconds, 0 = unlimited), got %s %s",
				               type_names[b->type], zend_zval_type_name(val), shown ? ZSTR_VAL(shown) : "");
				if (shown) {
					zend_string_release(shown);
				} else {
					zend_clear_exception();
				}
				return FAILURE;
			}
			b->default_lifetime = Z_LVAL_P(val);
		} else {
			tagcache_throw(tagcache_invalid_argument_ce, "%s has no option \"%s\"; known options: %s",
			               type_names[b->type], ZSTR_VAL(key), known_options(allowed));
			return FAILURE;
		}
	} ZEND_HASH_FOREACH_END();
	return SUCCESS;
}

static void construct(INTERNAL_FUNCTION_PARAMETERS, tagcache_backend_type type)
{
	HashTable *options = NULL;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	tagcache_backend_obj *b = tagcache_backend_from_obj(Z_OBJ_P(ZEND_THIS));
	if (b->core || b->base_dir || b->redis) {
		zend_throw_error(NULL, "%s is already constructed", type_names[type]);
		RETURN_THROWS();
	}
	if (type == TAGCACHE_REDIS) {
		b->redis = tagcache_redis_config_parse(options);
		if (!b->redis) {
			RETURN_THROWS();
		}
		return; /* the key prefix depends on the cache: the core is built by setCache() */
	}
	if (options && parse_options(b, options) == FAILURE) {
		RETURN_THROWS();
	}
	tc_err err;
	tc_err_clear(&err);
	tc_backend *core = NULL;
	switch (type) {
	case TAGCACHE_FILE:
	case TAGCACHE_SIMPLE_FILE:
		if (!b->base_dir) {
			b->base_dir = default_base_dir();
		}
		return; /* the directory depends on the cache: created by setCache() */
	case TAGCACHE_MEMORY: {
		tc_memory_options mo = {.default_lifetime = b->default_lifetime,
		                        .allocator = &tagcache_request_allocator};
		if (tc_memory_backend_new(&mo, &core, &err) != TC_OK) {
			tagcache_throw_err(&err);
			RETURN_THROWS();
		}
		break;
	}
	case TAGCACHE_REDIS:
		return;
	case TAGCACHE_NULL:
		if (tc_null_backend_new(&core, &err) != TC_OK) {
			tagcache_throw_err(&err);
			RETURN_THROWS();
		}
		break;
	}
	attach(b, core);
}

PHP_METHOD(TagCache_Backend_FileBackend, __construct)
{
	construct(INTERNAL_FUNCTION_PARAM_PASSTHRU, TAGCACHE_FILE);
}

PHP_METHOD(TagCache_Backend_SimpleFileBackend, __construct)
{
	construct(INTERNAL_FUNCTION_PARAM_PASSTHRU, TAGCACHE_SIMPLE_FILE);
}

PHP_METHOD(TagCache_Backend_TransientMemoryBackend, __construct)
{
	construct(INTERNAL_FUNCTION_PARAM_PASSTHRU, TAGCACHE_MEMORY);
}

PHP_METHOD(TagCache_Backend_NullBackend, __construct)
{
	construct(INTERNAL_FUNCTION_PARAM_PASSTHRU, TAGCACHE_NULL);
}

PHP_METHOD(TagCache_Backend_RedisBackend, __construct)
{
	construct(INTERNAL_FUNCTION_PARAM_PASSTHRU, TAGCACHE_REDIS);
}

/* Redis keys of a cache share one hash tag, so a cluster keeps them in one slot. */
static zend_result bind_redis(tagcache_backend_obj *b, zend_string *cache_id)
{
	if (!b->redis) {
		b->redis = tagcache_redis_config_parse(NULL);
	}
	tagcache_redis_config *c = b->redis;
	c->prefix = zend_strpprintf(0, "{tagcache:%s:%s}", ZSTR_VAL(c->app_id), ZSTR_VAL(cache_id));
	c->core.prefix = ZSTR_VAL(c->prefix);
	tc_err err;
	tc_err_clear(&err);
	tc_backend *core = NULL;
	if (tc_redis_backend_new(&c->core, &core, &err) != TC_OK) {
		zend_string_release(c->prefix);
		c->prefix = NULL;
		tagcache_throw_err(&err);
		return FAILURE;
	}
	attach(b, core);
	return SUCCESS;
}

/* ---- binding to a cache ----------------------------------------------------------------- */

zend_result tagcache_backend_bind(tagcache_backend_obj *b, zend_string *cache_id, tc_kind kind)
{
	if (b->cache_id) {
		if (!zend_string_equals(b->cache_id, cache_id)) {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "This %s already serves cache \"%s\" and cannot also serve \"%s\": give each cache its own backend",
			               tagcache_backend_name(b), ZSTR_VAL(b->cache_id), ZSTR_VAL(cache_id));
			return FAILURE;
		}
		b->kind = kind;
		return SUCCESS;
	}
	if (!tagcache_check_identifier(cache_id, "Cache identifier")) {
		return FAILURE;
	}
	if (b->type == TAGCACHE_FILE || b->type == TAGCACHE_SIMPLE_FILE) {
		if (!b->base_dir) {
			b->base_dir = default_base_dir();
		}
		tc_err err;
		tc_err_clear(&err);
		tc_backend *core = NULL;
		zend_string *dir = zend_strpprintf(0, "%s/%s", ZSTR_VAL(b->base_dir), ZSTR_VAL(cache_id));
		tc_file_options fo = {.directory = ZSTR_VAL(dir), .default_lifetime = b->default_lifetime};
		tc_status st = b->type == TAGCACHE_FILE ? tc_file_backend_new(&fo, &core, &err)
		                                        : tc_simple_file_backend_new(&fo, &core, &err);
		if (st != TC_OK) {
			zend_string_release(dir);
			tagcache_throw_err(&err);
			return FAILURE;
		}
		b->directory = dir;
		attach(b, core);
	} else if (b->type == TAGCACHE_REDIS && bind_redis(b, cache_id) == FAILURE) {
		return FAILURE;
	}
	b->cache_id = zend_string_copy(cache_id);
	b->kind = kind;
	return SUCCESS;
}

tc_backend *tagcache_backend_core(tagcache_backend_obj *b)
{
	if (EXPECTED(b->core != NULL)) {
		return b->core;
	}
	tagcache_throw(tagcache_not_supported_ce,
	               "This %s serves no cache yet: pass it to a frontend (which calls setCache()) before using it",
	               tagcache_backend_name(b));
	return NULL;
}

#define THIS_BACKEND() tagcache_backend_from_obj(Z_OBJ_P(ZEND_THIS))

#define THIS_CORE(core)                                                                            \
	tc_backend *core = tagcache_backend_core(THIS_BACKEND());                                  \
	if (!core) {                                                                               \
		RETURN_THROWS();                                                                   \
	}

#define CHECK(call)                                                                                \
	do {                                                                                       \
		if ((call) > TC_MISS) {                                                            \
			tagcache_throw_err(&err);                                                  \
			RETURN_THROWS();                                                           \
		}                                                                                  \
	} while (0)

PHP_METHOD(TagCache_Backend_FileBackend, setCache)
{
	zval *cache;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJECT_OF_CLASS(cache, tagcache_frontend_interface_ce)
	ZEND_PARSE_PARAMETERS_END();

	zend_string *id = tagcache_frontend_identifier(cache);
	if (!id) {
		RETURN_THROWS();
	}
	tc_kind kind = instanceof_function(Z_OBJCE_P(cache), tagcache_php_frontend_ce) ? TC_KIND_PHP : TC_KIND_DATA;
	zend_result r = tagcache_backend_bind(THIS_BACKEND(), id, kind);
	zend_string_release(id);
	if (r == FAILURE) {
		RETURN_THROWS();
	}
}

static char *sink_alloc(void *ud, size_t len)
{
	zend_string **out = ud;
	*out = zend_string_alloc(len, 0);
	ZSTR_VAL(*out)[len] = '\0';
	return ZSTR_VAL(*out);
}

tc_status tagcache_core_get(tc_backend *core, zend_string *id, zend_string **out, tc_err *err)
{
	*out = NULL;
	tc_sink sink = {sink_alloc, out};
	tc_status st = core->ops->get(core, tagcache_str(id), &sink, err);
	if (st != TC_OK && *out) {
		zend_string_efree(*out);
		*out = NULL;
	}
	return st;
}

PHP_METHOD(TagCache_Backend_FileBackend, set)
{
	zend_string *id, *data;
	HashTable *tags = NULL;
	zend_long lifetime = 0;
	bool lifetime_null = true;
	ZEND_PARSE_PARAMETERS_START(2, 4)
		Z_PARAM_STR(id)
		Z_PARAM_STR(data)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(tags)
		Z_PARAM_LONG_OR_NULL(lifetime, lifetime_null)
	ZEND_PARSE_PARAMETERS_END();

	THIS_CORE(core);
	int64_t life;
	if (!tagcache_check_identifier(id, "Entry identifier") ||
	    !tagcache_check_lifetime(lifetime, lifetime_null, &life)) {
		RETURN_THROWS();
	}
	tc_str *list = NULL;
	size_t ntags = 0;
	if (tags && !tagcache_collect_tags(tags, &list, &ntags)) {
		RETURN_THROWS();
	}
	tagcache_backend_obj *b = THIS_BACKEND();
	tc_err err;
	tc_err_clear(&err);
	tc_status st = tagcache_core_set(b, core, id, data, list, ntags, life, &err);
	if (list) {
		efree(list);
	}
	if (st != TC_OK) {
		tagcache_throw_err(&err);
		RETURN_THROWS();
	}
}

tc_status tagcache_core_set(tagcache_backend_obj *b, tc_backend *core, zend_string *id,
                            zend_string *data, const tc_str *tags, size_t ntags, int64_t lifetime,
                            tc_err *err)
{
	if (ntags && !(core->ops->caps & TC_CAP_TAGS)) {
		return tc_err_set(err, TC_ERR_UNSUPPORTED,
		                  "%s cannot store tags (entry \"%s\" of cache \"%s\"): use a backend with tags such as FileBackend",
		                  tagcache_backend_name(b), ZSTR_VAL(id), b->cache_id ? ZSTR_VAL(b->cache_id) : "");
	}
	if (lifetime > 0 && !(core->ops->caps & TC_CAP_LIFETIME)) {
		return tc_err_set(err, TC_ERR_UNSUPPORTED,
		                  "%s cannot expire entries (entry \"%s\", lifetime %lld): use 0 or null, or a backend with lifetimes such as FileBackend",
		                  tagcache_backend_name(b), ZSTR_VAL(id), (long long)lifetime);
	}
	tc_status st = core->ops->set(core, tagcache_str(id), tagcache_str(data), tags, ntags, lifetime,
	                              b->kind, err);
	if (st == TC_OK && b->kind == TC_KIND_PHP && (core->ops->caps & TC_CAP_PHP)) {
		const char *path;
		if (core->ops->php_path(core, tagcache_str(id), &path, err) == TC_OK) {
			tagcache_opcache_invalidate(path);
		}
		tc_err_clear(err);
	}
	return st;
}

PHP_METHOD(TagCache_Backend_FileBackend, get)
{
	zend_string *id;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(id)
	ZEND_PARSE_PARAMETERS_END();

	THIS_CORE(core);
	if (!tagcache_check_identifier(id, "Entry identifier")) {
		RETURN_THROWS();
	}
	tc_err err;
	tc_err_clear(&err);
	zend_string *out;
	CHECK(tagcache_core_get(core, id, &out, &err));
	if (!out) {
		RETURN_FALSE;
	}
	RETURN_NEW_STR(out);
}

/* has / remove share their shape: identifier in, found-or-not out. */
static void id_predicate(INTERNAL_FUNCTION_PARAMETERS, bool remove)
{
	zend_string *id;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(id)
	ZEND_PARSE_PARAMETERS_END();

	THIS_CORE(core);
	if (!tagcache_check_identifier(id, "Entry identifier")) {
		RETURN_THROWS();
	}
	tc_err err;
	tc_err_clear(&err);
	tc_status st = remove ? core->ops->remove(core, tagcache_str(id), &err)
	                      : core->ops->has(core, tagcache_str(id), &err);
	CHECK(st);
	RETURN_BOOL(st == TC_OK);
}

PHP_METHOD(TagCache_Backend_FileBackend, has)
{
	id_predicate(INTERNAL_FUNCTION_PARAM_PASSTHRU, false);
}

PHP_METHOD(TagCache_Backend_FileBackend, remove)
{
	id_predicate(INTERNAL_FUNCTION_PARAM_PASSTHRU, true);
}

PHP_METHOD(TagCache_Backend_FileBackend, flush)
{
	ZEND_PARSE_PARAMETERS_NONE();
	THIS_CORE(core);
	tc_err err;
	tc_err_clear(&err);
	CHECK(core->ops->flush(core, &err));
}

PHP_METHOD(TagCache_Backend_FileBackend, collectGarbage)
{
	ZEND_PARSE_PARAMETERS_NONE();
	THIS_CORE(core);
	tc_err err;
	tc_err_clear(&err);
	CHECK(core->ops->collect_garbage(core, &err));
}

static void flush_tags(INTERNAL_FUNCTION_PARAMETERS, const tc_str *tags, size_t ntags)
{
	THIS_CORE(core);
	size_t count = 0;
	tc_err err;
	tc_err_clear(&err);
	CHECK(core->ops->flush_by_tags(core, tags, ntags, &count, &err));
	RETURN_LONG((zend_long)count);
}

PHP_METHOD(TagCache_Backend_FileBackend, flushByTag)
{
	zend_string *tag;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(tag)
	ZEND_PARSE_PARAMETERS_END();
	if (!tagcache_check_tag(tag)) {
		RETURN_THROWS();
	}
	tc_str one = tagcache_str(tag);
	flush_tags(INTERNAL_FUNCTION_PARAM_PASSTHRU, &one, 1);
}

PHP_METHOD(TagCache_Backend_FileBackend, flushByTags)
{
	HashTable *tags;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(tags)
	ZEND_PARSE_PARAMETERS_END();
	tc_str *list;
	size_t n;
	if (!tagcache_collect_tags(tags, &list, &n)) {
		RETURN_THROWS();
	}
	flush_tags(INTERNAL_FUNCTION_PARAM_PASSTHRU, list, n);
	if (list) {
		efree(list);
	}
}

static int add_id(void *ud, const char *id, size_t len)
{
	add_next_index_stringl((zval *)ud, id, len);
	return 0;
}

PHP_METHOD(TagCache_Backend_FileBackend, findIdentifiersByTag)
{
	zend_string *tag;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(tag)
	ZEND_PARSE_PARAMETERS_END();
	if (!tagcache_check_tag(tag)) {
		RETURN_THROWS();
	}
	THIS_CORE(core);
	tc_err err;
	tc_err_clear(&err);
	array_init(return_value);
	if (core->ops->find_ids_by_tag(core, tagcache_str(tag), add_id, return_value, &err) > TC_MISS) {
		tagcache_throw_err(&err);
		RETURN_THROWS();
	}
}

tc_status tagcache_core_list_ids(tc_backend *core, zval *array, tc_err *err)
{
	array_init(array);
	return core->ops->list_ids(core, add_id, array, err);
}

PHP_METHOD(TagCache_Backend_FileBackend, requireOnce)
{
	zend_string *id;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(id)
	ZEND_PARSE_PARAMETERS_END();
	if (!tagcache_check_identifier(id, "Entry identifier")) {
		RETURN_THROWS();
	}
	THIS_CORE(core);
	tagcache_core_require_once(THIS_BACKEND(), core, id, return_value);
}

void tagcache_core_require_once(tagcache_backend_obj *b, tc_backend *core, zend_string *id,
                                zval *return_value)
{
	tc_err err;
	tc_err_clear(&err);
	if (core->ops->caps & TC_CAP_PHP_CODE) {
		zend_string *code;
		if (tagcache_core_get(core, id, &code, &err) > TC_MISS) {
			tagcache_throw_err(&err);
			RETURN_THROWS();
		}
		if (!code) {
			RETURN_FALSE;
		}
		zend_string *once = zend_strpprintf(0, "%s/%s", b->redis && b->redis->prefix ? ZSTR_VAL(b->redis->prefix) : "", ZSTR_VAL(id));
		tagcache_require_once_code(once, code, return_value);
		zend_string_release(once);
		zend_string_release(code);
		return;
	}
	if (!(core->ops->caps & TC_CAP_PHP)) {
		RETURN_FALSE; /* NullBackend: nothing is ever stored */
	}
	if (b->directory && tagcache_already_included(b->directory, id)) {
		RETURN_TRUE; /* as require_once: no file system work for a file this request ran */
	}
	const char *path = NULL;
	tc_status st = core->ops->php_path(core, tagcache_str(id), &path, &err);
	if (st > TC_MISS) {
		tagcache_throw_err(&err);
		RETURN_THROWS();
	}
	if (st == TC_MISS) {
		RETURN_FALSE;
	}
	tagcache_require_once_file(path, return_value);
}

PHP_METHOD(TagCache_Backend_FileBackend, freeze)
{
	ZEND_PARSE_PARAMETERS_NONE();
	THIS_CORE(core);
	tc_err err;
	tc_err_clear(&err);
	CHECK(core->ops->freeze(core, &err));
}

PHP_METHOD(TagCache_Backend_FileBackend, isFrozen)
{
	ZEND_PARSE_PARAMETERS_NONE();
	THIS_CORE(core);
	RETURN_BOOL(core->ops->is_frozen(core));
}

PHP_METHOD(TagCache_Backend_RedisBackend, getKeyPrefix)
{
	ZEND_PARSE_PARAMETERS_NONE();
	tagcache_backend_obj *b = THIS_BACKEND();
	if (!b->redis || !b->redis->prefix) {
		RETURN_NULL();
	}
	RETURN_STR_COPY(b->redis->prefix);
}

PHP_METHOD(TagCache_Backend_FileBackend, getCacheDirectory)
{
	ZEND_PARSE_PARAMETERS_NONE();
	tagcache_backend_obj *b = THIS_BACKEND();
	if (!b->directory) {
		RETURN_NULL();
	}
	RETURN_STR_COPY(b->directory);
}

/* ---- Iterator: a snapshot of identifiers taken by rewind(), values read on demand -------- */

static zval *iter_key(tagcache_backend_obj *b)
{
	if (!b->iter_ids) {
		return NULL;
	}
	return zend_hash_index_find(b->iter_ids, b->iter_pos);
}

PHP_METHOD(TagCache_Backend_FileBackend, rewind)
{
	ZEND_PARSE_PARAMETERS_NONE();
	tagcache_backend_obj *b = THIS_BACKEND();
	THIS_CORE(core);
	zval ids;
	tc_err err;
	tc_err_clear(&err);
	if (tagcache_core_list_ids(core, &ids, &err) > TC_MISS) {
		zval_ptr_dtor(&ids);
		tagcache_throw_err(&err);
		RETURN_THROWS();
	}
	if (b->iter_ids) {
		zend_array_release(b->iter_ids);
	}
	b->iter_ids = Z_ARR(ids);
	b->iter_pos = 0;
}

PHP_METHOD(TagCache_Backend_FileBackend, valid)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(iter_key(THIS_BACKEND()) != NULL);
}

PHP_METHOD(TagCache_Backend_FileBackend, key)
{
	ZEND_PARSE_PARAMETERS_NONE();
	zval *key = iter_key(THIS_BACKEND());
	if (!key) {
		RETURN_NULL();
	}
	RETURN_COPY(key);
}

PHP_METHOD(TagCache_Backend_FileBackend, current)
{
	ZEND_PARSE_PARAMETERS_NONE();
	zval *key = iter_key(THIS_BACKEND());
	if (!key) {
		RETURN_FALSE;
	}
	THIS_CORE(core);
	tc_err err;
	tc_err_clear(&err);
	zend_string *out;
	CHECK(tagcache_core_get(core, Z_STR_P(key), &out, &err));
	if (!out) {
		RETURN_FALSE; /* removed or expired since rewind() */
	}
	RETURN_NEW_STR(out);
}

PHP_METHOD(TagCache_Backend_FileBackend, next)
{
	ZEND_PARSE_PARAMETERS_NONE();
	tagcache_backend_obj *b = THIS_BACKEND();
	if (b->iter_ids) {
		b->iter_pos++;
	}
}

void tagcache_register_backends(void)
{
	tagcache_backend_interface_ce = register_class_TagCache_Backend_BackendInterface();
	tagcache_taggable_backend_ce =
		register_class_TagCache_Backend_TaggableBackendInterface(tagcache_backend_interface_ce);
	tagcache_php_capable_backend_ce =
		register_class_TagCache_Backend_PhpCapableBackendInterface(tagcache_backend_interface_ce);
	tagcache_freezable_backend_ce =
		register_class_TagCache_Backend_FreezableBackendInterface(tagcache_backend_interface_ce);
	tagcache_iterable_backend_ce = register_class_TagCache_Backend_IterableBackendInterface(
		tagcache_backend_interface_ce, zend_ce_iterator);

	tagcache_file_backend_ce = register_class_TagCache_Backend_FileBackend(
		tagcache_taggable_backend_ce, tagcache_php_capable_backend_ce,
		tagcache_freezable_backend_ce, tagcache_iterable_backend_ce);
	tagcache_simple_file_backend_ce = register_class_TagCache_Backend_SimpleFileBackend(
		tagcache_php_capable_backend_ce, tagcache_iterable_backend_ce);
	tagcache_memory_backend_ce = register_class_TagCache_Backend_TransientMemoryBackend(
		tagcache_taggable_backend_ce, tagcache_iterable_backend_ce);
	tagcache_null_backend_ce = register_class_TagCache_Backend_NullBackend(
		tagcache_taggable_backend_ce, tagcache_php_capable_backend_ce);
	tagcache_redis_backend_ce = register_class_TagCache_Backend_RedisBackend(
		tagcache_taggable_backend_ce, tagcache_php_capable_backend_ce,
		tagcache_freezable_backend_ce, tagcache_iterable_backend_ce);

	zend_class_entry *natives[] = {tagcache_file_backend_ce, tagcache_simple_file_backend_ce,
	                               tagcache_memory_backend_ce, tagcache_null_backend_ce,
	                               tagcache_redis_backend_ce};
	for (size_t i = 0; i < sizeof(natives) / sizeof(natives[0]); i++) {
		natives[i]->create_object = backend_create;
	}

	memcpy(&backend_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	backend_handlers.offset = XtOffsetOf(tagcache_backend_obj, std);
	backend_handlers.free_obj = backend_free;
	backend_handlers.clone_obj = NULL; /* holds open lock files and stores */
}
