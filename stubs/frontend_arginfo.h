/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: e7a84f1501fc4c932dacc1d7cf75a7f12efa20f7 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Frontend_FrontendInterface_getIdentifier, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_TagCache_Frontend_FrontendInterface_getBackend, 0, 0, TagCache\\Backend\\BackendInterface, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Frontend_FrontendInterface_set, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, entryIdentifier, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, data, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, tags, IS_ARRAY, 0, "[]")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, lifetime, IS_LONG, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, ticket, IS_LONG, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Frontend_FrontendInterface_get, 0, 1, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, entryIdentifier, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(1, ticket, IS_MIXED, 0, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Frontend_FrontendInterface_ticket, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Frontend_FrontendInterface_getOrCompute, 0, 2, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, entryIdentifier, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, compute, IS_CALLABLE, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, tags, IS_ARRAY, 0, "[]")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, lifetime, IS_LONG, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, beta, IS_DOUBLE, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Frontend_FrontendInterface_getByTag, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, tag, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Frontend_FrontendInterface_has, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, entryIdentifier, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Frontend_FrontendInterface_remove arginfo_class_TagCache_Frontend_FrontendInterface_has

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Frontend_FrontendInterface_flush, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Frontend_FrontendInterface_flushByTag, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, tag, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Frontend_FrontendInterface_flushByTags, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, tags, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Frontend_FrontendInterface_collectGarbage arginfo_class_TagCache_Frontend_FrontendInterface_flush

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Frontend_FrontendInterface_isValidEntryIdentifier, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, identifier, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Frontend_FrontendInterface_isValidTag, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, tag, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_TagCache_Frontend_AbstractFrontend___construct, 0, 0, 2)
	ZEND_ARG_TYPE_INFO(0, identifier, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO(0, backend, TagCache\\Backend\\BackendInterface, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Frontend_AbstractFrontend_getIdentifier arginfo_class_TagCache_Frontend_FrontendInterface_getIdentifier

#define arginfo_class_TagCache_Frontend_AbstractFrontend_getBackend arginfo_class_TagCache_Frontend_FrontendInterface_getBackend

#define arginfo_class_TagCache_Frontend_AbstractFrontend_has arginfo_class_TagCache_Frontend_FrontendInterface_has

#define arginfo_class_TagCache_Frontend_AbstractFrontend_remove arginfo_class_TagCache_Frontend_FrontendInterface_has

#define arginfo_class_TagCache_Frontend_AbstractFrontend_flush arginfo_class_TagCache_Frontend_FrontendInterface_flush

#define arginfo_class_TagCache_Frontend_AbstractFrontend_flushByTag arginfo_class_TagCache_Frontend_FrontendInterface_flushByTag

#define arginfo_class_TagCache_Frontend_AbstractFrontend_flushByTags arginfo_class_TagCache_Frontend_FrontendInterface_flushByTags

#define arginfo_class_TagCache_Frontend_AbstractFrontend_collectGarbage arginfo_class_TagCache_Frontend_FrontendInterface_flush

#define arginfo_class_TagCache_Frontend_AbstractFrontend_isValidEntryIdentifier arginfo_class_TagCache_Frontend_FrontendInterface_isValidEntryIdentifier

#define arginfo_class_TagCache_Frontend_AbstractFrontend_isValidTag arginfo_class_TagCache_Frontend_FrontendInterface_isValidTag

#define arginfo_class_TagCache_Frontend_AbstractFrontend_ticket arginfo_class_TagCache_Frontend_FrontendInterface_ticket

#define arginfo_class_TagCache_Frontend_AbstractFrontend_getOrCompute arginfo_class_TagCache_Frontend_FrontendInterface_getOrCompute

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_TagCache_Frontend_VariableFrontend___construct, 0, 0, 2)
	ZEND_ARG_TYPE_INFO(0, identifier, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO(0, backend, TagCache\\Backend\\BackendInterface, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Frontend_VariableFrontend_set arginfo_class_TagCache_Frontend_FrontendInterface_set

#define arginfo_class_TagCache_Frontend_VariableFrontend_get arginfo_class_TagCache_Frontend_FrontendInterface_get

#define arginfo_class_TagCache_Frontend_VariableFrontend_getByTag arginfo_class_TagCache_Frontend_FrontendInterface_getByTag

#define arginfo_class_TagCache_Frontend_StringFrontend_set arginfo_class_TagCache_Frontend_FrontendInterface_set

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_TagCache_Frontend_StringFrontend_get, 0, 1, MAY_BE_STRING|MAY_BE_FALSE)
	ZEND_ARG_TYPE_INFO(0, entryIdentifier, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(1, ticket, IS_MIXED, 0, "null")
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Frontend_StringFrontend_getByTag arginfo_class_TagCache_Frontend_FrontendInterface_getByTag

#define arginfo_class_TagCache_Frontend_PhpFrontend_set arginfo_class_TagCache_Frontend_FrontendInterface_set

#define arginfo_class_TagCache_Frontend_PhpFrontend_requireOnce arginfo_class_TagCache_Frontend_FrontendInterface_get


ZEND_METHOD(TagCache_Frontend_AbstractFrontend, __construct);
ZEND_METHOD(TagCache_Frontend_AbstractFrontend, getIdentifier);
ZEND_METHOD(TagCache_Frontend_AbstractFrontend, getBackend);
ZEND_METHOD(TagCache_Frontend_AbstractFrontend, has);
ZEND_METHOD(TagCache_Frontend_AbstractFrontend, remove);
ZEND_METHOD(TagCache_Frontend_AbstractFrontend, flush);
ZEND_METHOD(TagCache_Frontend_AbstractFrontend, flushByTag);
ZEND_METHOD(TagCache_Frontend_AbstractFrontend, flushByTags);
ZEND_METHOD(TagCache_Frontend_AbstractFrontend, collectGarbage);
ZEND_METHOD(TagCache_Frontend_AbstractFrontend, isValidEntryIdentifier);
ZEND_METHOD(TagCache_Frontend_AbstractFrontend, isValidTag);
ZEND_METHOD(TagCache_Frontend_AbstractFrontend, ticket);
ZEND_METHOD(TagCache_Frontend_AbstractFrontend, getOrCompute);
ZEND_METHOD(TagCache_Frontend_VariableFrontend, __construct);
ZEND_METHOD(TagCache_Frontend_VariableFrontend, set);
ZEND_METHOD(TagCache_Frontend_VariableFrontend, get);
ZEND_METHOD(TagCache_Frontend_VariableFrontend, getByTag);
ZEND_METHOD(TagCache_Frontend_StringFrontend, set);
ZEND_METHOD(TagCache_Frontend_StringFrontend, get);
ZEND_METHOD(TagCache_Frontend_StringFrontend, getByTag);
ZEND_METHOD(TagCache_Frontend_PhpFrontend, set);
ZEND_METHOD(TagCache_Frontend_PhpFrontend, requireOnce);


static const zend_function_entry class_TagCache_Frontend_FrontendInterface_methods[] = {
	ZEND_ABSTRACT_ME_WITH_FLAGS(TagCache_Frontend_FrontendInterface, getIdentifier, arginfo_class_TagCache_Frontend_FrontendInterface_getIdentifier, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(TagCache_Frontend_FrontendInterface, getBackend, arginfo_class_TagCache_Frontend_FrontendInterface_getBackend, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(TagCache_Frontend_FrontendInterface, set, arginfo_class_TagCache_Frontend_FrontendInterface_set, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(TagCache_Frontend_FrontendInterface, get, arginfo_class_TagCache_Frontend_FrontendInterface_get, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(TagCache_Frontend_FrontendInterface, ticket, arginfo_class_TagCache_Frontend_FrontendInterface_ticket, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(TagCache_Frontend_FrontendInterface, getOrCompute, arginfo_class_TagCache_Frontend_FrontendInterface_getOrCompute, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(TagCache_Frontend_FrontendInterface, getByTag, arginfo_class_TagCache_Frontend_FrontendInterface_getByTag, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(TagCache_Frontend_FrontendInterface, has, arginfo_class_TagCache_Frontend_FrontendInterface_has, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(TagCache_Frontend_FrontendInterface, remove, arginfo_class_TagCache_Frontend_FrontendInterface_remove, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(TagCache_Frontend_FrontendInterface, flush, arginfo_class_TagCache_Frontend_FrontendInterface_flush, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(TagCache_Frontend_FrontendInterface, flushByTag, arginfo_class_TagCache_Frontend_FrontendInterface_flushByTag, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(TagCache_Frontend_FrontendInterface, flushByTags, arginfo_class_TagCache_Frontend_FrontendInterface_flushByTags, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(TagCache_Frontend_FrontendInterface, collectGarbage, arginfo_class_TagCache_Frontend_FrontendInterface_collectGarbage, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(TagCache_Frontend_FrontendInterface, isValidEntryIdentifier, arginfo_class_TagCache_Frontend_FrontendInterface_isValidEntryIdentifier, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(TagCache_Frontend_FrontendInterface, isValidTag, arginfo_class_TagCache_Frontend_FrontendInterface_isValidTag, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_Frontend_AbstractFrontend_methods[] = {
	ZEND_ME(TagCache_Frontend_AbstractFrontend, __construct, arginfo_class_TagCache_Frontend_AbstractFrontend___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Frontend_AbstractFrontend, getIdentifier, arginfo_class_TagCache_Frontend_AbstractFrontend_getIdentifier, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Frontend_AbstractFrontend, getBackend, arginfo_class_TagCache_Frontend_AbstractFrontend_getBackend, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Frontend_AbstractFrontend, has, arginfo_class_TagCache_Frontend_AbstractFrontend_has, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Frontend_AbstractFrontend, remove, arginfo_class_TagCache_Frontend_AbstractFrontend_remove, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Frontend_AbstractFrontend, flush, arginfo_class_TagCache_Frontend_AbstractFrontend_flush, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Frontend_AbstractFrontend, flushByTag, arginfo_class_TagCache_Frontend_AbstractFrontend_flushByTag, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Frontend_AbstractFrontend, flushByTags, arginfo_class_TagCache_Frontend_AbstractFrontend_flushByTags, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Frontend_AbstractFrontend, collectGarbage, arginfo_class_TagCache_Frontend_AbstractFrontend_collectGarbage, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Frontend_AbstractFrontend, isValidEntryIdentifier, arginfo_class_TagCache_Frontend_AbstractFrontend_isValidEntryIdentifier, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Frontend_AbstractFrontend, isValidTag, arginfo_class_TagCache_Frontend_AbstractFrontend_isValidTag, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Frontend_AbstractFrontend, ticket, arginfo_class_TagCache_Frontend_AbstractFrontend_ticket, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Frontend_AbstractFrontend, getOrCompute, arginfo_class_TagCache_Frontend_AbstractFrontend_getOrCompute, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_Frontend_VariableFrontend_methods[] = {
	ZEND_ME(TagCache_Frontend_VariableFrontend, __construct, arginfo_class_TagCache_Frontend_VariableFrontend___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Frontend_VariableFrontend, set, arginfo_class_TagCache_Frontend_VariableFrontend_set, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Frontend_VariableFrontend, get, arginfo_class_TagCache_Frontend_VariableFrontend_get, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Frontend_VariableFrontend, getByTag, arginfo_class_TagCache_Frontend_VariableFrontend_getByTag, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_Frontend_StringFrontend_methods[] = {
	ZEND_ME(TagCache_Frontend_StringFrontend, set, arginfo_class_TagCache_Frontend_StringFrontend_set, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Frontend_StringFrontend, get, arginfo_class_TagCache_Frontend_StringFrontend_get, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Frontend_StringFrontend, getByTag, arginfo_class_TagCache_Frontend_StringFrontend_getByTag, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_Frontend_PhpFrontend_methods[] = {
	ZEND_ME(TagCache_Frontend_PhpFrontend, set, arginfo_class_TagCache_Frontend_PhpFrontend_set, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Frontend_PhpFrontend, requireOnce, arginfo_class_TagCache_Frontend_PhpFrontend_requireOnce, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_TagCache_Frontend_FrontendInterface(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Frontend", "FrontendInterface", class_TagCache_Frontend_FrontendInterface_methods);
	class_entry = zend_register_internal_interface(&ce);

	zval const_PATTERN_ENTRYIDENTIFIER_value;
	zend_string *const_PATTERN_ENTRYIDENTIFIER_value_str = zend_string_init("/^[a-zA-Z0-9_%\\-&]{1,250}$/", strlen("/^[a-zA-Z0-9_%\\-&]{1,250}$/"), 1);
	ZVAL_STR(&const_PATTERN_ENTRYIDENTIFIER_value, const_PATTERN_ENTRYIDENTIFIER_value_str);
	zend_string *const_PATTERN_ENTRYIDENTIFIER_name = zend_string_init_interned("PATTERN_ENTRYIDENTIFIER", sizeof("PATTERN_ENTRYIDENTIFIER") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_PATTERN_ENTRYIDENTIFIER_name, &const_PATTERN_ENTRYIDENTIFIER_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_PATTERN_ENTRYIDENTIFIER_name);

	zval const_PATTERN_TAG_value;
	zend_string *const_PATTERN_TAG_value_str = zend_string_init("/^[a-zA-Z0-9_%\\-&]{1,250}$/", strlen("/^[a-zA-Z0-9_%\\-&]{1,250}$/"), 1);
	ZVAL_STR(&const_PATTERN_TAG_value, const_PATTERN_TAG_value_str);
	zend_string *const_PATTERN_TAG_name = zend_string_init_interned("PATTERN_TAG", sizeof("PATTERN_TAG") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_PATTERN_TAG_name, &const_PATTERN_TAG_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_PATTERN_TAG_name);

	return class_entry;
}

static zend_class_entry *register_class_TagCache_Frontend_AbstractFrontend(zend_class_entry *class_entry_TagCache_Frontend_FrontendInterface)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Frontend", "AbstractFrontend", class_TagCache_Frontend_AbstractFrontend_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_ABSTRACT|ZEND_ACC_NOT_SERIALIZABLE;
	zend_class_implements(class_entry, 1, class_entry_TagCache_Frontend_FrontendInterface);

	return class_entry;
}

static zend_class_entry *register_class_TagCache_Frontend_VariableFrontend(zend_class_entry *class_entry_TagCache_Frontend_AbstractFrontend)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Frontend", "VariableFrontend", class_TagCache_Frontend_VariableFrontend_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_TagCache_Frontend_AbstractFrontend);

	return class_entry;
}

static zend_class_entry *register_class_TagCache_Frontend_StringFrontend(zend_class_entry *class_entry_TagCache_Frontend_AbstractFrontend)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Frontend", "StringFrontend", class_TagCache_Frontend_StringFrontend_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_TagCache_Frontend_AbstractFrontend);

	return class_entry;
}

static zend_class_entry *register_class_TagCache_Frontend_PhpFrontend(zend_class_entry *class_entry_TagCache_Frontend_StringFrontend)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Frontend", "PhpFrontend", class_TagCache_Frontend_PhpFrontend_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_TagCache_Frontend_StringFrontend);

	return class_entry;
}
