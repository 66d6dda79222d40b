/* MultiBackend and TaggableMultiBackend: chains of native backends (src/backend/multi.c).
 *
 * Option backendConfigurations is Flow's list of ['backend' => class, 'backendOptions' => [...]].
 * Only native backends can be children (the chain calls their cores directly); each child's
 * options are checked when the chain is constructed and parsed again when it is bound to a
 * cache, since children such as FileBackend need the cache identifier. The chain's own
 * cacheDirectory and applicationIdentifier (filled in by a CacheManager like any backend's) are
 * handed to the children that leave them out, so a child gets what it would get configured
 * directly. This is the one file that includes backend_multi_arginfo.h. */
#include "backend.h"
#include "backend_options.h"
#include "backend_method.h"
#include "backend/multi.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"
#include "backend_multi_arginfo.h"

typedef struct {
	zend_array *configs;
	bool set_in_all;
	bool debug;
	bool log_errors;
	bool remove_unhealthy;
	zend_long retry_ms;
	zend_string *cache_dir;
	zend_string *app_id;
} multi_config;

#define CONFIGS_RULE "a non-empty list of ['backend' => class name, 'backendOptions' => array]"

tagcache_backend_desc multi_desc, taggable_multi_desc;

static bool is_chain(const tagcache_backend_desc *d)
{
	return d == &multi_desc || d == &taggable_multi_desc;
}

/* The message of the pending exception (a child's option error), to repeat it with its place. */
static zend_string *pending_message(void)
{
	zval rv;
	zval *msg = zend_read_property_ex(EG(exception)->ce, EG(exception), ZSTR_KNOWN(ZEND_STR_MESSAGE), 1, &rv);
	return zval_get_string(msg);
}

/* The native class a child names: "FileBackend", "TagCache\Backend\FileBackend", with or
 * without a leading backslash. Only loaded classes: native ones always are, and looking up
 * nothing else runs no autoloader. */
static const tagcache_backend_desc *child_desc(const char *backend, const char *option, size_t pos,
                                               zend_string *name, bool taggable)
{
	const char *s = ZSTR_VAL(name);
	size_t len = ZSTR_LEN(name);
	if (len && s[0] == '\\') {
		s++, len--;
	}
	zend_class_entry *ce = NULL;
	if (len && !memchr(s, '\\', len)) {
		zend_string *full = zend_strpprintf(0, "TagCache\\Backend\\%.*s", (int)len, s);
		ce = zend_lookup_class_ex(full, NULL, ZEND_FETCH_CLASS_NO_AUTOLOAD);
		zend_string_release(full);
	}
	if (!ce && len) {
		zend_string *plain = zend_string_init(s, len, 0);
		ce = zend_lookup_class_ex(plain, NULL, ZEND_FETCH_CLASS_NO_AUTOLOAD);
		zend_string_release(plain);
	}
	const tagcache_backend_desc *d = ce ? tagcache_backend_desc_of(ce) : NULL;
	if (!d || d->ce != ce || is_chain(d)) {
		/* The name as option errors show values: escaped and capped (it may hold any byte). */
		zend_string *shown = tagcache_options_shown(name);
		if (d && d->ce == ce) {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "%s option \"%s\" #%zu: backend \"%s\" cannot be a chain itself: list its backends here instead",
			               backend, option, pos, ZSTR_VAL(shown));
		} else {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "%s option \"%s\" #%zu: backend \"%s\" must be a native backend class of TagCache\\Backend "
			               "(FileBackend, RedisBackend, ...): %s",
			               backend, option, pos, ZSTR_VAL(shown),
			               !ce ? "no such class" : d ? "a subclass is not native" : "a class of its own is not native");
		}
		zend_string_release(shown);
		return NULL;
	}
	if (taggable && !(d->caps & TC_CAP_TAGS)) {
		tagcache_throw(tagcache_invalid_argument_ce,
		               "%s option \"%s\" #%zu: backend \"%s\" must be taggable (implement TaggableBackendInterface): "
		               "a chain that flushes by tag needs every child to",
		               backend, option, pos, d->name);
		return NULL;
	}
	return d;
}

static bool has_option(HashTable *opts, const tagcache_option *o)
{
	return zend_hash_str_exists(opts, o->name, strlen(o->name)) ||
	       (o->flow && zend_hash_str_exists(opts, o->flow, strlen(o->flow)));
}

/* A child's options: its own, plus the chain's cacheDirectory / applicationIdentifier for the
 * options a CacheManager would have filled in (c NULL: its own only). */
