/* CacheManager. Configuration has Flow's shape ("Default" plus one entry per cache); unlike
 * Flow, a cache's backendOptions are deep-merged over the Default's when both name the same
 * backend, so a Default `defaultLifetime: 0` is not silently dropped. Flushes reach every
 * configured cache, also those this process has not asked for yet. */
#include "php.h"
#include "manager.h"
#include "backend.h"
#include "backend_options.h"
#include "exceptions.h"
#include "frontend.h"
#include "store.h"
#include "validate.h"
#include "tc_ident.h"
#include "zend_interfaces.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"
#include "ext/standard/php_array.h"
#include "manager_arginfo.h"

static zend_class_entry *manager_ce;
static zend_object_handlers manager_handlers;

typedef struct {
	HashTable configs;          /* identifier => raw configuration array, in given order */
	HashTable caches;           /* identifier => frontend object, built or registered */
	HashTable persistent;       /* identifier => true for registered persistent caches */
	zend_string *app_id;
	zend_string *cache_dir;
	zend_string *persistent_dir;
	zend_object *bus;           /* option "bus": hears of every flush, or NULL */
	zend_object std;
} manager_obj;

static inline manager_obj *manager_from_obj(zend_object *obj)
{
	return (manager_obj *)((char *)obj - XtOffsetOf(manager_obj, std));
}

#define THIS_MANAGER() manager_from_obj(Z_OBJ_P(ZEND_THIS))

static zend_object *manager_create(zend_class_entry *ce)
{
	manager_obj *m = zend_object_alloc(sizeof(manager_obj), ce);
	zend_object_std_init(&m->std, ce);
	object_properties_init(&m->std, ce);
	m->std.handlers = &manager_handlers;
	zend_hash_init(&m->configs, 8, NULL, ZVAL_PTR_DTOR, 0);
	zend_hash_init(&m->caches, 8, NULL, ZVAL_PTR_DTOR, 0);
	zend_hash_init(&m->persistent, 8, NULL, NULL, 0);
	return &m->std;
}

static void manager_free(zend_object *obj)
{
	manager_obj *m = manager_from_obj(obj);
	zend_hash_destroy(&m->configs);
	zend_hash_destroy(&m->caches);
	zend_hash_destroy(&m->persistent);
	if (m->app_id) {
		zend_string_release(m->app_id);
	}
	if (m->cache_dir) {
		zend_string_release(m->cache_dir);
	}
	if (m->persistent_dir) {
		zend_string_release(m->persistent_dir);
	}
	if (m->bus) {
		OBJ_RELEASE(m->bus);
	}
	zend_object_std_dtor(obj);
}

static HashTable *manager_get_gc(zend_object *obj, zval **table, int *n)
{
	manager_obj *m = manager_from_obj(obj);
	zend_get_gc_buffer *buf = zend_get_gc_buffer_create();
	zval *zv;
	ZEND_HASH_FOREACH_VAL(&m->caches, zv) {
		zend_get_gc_buffer_add_zval(buf, zv);
	} ZEND_HASH_FOREACH_END();
	ZEND_HASH_FOREACH_VAL(&m->configs, zv) {
		zend_get_gc_buffer_add_zval(buf, zv);
	} ZEND_HASH_FOREACH_END();
	if (m->bus) {
		zend_get_gc_buffer_add_obj(buf, m->bus);
	}
	zend_get_gc_buffer_use(buf, table, n);
	return zend_std_get_properties(obj);
}

/* ---- configuration ---------------------------------------------------------------------- */

static const char *const config_keys[] = {"frontend", "backend", "backendOptions", "persistent"};

