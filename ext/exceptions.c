/* Exception classes (declared in stubs/exceptions.stub.php) and tc_err -> exception mapping. */
#include "exceptions.h"
#include "zend_exceptions.h"
#include "exceptions_arginfo.h"

zend_class_entry *tagcache_exception_ce;
zend_class_entry *tagcache_invalid_argument_ce;
zend_class_entry *tagcache_no_such_cache_ce;
zend_class_entry *tagcache_duplicate_identifier_ce;
zend_class_entry *tagcache_invalid_data_ce;
zend_class_entry *tagcache_not_supported_ce;
zend_class_entry *tagcache_backend_exception_ce;
zend_class_entry *tagcache_frozen_ce;

void tagcache_register_exceptions(void)
{
	tagcache_exception_ce = register_class_TagCache_Exception(zend_ce_exception);
	tagcache_invalid_argument_ce = register_class_TagCache_InvalidArgumentException(tagcache_exception_ce);
	tagcache_no_such_cache_ce = register_class_TagCache_NoSuchCacheException(tagcache_exception_ce);
	tagcache_duplicate_identifier_ce =
		register_class_TagCache_DuplicateIdentifierException(tagcache_exception_ce);
	tagcache_invalid_data_ce = register_class_TagCache_InvalidDataException(tagcache_exception_ce);
	tagcache_not_supported_ce =
		register_class_TagCache_NotSupportedByBackendException(tagcache_exception_ce);
	tagcache_backend_exception_ce = register_class_TagCache_BackendException(tagcache_exception_ce);
	tagcache_frozen_ce = register_class_TagCache_FrozenCacheException(tagcache_backend_exception_ce);
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
	zend_throw_exception(ce, ZSTR_VAL(msg), 0);
	zend_string_release(msg);
}
