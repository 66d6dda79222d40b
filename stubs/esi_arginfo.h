/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 3575911643f2eb9e983d4c21037baef306c2cf4b */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_TagCache_Page_EsiProcessor___construct, 0, 0, 0)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, fragments, TagCache\\Frontend\\FrontendInterface, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Page_EsiProcessor_process, 0, 2, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, page, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, render, IS_CALLABLE, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Page_EsiProcessor_include, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, src, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, alt, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, continueOnError, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Page_EsiProcessor_surrogateControlHeader, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Page_EsiProcessor_isSurrogateCapable, 0, 0, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, surrogateCapability, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Page_EsiProcessor_fragmentIdentifier, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, src, IS_STRING, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(TagCache_Page_EsiProcessor, __construct);
ZEND_METHOD(TagCache_Page_EsiProcessor, process);
ZEND_METHOD(TagCache_Page_EsiProcessor, include);
ZEND_METHOD(TagCache_Page_EsiProcessor, surrogateControlHeader);
ZEND_METHOD(TagCache_Page_EsiProcessor, isSurrogateCapable);
ZEND_METHOD(TagCache_Page_EsiProcessor, fragmentIdentifier);


static const zend_function_entry class_TagCache_Page_EsiException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_Page_EsiProcessor_methods[] = {
	ZEND_ME(TagCache_Page_EsiProcessor, __construct, arginfo_class_TagCache_Page_EsiProcessor___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Page_EsiProcessor, process, arginfo_class_TagCache_Page_EsiProcessor_process, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Page_EsiProcessor, include, arginfo_class_TagCache_Page_EsiProcessor_include, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(TagCache_Page_EsiProcessor, surrogateControlHeader, arginfo_class_TagCache_Page_EsiProcessor_surrogateControlHeader, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(TagCache_Page_EsiProcessor, isSurrogateCapable, arginfo_class_TagCache_Page_EsiProcessor_isSurrogateCapable, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(TagCache_Page_EsiProcessor, fragmentIdentifier, arginfo_class_TagCache_Page_EsiProcessor_fragmentIdentifier, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_TagCache_Page_EsiException(zend_class_entry *class_entry_RuntimeException, zend_class_entry *class_entry_TagCache_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Page", "EsiException", class_TagCache_Page_EsiException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);
	zend_class_implements(class_entry, 1, class_entry_TagCache_Exception);

	return class_entry;
}

static zend_class_entry *register_class_TagCache_Page_EsiProcessor(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Page", "EsiProcessor", class_TagCache_Page_EsiProcessor_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NOT_SERIALIZABLE;

	zval const_SURROGATE_CONTROL_value;
	zend_string *const_SURROGATE_CONTROL_value_str = zend_string_init("content=\"ESI/1.0\"", strlen("content=\"ESI/1.0\""), 1);
	ZVAL_STR(&const_SURROGATE_CONTROL_value, const_SURROGATE_CONTROL_value_str);
	zend_string *const_SURROGATE_CONTROL_name = zend_string_init_interned("SURROGATE_CONTROL", sizeof("SURROGATE_CONTROL") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SURROGATE_CONTROL_name, &const_SURROGATE_CONTROL_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SURROGATE_CONTROL_name);

	return class_entry;
}