static bool check_config(zend_string *id, zval *config)
{
	if (Z_TYPE_P(config) != IS_ARRAY) {
		tagcache_throw(tagcache_invalid_argument_ce,
		               "Configuration of cache \"%s\" must be an array with keys frontend, backend, backendOptions, persistent; got %s",
		               ZSTR_VAL(id), zend_zval_type_name(config));
		return false;
	}
	zend_string *key;
	zval *val;
	ZEND_HASH_FOREACH_STR_KEY_VAL(Z_ARRVAL_P(config), key, val) {
		bool known = false;
		for (size_t i = 0; key && i < sizeof(config_keys) / sizeof(config_keys[0]); i++) {
			known = known || zend_string_equals_cstr(key, config_keys[i], strlen(config_keys[i]));
		}
		if (!known) {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "Configuration of cache \"%s\" has an unknown key \"%s\"; known keys: frontend, backend, backendOptions, persistent",
			               ZSTR_VAL(id), key ? ZSTR_VAL(key) : "(numeric key)");
			return false;
		}
		ZVAL_DEREF(val);
		if ((zend_string_equals_literal(key, "frontend") || zend_string_equals_literal(key, "backend")) &&
		    (Z_TYPE_P(val) != IS_STRING || Z_STRLEN_P(val) == 0)) {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "Configuration of cache \"%s\": \"%s\" must be a class name, got %s",
			               ZSTR_VAL(id), ZSTR_VAL(key), zend_zval_type_name(val));
			return false;
		}
		if (zend_string_equals_literal(key, "backendOptions") && Z_TYPE_P(val) != IS_ARRAY) {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "Configuration of cache \"%s\": \"backendOptions\" must be an array, got %s",
			               ZSTR_VAL(id), zend_zval_type_name(val));
			return false;
		}
		if (zend_string_equals_literal(key, "persistent") && Z_TYPE_P(val) != IS_TRUE && Z_TYPE_P(val) != IS_FALSE) {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "Configuration of cache \"%s\": \"persistent\" must be a boolean, got %s",
			               ZSTR_VAL(id), zend_zval_type_name(val));
			return false;
		}
	} ZEND_HASH_FOREACH_END();
	return true;
}

static bool set_configs(manager_obj *m, HashTable *configs)
{
	zend_string *id;
	zval *config;
	/* Check everything first, so a bad entry leaves the manager as it was. */
	ZEND_HASH_FOREACH_STR_KEY_VAL(configs, id, config) {
		ZVAL_DEREF(config);
		if (!id) {
			tagcache_throw(tagcache_invalid_argument_ce, "Cache configurations must be keyed by cache identifier");
			return false;
		}
		if (!zend_string_equals_literal(id, "Default") && !tagcache_check_identifier(id, "Cache identifier")) {
			return false;
		}
		if (!check_config(id, config)) {
			return false;
		}
	} ZEND_HASH_FOREACH_END();
	ZEND_HASH_FOREACH_STR_KEY_VAL(configs, id, config) {
		ZVAL_DEREF(config);
		/* Our own copy without references: the caller must not retype a checked value later. */
		zval copy, *v;
		ZVAL_ARR(&copy, zend_array_dup(Z_ARRVAL_P(config)));
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL(copy), v) {
			if (Z_ISREF_P(v)) {
				zend_unwrap_reference(v);
			}
		} ZEND_HASH_FOREACH_END();
		zend_hash_update(&m->configs, id, &copy);
	} ZEND_HASH_FOREACH_END();
	return true;
}

static zval *config_value(HashTable *config, const char *key)
{
	if (!config) {
		return NULL;
	}
	zval *v = zend_hash_str_find_deref(config, key, strlen(key));
	return v;
}

static HashTable *config_of(manager_obj *m, zend_string *id)
{
	zval *c = zend_hash_find_deref(&m->configs, id);
	return c ? Z_ARRVAL_P(c) : NULL;
}

static HashTable *default_config(manager_obj *m)
{
	zval *c = zend_hash_str_find_deref(&m->configs, "Default", sizeof("Default") - 1);
	return c ? Z_ARRVAL_P(c) : NULL;
}

