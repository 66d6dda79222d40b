/* Exception classes (declared in stubs/exceptions.stub.php), their stable codes, and the
 * tc_err -> exception mapping. */
#include "exceptions.h"
#include "zend_exceptions.h"
#include "ext/spl/spl_exceptions.h"
#include "exceptions_arginfo.h"

zend_class_entry *tagcache_exception_ce;
zend_class_entry *tagcache_invalid_argument_ce;
zend_class_entry *tagcache_no_such_cache_ce;
zend_class_entry *tagcache_duplicate_identifier_ce;
zend_class_entry *tagcache_invalid_data_ce;
zend_class_entry *tagcache_not_supported_ce;
zend_class_entry *tagcache_backend_exception_ce;
zend_class_entry *tagcache_frozen_ce;
zend_class_entry *tagcache_cache_flush_ce;

void tagcache_exception_set_code(zend_class_entry *ce, zend_long code)
{
	/* The default property value: objects copy it at creation, and Exception::__construct()
	 * only overwrites it when given a code, so `throw new X("msg")` keeps it too. Subclasses
	 * registered later inherit it. */
	zend_property_info *info = zend_hash_str_find_ptr(&ce->properties_info, "code", sizeof("code") - 1);
	ZEND_ASSERT(info && !(info->flags & ZEND_ACC_STATIC));
	zval *slot = &ce->default_properties_table[OBJ_PROP_TO_NUM(info->offset)];
	ZVAL_LONG(slot, code);
}

void tagcache_register_exceptions(void)
{
	tagcache_exception_ce = register_class_TagCache_Exception(zend_ce_throwable);
	tagcache_invalid_argument_ce = register_class_TagCache_InvalidArgumentException(
		spl_ce_InvalidArgumentException, tagcache_exception_ce);
	tagcache_no_such_cache_ce =
		register_class_TagCache_NoSuchCacheException(spl_ce_OutOfBoundsException, tagcache_exception_ce);
	tagcache_duplicate_identifier_ce =
		register_class_TagCache_DuplicateIdentifierException(spl_ce_LogicException, tagcache_exception_ce);
	tagcache_invalid_data_ce = register_class_TagCache_InvalidDataException(
		spl_ce_InvalidArgumentException, tagcache_exception_ce);
	tagcache_not_supported_ce = register_class_TagCache_NotSupportedByBackendException(
		spl_ce_LogicException, tagcache_exception_ce);
	tagcache_backend_exception_ce =
		register_class_TagCache_BackendException(spl_ce_RuntimeException, tagcache_exception_ce);
	tagcache_exception_set_code(tagcache_invalid_argument_ce, TAGCACHE_CODE_INVALID_ARGUMENT);
	tagcache_exception_set_code(tagcache_no_such_cache_ce, TAGCACHE_CODE_NO_SUCH_CACHE);
	tagcache_exception_set_code(tagcache_duplicate_identifier_ce, TAGCACHE_CODE_DUPLICATE_IDENTIFIER);
	tagcache_exception_set_code(tagcache_invalid_data_ce, TAGCACHE_CODE_INVALID_DATA);
	tagcache_exception_set_code(tagcache_not_supported_ce, TAGCACHE_CODE_NOT_SUPPORTED);
	tagcache_exception_set_code(tagcache_backend_exception_ce, TAGCACHE_CODE_BACKEND);
	/* After its parent's code is set, so the inherited default is overridden, not the reverse. */
	tagcache_frozen_ce = register_class_TagCache_FrozenCacheException(tagcache_backend_exception_ce);
	tagcache_exception_set_code(tagcache_frozen_ce, TAGCACHE_CODE_FROZEN);
	tagcache_cache_flush_ce = register_class_TagCache_CacheFlushException(tagcache_backend_exception_ce);
	tagcache_exception_set_code(tagcache_cache_flush_ce, TAGCACHE_CODE_CACHE_FLUSH);
}

static zval *failures_slot(zend_object *obj)
{
	zend_property_info *info =
		zend_hash_str_find_ptr(&tagcache_cache_flush_ce->properties_info, "failures", sizeof("failures") - 1);
	ZEND_ASSERT(info && !(info->flags & ZEND_ACC_STATIC));
	return OBJ_PROP(obj, info->offset);
}

PHP_METHOD(TagCache_CacheFlushException, getFailures)
{
	ZEND_PARSE_PARAMETERS_NONE();
	/* A bound closure can unset the property; that reads as no failures. */
	zval *failures = failures_slot(Z_OBJ_P(ZEND_THIS));
	if (Z_TYPE_P(failures) != IS_ARRAY) {
		RETURN_EMPTY_ARRAY();
	}
	RETURN_COPY(failures);
}

void tagcache_throw_cache_flush(zend_string *message, HashTable *failures)
{
	zval ex, copy;
	object_init_ex(&ex, tagcache_cache_flush_ce);
	zend_update_property_str(zend_ce_exception, Z_OBJ(ex), "message", sizeof("message") - 1, message);
	zval *first;
	ZEND_HASH_FOREACH_VAL(failures, first) {
		if (Z_TYPE_P(first) == IS_OBJECT) {
			zend_update_property(zend_ce_exception, Z_OBJ(ex), "previous", sizeof("previous") - 1, first);
		}
		break;
	} ZEND_HASH_FOREACH_END();
	ZVAL_ARR(&copy, zend_array_dup(failures));
	zval *slot = failures_slot(Z_OBJ(ex));
	zval_ptr_dtor(slot);
	ZVAL_COPY_VALUE(slot, &copy);
	zend_throw_exception_object(&ex);
}

static zend_class_entry *class_for(tc_status code)
{
	switch (code) {
	case TC_ERR_ARG:
		return tagcache_invalid_argument_ce;
	case TC_ERR_FROZEN:
		return tagcache_frozen_ce;
	case TC_ERR_UNSUPPORTED:
		return tagcache_not_supported_ce;
	case TC_ERR_CORRUPT:
		return tagcache_invalid_data_ce;
	default:
		return tagcache_backend_exception_ce;
	}
}

void tagcache_throw_err(const tc_err *err)
{
	zend_throw_exception(class_for(err->code), err->msg[0] ? err->msg : "tagcache backend error",
	                     0);
}

void tagcache_throw(zend_class_entry *ce, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	zend_string *msg = zend_vstrpprintf(0, fmt, ap);
	va_end(ap);
	/* Code 0 keeps the class's default code (tagcache_exception_set_code). */
	zend_throw_exception(ce, ZSTR_VAL(msg), 0);
	zend_string_release(msg);
}
