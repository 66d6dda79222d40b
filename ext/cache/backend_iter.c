/* Iterator methods of the iterable native backends: a snapshot of identifiers taken by
 * rewind(), values read on demand. */
#include "backend_method.h"

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
