/* PHP methods shared by the native backend classes (the stubs alias them to FileBackend's),
 * and the core calls the frontends' native fast path shares with them. Every method validates
 * its arguments (identifiers become file names), then calls the core through tc_backend_ops. */
#include "backend_method.h"
#include "frontend.h"
#include "include.h"
#include "validate.h"
#include "backend/multi.h"

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
	tc_status st;
	if (tagcache_memory_get(core, id, out, &st)) {
		return st;
	}
	tc_sink sink = {sink_alloc, out, NULL};
	st = core->ops->get(core, tagcache_str(id), &sink, err);
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
	tc_status st = tagcache_core_set(b, core, id, data, list, ntags, life, NULL, &err);
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
                            const uint64_t *ticket, tc_err *err)
{
	if (ntags && !(core->ops->caps & TC_CAP_TAGS)) {
		return tc_err_set(err, TC_ERR_UNSUPPORTED,
		                  "%s cannot store tags (entry \"%s\" of cache \"%s\"): use a backend with tags such as FileBackend",
		                  tagcache_backend_name(b), ZSTR_VAL(id), b->cache_id ? ZSTR_VAL(b->cache_id) : "");
	}
	if (lifetime > 0 && !(core->ops->caps & TC_CAP_LIFETIME)) {
		size_t pos = 0; /* a chain: name the child that keeps no lifetimes */
		const char *child = tc_multi_backend_without(core, TC_CAP_LIFETIME, &pos);
		char why[128] = "";
		if (child) {
			snprintf(why, sizeof(why), ": its backend #%zu (%s) keeps no lifetimes", pos, child);
		}
		return tc_err_set(err, TC_ERR_UNSUPPORTED,
		                  "%s cannot expire entries (entry \"%s\", lifetime %lld)%s: use 0 or null, or a backend with lifetimes such as FileBackend",
		                  tagcache_backend_name(b), ZSTR_VAL(id), (long long)lifetime, why);
	}
	/* TransientMemoryBackend keeps data itself, not a copy (memory_owned.c). */
	tc_status st = (b->desc->caps & TAGCACHE_CAP_MEMO)
	                 ? tagcache_memory_set(core, id, data, tags, ntags, lifetime, ticket, err)
	               : ticket ? core->ops->set_ticketed(core, tagcache_str(id), tagcache_str(data), tags,
	                                                ntags, lifetime, b->kind, *ticket, err)
	                      : core->ops->set(core, tagcache_str(id), tagcache_str(data), tags, ntags,
	                                       lifetime, b->kind, err);
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

int tagcache_add_id(void *ud, const char *id, size_t len)
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
	if (core->ops->find_ids_by_tag(core, tagcache_str(tag), tagcache_add_id, return_value, &err) > TC_MISS) {
		tagcache_throw_err(&err);
		RETURN_THROWS();
	}
}

tc_status tagcache_core_list_ids(tc_backend *core, zval *array, tc_err *err)
{
	array_init(array);
	return core->ops->list_ids(core, tagcache_add_id, array, err);
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
		zend_string *once = zend_strpprintf(0, "%s/%s", b->location ? ZSTR_VAL(b->location) : "", ZSTR_VAL(id));
		tagcache_require_once_code(once, code, return_value);
		zend_string_release(once);
		zend_string_release(code);
		return;
	}
	if (!(core->ops->caps & TC_CAP_PHP)) {
		RETURN_FALSE; /* NullBackend: nothing is ever stored */
	}
	if (b->location && tagcache_already_included(b->location, id)) {
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

/* Where the entries live: the key prefix or the directory; null before setCache(). */
static void return_location(INTERNAL_FUNCTION_PARAMETERS)
{
	ZEND_PARSE_PARAMETERS_NONE();
	tagcache_backend_obj *b = THIS_BACKEND();
	if (!b->location) {
		RETURN_NULL();
	}
	RETURN_STR_COPY(b->location);
}

PHP_METHOD(TagCache_Backend_RedisBackend, getKeyPrefix)
{
	return_location(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

PHP_METHOD(TagCache_Backend_FileBackend, getCacheDirectory)
{
	return_location(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}
