/* Delayed second sends of invalidation requests.
 *
 * Varnish applies a ban (or purge) to the objects in its cache at that moment. A fetch from the
 * origin that started before the ban and ends after it is stored as it came, stale, for its whole
 * lifetime. Sending the same invalidation again `delay` seconds later removes every such object
 * whose fetch ended within the delay. This queue keeps one pending copy per (request, proxy)
 * pair that was sent successfully, coalesces repeats, and sends what is due.
 *
 * Coalescing rule, for a pair first-sent at t1 and again at t2 > t1 while its copy is pending:
 * the copy stays due at t1 + delay (the first ban's window closes on time), and when it is sent
 * at s with t2 + delay > s it is planned once more for t2 + delay, so every first send is
 * followed by a send at least `delay` after it. A burst of N first sends within one delay thus
 * costs two second sends, not N. A send (first or second) at s covers every first send at or
 * before s - delay.
 *
 * Times are CLOCK_MONOTONIC seconds (tc_delay_now): the same clock in every process of the
 * machine, so a detached process can take over the queue. No global state; allocation through
 * tc_alloc only. */
#ifndef TC_DELAY_H
#define TC_DELAY_H

#include <stddef.h>

#include "../tc_map.h"
#include "tc_http.h"

typedef struct {
	tc_http_request req; /* owned copy */
	size_t proxy;        /* index into the sender's proxy list */
	double due;          /* next planned send */
	double last_first;   /* latest first send this copy stands for */
	unsigned failures;   /* failed second sends in a row */
} tc_delay_item;

typedef struct {
	tc_delay_item *items;
	size_t count, cap;
	tc_map index; /* key of (proxy, request) -> item index + 1 */
	/* Set (borrowed) in a forked sender: sends go to these addresses and never call the
	 * resolver; the proxies argument of tc_delay_send_due is then unused. */
	const tc_resolved *resolved;
} tc_delay_queue;

double tc_delay_now(void);
/* Sleeps until the monotonic clock reaches `until` (returns at once when it has). */
void tc_delay_sleep_until(double until);

void tc_delay_init(tc_delay_queue *q);
void tc_delay_free(tc_delay_queue *q);

/* Records a successful first send of req to proxy at `now` (see the rule above). */
tc_status tc_delay_add(tc_delay_queue *q, const tc_http_request *req, size_t proxy, double now,
                       double delay, tc_err *err);

/* The earliest due time, or -1 when nothing is pending. */
double tc_delay_next_due(const tc_delay_queue *q);

/* Called for each failed second send (item->failures already counted), before any item moves. */
typedef void (*tc_delay_failure_cb)(void *ud, const tc_delay_item *item, const tc_send_result *res);

/* Sends every copy due at `now` (all at once, tc_http_send_pairs). A success is dropped, or
 * planned again per the rule; a failure stays queued (for a retry) and is reported through cb.
 * *sent / *failed count (request, proxy) pairs. An error only when nothing could be sent. */
tc_status tc_delay_send_due(tc_delay_queue *q, const tc_send_options *opts, const tc_proxy *proxies,
                            size_t nproxies, double now, double delay, size_t *sent, size_t *failed,
                            tc_delay_failure_cb cb, void *ud, tc_err *err);

/* For a sender that cannot keep failures forever: copies that failed max_failures times are
 * dropped, other failed ones are planned again at `at`. Returns how many were dropped. */
size_t tc_delay_reschedule_failed(tc_delay_queue *q, double at, unsigned max_failures);

#endif