static HashTable *child_options(const multi_config *c, const tagcache_backend_desc *d, zval *opts)
{
	HashTable *ht = opts ? zend_array_dup(Z_ARR_P(opts)) : zend_new_array(0);
	for (size_t i = 0; c && i < d->noptions; i++) {
		const tagcache_option *o = &d->options[i];
		zend_string *v = o->from == TAGCACHE_FROM_CACHE_DIR ? c->cache_dir
		                 : o->from == TAGCACHE_FROM_APP_ID  ? c->app_id
		                                                     : NULL;
		if (v && !has_option(ht, o)) {
			zval z;
			ZVAL_STR_COPY(&z, v);
			zend_hash_str_update(ht, o->name, strlen(o->name), &z);
		}
	}
	return ht;
}

/* The entry at pos: its class's descriptor, *opts its backendOptions (NULL when left out). */
static const tagcache_backend_desc *child_entry(const char *backend, const char *option, size_t pos,
                                                zval *entry, bool taggable, zval **opts)
{
	ZVAL_DEREF(entry);
	if (Z_TYPE_P(entry) != IS_ARRAY) {
		zend_string *shown = Z_TYPE_P(entry) == IS_STRING ? tagcache_options_shown(Z_STR_P(entry)) : NULL;
		tagcache_throw(tagcache_invalid_argument_ce, "%s option \"%s\" #%zu must be an array "
		               "['backend' => class name, 'backendOptions' => array], got %s%s%s%s",
		               backend, option, pos, zend_zval_type_name(entry), shown ? " \"" : "",
		               shown ? ZSTR_VAL(shown) : "", shown ? "\"" : "");
		if (shown) {
			zend_string_release(shown);
		}
		return NULL;
	}
	zend_string *key;
	ZEND_HASH_FOREACH_STR_KEY(Z_ARR_P(entry), key) {
		if (!key || (!zend_string_equals_literal(key, "backend") && !zend_string_equals_literal(key, "backendOptions"))) {
			zend_string *shown = key ? tagcache_options_shown(key) : NULL;
			tagcache_throw(tagcache_invalid_argument_ce,
			               "%s option \"%s\" #%zu has key \"%s\": only \"backend\" and \"backendOptions\" are known",
			               backend, option, pos, shown ? ZSTR_VAL(shown) : "(an integer)");
			if (shown) {
				zend_string_release(shown);
			}
			return NULL;
		}
	} ZEND_HASH_FOREACH_END();
	zval *cls = zend_hash_str_find_deref(Z_ARR_P(entry), "backend", sizeof("backend") - 1);
	if (!cls || Z_TYPE_P(cls) != IS_STRING || Z_STRLEN_P(cls) == 0) {
		tagcache_throw(tagcache_invalid_argument_ce,
		               "%s option \"%s\" #%zu: \"backend\" must be a non-empty class name string, got %s", backend,
		               option, pos, !cls ? "nothing" : Z_TYPE_P(cls) == IS_STRING ? "an empty string" : zend_zval_type_name(cls));
		return NULL;
	}
	*opts = zend_hash_str_find_deref(Z_ARR_P(entry), "backendOptions", sizeof("backendOptions") - 1);
	if (*opts && Z_TYPE_P(*opts) != IS_ARRAY) {
		tagcache_throw(tagcache_invalid_argument_ce,
		               "%s option \"%s\" #%zu: \"backendOptions\" must be an array, got %s", backend, option, pos,
		               zend_zval_type_name(*opts));
		return NULL;
	}
	return child_desc(backend, option, pos, Z_STR_P(cls), taggable);
}

/* The option's check: the list's shape, each class, each child's options (parsed and dropped:
 * they are parsed again when the chain is bound, with the cache's identifier). */
static bool check_configurations(const char *backend, const char *option, zval *val)
{
	bool taggable = strcmp(backend, taggable_multi_desc.name) == 0;
	HashTable *list = Z_ARR_P(val);
	if (zend_hash_num_elements(list) == 0 || !zend_array_is_list(list)) {
		tagcache_throw(tagcache_invalid_argument_ce, "%s option \"%s\" must be " CONFIGS_RULE ", got %s",
		               backend, option, zend_hash_num_elements(list) ? "an array with keys" : "an empty array");
		return false;
	}
	size_t pos = 0;
	zval *entry;
	ZEND_HASH_FOREACH_VAL(list, entry) {
		pos++;
		zval *opts = NULL;
		const tagcache_backend_desc *d = child_entry(backend, option, pos, entry, taggable, &opts);
		if (!d) {
			return false;
		}
		HashTable *ht = child_options(NULL, d, opts);
		void *config = tagcache_options_parse(d, ht);
		zend_array_release(ht);
		if (!config) {
			zend_string *msg = pending_message();
			tagcache_throw(tagcache_invalid_argument_ce, "%s option \"%s\" #%zu (%s): %s", backend, option, pos,
			               d->name, ZSTR_VAL(msg));
			zend_string_release(msg);
			return false;
		}
		tagcache_options_free(d, config);
	} ZEND_HASH_FOREACH_END();
	return true;
}

