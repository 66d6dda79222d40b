/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 8e9ff46519358f826cc1ea7aaa38ff3b9f0be4ba */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_TagCache_Backend_MemcachedBackend___construct, 0, 0, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_MemcachedBackend_setCache, 0, 1, IS_VOID, 0)
	ZEND_ARG_OBJ_INFO(0, cache, TagCache\\Frontend\\FrontendInterface, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_MemcachedBackend_set, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, entryIdentifier, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, data, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, tags, IS_ARRAY, 0, "[]")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, lifetime, IS_LONG, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_TagCache_Backend_MemcachedBackend_get, 0, 1, MAY_BE_STRING|MAY_BE_FALSE)
	ZEND_ARG_TYPE_INFO(0, entryIdentifier, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_MemcachedBackend_has, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, entryIdentifier, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Backend_MemcachedBackend_remove arginfo_class_TagCache_Backend_MemcachedBackend_has

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_MemcachedBackend_flush, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Backend_MemcachedBackend_collectGarbage arginfo_class_TagCache_Backend_MemcachedBackend_flush

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_MemcachedBackend_flushByTag, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, tag, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_MemcachedBackend_flushByTags, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, tags, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_MemcachedBackend_findIdentifiersByTag, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, tag, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Backend_MemcachedBackend_requireOnce, 0, 1, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, entryIdentifier, IS_STRING, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(TagCache_Backend_MemcachedBackend, __construct);
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


static const zend_function_entry class_TagCache_Backend_MemcachedBackend_methods[] = {
	ZEND_ME(TagCache_Backend_MemcachedBackend, __construct, arginfo_class_TagCache_Backend_MemcachedBackend___construct, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, setCache, setCache, arginfo_class_TagCache_Backend_MemcachedBackend_setCache, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, set, set, arginfo_class_TagCache_Backend_MemcachedBackend_set, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, get, get, arginfo_class_TagCache_Backend_MemcachedBackend_get, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, has, has, arginfo_class_TagCache_Backend_MemcachedBackend_has, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, remove, remove, arginfo_class_TagCache_Backend_MemcachedBackend_remove, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, flush, flush, arginfo_class_TagCache_Backend_MemcachedBackend_flush, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, collectGarbage, collectGarbage, arginfo_class_TagCache_Backend_MemcachedBackend_collectGarbage, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, flushByTag, flushByTag, arginfo_class_TagCache_Backend_MemcachedBackend_flushByTag, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, flushByTags, flushByTags, arginfo_class_TagCache_Backend_MemcachedBackend_flushByTags, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, findIdentifiersByTag, findIdentifiersByTag, arginfo_class_TagCache_Backend_MemcachedBackend_findIdentifiersByTag, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(TagCache_Backend_FileBackend, requireOnce, requireOnce, arginfo_class_TagCache_Backend_MemcachedBackend_requireOnce, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_TagCache_Backend_MemcachedBackend(zend_class_entry *class_entry_TagCache_Backend_TaggableBackendInterface, zend_class_entry *class_entry_TagCache_Backend_PhpCapableBackendInterface)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Backend", "MemcachedBackend", class_TagCache_Backend_MemcachedBackend_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_NOT_SERIALIZABLE;
	zend_class_implements(class_entry, 2, class_entry_TagCache_Backend_TaggableBackendInterface, class_entry_TagCache_Backend_PhpCapableBackendInterface);

	return class_entry;
}
