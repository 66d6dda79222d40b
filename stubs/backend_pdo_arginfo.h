/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: acb7623f42d75bf1233a108cbfdf5a46b2dd0aea */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_TagCache_Backend_PdoBackend___construct, 0, 0, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_PdoBackend_setup, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_PdoBackend_getSetupSql, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_PdoBackend_getCacheKey, 0, 0, IS_STRING, 1)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_PdoBackend_setCache, 0, 1, IS_VOID, 0)
	ZEND_ARG_OBJ_INFO(0, cache, TagCache\\Frontend\\FrontendInterface, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_PdoBackend_set, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, entryIdentifier, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, data, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, tags, IS_ARRAY, 0, "[]")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, lifetime, IS_LONG, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_TagCache_Backend_PdoBackend_get, 0, 1, MAY_BE_STRING|MAY_BE_FALSE)
	ZEND_ARG_TYPE_INFO(0, entryIdentifier, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_PdoBackend_has, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, entryIdentifier, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Backend_PdoBackend_remove arginfo_class_TagCache_Backend_PdoBackend_has

#define arginfo_class_TagCache_Backend_PdoBackend_flush arginfo_class_TagCache_Backend_PdoBackend_setup

#define arginfo_class_TagCache_Backend_PdoBackend_collectGarbage arginfo_class_TagCache_Backend_PdoBackend_setup

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_PdoBackend_flushByTag, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, tag, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_PdoBackend_flushByTags, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, tags, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_PdoBackend_findIdentifiersByTag, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, tag, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_PdoBackend_requireOnce, 0, 1, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, entryIdentifier, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_PdoBackend_current, 0, 0, IS_MIXED, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Backend_PdoBackend_key arginfo_class_TagCache_Backend_PdoBackend_current

#define arginfo_class_TagCache_Backend_PdoBackend_next arginfo_class_TagCache_Backend_PdoBackend_setup

#define arginfo_class_TagCache_Backend_PdoBackend_rewind arginfo_class_TagCache_Backend_PdoBackend_setup

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_PdoBackend_valid, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(TagCache_Backend_PdoBackend, __construct);
ZEND_METHOD(TagCache_Backend_PdoBackend, setup);
ZEND_METHOD(TagCache_Backend_PdoBackend, getSetupSql);
ZEND_METHOD(TagCache_Backend_PdoBackend, getCacheKey);
ZEND_METHOD(TagCache_Backend_FileBackend, setCache);
ZEND_METHOD(TagCache_Backend_FileBackend, set);
ZEND_METHOD(TagCache_Backend_FileBackend, get);
ZEND_METHOD(TagCache_Backend_FileBackend, has);
ZEND_METHOD(TagCache_Backend_FileBackend, remove);
ZEND_METHOD(TagCache_Backend_FileBackend, flush);
ZEND_METHOD(TagCache_Backend_FileBackend, collectGarbage);
ZEND_METHOD(TagCache_Backend_FileBackend, flushByTag);
ZEND_METHOD(TagCache_Backend_FileBackend, flushByTags);
ZEND_METHOD(TagCache_Backend_FileBackend, findIdentifiersByTag);
ZEND_METHOD(TagCache_Backend_FileBackend, requireOnce);
ZEND_METHOD(TagCache_Backend_FileBackend, current);
ZEND_METHOD(TagCache_Backend_FileBackend, key);
ZEND_METHOD(TagCache_Backend_FileBackend, next);
ZEND_METHOD(TagCache_Backend_FileBackend, rewind);
ZEND_METHOD(TagCache_Backend_FileBackend, valid);


static const zend_function_entry class_TagCache_Backend_PdoBackend_methods[] = {
	ZEND_ME(TagCache_Backend_PdoBackend, __construct, arginfo_class_TagCache_Backend_PdoBackend___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Backend_PdoBackend, setup, arginfo_class_TagCache_Backend_PdoBackend_setup, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Backend_PdoBackend, getSetupSql, arginfo_class_TagCache_Backend_PdoBackend_getSetupSql, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Backend_PdoBackend, getCacheKey, arginfo_class_TagCache_Backend_PdoBackend_getCacheKey, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, setCache, setCache, arginfo_class_TagCache_Backend_PdoBackend_setCache, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, set, set, arginfo_class_TagCache_Backend_PdoBackend_set, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, get, get, arginfo_class_TagCache_Backend_PdoBackend_get, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, has, has, arginfo_class_TagCache_Backend_PdoBackend_has, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, remove, remove, arginfo_class_TagCache_Backend_PdoBackend_remove, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, flush, flush, arginfo_class_TagCache_Backend_PdoBackend_flush, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, collectGarbage, collectGarbage, arginfo_class_TagCache_Backend_PdoBackend_collectGarbage, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, flushByTag, flushByTag, arginfo_class_TagCache_Backend_PdoBackend_flushByTag, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, flushByTags, flushByTags, arginfo_class_TagCache_Backend_PdoBackend_flushByTags, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, findIdentifiersByTag, findIdentifiersByTag, arginfo_class_TagCache_Backend_PdoBackend_findIdentifiersByTag, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, requireOnce, requireOnce, arginfo_class_TagCache_Backend_PdoBackend_requireOnce, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, current, current, arginfo_class_TagCache_Backend_PdoBackend_current, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, key, key, arginfo_class_TagCache_Backend_PdoBackend_key, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, next, next, arginfo_class_TagCache_Backend_PdoBackend_next, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, rewind, rewind, arginfo_class_TagCache_Backend_PdoBackend_rewind, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, valid, valid, arginfo_class_TagCache_Backend_PdoBackend_valid, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_TagCache_Backend_PdoBackend(zend_class_entry *class_entry_TagCache_Backend_TaggableBackendInterface, zend_class_entry *class_entry_TagCache_Backend_PhpCapableBackendInterface, zend_class_entry *class_entry_TagCache_Backend_IterableBackendInterface)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Backend", "PdoBackend", class_TagCache_Backend_PdoBackend_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_NOT_SERIALIZABLE;
	zend_class_implements(class_entry, 3, class_entry_TagCache_Backend_TaggableBackendInterface, class_entry_TagCache_Backend_PhpCapableBackendInterface, class_entry_TagCache_Backend_IterableBackendInterface);


	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "__construct", sizeof("__construct") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	return class_entry;
}