static bool is_persistent_config(manager_obj *m, zend_string *id)
{
	zval *p = config_value(config_of(m, id), "persistent");
	if (!p) {
		p = config_value(default_config(m), "persistent");
	}
	return p && Z_TYPE_P(p) == IS_TRUE;
}

/* Class named by a configuration: short names are tagcache's own classes. */
static zend_class_entry *resolve_class(zend_string *id, zval *name, const char *kind, const char *ns,
                                       zend_class_entry *must_implement)
{
	zend_class_entry *ce = NULL;
	if (!strchr(Z_STRVAL_P(name), '\\')) {
		zend_string *full = zend_strpprintf(0, "%s\\%s", ns, Z_STRVAL_P(name));
		ce = zend_lookup_class(full);
		zend_string_release(full);
	}
	if (!ce && !EG(exception)) {
		ce = zend_lookup_class(Z_STR_P(name));
	}
	if (EG(exception)) {
		return NULL;
	}
	if (!ce) {
		tagcache_throw(tagcache_invalid_argument_ce, "Cache \"%s\": %s class \"%s\" does not exist",
		               ZSTR_VAL(id), kind, Z_STRVAL_P(name));
		return NULL;
	}
	if (!instanceof_function(ce, must_implement) ||
	    (ce->ce_flags & (ZEND_ACC_INTERFACE | ZEND_ACC_ABSTRACT | ZEND_ACC_TRAIT))) {
		tagcache_throw(tagcache_invalid_argument_ce,
		               "Cache \"%s\": %s class \"%s\" must be an instantiable class implementing %s",
		               ZSTR_VAL(id), kind, ZSTR_VAL(ce->name), ZSTR_VAL(must_implement->name));
		return NULL;
	}
	return ce;
}

/* <cacheDirectory or persistentCacheDirectory>/<applicationIdentifier>: applications sharing a
 * directory tree stay apart, and each backend adds the cache identifier below it. */
static zend_string *backend_dir(manager_obj *m, bool persistent)
{
	zend_string *base = persistent && m->persistent_dir ? m->persistent_dir : m->cache_dir;
	return zend_strpprintf(0, "%s/%s", ZSTR_VAL(base), m->app_id ? ZSTR_VAL(m->app_id) : "default");
}

/* Options a native backend takes from the manager when the configuration leaves them out:
 * the directory below the manager's (file backends), the application identifier (shared
 * stores namespace their keys by application). */
static void add_manager_options(manager_obj *m, zend_string *id, zend_class_entry *be_ce, zval *options)
{
	const tagcache_backend_desc *d = tagcache_backend_desc_of(be_ce);
	for (size_t i = 0; d && i < d->noptions; i++) {
		const tagcache_option *o = &d->options[i];
		if (o->from == TAGCACHE_FROM_NONE || zend_hash_str_exists(Z_ARRVAL_P(options), o->name, strlen(o->name))) {
			continue;
		}
		if (o->from == TAGCACHE_FROM_CACHE_DIR) {
			add_assoc_str(options, o->name, backend_dir(m, is_persistent_config(m, id)));
		} else if (o->from == TAGCACHE_FROM_APP_ID && m->app_id) {
			add_assoc_str(options, o->name, zend_string_copy(m->app_id));
		}
	}
}

