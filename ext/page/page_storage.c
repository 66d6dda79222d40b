/* PageCache: calls into its storage, a FrontendInterface (ours or a PHP class), and the
 * secret of user variants kept there when the options give none. */
#include "page_cache.h"
#include "ext/standard/php_random.h"
#include "../exceptions.h"

bool tagcache_page_call(page_obj *p, const char *method, zval *ret, uint32_t argc, zval *argv)
{
	ZVAL_UNDEF(ret);
	if (Z_TYPE(p->storage) != IS_OBJECT) {
		zend_throw_error(NULL, "TagCache\\Page\\PageCache is not constructed");
		return false;
	}
	zend_object *obj = Z_OBJ(p->storage);
	zend_function *fn = zend_hash_str_find_ptr_lc(&obj->ce->function_table, method, strlen(method));
	if (!fn) {
		zend_throw_error(NULL, "PageCache storage %s has no method %s()", ZSTR_VAL(obj->ce->name), method);
		return false;
	}
	zend_call_known_instance_method(fn, obj, ret, argc, argv);
	if (EG(exception)) {
		zval_ptr_dtor(ret);
		ZVAL_UNDEF(ret);
		return false;
	}
	return true;
}

zend_long tagcache_page_flush_tag(page_obj *p, const char *tag, size_t len)
{
	zval arg, ret;
	ZVAL_STRINGL(&arg, tag, len);
	bool ok = tagcache_page_call(p, "flushByTag", &ret, 1, &arg);
	zval_ptr_dtor(&arg);
	zend_long n = ok && Z_TYPE(ret) == IS_LONG ? Z_LVAL(ret) : 0;
	zval_ptr_dtor(&ret);
	return ok ? n : -1;
}

/* The option's secret, else the one kept in the storage (made on first need when create).
 * Several processes may make one at once: the last write wins, and entries keyed with a lost
 * one are merely never found. A flush of the whole storage removes it with the pages. */
zend_string *tagcache_page_secret(page_obj *p, bool create)
{
	if (p->secret) {
		return zend_string_copy(p->secret);
	}
	zval id, ret;
	ZVAL_STRINGL(&id, PAGE_SECRET_ID, sizeof(PAGE_SECRET_ID) - 1);
	if (!tagcache_page_call(p, "get", &ret, 1, &id)) {
		zval_ptr_dtor(&id);
		return NULL;
	}
	if (Z_TYPE(ret) == IS_STRING && Z_STRLEN(ret) == 64) {
		p->secret = zend_string_copy(Z_STR(ret));
		zval_ptr_dtor(&ret);
		zval_ptr_dtor(&id);
		return zend_string_copy(p->secret);
	}
	zval_ptr_dtor(&ret);
	if (!create) {
		zval_ptr_dtor(&id);
		return NULL;
	}
	unsigned char raw[32];
	char hex[65];
	if (php_random_bytes_throw(raw, sizeof(raw)) != SUCCESS) {
		zval_ptr_dtor(&id);
		return NULL;
	}
	tagcache_page_hex(raw, sizeof(raw), hex);
	zval args[4];
	ZVAL_COPY_VALUE(&args[0], &id);
	ZVAL_STRINGL(&args[1], hex, 64);
	array_init(&args[2]);
	ZVAL_LONG(&args[3], 0);
	bool ok = tagcache_page_call(p, "set", &ret, 4, args);
	zval_ptr_dtor(&ret);
	for (int i = 0; i < 3; i++) {
		zval_ptr_dtor(&args[i]);
	}
	if (!ok) {
		return NULL;
	}
	p->secret = zend_string_init(hex, 64, 0);
	ZEND_SECURE_ZERO(raw, sizeof(raw));
	return zend_string_copy(p->secret);
}
