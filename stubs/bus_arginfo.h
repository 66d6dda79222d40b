/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 337d4a5f50fdcc78e330668b5c160db13b724dd5 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_TagCache_Bus_Bus___construct, 0, 0, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Bus_Bus_flushAll, 0, 0, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, flushPersistent, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Bus_Bus_flushCache, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, cacheIdentifier, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Bus_Bus_flushByTags, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, tags, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, cacheIdentifier, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, flushPersistent, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Bus_Bus_remove, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, cacheIdentifier, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, entryIdentifier, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Bus_Bus_purgeTags, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, tags, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Bus_Bus_purgeLocations, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, locationIds, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Bus_Bus_purgeUrls, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, urls, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Bus_Bus_banPath, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, pathRegex, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, contentType, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, hosts, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Bus_Bus_beginTransaction, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Bus_Bus_commit, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Bus_Bus_rollBack arginfo_class_TagCache_Bus_Bus_commit

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Bus_Bus_inTransaction, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Bus_Bus_publish arginfo_class_TagCache_Bus_Bus_commit

#define arginfo_class_TagCache_Bus_Bus_countKept arginfo_class_TagCache_Bus_Bus_commit

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Bus_Bus_getPending, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Bus_Bus_getStatus arginfo_class_TagCache_Bus_Bus_getPending

#define arginfo_class_TagCache_Bus_Bus_trim arginfo_class_TagCache_Bus_Bus_commit

#define arginfo_class_TagCache_Bus_Bus_getOptions arginfo_class_TagCache_Bus_Bus_getPending

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_TagCache_Bus_Node___construct, 0, 0, 2)
	ZEND_ARG_OBJ_INFO(0, bus, TagCache\\Bus\\Bus, 0)
	ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, manager, TagCache\\CacheManager, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, proxies, IS_ARRAY, 0, "[]")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Bus_Node_getName, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Bus_Node_poll, 0, 0, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, timeout, IS_DOUBLE, 0, "0.0")
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Bus_Node_retryOutbox arginfo_class_TagCache_Bus_Bus_commit

#define arginfo_class_TagCache_Bus_Node_getStats arginfo_class_TagCache_Bus_Bus_getPending

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Bus_Node_decode, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, payload, IS_STRING, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(TagCache_Bus_Bus, __construct);
ZEND_METHOD(TagCache_Bus_Bus, flushAll);
ZEND_METHOD(TagCache_Bus_Bus, flushCache);
ZEND_METHOD(TagCache_Bus_Bus, flushByTags);
ZEND_METHOD(TagCache_Bus_Bus, remove);
ZEND_METHOD(TagCache_Bus_Bus, purgeTags);
ZEND_METHOD(TagCache_Bus_Bus, purgeLocations);
ZEND_METHOD(TagCache_Bus_Bus, purgeUrls);
ZEND_METHOD(TagCache_Bus_Bus, banPath);
ZEND_METHOD(TagCache_Bus_Bus, beginTransaction);
ZEND_METHOD(TagCache_Bus_Bus, commit);
ZEND_METHOD(TagCache_Bus_Bus, rollBack);
ZEND_METHOD(TagCache_Bus_Bus, inTransaction);
ZEND_METHOD(TagCache_Bus_Bus, publish);
ZEND_METHOD(TagCache_Bus_Bus, countKept);
ZEND_METHOD(TagCache_Bus_Bus, getPending);
ZEND_METHOD(TagCache_Bus_Bus, getStatus);
ZEND_METHOD(TagCache_Bus_Bus, trim);
ZEND_METHOD(TagCache_Bus_Bus, getOptions);
ZEND_METHOD(TagCache_Bus_Node, __construct);
ZEND_METHOD(TagCache_Bus_Node, getName);
ZEND_METHOD(TagCache_Bus_Node, poll);
ZEND_METHOD(TagCache_Bus_Node, retryOutbox);
ZEND_METHOD(TagCache_Bus_Node, getStats);
ZEND_METHOD(TagCache_Bus_Node, decode);


static const zend_function_entry class_TagCache_Bus_BusException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_Bus_Bus_methods[] = {
	ZEND_ME(TagCache_Bus_Bus, __construct, arginfo_class_TagCache_Bus_Bus___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Bus_Bus, flushAll, arginfo_class_TagCache_Bus_Bus_flushAll, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Bus_Bus, flushCache, arginfo_class_TagCache_Bus_Bus_flushCache, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Bus_Bus, flushByTags, arginfo_class_TagCache_Bus_Bus_flushByTags, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Bus_Bus, remove, arginfo_class_TagCache_Bus_Bus_remove, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Bus_Bus, purgeTags, arginfo_class_TagCache_Bus_Bus_purgeTags, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Bus_Bus, purgeLocations, arginfo_class_TagCache_Bus_Bus_purgeLocations, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Bus_Bus, purgeUrls, arginfo_class_TagCache_Bus_Bus_purgeUrls, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Bus_Bus, banPath, arginfo_class_TagCache_Bus_Bus_banPath, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Bus_Bus, beginTransaction, arginfo_class_TagCache_Bus_Bus_beginTransaction, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Bus_Bus, commit, arginfo_class_TagCache_Bus_Bus_commit, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Bus_Bus, rollBack, arginfo_class_TagCache_Bus_Bus_rollBack, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Bus_Bus, inTransaction, arginfo_class_TagCache_Bus_Bus_inTransaction, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Bus_Bus, publish, arginfo_class_TagCache_Bus_Bus_publish, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Bus_Bus, countKept, arginfo_class_TagCache_Bus_Bus_countKept, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Bus_Bus, getPending, arginfo_class_TagCache_Bus_Bus_getPending, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Bus_Bus, getStatus, arginfo_class_TagCache_Bus_Bus_getStatus, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Bus_Bus, trim, arginfo_class_TagCache_Bus_Bus_trim, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Bus_Bus, getOptions, arginfo_class_TagCache_Bus_Bus_getOptions, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_Bus_Node_methods[] = {
	ZEND_ME(TagCache_Bus_Node, __construct, arginfo_class_TagCache_Bus_Node___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Bus_Node, getName, arginfo_class_TagCache_Bus_Node_getName, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Bus_Node, poll, arginfo_class_TagCache_Bus_Node_poll, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Bus_Node, retryOutbox, arginfo_class_TagCache_Bus_Node_retryOutbox, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Bus_Node, getStats, arginfo_class_TagCache_Bus_Node_getStats, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Bus_Node, decode, arginfo_class_TagCache_Bus_Node_decode, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_TagCache_Bus_BusException(zend_class_entry *class_entry_RuntimeException, zend_class_entry *class_entry_TagCache_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Bus", "BusException", class_TagCache_Bus_BusException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);
	zend_class_implements(class_entry, 1, class_entry_TagCache_Exception);

	return class_entry;
}

static zend_class_entry *register_class_TagCache_Bus_Bus(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Bus", "Bus", class_TagCache_Bus_Bus_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_TagCache_Bus_Node(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Bus", "Node", class_TagCache_Bus_Node_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}