/* Builds the cache `id` from its configuration merged over Default's. */
static zend_object *build_cache(manager_obj *m, zend_string *id, zval *out)
{
	HashTable *own = config_of(m, id), *def = default_config(m);
	/* Held: an autoloader run by resolve_class() may replace the configurations. */
	if (own) {
		GC_TRY_ADDREF(own);
	}
	if (def) {
		GC_TRY_ADDREF(def);
	}
	zval fallback_fe, fallback_be;
	ZVAL_STRING(&fallback_fe, "VariableFrontend");
	ZVAL_STRING(&fallback_be, "FileBackend");

	zval *fe_name = config_value(own, "frontend");
	if (!fe_name) {
		fe_name = config_value(def, "frontend");
	}
	zval *be_name = config_value(own, "backend");
	zval *def_be_name = config_value(def, "backend");
	if (!def_be_name) {
		def_be_name = &fallback_be;
	}
	if (!be_name) {
		be_name = def_be_name;
	}
	zend_object *result = NULL;
	zend_class_entry *fe_ce = resolve_class(id, fe_name ? fe_name : &fallback_fe, "frontend",
	                                        "TagCache\\Frontend", tagcache_frontend_interface_ce);
	zend_class_entry *be_ce = fe_ce ? resolve_class(id, be_name, "backend", "TagCache\\Backend",
	                                                tagcache_backend_interface_ce)
	                                : NULL;
	zend_class_entry *def_be_ce = be_ce ? resolve_class(id, def_be_name, "backend", "TagCache\\Backend",
	                                                    tagcache_backend_interface_ce)
	                                    : NULL;
	if (!def_be_ce) {
		goto done;
	}

	/* Options: Default's (only when it names the same backend), then the cache's own, deep. */
	zval options;
	array_init(&options);
	zval *def_opts = config_value(def, "backendOptions");
	if (def_opts && def_be_ce == be_ce) {
		php_array_replace_recursive(Z_ARRVAL(options), Z_ARRVAL_P(def_opts));
	}
	zval *own_opts = config_value(own, "backendOptions");
	if (own_opts) {
		php_array_replace_recursive(Z_ARRVAL(options), Z_ARRVAL_P(own_opts));
	}
	add_manager_options(m, id, be_ce, &options);

	zval backend, frontend, idz;
	if (object_init_ex(&backend, be_ce) == FAILURE) {
		zval_ptr_dtor(&options);
		goto done;
	}
	/* A user backend may have no constructor: fine unless there are options to give it. */
	if (be_ce->constructor) {
		zend_call_known_instance_method_with_1_params(be_ce->constructor, Z_OBJ(backend), NULL, &options);
	} else if (zend_hash_num_elements(Z_ARRVAL(options))) {
		tagcache_throw(tagcache_invalid_argument_ce,
		               "Cache \"%s\": backend class \"%s\" has no constructor to take backendOptions",
		               ZSTR_VAL(id), ZSTR_VAL(be_ce->name));
	}
	zval_ptr_dtor(&options);
	if (EG(exception)) {
		zval_ptr_dtor(&backend);
		goto done;
	}
	if (object_init_ex(&frontend, fe_ce) == FAILURE) {
		zval_ptr_dtor(&backend);
		goto done;
	}
	ZVAL_STR(&idz, id);
	if (fe_ce->constructor) {
		zend_call_known_instance_method_with_2_params(fe_ce->constructor, Z_OBJ(frontend), NULL, &idz, &backend);
	} else {
		tagcache_throw(tagcache_invalid_argument_ce,
		               "Cache \"%s\": frontend class \"%s\" has no constructor taking (identifier, backend)",
		               ZSTR_VAL(id), ZSTR_VAL(fe_ce->name));
	}
	zval_ptr_dtor(&backend);
	if (EG(exception)) {
		zval_ptr_dtor(&frontend);
		goto done;
	}
	zend_hash_update(&m->caches, id, &frontend);
	ZVAL_COPY(out, &frontend);
	result = Z_OBJ(frontend);
done:
	zval_ptr_dtor(&fallback_fe);
	zval_ptr_dtor(&fallback_be);
	if (own) {
		zend_array_release(own);
	}
	if (def) {
		zend_array_release(def);
	}
	return result;
}

