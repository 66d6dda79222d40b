/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: fb33d981dcd5b0a646766c600a1736c03b1ebcfd */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Http_EventSubscriberInterface_getSubscribedEvents, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Http_Event_stopPropagation, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Http_Event_isPropagationStopped, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_TagCache_Http_ContentCacheClearEvent___construct, 0, 0, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, content, IS_MIXED, 0, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Http_ContentCacheClearEvent_getContent, 0, 0, IS_MIXED, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Http_ContentCacheClearEvent_setContent, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, content, IS_MIXED, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Http_ContentCacheClearEvent_addLocationToClear, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_MASK(0, locationId, MAY_BE_STRING|MAY_BE_LONG, NULL)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Http_ContentCacheClearEvent_addLocationsToClear, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, locationIds, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Http_ContentCacheClearEvent_getLocationsToClear arginfo_class_TagCache_Http_EventSubscriberInterface_getSubscribedEvents

#define arginfo_class_TagCache_Http_ContentCacheClearEvent_setLocationsToClear arginfo_class_TagCache_Http_ContentCacheClearEvent_addLocationsToClear

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Http_ContentCacheClearEvent_addTagToClear, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, tag, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Http_ContentCacheClearEvent_addTagsToClear, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, tags, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Http_ContentCacheClearEvent_getTagsToClear arginfo_class_TagCache_Http_EventSubscriberInterface_getSubscribedEvents

#define arginfo_class_TagCache_Http_ContentCacheClearEvent_setTagsToClear arginfo_class_TagCache_Http_ContentCacheClearEvent_addTagsToClear

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Http_EventDispatcher_addListener, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, eventName, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, listener, IS_CALLABLE, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, priority, IS_LONG, 0, "0")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Http_EventDispatcher_removeListener, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, eventName, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, listener, IS_CALLABLE, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Http_EventDispatcher_addSubscriber, 0, 1, IS_VOID, 0)
	ZEND_ARG_OBJ_INFO(0, subscriber, TagCache\\Http\\EventSubscriberInterface, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Http_EventDispatcher_hasListeners, 0, 0, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, eventName, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Http_EventDispatcher_getListeners, 0, 0, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, eventName, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Http_EventDispatcher_dispatch, 0, 1, IS_OBJECT, 0)
	ZEND_ARG_TYPE_INFO(0, event, IS_OBJECT, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, eventName, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_TagCache_Http_AbstractRelationListener___construct, 0, 0, 1)
	ZEND_ARG_TYPE_INFO(0, lookup, IS_CALLABLE, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Http_AbstractRelationListener_getSubscribedEvents arginfo_class_TagCache_Http_EventSubscriberInterface_getSubscribedEvents

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Http_AbstractRelationListener_onContentCacheClear, 0, 1, IS_VOID, 0)
	ZEND_ARG_OBJ_INFO(0, event, TagCache\\Http\\ContentCacheClearEvent, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, eventName, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, dispatcher, IS_OBJECT, 1, "null")
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Http_AbstractRelationListener___invoke arginfo_class_TagCache_Http_AbstractRelationListener_onContentCacheClear

#define arginfo_class_TagCache_Http_PurgeException_getFailures arginfo_class_TagCache_Http_EventSubscriberInterface_getSubscribedEvents

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_TagCache_Http_VarnishClient___construct, 0, 0, 1)
	ZEND_ARG_TYPE_INFO(0, proxies, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Http_VarnishClient_ban, 0, 1, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, headers, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Http_VarnishClient_banPath, 0, 1, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, pathRegex, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, contentType, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, hosts, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Http_VarnishClient_purge, 0, 1, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, url, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Http_VarnishClient_refresh arginfo_class_TagCache_Http_VarnishClient_purge

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Http_VarnishClient_invalidateTags, 0, 1, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, tags, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Http_VarnishClient_invalidateLocations, 0, 1, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, locationIds, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Http_VarnishClient_getQueueSize, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Http_VarnishClient_getQueuedBytes arginfo_class_TagCache_Http_VarnishClient_getQueueSize

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Http_VarnishClient_flush, 0, 0, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, keepFailed, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Http_VarnishClient_flushDelayed, 0, 0, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, wait, _IS_BOOL, 0, "true")
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Http_VarnishClient_getDelayedCount arginfo_class_TagCache_Http_VarnishClient_getQueueSize