#define MOPT(field, ...) .offset = offsetof(multi_config, field), __VA_ARGS__

static const tagcache_option multi_options[] = {
	{.name = "backendConfigurations", .type = TAGCACHE_OPT_ARRAY, MOPT(configs, .rule = CONFIGS_RULE,
	 .check = check_configurations)},
	{.name = "setInAllBackends", .type = TAGCACHE_OPT_BOOL, MOPT(set_in_all, .def.b = true)},
	{.name = "debug", .type = TAGCACHE_OPT_BOOL, MOPT(debug)},
	{.name = "logErrors", .type = TAGCACHE_OPT_BOOL, MOPT(log_errors, .def.b = true)},
	{.name = "removeUnhealthyBackends", .type = TAGCACHE_OPT_BOOL, MOPT(remove_unhealthy, .def.b = true)},
	{.name = "retryInterval", .type = TAGCACHE_OPT_SECONDS, MOPT(retry_ms, .def.l = TC_MULTI_DEFAULT_RETRY_MS,
	 .max = 86400000, .note = "back-off of a failed backend, doubled per further failure up to 64 times")},
	{.name = "cacheDirectory", .type = TAGCACHE_OPT_PATH, MOPT(cache_dir, .from = TAGCACHE_FROM_CACHE_DIR)},
	{.name = "applicationIdentifier", .type = TAGCACHE_OPT_IDENT,
	 MOPT(app_id, .def.s = "default", .note = "Application identifier", .from = TAGCACHE_FROM_APP_ID)},
};

/* ---- building the chain --------------------------------------------------------------------- */

typedef struct {
	const tagcache_backend_desc *desc;
	void *config;
	zend_string *location;
} child_owner;

static int compare_strings(Bucket *a, Bucket *b)
{
	return zend_binary_strcmp(Z_STRVAL(a->val), Z_STRLEN(a->val), Z_STRVAL(b->val), Z_STRLEN(b->val));
}

/* An array option as a sorted list, so the same servers in another order are the same store
 * (the option's check accepted only strings). */
static void append_sorted(smart_str *s, const zend_array *a)
{
	zend_array *copy = zend_array_dup((zend_array *)a);
	zend_hash_sort(copy, compare_strings, true);
	zval *zv;
	bool first = true;
	ZEND_HASH_FOREACH_VAL(copy, zv) {
		if (Z_TYPE_P(zv) == IS_STRING) {
			smart_str_appends(s, first ? "" : ",");
			smart_str_append(s, Z_STR_P(zv));
			first = false;
		}
	} ZEND_HASH_FOREACH_END();
	zend_array_release(copy);
}

/* Where a child keeps its entries, NULL when only in this process (memory, null): its location
 * (directory, key prefix, segment, name space) and the options its descriptor flags with
 * identifies_store (server, DSN, tables). Compared only, never shown: a DSN may hold a password. */
static zend_string *store_of(const tagcache_backend_desc *d, const void *config, zend_string *location)
{
	if (!location) {
		return NULL;
	}
	smart_str s = {0};
	smart_str_append(&s, location);
	for (size_t i = 0; i < d->noptions; i++) {
		const tagcache_option *o = &d->options[i];
		if (!o->identifies_store) {
			continue;
		}
		const char *at = (const char *)config + o->offset;
		/* NUL separates fields: no flagged string value can hold one */
		smart_str_appendc(&s, '\0');
		smart_str_appends(&s, o->name);
		smart_str_appendc(&s, '=');
		switch (o->type) {
			case TAGCACHE_OPT_INT:
			case TAGCACHE_OPT_SECONDS:
				smart_str_append_long(&s, *(const zend_long *)at);
				break;
			case TAGCACHE_OPT_BOOL:
				smart_str_appendc(&s, *(const bool *)at ? '1' : '0');
				break;
			case TAGCACHE_OPT_ARRAY: {
				const zend_array *a = *(zend_array *const *)at;
				if (a && o->identity) {
					zend_string *id = o->identity(a);
					smart_str_append(&s, id);
					zend_string_release(id);
				} else if (a) {
					append_sorted(&s, a);
				}
				break;
			}
			default: {
				zend_string *v = *(zend_string *const *)at;
				if (v) {
					smart_str_append(&s, v);
				}
				break;
			}
		}
	}
	smart_str_0(&s);
	return s.s;
}