/* The cache, built on first use. NULL with an exception when it cannot be had. */
static zval *get_cache(manager_obj *m, zend_string *id)
{
	zval *cache = zend_hash_find(&m->caches, id);
	if (cache) {
		return cache;
	}
	if (zend_string_equals_literal(id, "Default") || !config_of(m, id)) {
		tagcache_throw(tagcache_no_such_cache_ce, "No cache \"%s\" is configured or registered", ZSTR_VAL(id));
		return NULL;
	}
	zval tmp;
	if (!build_cache(m, id, &tmp)) {
		return NULL;
	}
	zval_ptr_dtor(&tmp);
	return zend_hash_find(&m->caches, id);
}

static bool is_persistent(manager_obj *m, zend_string *id)
{
	return zend_hash_exists(&m->persistent, id) ||
	       ((!zend_hash_exists(&m->caches, id) || config_of(m, id)) && is_persistent_config(m, id));
}

/* ---- methods ---------------------------------------------------------------------------- */

static bool parse_manager_options(manager_obj *m, HashTable *options)
{
	zend_string *key;
	zval *val;
	ZEND_HASH_FOREACH_STR_KEY_VAL(options, key, val) {
		ZVAL_DEREF(val);
		zend_string **slot = NULL;
		if (key && zend_string_equals_literal(key, "applicationIdentifier")) {
			slot = &m->app_id;
		} else if (key && zend_string_equals_literal(key, "cacheDirectory")) {
			slot = &m->cache_dir;
		} else if (key && zend_string_equals_literal(key, "persistentCacheDirectory")) {
			slot = &m->persistent_dir;
		} else if (key && zend_string_equals_literal(key, "bus")) {
			if (!tagcache_manager_bus_set(&m->bus, val)) {
				return false;
			}
			continue;
		} else {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "CacheManager has no option \"%s\"; known options: applicationIdentifier, cacheDirectory, persistentCacheDirectory, bus",
			               key ? ZSTR_VAL(key) : "(numeric key)");
			return false;
		}
		if (Z_TYPE_P(val) != IS_STRING || Z_STRLEN_P(val) == 0) {
			tagcache_throw(tagcache_invalid_argument_ce, "CacheManager option \"%s\" must be a non-empty string, got %s",
			               ZSTR_VAL(key), zend_zval_type_name(val));
			return false;
		}
		if (slot == &m->app_id && !tagcache_check_identifier(Z_STR_P(val), "Application identifier")) {
			return false;
		}
		if (*slot) {
			zend_string_release(*slot);
		}
		*slot = zend_string_copy(Z_STR_P(val));
	} ZEND_HASH_FOREACH_END();
	if (!m->cache_dir) {
		m->cache_dir = tagcache_default_cache_dir();
	}
	return true;
}

PHP_METHOD(TagCache_CacheManager, __construct)
{
	HashTable *configs = NULL, *options = NULL;
	ZEND_PARSE_PARAMETERS_START(0, 2)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(configs)
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();
	manager_obj *m = THIS_MANAGER();
	if (!parse_manager_options(m, options ? options : (HashTable *)&zend_empty_array)) {
		RETURN_THROWS();
	}
	if (configs && !set_configs(m, configs)) {
		RETURN_THROWS();
	}
}

static manager_obj *this_manager(zval *this_zv)
{
	manager_obj *m = manager_from_obj(Z_OBJ_P(this_zv));
	if (!m->cache_dir) {
		/* A subclass that skipped the constructor: fall back to the documented defaults. */
		m->cache_dir = tagcache_default_cache_dir();
	}
	return m;
}

PHP_METHOD(TagCache_CacheManager, setCacheConfigurations)
{
	HashTable *configs;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(configs)
	ZEND_PARSE_PARAMETERS_END();
	set_configs(this_manager(ZEND_THIS), configs);
}

PHP_METHOD(TagCache_CacheManager, getCacheConfigurations)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_ARR(zend_array_dup(&this_manager(ZEND_THIS)->configs));
}