#define arginfo_class_TagCache_Http_NginxClient___construct arginfo_class_TagCache_Http_VarnishClient___construct

#define arginfo_class_TagCache_Http_NginxClient_purge arginfo_class_TagCache_Http_VarnishClient_purge

#define arginfo_class_TagCache_Http_NginxClient_refresh arginfo_class_TagCache_Http_VarnishClient_purge

#define arginfo_class_TagCache_Http_NginxClient_invalidateTags arginfo_class_TagCache_Http_VarnishClient_invalidateTags

#define arginfo_class_TagCache_Http_NginxClient_getQueueSize arginfo_class_TagCache_Http_VarnishClient_getQueueSize

#define arginfo_class_TagCache_Http_NginxClient_flush arginfo_class_TagCache_Http_VarnishClient_flush

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_TagCache_Http_Purger___construct, 0, 0, 1)
	ZEND_ARG_OBJ_INFO(0, client, TagCache\\Http\\VarnishClient, 0)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, dispatcher, TagCache\\Http\\EventDispatcher, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_TagCache_Http_Purger_purgeForContent, 0, 1, TagCache\\Http\\ContentCacheClearEvent, 0)
	ZEND_ARG_TYPE_INFO(0, content, IS_MIXED, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Http_Purger_purgeLocations arginfo_class_TagCache_Http_ContentCacheClearEvent_addLocationsToClear

#define arginfo_class_TagCache_Http_Purger_purgeTags arginfo_class_TagCache_Http_ContentCacheClearEvent_addTagsToClear

#define arginfo_class_TagCache_Http_Purger_purgeAll arginfo_class_TagCache_Http_Event_stopPropagation

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_TagCache_Http_Purger_getDispatcher, 0, 0, TagCache\\Http\\EventDispatcher, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_TagCache_Http_Purger_getClient, 0, 0, TagCache\\Http\\VarnishClient, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Http_Purger_flush arginfo_class_TagCache_Http_VarnishClient_getQueueSize

#define arginfo_class_TagCache_Http_Purger_flushDelayed arginfo_class_TagCache_Http_VarnishClient_flushDelayed

#define arginfo_class_TagCache_Http_Purger_getDelayedCount arginfo_class_TagCache_Http_VarnishClient_getQueueSize

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_TagCache_Http_ResponseTagger___construct, 0, 0, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Http_ResponseTagger_addTags arginfo_class_TagCache_Http_VarnishClient_invalidateTags

#define arginfo_class_TagCache_Http_ResponseTagger_hasTags arginfo_class_TagCache_Http_Event_isPropagationStopped

#define arginfo_class_TagCache_Http_ResponseTagger_getTags arginfo_class_TagCache_Http_EventSubscriberInterface_getSubscribedEvents

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_TagCache_Http_ResponseTagger_getTagsHeaderName, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_TagCache_Http_ResponseTagger_getTagsHeaderValue arginfo_class_TagCache_Http_ResponseTagger_getTagsHeaderName

#define arginfo_class_TagCache_Http_ResponseTagger_getTagsHeaderValues arginfo_class_TagCache_Http_EventSubscriberInterface_getSubscribedEvents

#define arginfo_class_TagCache_Http_ResponseTagger_isStale arginfo_class_TagCache_Http_Event_isPropagationStopped

#define arginfo_class_TagCache_Http_ResponseTagger_getHeaders arginfo_class_TagCache_Http_EventSubscriberInterface_getSubscribedEvents

#define arginfo_class_TagCache_Http_ResponseTagger_getStaleHeaderName arginfo_class_TagCache_Http_ResponseTagger_getTagsHeaderName

#define arginfo_class_TagCache_Http_ResponseTagger_clear arginfo_class_TagCache_Http_Event_stopPropagation


ZEND_METHOD(TagCache_Http_Event, stopPropagation);
ZEND_METHOD(TagCache_Http_Event, isPropagationStopped);
ZEND_METHOD(TagCache_Http_ContentCacheClearEvent, __construct);
ZEND_METHOD(TagCache_Http_ContentCacheClearEvent, getContent);
ZEND_METHOD(TagCache_Http_ContentCacheClearEvent, setContent);
ZEND_METHOD(TagCache_Http_ContentCacheClearEvent, addLocationToClear);
ZEND_METHOD(TagCache_Http_ContentCacheClearEvent, addLocationsToClear);
ZEND_METHOD(TagCache_Http_ContentCacheClearEvent, getLocationsToClear);
ZEND_METHOD(TagCache_Http_ContentCacheClearEvent, setLocationsToClear);
ZEND_METHOD(TagCache_Http_ContentCacheClearEvent, addTagToClear);
ZEND_METHOD(TagCache_Http_ContentCacheClearEvent, addTagsToClear);
ZEND_METHOD(TagCache_Http_ContentCacheClearEvent, getTagsToClear);
ZEND_METHOD(TagCache_Http_ContentCacheClearEvent, setTagsToClear);
ZEND_METHOD(TagCache_Http_EventDispatcher, addListener);
ZEND_METHOD(TagCache_Http_EventDispatcher, removeListener);
ZEND_METHOD(TagCache_Http_EventDispatcher, addSubscriber);
ZEND_METHOD(TagCache_Http_EventDispatcher, hasListeners);
ZEND_METHOD(TagCache_Http_EventDispatcher, getListeners);
ZEND_METHOD(TagCache_Http_EventDispatcher, dispatch);
ZEND_METHOD(TagCache_Http_AbstractRelationListener, __construct);
ZEND_METHOD(TagCache_Http_AbstractRelationListener, getSubscribedEvents);
ZEND_METHOD(TagCache_Http_AbstractRelationListener, onContentCacheClear);
ZEND_METHOD(TagCache_Http_AbstractRelationListener, __invoke);
ZEND_METHOD(TagCache_Http_PurgeException, getFailures);
ZEND_METHOD(TagCache_Http_VarnishClient, __construct);
ZEND_METHOD(TagCache_Http_VarnishClient, ban);
ZEND_METHOD(TagCache_Http_VarnishClient, banPath);
ZEND_METHOD(TagCache_Http_VarnishClient, purge);
ZEND_METHOD(TagCache_Http_VarnishClient, refresh);
ZEND_METHOD(TagCache_Http_VarnishClient, invalidateTags);
ZEND_METHOD(TagCache_Http_VarnishClient, invalidateLocations);
ZEND_METHOD(TagCache_Http_VarnishClient, getQueueSize);
ZEND_METHOD(TagCache_Http_VarnishClient, getQueuedBytes);
ZEND_METHOD(TagCache_Http_VarnishClient, flush);
ZEND_METHOD(TagCache_Http_VarnishClient, flushDelayed);
ZEND_METHOD(TagCache_Http_VarnishClient, getDelayedCount);
ZEND_METHOD(TagCache_Http_NginxClient, __construct);
ZEND_METHOD(TagCache_Http_NginxClient, purge);
ZEND_METHOD(TagCache_Http_NginxClient, refresh);
ZEND_METHOD(TagCache_Http_NginxClient, invalidateTags);
ZEND_METHOD(TagCache_Http_NginxClient, getQueueSize);
ZEND_METHOD(TagCache_Http_NginxClient, flush);
ZEND_METHOD(TagCache_Http_Purger, __construct);
ZEND_METHOD(TagCache_Http_Purger, purgeForContent);
ZEND_METHOD(TagCache_Http_Purger, purgeLocations);
ZEND_METHOD(TagCache_Http_Purger, purgeTags);
ZEND_METHOD(TagCache_Http_Purger, purgeAll);
ZEND_METHOD(TagCache_Http_Purger, getDispatcher);
ZEND_METHOD(TagCache_Http_Purger, getClient);
ZEND_METHOD(TagCache_Http_Purger, flush);
ZEND_METHOD(TagCache_Http_Purger, flushDelayed);
ZEND_METHOD(TagCache_Http_Purger, getDelayedCount);
ZEND_METHOD(TagCache_Http_ResponseTagger, __construct);
ZEND_METHOD(TagCache_Http_ResponseTagger, addTags);
ZEND_METHOD(TagCache_Http_ResponseTagger, hasTags);
ZEND_METHOD(TagCache_Http_ResponseTagger, getTags);
ZEND_METHOD(TagCache_Http_ResponseTagger, getTagsHeaderName);
ZEND_METHOD(TagCache_Http_ResponseTagger, getTagsHeaderValue);
ZEND_METHOD(TagCache_Http_ResponseTagger, getTagsHeaderValues);
ZEND_METHOD(TagCache_Http_ResponseTagger, isStale);
ZEND_METHOD(TagCache_Http_ResponseTagger, getHeaders);
ZEND_METHOD(TagCache_Http_ResponseTagger, getStaleHeaderName);
ZEND_METHOD(TagCache_Http_ResponseTagger, clear);


static const zend_function_entry class_TagCache_Http_EventSubscriberInterface_methods[] = {
	ZEND_ABSTRACT_ME_WITH_FLAGS(TagCache_Http_EventSubscriberInterface, getSubscribedEvents, arginfo_class_TagCache_Http_EventSubscriberInterface_getSubscribedEvents, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC|ZEND_ACC_ABSTRACT)
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_Http_Event_methods[] = {
	ZEND_ME(TagCache_Http_Event, stopPropagation, arginfo_class_TagCache_Http_Event_stopPropagation, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_Event, isPropagationStopped, arginfo_class_TagCache_Http_Event_isPropagationStopped, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_Http_ContentCacheClearEvent_methods[] = {
	ZEND_ME(TagCache_Http_ContentCacheClearEvent, __construct, arginfo_class_TagCache_Http_ContentCacheClearEvent___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_ContentCacheClearEvent, getContent, arginfo_class_TagCache_Http_ContentCacheClearEvent_getContent, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_ContentCacheClearEvent, setContent, arginfo_class_TagCache_Http_ContentCacheClearEvent_setContent, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_ContentCacheClearEvent, addLocationToClear, arginfo_class_TagCache_Http_ContentCacheClearEvent_addLocationToClear, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_ContentCacheClearEvent, addLocationsToClear, arginfo_class_TagCache_Http_ContentCacheClearEvent_addLocationsToClear, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_ContentCacheClearEvent, getLocationsToClear, arginfo_class_TagCache_Http_ContentCacheClearEvent_getLocationsToClear, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_ContentCacheClearEvent, setLocationsToClear, arginfo_class_TagCache_Http_ContentCacheClearEvent_setLocationsToClear, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_ContentCacheClearEvent, addTagToClear, arginfo_class_TagCache_Http_ContentCacheClearEvent_addTagToClear, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_ContentCacheClearEvent, addTagsToClear, arginfo_class_TagCache_Http_ContentCacheClearEvent_addTagsToClear, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_ContentCacheClearEvent, getTagsToClear, arginfo_class_TagCache_Http_ContentCacheClearEvent_getTagsToClear, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_ContentCacheClearEvent, setTagsToClear, arginfo_class_TagCache_Http_ContentCacheClearEvent_setTagsToClear, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_Http_EventDispatcher_methods[] = {
	ZEND_ME(TagCache_Http_EventDispatcher, addListener, arginfo_class_TagCache_Http_EventDispatcher_addListener, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_EventDispatcher, removeListener, arginfo_class_TagCache_Http_EventDispatcher_removeListener, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_EventDispatcher, addSubscriber, arginfo_class_TagCache_Http_EventDispatcher_addSubscriber, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_EventDispatcher, hasListeners, arginfo_class_TagCache_Http_EventDispatcher_hasListeners, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_EventDispatcher, getListeners, arginfo_class_TagCache_Http_EventDispatcher_getListeners, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_EventDispatcher, dispatch, arginfo_class_TagCache_Http_EventDispatcher_dispatch, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_Http_AbstractRelationListener_methods[] = {
	ZEND_ME(TagCache_Http_AbstractRelationListener, __construct, arginfo_class_TagCache_Http_AbstractRelationListener___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_AbstractRelationListener, getSubscribedEvents, arginfo_class_TagCache_Http_AbstractRelationListener_getSubscribedEvents, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(TagCache_Http_AbstractRelationListener, onContentCacheClear, arginfo_class_TagCache_Http_AbstractRelationListener_onContentCacheClear, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_AbstractRelationListener, __invoke, arginfo_class_TagCache_Http_AbstractRelationListener___invoke, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_Http_OwnLocationsListener_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_Http_ParentLocationsListener_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_Http_RelatedLocationsListener_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_Http_ReverseRelatedLocationsListener_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_Http_PurgeException_methods[] = {
	ZEND_ME(TagCache_Http_PurgeException, getFailures, arginfo_class_TagCache_Http_PurgeException_getFailures, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_Http_VarnishClient_methods[] = {
	ZEND_ME(TagCache_Http_VarnishClient, __construct, arginfo_class_TagCache_Http_VarnishClient___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_VarnishClient, ban, arginfo_class_TagCache_Http_VarnishClient_ban, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_VarnishClient, banPath, arginfo_class_TagCache_Http_VarnishClient_banPath, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_VarnishClient, purge, arginfo_class_TagCache_Http_VarnishClient_purge, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_VarnishClient, refresh, arginfo_class_TagCache_Http_VarnishClient_refresh, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_VarnishClient, invalidateTags, arginfo_class_TagCache_Http_VarnishClient_invalidateTags, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_VarnishClient, invalidateLocations, arginfo_class_TagCache_Http_VarnishClient_invalidateLocations, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_VarnishClient, getQueueSize, arginfo_class_TagCache_Http_VarnishClient_getQueueSize, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_VarnishClient, getQueuedBytes, arginfo_class_TagCache_Http_VarnishClient_getQueuedBytes, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_VarnishClient, flush, arginfo_class_TagCache_Http_VarnishClient_flush, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_VarnishClient, flushDelayed, arginfo_class_TagCache_Http_VarnishClient_flushDelayed, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_VarnishClient, getDelayedCount, arginfo_class_TagCache_Http_VarnishClient_getDelayedCount, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_Http_NginxClient_methods[] = {
	ZEND_ME(TagCache_Http_NginxClient, __construct, arginfo_class_TagCache_Http_NginxClient___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_NginxClient, purge, arginfo_class_TagCache_Http_NginxClient_purge, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_NginxClient, refresh, arginfo_class_TagCache_Http_NginxClient_refresh, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_NginxClient, invalidateTags, arginfo_class_TagCache_Http_NginxClient_invalidateTags, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_NginxClient, getQueueSize, arginfo_class_TagCache_Http_NginxClient_getQueueSize, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_NginxClient, flush, arginfo_class_TagCache_Http_NginxClient_flush, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_Http_Purger_methods[] = {
	ZEND_ME(TagCache_Http_Purger, __construct, arginfo_class_TagCache_Http_Purger___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_Purger, purgeForContent, arginfo_class_TagCache_Http_Purger_purgeForContent, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_Purger, purgeLocations, arginfo_class_TagCache_Http_Purger_purgeLocations, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_Purger, purgeTags, arginfo_class_TagCache_Http_Purger_purgeTags, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_Purger, purgeAll, arginfo_class_TagCache_Http_Purger_purgeAll, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_Purger, getDispatcher, arginfo_class_TagCache_Http_Purger_getDispatcher, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_Purger, getClient, arginfo_class_TagCache_Http_Purger_getClient, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_Purger, flush, arginfo_class_TagCache_Http_Purger_flush, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_Purger, flushDelayed, arginfo_class_TagCache_Http_Purger_flushDelayed, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_Purger, getDelayedCount, arginfo_class_TagCache_Http_Purger_getDelayedCount, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_TagCache_Http_ResponseTagger_methods[] = {
	ZEND_ME(TagCache_Http_ResponseTagger, __construct, arginfo_class_TagCache_Http_ResponseTagger___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_ResponseTagger, addTags, arginfo_class_TagCache_Http_ResponseTagger_addTags, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_ResponseTagger, hasTags, arginfo_class_TagCache_Http_ResponseTagger_hasTags, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_ResponseTagger, getTags, arginfo_class_TagCache_Http_ResponseTagger_getTags, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_ResponseTagger, getTagsHeaderName, arginfo_class_TagCache_Http_ResponseTagger_getTagsHeaderName, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_ResponseTagger, getTagsHeaderValue, arginfo_class_TagCache_Http_ResponseTagger_getTagsHeaderValue, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_ResponseTagger, getTagsHeaderValues, arginfo_class_TagCache_Http_ResponseTagger_getTagsHeaderValues, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_ResponseTagger, isStale, arginfo_class_TagCache_Http_ResponseTagger_isStale, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_ResponseTagger, getHeaders, arginfo_class_TagCache_Http_ResponseTagger_getHeaders, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_ResponseTagger, getStaleHeaderName, arginfo_class_TagCache_Http_ResponseTagger_getStaleHeaderName, ZEND_ACC_PUBLIC)
	ZEND_ME(TagCache_Http_ResponseTagger, clear, arginfo_class_TagCache_Http_ResponseTagger_clear, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_TagCache_Http_EventSubscriberInterface(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Http", "EventSubscriberInterface", class_TagCache_Http_EventSubscriberInterface_methods);
	class_entry = zend_register_internal_interface(&ce);

	return class_entry;
}

static zend_class_entry *register_class_TagCache_Http_Event(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Http", "Event", class_TagCache_Http_Event_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_TagCache_Http_ContentCacheClearEvent(zend_class_entry *class_entry_TagCache_Http_Event)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Http", "ContentCacheClearEvent", class_TagCache_Http_ContentCacheClearEvent_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_TagCache_Http_Event);
	class_entry->ce_flags |= ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval const_NAME_value;
	zend_string *const_NAME_value_str = zend_string_init("tagcache.content_cache_clear", strlen("tagcache.content_cache_clear"), 1);
	ZVAL_STR(&const_NAME_value, const_NAME_value_str);
	zend_string *const_NAME_name = zend_string_init_interned("NAME", sizeof("NAME") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_NAME_name, &const_NAME_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_NAME_name);

	return class_entry;
}

static zend_class_entry *register_class_TagCache_Http_EventDispatcher(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Http", "EventDispatcher", class_TagCache_Http_EventDispatcher_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_TagCache_Http_AbstractRelationListener(zend_class_entry *class_entry_TagCache_Http_EventSubscriberInterface)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Http", "AbstractRelationListener", class_TagCache_Http_AbstractRelationListener_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_ABSTRACT|ZEND_ACC_NOT_SERIALIZABLE;
	zend_class_implements(class_entry, 1, class_entry_TagCache_Http_EventSubscriberInterface);

	return class_entry;
}

static zend_class_entry *register_class_TagCache_Http_OwnLocationsListener(zend_class_entry *class_entry_TagCache_Http_AbstractRelationListener)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Http", "OwnLocationsListener", class_TagCache_Http_OwnLocationsListener_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_TagCache_Http_AbstractRelationListener);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}

static zend_class_entry *register_class_TagCache_Http_ParentLocationsListener(zend_class_entry *class_entry_TagCache_Http_AbstractRelationListener)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Http", "ParentLocationsListener", class_TagCache_Http_ParentLocationsListener_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_TagCache_Http_AbstractRelationListener);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}

static zend_class_entry *register_class_TagCache_Http_RelatedLocationsListener(zend_class_entry *class_entry_TagCache_Http_AbstractRelationListener)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Http", "RelatedLocationsListener", class_TagCache_Http_RelatedLocationsListener_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_TagCache_Http_AbstractRelationListener);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}

static zend_class_entry *register_class_TagCache_Http_ReverseRelatedLocationsListener(zend_class_entry *class_entry_TagCache_Http_AbstractRelationListener)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Http", "ReverseRelatedLocationsListener", class_TagCache_Http_ReverseRelatedLocationsListener_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_TagCache_Http_AbstractRelationListener);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}

static zend_class_entry *register_class_TagCache_Http_PurgeException(zend_class_entry *class_entry_RuntimeException, zend_class_entry *class_entry_TagCache_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Http", "PurgeException", class_TagCache_Http_PurgeException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);
	zend_class_implements(class_entry, 1, class_entry_TagCache_Exception);

	zval property_failures_default_value;
	ZVAL_EMPTY_ARRAY(&property_failures_default_value);
	zend_string *property_failures_name = zend_string_init("failures", sizeof("failures") - 1, 1);
	zend_declare_typed_property(class_entry, property_failures_name, &property_failures_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_failures_name);

	return class_entry;
}

static zend_class_entry *register_class_TagCache_Http_VarnishClient(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Http", "VarnishClient", class_TagCache_Http_VarnishClient_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_TagCache_Http_NginxClient(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Http", "NginxClient", class_TagCache_Http_NginxClient_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_TagCache_Http_Purger(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Http", "Purger", class_TagCache_Http_Purger_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_TagCache_Http_ResponseTagger(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "TagCache\\Http", "ResponseTagger", class_TagCache_Http_ResponseTagger_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}
