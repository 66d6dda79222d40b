/* requireOnce and OPcache invalidation for PHP entries. The entry file is compiled with
 * zend_compile_file so OPcache (which hooks that function) caches it.
 *
 * An entry counts as included only once its code compiled and is about to run: a parse error,
 * an entry removed in between or an exception while compiling leaves it unmarked, so the next
 * requireOnce (after the entry was fixed) includes it. Once the code runs it stays marked even
 * if it throws, as with require_once: its functions and classes may already be declared. */
#include "include.h"
#include "php_tagcache.h"
#include "zend_compile.h"
#include "zend_execute.h"

/* Runs a compiled entry and turns its outcome into require_once's return value. */
static void execute(zend_op_array *op_array, zval *return_value)
{
	zval result;
	ZVAL_UNDEF(&result);
	zend_execute(op_array, &result);
	zend_destroy_static_vars(op_array);
	destroy_op_array(op_array);
	efree_size(op_array, sizeof(zend_op_array));
	if (EG(exception)) {
		zval_ptr_dtor(&result);
	} else if (Z_ISUNDEF(result)) {
		RETVAL_LONG(1); /* what include returns for a file without a return statement */
	} else {
		RETVAL_COPY_VALUE(&result);
	}
}

void tagcache_require_once_file(const char *path, zval *return_value)
{
	zend_string *given = zend_string_init(path, strlen(path), 0);
	/* The resolved path is the key require_once uses, so both agree on "already included". */
	zend_string *key = zend_resolve_path(given);
	zend_string_release(given);
	if (!key) {
		RETURN_FALSE; /* removed between the expiry check and now: a miss */
	}
	if (zend_hash_exists(&EG(included_files), key)) {
		zend_string_release(key);
		RETURN_TRUE;
	}
	zend_file_handle fh;
	zend_stream_init_filename_ex(&fh, key);
	zend_op_array *op_array = zend_compile_file(&fh, ZEND_REQUIRE_ONCE);
	zend_destroy_file_handle(&fh);
	if (!op_array) {
		zend_string_release(key);
		if (!EG(exception)) {
			RETVAL_FALSE;
		}
		return;
	}
	/* Marked before it runs, so an entry that requires itself sees itself included. OPcache
	 * may have marked it already when it served the script from its cache. */
	zend_hash_add_empty_element(&EG(included_files), key);
	zend_string_release(key);
	execute(op_array, return_value);
}

bool tagcache_already_included(zend_string *directory, zend_string *id)
{
	if (zend_hash_num_elements(&EG(included_files)) == 0) {
		return false;
	}
	/* The file backends' layout: <directory>/data/<id>.php (src/backend/file_store.h). */
	zend_string *path = zend_strpprintf(0, "%s/data/%s.php", ZSTR_VAL(directory), ZSTR_VAL(id));
	bool found = zend_hash_exists(&EG(included_files), path);
	if (!found) {
		zend_string *resolved = zend_resolve_path(path);
		if (resolved) {
			found = zend_hash_exists(&EG(included_files), resolved);
			zend_string_release(resolved);
		}
	}
	zend_string_release(path);
	return found;
}

/* Code entries of this request already run, by "<key prefix>/<id>" (TAGCACHE_G(evaluated), one
 * table per request and thread): require_once semantics for backends that keep PHP entries as
 * code, not files. */
void tagcache_require_once_code(zend_string *once_key, zend_string *code, zval *return_value)
{
	HashTable *evaluated = TAGCACHE_G(evaluated);
	if (evaluated && zend_hash_exists(evaluated, once_key)) {
		RETURN_TRUE;
	}
	zend_string *name = zend_strpprintf(0, "tagcache entry %s", ZSTR_VAL(once_key));
	zend_op_array *op_array = zend_compile_string(code, ZSTR_VAL(name), ZEND_COMPILE_POSITION_AFTER_OPEN_TAG);
	zend_string_release(name);
	if (!op_array) {
		if (!EG(exception)) {
			RETVAL_FALSE;
		}
		return;
	}
	if (!evaluated) {
		ALLOC_HASHTABLE(evaluated);
		zend_hash_init(evaluated, 8, NULL, NULL, 0);
		TAGCACHE_G(evaluated) = evaluated;
	}
	zend_hash_add_empty_element(evaluated, once_key);
	execute(op_array, return_value);
}

void tagcache_include_request_end(void)
{
	HashTable *evaluated = TAGCACHE_G(evaluated);
	if (evaluated) {
		zend_hash_destroy(evaluated);
		FREE_HASHTABLE(evaluated);
		TAGCACHE_G(evaluated) = NULL;
	}
}

void tagcache_opcache_invalidate(const char *path)
{
	zend_function *fn = zend_hash_str_find_ptr(CG(function_table), "opcache_invalidate",
	                                           sizeof("opcache_invalidate") - 1);
	if (!fn) {
		return;
	}
	zval args[2], ret;
	ZVAL_STRING(&args[0], path);
	ZVAL_TRUE(&args[1]);
	zend_call_known_function(fn, NULL, NULL, &ret, 2, args, NULL);
	zval_ptr_dtor(&args[0]);
	zval_ptr_dtor(&ret);
}