PHP_METHOD(TagCache_CacheManager, getCache)
{
	zend_string *id;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(id)
	ZEND_PARSE_PARAMETERS_END();
	zval *cache = get_cache(this_manager(ZEND_THIS), id);
	if (!cache) {
		RETURN_THROWS();
	}
	RETURN_COPY(cache);
}

PHP_METHOD(TagCache_CacheManager, hasCache)
{
	zend_string *id;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(id)
	ZEND_PARSE_PARAMETERS_END();
	manager_obj *m = this_manager(ZEND_THIS);
	RETURN_BOOL(zend_hash_exists(&m->caches, id) ||
	            (!zend_string_equals_literal(id, "Default") && config_of(m, id)));
}

PHP_METHOD(TagCache_CacheManager, registerCache)
{
	zval *cache;
	bool persistent = false;
	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_OBJECT_OF_CLASS(cache, tagcache_frontend_interface_ce)
		Z_PARAM_OPTIONAL
		Z_PARAM_BOOL(persistent)
	ZEND_PARSE_PARAMETERS_END();
	manager_obj *m = this_manager(ZEND_THIS);
	zend_string *id = tagcache_frontend_identifier(cache);
	if (!id) {
		RETURN_THROWS();
	}
	/* Same rule as configured caches (a frontend written in PHP may return anything). */
	if (!tagcache_check_identifier(id, "Cache identifier")) {
		zend_string_release(id);
		RETURN_THROWS();
	}
	if (zend_hash_exists(&m->caches, id)) {
		tagcache_throw(tagcache_duplicate_identifier_ce, "A cache with identifier \"%s\" is already registered",
		               ZSTR_VAL(id));
		zend_string_release(id);
		RETURN_THROWS();
	}
	Z_ADDREF_P(cache);
	zend_hash_add_new(&m->caches, id, cache);
	if (persistent) {
		zend_hash_add_empty_element(&m->persistent, id);
	}
	zend_string_release(id);
}

PHP_METHOD(TagCache_CacheManager, isCachePersistent)
{
	zend_string *id;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(id)
	ZEND_PARSE_PARAMETERS_END();
	RETURN_BOOL(is_persistent(this_manager(ZEND_THIS), id));
}

/* Every cache identifier the manager knows: configured (built or not) and registered. */
static HashTable *all_ids(manager_obj *m)
{
	HashTable *ids = zend_new_array(0);
	zend_string *id;
	ZEND_HASH_FOREACH_STR_KEY(&m->configs, id) {
		if (id && !zend_string_equals_literal(id, "Default")) {
			zend_hash_add_empty_element(ids, id);
		}
	} ZEND_HASH_FOREACH_END();
	ZEND_HASH_FOREACH_STR_KEY(&m->caches, id) {
		zend_hash_add_empty_element(ids, id);
	} ZEND_HASH_FOREACH_END();
	return ids;
}

typedef enum { OP_FLUSH, OP_FLUSH_TAGS, OP_GC } manager_op;

/* Applies op to one cache (built on first use); returns what flushByTags counted. */
static zend_long flush_one(manager_obj *m, zend_string *id, manager_op op, HashTable *tags)
{
	zval *cache = get_cache(m, id);
	if (!cache) {
		return 0;
	}
	zend_long count = 0;
	zval ret, arg;
	ZVAL_UNDEF(&ret);
	zend_object *obj = Z_OBJ_P(cache);
	GC_ADDREF(obj); /* its own methods may replace it in the manager */
	if (op == OP_FLUSH) {
		zend_call_method_with_0_params(obj, obj->ce, NULL, "flush", &ret);
	} else if (op == OP_GC) {
		zend_call_method_with_0_params(obj, obj->ce, NULL, "collectgarbage", &ret);
	} else {
		/* Caches without tags hold no tagged entries: nothing to flush there. */
		zval backend;
		zend_call_method_with_0_params(obj, obj->ce, NULL, "getbackend", &backend);
		bool taggable = Z_TYPE(backend) == IS_OBJECT &&
		                instanceof_function(Z_OBJCE(backend), tagcache_taggable_backend_ce);
		zval_ptr_dtor(&backend);
		if (taggable && !EG(exception)) {
			tagcache_zval_borrowed_arr(&arg, tags);
			zend_call_method_with_1_params(obj, obj->ce, NULL, "flushbytags", &ret, &arg);
			count = Z_TYPE(ret) == IS_LONG ? Z_LVAL(ret) : 0;
		}
	}
	zval_ptr_dtor(&ret);
	OBJ_RELEASE(obj);
	return count;
}

