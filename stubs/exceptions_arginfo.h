/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 66c8cafd61a7137eb041f72872acd6117f5c561c */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_CacheFlushException_getFailures, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(TagCache_CacheFlushException, getFailures);


static const zend_function_entry class_TagCache_Exception_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_InvalidArgumentException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_NoSuchCacheException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_DuplicateIdentifierException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_InvalidDataException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_NotSupportedByBackendException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_BackendException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_FrozenCacheException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_CacheFlushException_methods[] = {
	ZEND_ME(TagCache_CacheFlushException, getFailures, arginfo_class_TagCache_CacheFlushException_getFailures, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_TagCache_Exception(zend_class_entry *class_entry_Throwable)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache", "Exception", class_TagCache_Exception_methods);
	class_entry = zend_register_internal_interface(&ce);
	zend_class_implements(class_entry, 1, class_entry_Throwable);

	return class_entry;
}

static zend_class_entry *register_class_TagCache_InvalidArgumentException(zend_class_entry *class_entry_InvalidArgumentException, zend_class_entry *class_entry_TagCache_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache", "InvalidArgumentException", class_TagCache_InvalidArgumentException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_InvalidArgumentException);
	zend_class_implements(class_entry, 1, class_entry_TagCache_Exception);

	return class_entry;
}

static zend_class_entry *register_class_TagCache_NoSuchCacheException(zend_class_entry *class_entry_OutOfBoundsException, zend_class_entry *class_entry_TagCache_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache", "NoSuchCacheException", class_TagCache_NoSuchCacheException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_OutOfBoundsException);
	zend_class_implements(class_entry, 1, class_entry_TagCache_Exception);

	return class_entry;
}

static zend_class_entry *register_class_TagCache_DuplicateIdentifierException(zend_class_entry *class_entry_LogicException, zend_class_entry *class_entry_TagCache_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache", "DuplicateIdentifierException", class_TagCache_DuplicateIdentifierException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_LogicException);
	zend_class_implements(class_entry, 1, class_entry_TagCache_Exception);

	return class_entry;
}

static zend_class_entry *register_class_TagCache_InvalidDataException(zend_class_entry *class_entry_InvalidArgumentException, zend_class_entry *class_entry_TagCache_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache", "InvalidDataException", class_TagCache_InvalidDataException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_InvalidArgumentException);
	zend_class_implements(class_entry, 1, class_entry_TagCache_Exception);

	return class_entry;
}

static zend_class_entry *register_class_TagCache_NotSupportedByBackendException(zend_class_entry *class_entry_LogicException, zend_class_entry *class_entry_TagCache_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache", "NotSupportedByBackendException", class_TagCache_NotSupportedByBackendException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_LogicException);
	zend_class_implements(class_entry, 1, class_entry_TagCache_Exception);

	return class_entry;
}

static zend_class_entry *register_class_TagCache_BackendException(zend_class_entry *class_entry_RuntimeException, zend_class_entry *class_entry_TagCache_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache", "BackendException", class_TagCache_BackendException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);
	zend_class_implements(class_entry, 1, class_entry_TagCache_Exception);

	return class_entry;
}

static zend_class_entry *register_class_TagCache_FrozenCacheException(zend_class_entry *class_entry_TagCache_BackendException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache", "FrozenCacheException", class_TagCache_FrozenCacheException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_TagCache_BackendException);

	return class_entry;
}

static zend_class_entry *register_class_TagCache_CacheFlushException(zend_class_entry *class_entry_TagCache_BackendException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache", "CacheFlushException", class_TagCache_CacheFlushException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_TagCache_BackendException);

	zval property_failures_default_value;
	ZVAL_EMPTY_ARRAY(&property_failures_default_value);
	zend_string *property_failures_name = zend_string_init("failures", sizeof("failures") - 1, 1);
	zend_declare_typed_property(class_entry, property_failures_name, &property_failures_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_failures_name);

	return class_entry;
}
