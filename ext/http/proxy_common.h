/* What VarnishClient (varnish.c) and NginxClient (nginx.c) share: the proxies they are
 * given, the sending options, one send of the queue to every proxy, and a flush's failures
 * raised together as one PurgeException. The owner's class name goes into each message. */
#ifndef TAGCACHE_PROXY_COMMON_H
#define TAGCACHE_PROXY_COMMON_H

#include "php.h"
#include "zend_smart_str.h"
#include "http/tc_http.h"

typedef struct {
	tc_proxy *items;     /* NULL until constructed: the "not constructed" test */
	zend_string **names; /* "host:port" for messages; items[i].host points into hosts[i] */
	char **hosts;
	size_t count;
} tagcache_proxy_list;

/* Fills the list from the constructor's array: "host:port", "[v6]:port" or
 * "http://host:port[/]", port 80 by default. `what` starts the message about one bad
 * proxy ("Proxy", "NginxClient proxy"); plain_http_only refuses other schemes with their
 * own message. Throws and returns false (also when already constructed). */
bool tagcache_proxy_list_parse(tagcache_proxy_list *list, HashTable *specs, const char *owner,
                               const char *what, bool plain_http_only);
void tagcache_proxy_list_free(tagcache_proxy_list *list);

/* Defaults, then the options "connectTimeout", "timeout" and "maxConnections".
 * tagcache_send_option: 1 taken, 0 thrown, -1 not a sending option. */
void tagcache_send_options_init(tc_send_options *send);
int tagcache_send_option(tc_send_options *send, zend_string *key, zval *val, const char *owner);

/* Whether a result counts as delivered (the owner may note it, e.g. for a second send).
 * Runs after the whole run, for every (request, proxy) in order. */
typedef bool (*tagcache_delivered_fn)(void *ctx, const tc_http_request *req, size_t proxy,
                                      const tc_send_result *res);

/* Sends the queue to every proxy. Each failure goes into failures / msg; a request that
 * failed anywhere counts in *failed_requests and, with keep_failed, stays queued for the
 * next flush; the rest leave the queue. false: thrown (the queue untouched). */
bool tagcache_proxy_send_queue(const tc_send_options *send, const tagcache_proxy_list *proxies,
                               tc_request_list *queue, bool keep_failed, tagcache_delivered_fn delivered,
                               void *ctx, zval *failures, smart_str *msg, size_t *failed_requests);

/* One failure entry of a PurgeException (and its part of the message, for the first five);
 * `delayed` marks a second send. */
void tagcache_purge_add_failure(zval *failures, smart_str *msg, const tc_http_request *req,
                                zend_string *proxy, const tc_send_result *res, bool delayed);

/* Throws PurgeException "<head> (N failures[, kept for the next flush()])<msg>", taking over
 * the failures and freeing msg. */
void tagcache_purge_throw(const char *head, bool kept, zval *failures, smart_str *msg);

#endif
