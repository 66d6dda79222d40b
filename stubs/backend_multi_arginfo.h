/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 80fa73a200f1ddee0cc5a299789158d03eb097c6 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_TagCache_Backend_MultiBackend___construct, 0, 0, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_MultiBackend_setCache, 0, 1, IS_VOID, 0)
	ZEND_ARG_OBJ_INFO(0, cache, TagCache\\Frontend\\FrontendInterface, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_MultiBackend_set, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, entryIdentifier, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, data, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, tags, IS_ARRAY, 0, "[]")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, lifetime, IS_LONG, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_TagCache_Backend_MultiBackend_get, 0, 1, MAY_BE_STRING|MAY_BE_FALSE)
	ZEND_ARG_TYPE_INFO(0, entryIdentifier, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_MultiBackend_has, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, entryIdentifier, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Backend_MultiBackend_remove arginfo_class_TagCache_Backend_MultiBackend_has

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_MultiBackend_flush, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Backend_MultiBackend_collectGarbage arginfo_class_TagCache_Backend_MultiBackend_flush

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_MultiBackend_getBackendStates, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Backend_MultiBackend_retryBackends arginfo_class_TagCache_Backend_MultiBackend_flush

#define arginfo_class_TagCache_Backend_TaggableMultiBackend___construct arginfo_class_TagCache_Backend_MultiBackend___construct

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_TaggableMultiBackend_flushByTag, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, tag, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_TaggableMultiBackend_flushByTags, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, tags, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_TaggableMultiBackend_findIdentifiersByTag, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, tag, IS_STRING, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(TagCache_Backend_MultiBackend, __construct);
ZEND_METHOD(TagCache_Backend_FileBackend, setCache);
ZEND_METHOD(TagCache_Backend_FileBackend, set);
ZEND_METHOD(TagCache_Backend_FileBackend, get);
ZEND_METHOD(TagCache_Backend_FileBackend, has);
ZEND_METHOD(TagCache_Backend_FileBackend, remove);
ZEND_METHOD(TagCache_Backend_FileBackend, flush);
ZEND_METHOD(TagCache_Backend_FileBackend, collectGarbage);
ZEND_METHOD(TagCache_Backend_MultiBackend, getBackendStates);
ZEND_METHOD(TagCache_Backend_MultiBackend, retryBackends);
ZEND_METHOD(TagCache_Backend_TaggableMultiBackend, __construct);
ZEND_METHOD(TagCache_Backend_FileBackend, flushByTag);
ZEND_METHOD(TagCache_Backend_FileBackend, flushByTags);
ZEND_METHOD(TagCache_Backend_FileBackend, findIdentifiersByTag);


static const zend_function_entry class_TagCache_Backend_MultiBackend_methods[] = {
	ZEND_ME(TagCache_Backend_MultiBackend, __construct, arginfo_class_TagCache_Backend_MultiBackend___construct, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, setCache, setCache, arginfo_class_TagCache_Backend_MultiBackend_setCache, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, set, set, arginfo_class_TagCache_Backend_MultiBackend_set, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, get, get, arginfo_class_TagCache_Backend_MultiBackend_get, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, has, has, arginfo_class_TagCache_Backend_MultiBackend_has, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, remove, remove, arginfo_class_TagCache_Backend_MultiBackend_remove, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, flush, flush, arginfo_class_TagCache_Backend_MultiBackend_flush, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, collectGarbage, collectGarbage, arginfo_class_TagCache_Backend_MultiBackend_collectGarbage, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Backend_MultiBackend, getBackendStates, arginfo_class_TagCache_Backend_MultiBackend_getBackendStates, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Backend_MultiBackend, retryBackends, arginfo_class_TagCache_Backend_MultiBackend_retryBackends, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_Backend_TaggableMultiBackend_methods[] = {
	ZEND_ME(TagCache_Backend_TaggableMultiBackend, __construct, arginfo_class_TagCache_Backend_TaggableMultiBackend___construct, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, flushByTag, flushByTag, arginfo_class_TagCache_Backend_TaggableMultiBackend_flushByTag, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, flushByTags, flushByTags, arginfo_class_TagCache_Backend_TaggableMultiBackend_flushByTags, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, findIdentifiersByTag, findIdentifiersByTag, arginfo_class_TagCache_Backend_TaggableMultiBackend_findIdentifiersByTag, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_TagCache_Backend_MultiBackend(zend_class_entry *class_entry_TagCache_Backend_BackendInterface)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Backend", "MultiBackend", class_TagCache_Backend_MultiBackend_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_NOT_SERIALIZABLE;
	zend_class_implements(class_entry, 1, class_entry_TagCache_Backend_BackendInterface);

	return class_entry;
}

static zend_class_entry *register_class_TagCache_Backend_TaggableMultiBackend(zend_class_entry *class_entry_TagCache_Backend_MultiBackend, zend_class_entry *class_entry_TagCache_Backend_TaggableBackendInterface)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Backend", "TaggableMultiBackend", class_TagCache_Backend_TaggableMultiBackend_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_TagCache_Backend_MultiBackend);
	class_entry->ce_flags |= ZEND_ACC_NOT_SERIALIZABLE;
	zend_class_implements(class_entry, 1, class_entry_TagCache_Backend_TaggableBackendInterface);

	return class_entry;
}
