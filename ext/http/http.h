/* Smart HTTP cache clearing: class entries and helpers shared by the ext/http/*.c files. */
#ifndef TAGCACHE_HTTP_H
#define TAGCACHE_HTTP_H

#include "php.h"

extern zend_class_entry *tagcache_http_subscriber_ce;
extern zend_class_entry *tagcache_http_event_ce;
extern zend_class_entry *tagcache_http_clear_event_ce;
extern zend_class_entry *tagcache_http_dispatcher_ce;
extern zend_class_entry *tagcache_http_relation_listener_ce;
extern zend_class_entry *tagcache_http_purge_exception_ce;
extern zend_class_entry *tagcache_http_varnish_ce;
extern zend_class_entry *tagcache_http_purger_ce;
extern zend_class_entry *tagcache_http_tagger_ce;

void tagcache_register_http(void);
/* VarnishClient's object handlers (http_varnish.c). */
void tagcache_http_varnish_init(zend_class_entry *ce);

/* The slot of a declared property of `scope` in obj: state of the HTTP classes lives in private
 * typed properties (declared in the stub), so the engine's GC and var_dump see it. */
zval *tagcache_http_prop(zend_object *obj, zend_class_entry *scope, const char *name);
/* The same slot, separated and ready to be changed in place (arrays). */
HashTable *tagcache_http_prop_array(zend_object *obj, zend_class_entry *scope, const char *name);

/* Checks one value that will travel in an HTTP header: a non-empty string without CR, LF or
 * NUL. `what` names it in the message ("Tag", "Location id"). Throws and returns false. */
bool tagcache_http_check_value(zend_string *value, const char *what);
/* The tag rule (tc_http_check_tag): no comma, whitespace or NUL. Throws and returns false. */
bool tagcache_http_check_tag(zend_string *value, const char *what);

/* VarnishClient's queue, shared with Purger (http_varnish.c). Each throws and returns
 * false / -1 on failure. */
bool tagcache_varnish_queue_values(zend_object *client, HashTable *values, bool locations);
bool tagcache_varnish_queue_ban_path(zend_object *client, zend_string *regex,
                                     zend_string *content_type, HashTable *hosts);
zend_long tagcache_varnish_flush(zend_object *client, bool keep_failed);

#endif
