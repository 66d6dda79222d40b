/* Smart HTTP cache clearing: class entries, object layouts and helpers shared by the ext/http
 * sources. */
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
extern zend_class_entry *tagcache_http_nginx_ce;

void tagcache_register_http(void);
/* Reaps the second-send processes this process forked that have ended, without blocking
 * (varnish_delay.c): at every hand-off, RSHUTDOWN and (then forgetting the rest) MSHUTDOWN. */
void tagcache_varnish_reap_senders(void);
void tagcache_varnish_senders_shutdown(void);
/* VarnishClient's object handlers (varnish.c), NginxClient's (nginx.c). */
void tagcache_http_varnish_init(zend_class_entry *ce);
void tagcache_http_nginx_init(zend_class_entry *ce);

/* The HTTP classes keep their state in C structs (zend_object std last), never in properties
 * user code could rewrite through Reflection, unserialize() or a bound closure. */

/* Event and ContentCacheClearEvent (one layout: a plain Event leaves the rest empty). */
typedef struct {
	bool stopped;
	zval content;        /* ContentCacheClearEvent: the changed content */
	HashTable locations; /* location id (always a string key) => true, in the order added */
	HashTable tags;      /* tag (string key) => true, in the order added */
	zend_object std;
} tagcache_event_obj;

static inline tagcache_event_obj *tagcache_event_from_obj(zend_object *obj)
{
	return (tagcache_event_obj *)((char *)obj - XtOffsetOf(tagcache_event_obj, std));
}

/* The locations and tags a ContentCacheClearEvent collected, as two fresh lists of strings. */
void tagcache_http_event_sets(zend_object *event, zval *locations, zval *tags);

/* Object handlers, set up once at registration: Event and the relation listeners (event.c),
 * EventDispatcher (dispatcher.c), Purger (purger.c), ResponseTagger (tagger.c). */
void tagcache_http_event_init(zend_class_entry *event_ce);
void tagcache_http_relation_init(zend_class_entry *ce);
void tagcache_http_dispatcher_init(zend_class_entry *ce);
void tagcache_http_purger_init(zend_class_entry *ce);
void tagcache_http_tagger_init(zend_class_entry *ce);

/* The slot of a declared property of `scope` in obj. Only PurgeException uses it: an exception
 * keeps its state in properties like every Throwable, and getFailures() accepts any value there. */
zval *tagcache_http_prop(zend_object *obj, zend_class_entry *scope, const char *name);

/* Checks one value that will travel in an HTTP header: a non-empty string without CR, LF or
 * NUL. `what` names it in the message ("Tag", "Location id"). Throws and returns false. */
bool tagcache_http_check_value(zend_string *value, const char *what);
/* The tag rule (tc_http_check_tag): no comma, whitespace or NUL. Throws and returns false. */
bool tagcache_http_check_tag(zend_string *value, const char *what);

/* VarnishClient's queue, shared with Purger (varnish.c). Each throws and returns
 * false / -1 on failure. */
bool tagcache_varnish_queue_values(zend_object *client, HashTable *values, bool locations);
bool tagcache_varnish_queue_ban_path(zend_object *client, zend_string *regex,
                                     zend_string *content_type, HashTable *hosts);
zend_long tagcache_varnish_flush(zend_object *client, bool keep_failed);
/* Delayed second sends (varnish_delay.c): flushDelayed(), getDelayedCount(), the delay. */
zend_long tagcache_varnish_flush_delayed(zend_object *client, bool wait);
zend_long tagcache_varnish_delayed_count(zend_object *client);
bool tagcache_varnish_set_delay(zend_object *client, double delay);
bool tagcache_varnish_parse_delay(zval *val, const char *owner, double *out);

#endif
