/* Registers the TagCache\Http classes (stubs/http.stub.php) and holds the shared helpers. */
#include "http.h"
#include "exceptions.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "ext/spl/spl_exceptions.h"
#include "http_arginfo.h"
#include "http/tc_http.h"

zend_class_entry *tagcache_http_subscriber_ce;
zend_class_entry *tagcache_http_event_ce;
zend_class_entry *tagcache_http_clear_event_ce;
zend_class_entry *tagcache_http_dispatcher_ce;
zend_class_entry *tagcache_http_relation_listener_ce;
zend_class_entry *tagcache_http_purge_exception_ce;
zend_class_entry *tagcache_http_varnish_ce;
zend_class_entry *tagcache_http_purger_ce;
zend_class_entry *tagcache_http_tagger_ce;
zend_class_entry *tagcache_http_nginx_ce;

zval *tagcache_http_prop(zend_object *obj, zend_class_entry *scope, const char *name)
{
	zend_property_info *info = zend_hash_str_find_ptr(&scope->properties_info, name, strlen(name));
	ZEND_ASSERT(info && !(info->flags & ZEND_ACC_STATIC));
	return OBJ_PROP(obj, info->offset);
}

bool tagcache_http_check_value(zend_string *value, const char *what)
{
	/* The core's rule and message, so a value is judged the same here and in src/http/. */
	tc_err err;
	tc_err_clear(&err);
	if (tc_http_check_value((tc_str){ZSTR_VAL(value), ZSTR_LEN(value)}, what, 0, &err) != TC_OK) {
		tagcache_throw_err(&err);
		return false;
	}
	return true;
}

bool tagcache_http_check_tag(zend_string *value, const char *what)
{
	/* The one tag rule of src/http/ (location ids follow it too: they travel as tags). */
	tc_err err;
	tc_err_clear(&err);
	if (tc_http_check_tag((tc_str){ZSTR_VAL(value), ZSTR_LEN(value)}, what, &err) != TC_OK) {
		tagcache_throw_err(&err);
		return false;
	}
	return true;
}

void tagcache_register_http(void)
{
	tagcache_http_subscriber_ce = register_class_TagCache_Http_EventSubscriberInterface();
	tagcache_http_event_ce = register_class_TagCache_Http_Event();
	tagcache_http_event_init(tagcache_http_event_ce);
	tagcache_http_clear_event_ce = register_class_TagCache_Http_ContentCacheClearEvent(tagcache_http_event_ce);
	tagcache_http_dispatcher_ce = register_class_TagCache_Http_EventDispatcher();
	tagcache_http_dispatcher_init(tagcache_http_dispatcher_ce);
	tagcache_http_relation_listener_ce =
		register_class_TagCache_Http_AbstractRelationListener(tagcache_http_subscriber_ce);
	tagcache_http_relation_init(tagcache_http_relation_listener_ce);
	register_class_TagCache_Http_OwnLocationsListener(tagcache_http_relation_listener_ce);
	register_class_TagCache_Http_ParentLocationsListener(tagcache_http_relation_listener_ce);
	register_class_TagCache_Http_RelatedLocationsListener(tagcache_http_relation_listener_ce);
	register_class_TagCache_Http_ReverseRelatedLocationsListener(tagcache_http_relation_listener_ce);
	tagcache_http_purge_exception_ce =
		register_class_TagCache_Http_PurgeException(spl_ce_RuntimeException, tagcache_exception_ce);
	tagcache_exception_set_code(tagcache_http_purge_exception_ce, TAGCACHE_CODE_PURGE);
	tagcache_http_varnish_ce = register_class_TagCache_Http_VarnishClient();
	tagcache_http_varnish_init(tagcache_http_varnish_ce);
	tagcache_http_nginx_ce = register_class_TagCache_Http_NginxClient();
	tagcache_http_nginx_init(tagcache_http_nginx_ce);
	tagcache_http_purger_ce = register_class_TagCache_Http_Purger();
	tagcache_http_purger_init(tagcache_http_purger_ce);
	tagcache_http_tagger_ce = register_class_TagCache_Http_ResponseTagger();
	tagcache_http_tagger_init(tagcache_http_tagger_ce);
}
