/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 225a8fc738dfaee905c67bc560334fbed042e877 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_TagCache_CacheManager___construct, 0, 0, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, configurations, IS_ARRAY, 0, "[]")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_CacheManager_setCacheConfigurations, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, configurations, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_CacheManager_getCacheConfigurations, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_TagCache_CacheManager_getCache, 0, 1, TagCache\\Frontend\\FrontendInterface, 0)
	ZEND_ARG_TYPE_INFO(0, identifier, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_CacheManager_hasCache, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, identifier, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_CacheManager_registerCache, 0, 1, IS_VOID, 0)
	ZEND_ARG_OBJ_INFO(0, cache, TagCache\\Frontend\\FrontendInterface, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, persistent, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_CacheManager_isCachePersistent arginfo_class_TagCache_CacheManager_hasCache

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_CacheManager_flushCaches, 0, 0, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, flushPersistentCaches, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_CacheManager_flushCachesByTag, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, tag, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, flushPersistentCaches, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_CacheManager_flushCachesByTags, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, tags, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, flushPersistentCaches, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_CacheManager_collectGarbage, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(TagCache_CacheManager, __construct);
ZEND_METHOD(TagCache_CacheManager, setCacheConfigurations);
ZEND_METHOD(TagCache_CacheManager, getCacheConfigurations);
ZEND_METHOD(TagCache_CacheManager, getCache);
ZEND_METHOD(TagCache_CacheManager, hasCache);
ZEND_METHOD(TagCache_CacheManager, registerCache);
ZEND_METHOD(TagCache_CacheManager, isCachePersistent);
ZEND_METHOD(TagCache_CacheManager, flushCaches);
ZEND_METHOD(TagCache_CacheManager, flushCachesByTag);
ZEND_METHOD(TagCache_CacheManager, flushCachesByTags);
ZEND_METHOD(TagCache_CacheManager, collectGarbage);


static const zend_function_entry class_TagCache_CacheManager_methods[] = {
	ZEND_ME(TagCache_CacheManager, __construct, arginfo_class_TagCache_CacheManager___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_CacheManager, setCacheConfigurations, arginfo_class_TagCache_CacheManager_setCacheConfigurations, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_CacheManager, getCacheConfigurations, arginfo_class_TagCache_CacheManager_getCacheConfigurations, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_CacheManager, getCache, arginfo_class_TagCache_CacheManager_getCache, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_CacheManager, hasCache, arginfo_class_TagCache_CacheManager_hasCache, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_CacheManager, registerCache, arginfo_class_TagCache_CacheManager_registerCache, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_CacheManager, isCachePersistent, arginfo_class_TagCache_CacheManager_isCachePersistent, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_CacheManager, flushCaches, arginfo_class_TagCache_CacheManager_flushCaches, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_CacheManager, flushCachesByTag, arginfo_class_TagCache_CacheManager_flushCachesByTag, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_CacheManager, flushCachesByTags, arginfo_class_TagCache_CacheManager_flushCachesByTags, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_CacheManager, collectGarbage, arginfo_class_TagCache_CacheManager_collectGarbage, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_TagCache_CacheManager(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache", "CacheManager", class_TagCache_CacheManager_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}