/* flush_one under zend_try: false after a bailout (fatal error), which the caller passes on
 * once it has released what it holds. */
static bool flush_one_guarded(manager_obj *m, zend_string *id, manager_op op, HashTable *tags,
                              zend_long *count)
{
	bool ok = true;
	zend_try {
		*count = flush_one(m, id, op, tags);
	} zend_catch {
		ok = false;
	} zend_end_try();
	return ok;
}

/* Takes the pending exception into failures under id, so the walk can go on. exit() and the
 * engine's own unwinding are not failures of a cache: they stay pending (false). */
static bool collect_failure(HashTable *failures, zend_string *id)
{
	zend_object *ex = EG(exception);
	if (zend_is_unwind_exit(ex) || zend_is_graceful_exit(ex)) {
		return false;
	}
	GC_ADDREF(ex);
	zend_clear_exception();
	zval zv;
	ZVAL_OBJ(&zv, ex);
	zend_symtable_update(failures, id, &zv);
	return true;
}

/* One CacheFlushException naming each failed cache and what it threw. */
static void throw_failures(const char *what, uint32_t reached, HashTable *failures)
{
	smart_str msg = {0};
	uint32_t failed = zend_hash_num_elements(failures);
	smart_str_append_printf(&msg, "%s() failed for %u of %u %s", what, failed, reached,
	                        reached == 1 ? "cache" : "caches");
	if (reached > failed) {
		smart_str_append_printf(&msg, " (the other %u %s reached)", reached - failed,
		                        reached - failed == 1 ? "was" : "were");
	}
	zend_string *id;
	zend_ulong num;
	zval *ex;
	const char *sep = ": ";
	ZEND_HASH_FOREACH_KEY_VAL(failures, num, id, ex) {
		zval rv;
		zval *text = zend_read_property_ex(Z_OBJCE_P(ex), Z_OBJ_P(ex), ZSTR_KNOWN(ZEND_STR_MESSAGE), 1, &rv);
		smart_str_appends(&msg, sep);
		if (id) {
			smart_str_append_printf(&msg, "cache \"%s\"", ZSTR_VAL(id));
		} else {
			smart_str_append_printf(&msg, "cache \"" ZEND_ULONG_FMT "\"", num);
		}
		smart_str_append_printf(&msg, " (%s: %s)", ZSTR_VAL(Z_OBJCE_P(ex)->name),
		                        Z_TYPE_P(text) == IS_STRING ? Z_STRVAL_P(text) : "");
		if (text == &rv) {
			/* Read through __get (the property was unset): the value is ours to release. */
			zval_ptr_dtor(&rv);
		}
		sep = "; ";
	} ZEND_HASH_FOREACH_END();
	smart_str_0(&msg);
	tagcache_throw_cache_flush(msg.s, failures);
	smart_str_free(&msg);
}

/* Applies op to every cache (persistent ones only when asked); returns the summed count. A
 * cache that fails does not stop the walk: the caches after it are still flushed, then one
 * CacheFlushException lists every failure. */
