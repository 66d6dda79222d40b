/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 26fce42fbcd34de07fa43a401fb62cf6854eb41c */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_TagCache_Page_PageCache___construct, 0, 0, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, storage, TagCache\\Frontend\\FrontendInterface|TagCache\\Backend\\BackendInterface, MAY_BE_NULL, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Page_PageCache_serve, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Page_PageCache_getStatus, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Page_PageCache_getKey, 0, 0, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, userBased, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Page_PageCache_getUrl arginfo_class_TagCache_Page_PageCache_getStatus

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Page_PageCache_addTags, 0, 1, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, tags, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Page_PageCache_setLifetime, 0, 1, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, lifetime, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Page_PageCache_markUserBased, 0, 0, IS_STATIC, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Page_PageCache_doNotCache arginfo_class_TagCache_Page_PageCache_markUserBased

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_TagCache_Page_PageCache_getStorage, 0, 0, TagCache\\Frontend\\FrontendInterface, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Page_PageCache_flush, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Page_PageCache_flushByTag, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, tag, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Page_PageCache_flushByTags, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, tags, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Page_PageCache_flushUrl, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, url, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Page_PageCache_flushUser, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, sessionId, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Page_PageCache_flushHeadersOnly, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Page_PageCache_getUrlsByTag, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, tag, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Page_PageCache_flushByTagReturningUrls arginfo_class_TagCache_Page_PageCache_getUrlsByTag


ZEND_METHOD(TagCache_Page_PageCache, __construct);
ZEND_METHOD(TagCache_Page_PageCache, serve);
ZEND_METHOD(TagCache_Page_PageCache, getStatus);
ZEND_METHOD(TagCache_Page_PageCache, getKey);
ZEND_METHOD(TagCache_Page_PageCache, getUrl);
ZEND_METHOD(TagCache_Page_PageCache, addTags);
ZEND_METHOD(TagCache_Page_PageCache, setLifetime);
ZEND_METHOD(TagCache_Page_PageCache, markUserBased);
ZEND_METHOD(TagCache_Page_PageCache, doNotCache);
ZEND_METHOD(TagCache_Page_PageCache, getStorage);
ZEND_METHOD(TagCache_Page_PageCache, flush);
ZEND_METHOD(TagCache_Page_PageCache, flushByTag);
ZEND_METHOD(TagCache_Page_PageCache, flushByTags);
ZEND_METHOD(TagCache_Page_PageCache, flushUrl);
ZEND_METHOD(TagCache_Page_PageCache, flushUser);
ZEND_METHOD(TagCache_Page_PageCache, flushHeadersOnly);
ZEND_METHOD(TagCache_Page_PageCache, getUrlsByTag);
ZEND_METHOD(TagCache_Page_PageCache, flushByTagReturningUrls);


static const zend_function_entry class_TagCache_Page_PageCache_methods[] = {
	ZEND_ME(TagCache_Page_PageCache, __construct, arginfo_class_TagCache_Page_PageCache___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Page_PageCache, serve, arginfo_class_TagCache_Page_PageCache_serve, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Page_PageCache, getStatus, arginfo_class_TagCache_Page_PageCache_getStatus, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Page_PageCache, getKey, arginfo_class_TagCache_Page_PageCache_getKey, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Page_PageCache, getUrl, arginfo_class_TagCache_Page_PageCache_getUrl, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Page_PageCache, addTags, arginfo_class_TagCache_Page_PageCache_addTags, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Page_PageCache, setLifetime, arginfo_class_TagCache_Page_PageCache_setLifetime, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Page_PageCache, markUserBased, arginfo_class_TagCache_Page_PageCache_markUserBased, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Page_PageCache, doNotCache, arginfo_class_TagCache_Page_PageCache_doNotCache, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Page_PageCache, getStorage, arginfo_class_TagCache_Page_PageCache_getStorage, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Page_PageCache, flush, arginfo_class_TagCache_Page_PageCache_flush, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Page_PageCache, flushByTag, arginfo_class_TagCache_Page_PageCache_flushByTag, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Page_PageCache, flushByTags, arginfo_class_TagCache_Page_PageCache_flushByTags, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Page_PageCache, flushUrl, arginfo_class_TagCache_Page_PageCache_flushUrl, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Page_PageCache, flushUser, arginfo_class_TagCache_Page_PageCache_flushUser, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Page_PageCache, flushHeadersOnly, arginfo_class_TagCache_Page_PageCache_flushHeadersOnly, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Page_PageCache, getUrlsByTag, arginfo_class_TagCache_Page_PageCache_getUrlsByTag, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Page_PageCache, flushByTagReturningUrls, arginfo_class_TagCache_Page_PageCache_flushByTagReturningUrls, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_TagCache_Page_PageCache(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Page", "PageCache", class_TagCache_Page_PageCache_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}
