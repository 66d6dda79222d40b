/* VarnishClient's object layout, shared by varnish.c (queue, options, flush) and
 * varnish_delay.c (delayed second sends). */
#ifndef TAGCACHE_VARNISH_OBJ_H
#define TAGCACHE_VARNISH_OBJ_H

#include "php.h"
#include "zend_smart_str.h"
#include "http/tc_http.h"
#include "http/tc_delay.h"
#include "proxy_common.h"

/* Seconds between a successful send and its second send, when not configured. */
#define TAGCACHE_SECOND_SEND_DEFAULT 2.0

typedef struct {
	tagcache_proxy_list proxies;
	tc_purge_options purge;
	zend_string *host_header;
	zend_string *tags_header;
	tc_send_options send;
	tc_request_list queue;
	double second_delay;     /* seconds; 0 = no second sends */
	tc_delay_queue delayed; /* second sends not yet sent */
	zend_object std;
} varnish_obj;

static inline varnish_obj *varnish_from(zend_object *obj)
{
	return (varnish_obj *)((char *)obj - XtOffsetOf(varnish_obj, std));
}

/* varnish_delay.c */
/* Queues the second send of a request just sent to proxy p. Throws, false (out of memory). */
bool tagcache_varnish_delay_record(varnish_obj *v, const tc_http_request *req, size_t p, double now);
/* Sends the second sends due now; failures added to `failures` / `msg`. false: thrown. */
bool tagcache_varnish_send_due(varnish_obj *v, zval *failures, smart_str *msg, size_t *sent,
                               size_t *failed);
/* Hands pending second sends to a detached process (synchronous send in ZTS builds). */
void tagcache_varnish_delay_handoff(varnish_obj *v);

#endif