static void child_release(void *ud)
{
	child_owner *o = ud;
	tagcache_options_free(o->desc, o->config);
	if (o->location) {
		zend_string_release(o->location);
	}
	efree(o);
}

typedef struct {
	const char *name;
	zend_string *cache_id;
} warn_ctx;

static void warn_free(void *ud)
{
	warn_ctx *w = ud;
	zend_string_release(w->cache_id);
	efree(w);
}

static void warn(void *ud, size_t pos, const char *name, const char *op, const tc_err *err, int64_t retry_ms)
{
	warn_ctx *w = ud;
	char when[64];
	if (retry_ms) {
		snprintf(when, sizeof(when), "is skipped for %g s", (double)retry_ms / 1000);
	} else {
		snprintf(when, sizeof(when), "is tried again on the next call");
	}
	php_error_docref(NULL, E_WARNING, "%s of cache \"%s\": backend #%zu (%s) failed in %s and %s: %s", w->name,
	                 ZSTR_VAL(w->cache_id), pos, name, op, when, err->msg);
}

static void release_children(tc_multi_child *kids, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		tc_backend_destroy(kids[i].core);
		kids[i].release(kids[i].owner);
	}
}

static void free_stores(zend_string **stores, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (stores[i]) {
			zend_string_release(stores[i]);
		}
	}
	efree(stores);
}

static tc_status chain_create(const tagcache_backend_desc *self, const multi_config *c, zend_string *cache_id,
                              tc_backend **out, tc_err *err)
{
	if (!c->configs) {
		return tc_err_set(err, TC_ERR_ARG, "%s option \"backendConfigurations\" must be given: " CONFIGS_RULE,
		                  self->name);
	}
	size_t n = zend_hash_num_elements(c->configs), built = 0, pos = 0;
	tc_multi_child *kids = ecalloc(n, sizeof(*kids));
	zend_string **stores = ecalloc(n, sizeof(*stores));
	zval *entry;
	ZEND_HASH_FOREACH_VAL(c->configs, entry) {
		pos++;
		zval *opts = NULL;
		const tagcache_backend_desc *d = child_entry(self->name, "backendConfigurations", pos, entry,
		                                             self == &taggable_multi_desc, &opts);
		void *config = NULL;
		if (d) {
			HashTable *ht = child_options(c, d, opts);
			config = tagcache_options_parse(d, ht);
			zend_array_release(ht);
		}
		if (!config) {
			/* The list is the chain's own copy, checked at construction, so this is reached only
			 * when building a child's options fails anew (e.g. a path that cannot be made absolute). */
			zend_string *msg = pending_message();
			zend_clear_exception();
			tc_err_set(err, TC_ERR_ARG, "%s backend #%zu: %s", self->name, pos, ZSTR_VAL(msg));
			zend_string_release(msg);
			goto fail;
		}
		tc_backend *core = NULL;
		zend_string *location = NULL;
		tc_err cerr;
		tc_err_clear(&cerr);
		if (d->create(config, (d->caps & TAGCACHE_CAP_PER_CACHE) ? cache_id : NULL, &core, &location, &cerr) != TC_OK) {
			tagcache_options_free(d, config);
			tc_err_set(err, cerr.code, "%s backend #%zu (%s): %s", self->name, pos, d->name, cerr.msg);
			goto fail;
		}
		child_owner *o = emalloc(sizeof(*o));
		*o = (child_owner){d, config, location};
		kids[built++] = (tc_multi_child){.core = core, .name = d->name, .release = child_release, .owner = o};
		/* Two children on one store would be one copy counted twice: a failover to the second
		 * serves what the first had, and the stale-data rules assume separate stores. */
		stores[built - 1] = store_of(d, config, location);
		for (size_t k = 0; stores[built - 1] && k + 1 < built; k++) {
			if (stores[k] && zend_string_equals(stores[k], stores[built - 1])) {
				tc_err_set(err, TC_ERR_ARG, "%s backends #%zu (%s) and #%zu (%s) keep their entries in the same "
				           "store (%s): a chain needs a different store per backend", self->name, k + 1,
				           kids[k].name, pos, d->name, ZSTR_VAL(location));
				goto fail;
			}
		}
	} ZEND_HASH_FOREACH_END();

	warn_ctx *w = emalloc(sizeof(*w));
	*w = (warn_ctx){self->name, zend_string_copy(cache_id)};
	tc_multi_options mo = {
		.first_only = !c->set_in_all,
		.debug = c->debug,
		.no_backoff = !c->remove_unhealthy,
		.retry_ms = c->retry_ms,
		.caps = self->caps & (TC_CAP_TAGS | TC_CAP_LIFETIME),
		.warn = c->log_errors ? warn : NULL,
		.warn_ud = w,
		.warn_free = warn_free,
	};
	tc_status st = tc_multi_backend_new(&mo, kids, n, out, err);
	free_stores(stores, built);
	efree(kids);
	return st;
fail:
	release_children(kids, built);
	free_stores(stores, built);
	efree(kids);
	return err->code;
}