static zend_long for_each_cache(manager_obj *m, manager_op op, const char *what, bool include_persistent,
                                HashTable *tags)
{
	HashTable *ids = all_ids(m);
	HashTable failures;
	zend_hash_init(&failures, 0, NULL, ZVAL_PTR_DTOR, 0);
	zend_long total = 0;
	uint32_t reached = 0;
	bool bailout = false;
	zend_string *id;
	ZEND_HASH_FOREACH_STR_KEY(ids, id) {
		if (!include_persistent && is_persistent(m, id)) {
			continue;
		}
		reached++;
		zend_long count = 0;
		if (!flush_one_guarded(m, id, op, tags, &count)) {
			bailout = true;
			break;
		}
		total += count;
		if (EG(exception) && !collect_failure(&failures, id)) {
			break;
		}
	} ZEND_HASH_FOREACH_END();
	zend_array_release(ids);
	if (!bailout && !EG(exception) && zend_hash_num_elements(&failures)) {
		throw_failures(what, reached, &failures);
	}
	zend_hash_destroy(&failures);
	if (bailout) {
		zend_bailout();
	}
	return total;
}

PHP_METHOD(TagCache_CacheManager, flushCaches)
{
	bool include_persistent = false;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_BOOL(include_persistent)
	ZEND_PARSE_PARAMETERS_END();
	manager_obj *m = this_manager(ZEND_THIS);
	for_each_cache(m, OP_FLUSH, "flushCaches", include_persistent, NULL);
	tagcache_manager_bus_flush_all(m->bus, include_persistent);
}

static void flush_by_tags(INTERNAL_FUNCTION_PARAMETERS, const char *what, HashTable *tags, bool include_persistent)
{
	/* before any cache is touched: a bad tag must not leave some caches flushed */
	if (!tagcache_check_tags(tags)) {
		RETURN_THROWS();
	}
	manager_obj *m = this_manager(ZEND_THIS);
	zend_long total = for_each_cache(m, OP_FLUSH_TAGS, what, include_persistent, tags);
	tagcache_manager_bus_flush_tags(m->bus, tags, include_persistent);
	if (EG(exception)) {
		RETURN_THROWS();
	}
	RETURN_LONG(total);
}

PHP_METHOD(TagCache_CacheManager, flushCachesByTag)
{
	zend_string *tag;
	bool include_persistent = false;
	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(tag)
		Z_PARAM_OPTIONAL
		Z_PARAM_BOOL(include_persistent)
	ZEND_PARSE_PARAMETERS_END();
	HashTable *one = zend_new_array(1);
	zval tv;
	ZVAL_STR_COPY(&tv, tag);
	zend_hash_next_index_insert_new(one, &tv);
	flush_by_tags(INTERNAL_FUNCTION_PARAM_PASSTHRU, "flushCachesByTag", one, include_persistent);
	zend_array_release(one);
}

PHP_METHOD(TagCache_CacheManager, flushCachesByTags)
{
	HashTable *tags;
	bool include_persistent = false;
	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_ARRAY_HT(tags)
		Z_PARAM_OPTIONAL
		Z_PARAM_BOOL(include_persistent)
	ZEND_PARSE_PARAMETERS_END();
	flush_by_tags(INTERNAL_FUNCTION_PARAM_PASSTHRU, "flushCachesByTags", tags, include_persistent);
}

PHP_METHOD(TagCache_CacheManager, collectGarbage)
{
	ZEND_PARSE_PARAMETERS_NONE();
	for_each_cache(this_manager(ZEND_THIS), OP_GC, "collectGarbage", true, NULL);
}

zend_class_entry *tagcache_manager_class(void)
{
	return manager_ce;
}

HashTable *tagcache_manager_cache_ids(zend_object *manager)
{
	return all_ids(manager_from_obj(manager));
}

void tagcache_register_manager(void)
{
	manager_ce = register_class_TagCache_CacheManager();
	manager_ce->create_object = manager_create;
	memcpy(&manager_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	manager_handlers.offset = XtOffsetOf(manager_obj, std);
	manager_handlers.free_obj = manager_free;
	manager_handlers.get_gc = manager_get_gc;
	manager_handlers.clone_obj = NULL;
}
