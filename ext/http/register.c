/* Registers the TagCache\Http classes (stubs/http.stub.php) and holds the shared helpers. */
#include "http.h"
#include "exceptions.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "ext/spl/spl_exceptions.h"
#include "http_arginfo.h"

zend_class_entry *tagcache_http_subscriber_ce;
zend_class_entry *tagcache_http_event_ce;
zend_class_entry *tagcache_http_clear_event_ce;
zend_class_entry *tagcache_http_dispatcher_ce;
zend_class_entry *tagcache_http_relation_listener_ce;
zend_class_entry *tagcache_http_purge_exception_ce;
zend_class_entry *tagcache_http_varnish_ce;
zend_class_entry *tagcache_http_purger_ce;
zend_class_entry *tagcache_http_tagger_ce;

zval *tagcache_http_prop(zend_object *obj, zend_class_entry *scope, const char *name)
{
	zend_property_info *info = zend_hash_str_find_ptr(&scope->properties_info, name, strlen(name));
	ZEND_ASSERT(info && !(info->flags & ZEND_ACC_STATIC));
	return OBJ_PROP(obj, info->offset);
}

HashTable *tagcache_http_prop_array(zend_object *obj, zend_class_entry *scope, const char *name)
{
	zval *slot = tagcache_http_prop(obj, scope, name);
	if (Z_TYPE_P(slot) != IS_ARRAY) {
		zval_ptr_dtor(slot);
		array_init(slot);
	}
	SEPARATE_ARRAY(slot);
	return Z_ARRVAL_P(slot);
}

bool tagcache_http_check_value(zend_string *value, const char *what)
{
	const char *p = ZSTR_VAL(value);
	size_t len = ZSTR_LEN(value);
	if (len == 0) {
		tagcache_throw(tagcache_invalid_argument_ce, "%s is empty: it must be a non-empty string", what);
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		if (p[i] == '\r' || p[i] == '\n' || p[i] == '\0') {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "%s \"%.*s\" contains %s at byte %zu: values sent in HTTP headers must not contain CR, LF or NUL",
			               what, (int)MIN(i, 80), p, p[i] == '\r' ? "CR" : p[i] == '\n' ? "LF" : "NUL", i);
			return false;
		}
	}
	return true;
}

void tagcache_register_http(void)
{
	tagcache_http_subscriber_ce = register_class_TagCache_Http_EventSubscriberInterface();
	tagcache_http_event_ce = register_class_TagCache_Http_Event();
	tagcache_http_clear_event_ce = register_class_TagCache_Http_ContentCacheClearEvent(tagcache_http_event_ce);
	tagcache_http_dispatcher_ce = register_class_TagCache_Http_EventDispatcher();
	tagcache_http_relation_listener_ce =
		register_class_TagCache_Http_AbstractRelationListener(tagcache_http_subscriber_ce);
	register_class_TagCache_Http_OwnLocationsListener(tagcache_http_relation_listener_ce);
	register_class_TagCache_Http_ParentLocationsListener(tagcache_http_relation_listener_ce);
	register_class_TagCache_Http_RelatedLocationsListener(tagcache_http_relation_listener_ce);
	register_class_TagCache_Http_ReverseRelatedLocationsListener(tagcache_http_relation_listener_ce);
	tagcache_http_purge_exception_ce =
		register_class_TagCache_Http_PurgeException(spl_ce_RuntimeException, tagcache_exception_ce);
	tagcache_exception_set_code(tagcache_http_purge_exception_ce, TAGCACHE_CODE_PURGE);
	tagcache_http_varnish_ce = register_class_TagCache_Http_VarnishClient();
	tagcache_http_varnish_init(tagcache_http_varnish_ce);
	tagcache_http_purger_ce = register_class_TagCache_Http_Purger();
	tagcache_http_tagger_ce = register_class_TagCache_Http_ResponseTagger();
}
