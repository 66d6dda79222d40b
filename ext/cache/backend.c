/* Native backend objects: creation and freeing, construction from the descriptor's options,
 * binding to a cache. The classes come from the descriptor table (backend_table.c), the
 * methods from backend_methods.c and backend_iter.c. */
#include "backend.h"
#include "backend_options.h"
#include "exceptions.h"
#include "validate.h"
#include "zend_exceptions.h"

static zend_object_handlers backend_handlers;

const char *tagcache_backend_name(tagcache_backend_obj *b)
{
	return b->desc->name;
}

zend_object *tagcache_backend_create(zend_class_entry *ce)
{
	tagcache_backend_obj *b = zend_object_alloc(sizeof(tagcache_backend_obj), ce);
	zend_object_std_init(&b->std, ce);
	object_properties_init(&b->std, ce);
	b->std.handlers = &backend_handlers;
	b->kind = TC_KIND_DATA;
	/* Known before __construct so a subclass that skips the parent constructor still works. */
	b->desc = tagcache_backend_desc_of(ce);
	return &b->std;
}

static void backend_free(zend_object *obj)
{
	tagcache_backend_obj *b = tagcache_backend_from_obj(obj);
	tc_backend_destroy(b->core);
	tagcache_options_free(b->desc, b->config);
	if (b->location) {
		zend_string_release(b->location);
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
	if (Z_TYPE_P(zv) != IS_OBJECT || Z_OBJ_HT_P(zv) != &backend_handlers) {
		return NULL;
	}
	tagcache_backend_obj *b = tagcache_backend_from_obj(Z_OBJ_P(zv));
	return b->desc->ce == Z_OBJCE_P(zv) ? b : NULL;
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

/* Builds the core from the parsed options; cache_id is NULL unless the core depends on it. */
static zend_result build_core(tagcache_backend_obj *b, zend_string *cache_id)
{
	tc_err err;
	tc_err_clear(&err);
	tc_backend *core = NULL;
	zend_string *location = NULL;
	if (b->desc->create(b->config, cache_id, &core, &location, &err) != TC_OK) {
		tagcache_throw_err(&err);
		return FAILURE;
	}
	b->location = location;
	attach(b, core);
	return SUCCESS;
}

void tagcache_backend_construct(INTERNAL_FUNCTION_PARAMETERS)
{
	HashTable *options = NULL;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	tagcache_backend_obj *b = tagcache_backend_from_obj(Z_OBJ_P(ZEND_THIS));
	if (b->config) {
		zend_throw_error(NULL, "%s is already constructed", b->desc->name);
		RETURN_THROWS();
	}
	b->config = tagcache_options_parse(b->desc, options);
	if (!b->config) {
		RETURN_THROWS();
	}
	/* A core that depends on the cache (a directory, a key prefix) waits for setCache(). */
	if (!(b->desc->caps & TAGCACHE_CAP_PER_CACHE) && build_core(b, NULL) == FAILURE) {
		RETURN_THROWS();
	}
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
	if (!b->config) {
		/* A subclass that skipped the parent constructor: the documented defaults. */
		b->config = tagcache_options_parse(b->desc, NULL);
	}
	if (!b->core && build_core(b, (b->desc->caps & TAGCACHE_CAP_PER_CACHE) ? cache_id : NULL) == FAILURE) {
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

void tagcache_register_backends(void)
{
	memcpy(&backend_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	backend_handlers.offset = XtOffsetOf(tagcache_backend_obj, std);
	backend_handlers.free_obj = backend_free;
	backend_handlers.clone_obj = NULL; /* holds open lock files and stores */
	tagcache_backend_table_register();
}