static tc_status multi_create(const void *config, zend_string *cache_id, tc_backend **out,
                              zend_string **location, tc_err *err)
{
	(void)location;
	return chain_create(&multi_desc, config, cache_id, out, err);
}

static tc_status taggable_multi_create(const void *config, zend_string *cache_id, tc_backend **out,
                                       zend_string **location, tc_err *err)
{
	(void)location;
	return chain_create(&taggable_multi_desc, config, cache_id, out, err);
}

/* ---- classes -------------------------------------------------------------------------------- */

/* The list is required: without it the chain would only fail later, at setCache(). */
static void chain_construct(INTERNAL_FUNCTION_PARAMETERS)
{
	tagcache_backend_construct(INTERNAL_FUNCTION_PARAM_PASSTHRU);
	if (EG(exception)) {
		return;
	}
	tagcache_backend_obj *b = THIS_BACKEND();
	if (!((multi_config *)b->config)->configs) {
		tagcache_throw(tagcache_invalid_argument_ce, "%s option \"backendConfigurations\" must be given: " CONFIGS_RULE,
		               b->desc->name);
	}
}

PHP_METHOD(TagCache_Backend_MultiBackend, __construct)
{
	chain_construct(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

PHP_METHOD(TagCache_Backend_TaggableMultiBackend, __construct)
{
	chain_construct(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

PHP_METHOD(TagCache_Backend_MultiBackend, getBackendStates)
{
	ZEND_PARSE_PARAMETERS_NONE();
	THIS_CORE(core);
	array_init(return_value);
	const char *name;
	unsigned failures;
	int dirty;
	int64_t retry_ms;
	for (size_t i = 0; tc_multi_backend_health(core, i, &name, &failures, &dirty, &retry_ms) == TC_OK; i++) {
		zval row;
		array_init(&row);
		add_assoc_string(&row, "backend", name);
		add_assoc_long(&row, "failures", (zend_long)failures);
		add_assoc_bool(&row, "needsFlush", dirty);
		add_assoc_double(&row, "retryIn", (double)retry_ms / 1000);
		add_next_index_zval(return_value, &row);
	}
}

PHP_METHOD(TagCache_Backend_MultiBackend, retryBackends)
{
	ZEND_PARSE_PARAMETERS_NONE();
	THIS_CORE(core);
	tc_multi_backend_retry(core);
}

static zend_class_entry *multi_register(void)
{
	return register_class_TagCache_Backend_MultiBackend(tagcache_backend_interface_ce);
}

static zend_class_entry *taggable_multi_register(void)
{
	return register_class_TagCache_Backend_TaggableMultiBackend(multi_desc.ce, tagcache_taggable_backend_ce);
}

/* Not PHP-capable: children keep PHP entries as files or as code, and a chain would have to
 * promise both. Built per cache, since children may be. */
tagcache_backend_desc multi_desc = {
	.name = "MultiBackend",
	.register_class = multi_register,
	.options = multi_options,
	.noptions = TAGCACHE_NOPTIONS(multi_options),
	.config_size = sizeof(multi_config),
	.caps = TC_CAP_LIFETIME | TAGCACHE_CAP_PER_CACHE,
	.create = multi_create,
};

tagcache_backend_desc taggable_multi_desc = {
	.name = "TaggableMultiBackend",
	.register_class = taggable_multi_register,
	.options = multi_options,
	.noptions = TAGCACHE_NOPTIONS(multi_options),
	.config_size = sizeof(multi_config),
	.caps = TC_CAP_TAGS | TC_CAP_LIFETIME | TAGCACHE_CAP_PER_CACHE,
	.create = taggable_multi_create,
};
