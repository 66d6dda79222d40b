/* The queue of delayed second sends (see tc_delay.h for the why and the coalescing rule). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "tc_delay.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../tc_alloc.h"
#include "tc_http_int.h"

double tc_delay_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void tc_delay_sleep_until(double until)
{
	for (;;) {
		double left = until - tc_delay_now();
		if (left <= 0) {
			return;
		}
		struct timespec ts;
		ts.tv_sec = (time_t)left;
		ts.tv_nsec = (long)((left - (double)ts.tv_sec) * 1e9);
		if (nanosleep(&ts, NULL) != 0 && errno != EINTR) {
			return;
		}
	}
}

void tc_delay_init(tc_delay_queue *q)
{
	memset(q, 0, sizeof(*q));
	tc_map_init(&q->index);
}

void tc_delay_free(tc_delay_queue *q)
{
	for (size_t i = 0; i < q->count; i++) {
		tc_req_free(&q->items[i].req);
	}
	tc_free(q->items);
	tc_map_destroy(&q->index, NULL);
	tc_delay_init(q);
}

/* "<proxy>\0<request key>": identical requests to the same proxy share one copy. */
static char *dl_key(const tc_http_request *req, size_t proxy, size_t *len)
{
	size_t rlen = 0;
	char *rkey = tc_req_key(req, &rlen);
	if (!rkey) {
		return NULL;
	}
	char head[32];
	int hlen = snprintf(head, sizeof(head), "%zu", proxy) + 1;
	char *key = tc_malloc((size_t)hlen + rlen);
	if (key) {
		memcpy(key, head, (size_t)hlen);
		memcpy(key + hlen, rkey, rlen);
		*len = (size_t)hlen + rlen;
	}
	tc_free(rkey);
	return key;
}

/* After items moved: the index maps keys to positions again. A failure only costs coalescing
 * (a copy may be sent twice), never a send. */
static void dl_reindex(tc_delay_queue *q)
{
	tc_map_destroy(&q->index, NULL);
	tc_map_init(&q->index);
	for (size_t i = 0; i < q->count; i++) {
		size_t klen;
		char *key = dl_key(&q->items[i].req, q->items[i].proxy, &klen);
		int created;
		tc_map_node *n = key ? tc_map_upsert(&q->index, key, klen, &created) : NULL;
		if (n) {
			n->value = (void *)(uintptr_t)(i + 1);
		}
		tc_free(key);
	}
}

tc_status tc_delay_add(tc_delay_queue *q, const tc_http_request *req, size_t proxy, double now,
	double delay, tc_err *err)
{
	size_t klen = 0;
	char *key = dl_key(req, proxy, &klen);
	if (!key) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory queueing a second send");
	}
	tc_map_node *n = tc_map_find(&q->index, key, klen);
	if (n) {
		tc_delay_item *it = &q->items[(uintptr_t)n->value - 1];
		tc_free(key);
		if (it->last_first + delay <= now) {
			/* this first send already covers everything the copy stood for */
			it->due = now + delay;
			it->failures = 0;
		}
		it->last_first = now;
		return TC_OK;
	}
	if (q->count == q->cap) {
		size_t cap = q->cap ? q->cap * 2 : 8;
		tc_delay_item *items = tc_realloc(q->items, cap * sizeof(*items));
		if (!items) {
			tc_free(key);
			return tc_err_set(err, TC_ERR_NOMEM, "out of memory queueing a second send");
		}
		q->items = items;
		q->cap = cap;
	}
	tc_delay_item *it = &q->items[q->count];
	memset(it, 0, sizeof(*it));
	if (tc_req_copy(&it->req, req) != 0) {
		tc_free(key);
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory queueing a second send");
	}
	it->proxy = proxy;
	it->due = now + delay;
	it->last_first = now;
	q->count++;
	int created;
	n = tc_map_upsert(&q->index, key, klen, &created);
	if (n) {
		n->value = (void *)(uintptr_t)q->count;
	}
	tc_free(key);
	return TC_OK;
}

double tc_delay_next_due(const tc_delay_queue *q)
{
	double next = -1;
	for (size_t i = 0; i < q->count; i++) {
		if (next < 0 || q->items[i].due < next) {
			next = q->items[i].due;
		}
	}
	return next;
}

tc_status tc_delay_send_due(tc_delay_queue *q, const tc_send_options *opts, const tc_proxy *proxies,
	size_t nproxies, double now, double delay, size_t *sent, size_t *failed, tc_delay_failure_cb cb,
	void *ud, tc_err *err)
{
	*sent = *failed = 0;
	size_t ndue = 0;
	for (size_t i = 0; i < q->count; i++) {
		ndue += q->items[i].due <= now;
	}
	if (ndue == 0) {
		return TC_OK;
	}
	/* The requests are borrowed (shallow copies): the items own them until the run is over. */
	tc_http_request *reqs = tc_calloc(ndue, sizeof(*reqs));
	tc_send_pair *pairs = tc_calloc(ndue, sizeof(*pairs));
	size_t *which = tc_calloc(ndue, sizeof(*which));
	tc_send_result *results = tc_calloc(ndue, sizeof(*results));
	tc_status st = TC_OK;
	if (!reqs || !pairs || !which || !results) {
		st = tc_err_set(err, TC_ERR_NOMEM, "out of memory sending second sends");
		goto done;
	}
	size_t n = 0;
	for (size_t i = 0; i < q->count; i++) {
		if (q->items[i].due <= now) {
			reqs[n] = q->items[i].req;
			pairs[n].request = n;
			pairs[n].proxy = q->items[i].proxy;
			which[n++] = i;
		}
	}
	st = q->resolved ? tc_http_send_pairs_resolved(opts, q->resolved, reqs, pairs, n, results, err)
	                 : tc_http_send_pairs(opts, proxies, nproxies, reqs, pairs, n, results, err);
	if (st != TC_OK) {
		goto done;
	}
	for (size_t k = 0; k < n; k++) {
		tc_delay_item *it = &q->items[which[k]];
		if (results[k].outcome == TC_SEND_OK) {
			(*sent)++;
			it->failures = 0;
			/* sent at or after now: covers first sends up to now - delay */
			it->due = it->last_first + delay <= now ? -1 : it->last_first + delay;
		} else {
			(*failed)++;
			it->failures++;
			if (cb) {
				cb(ud, it, &results[k]);
			}
		}
	}
	size_t kept = 0;
	for (size_t i = 0; i < q->count; i++) {
		if (q->items[i].due < 0) {
			tc_req_free(&q->items[i].req);
		} else {
			q->items[kept++] = q->items[i];
		}
	}
	if (kept != q->count) {
		q->count = kept;
		dl_reindex(q);
	}
done:
	tc_free(reqs);
	tc_free(pairs);
	tc_free(which);
	tc_free(results);
	return st;
}

size_t tc_delay_reschedule_failed(tc_delay_queue *q, double at, unsigned max_failures)
{
	size_t kept = 0, dropped = 0;
	for (size_t i = 0; i < q->count; i++) {
		tc_delay_item *it = &q->items[i];
		if (it->failures >= max_failures) {
			tc_req_free(&it->req);
			dropped++;
			continue;
		}
		if (it->failures > 0) {
			it->due = at;
		}
		q->items[kept++] = *it;
	}
	if (dropped) {
		q->count = kept;
		dl_reindex(q);
	}
	return dropped;
}
