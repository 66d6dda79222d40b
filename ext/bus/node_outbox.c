/* The node's side of the per-proxy outboxes: keeping the purges that failed in the proxy's
 * outbox in Redis, and retrying them in order (one message at a time, node_send.c) with a
 * delay doubled per failure, dropping (and reporting) those older than maxAge. */
#include <inttypes.h>

#include "node_obj.h"
#include "exceptions.h"
#include "tc_alloc.h"

/* Retry delay after `attempts` failures in a row: retryDelay doubled each time, capped. */
static uint64_t backoff_ms(tagcache_node_obj *n, uint64_t attempts)
{
	double d = n->retry_delay;
	for (uint64_t i = 0; i < attempts && d < n->max_retry_delay; i++) {
		d *= 2;
	}
	if (d > n->max_retry_delay) {
		d = n->max_retry_delay;
	}
	return (uint64_t)(d * 1000 + 0.5);
}

bool tagcache_node_outbox_add_members(tagcache_node_obj *n, tagcache_bus_obj *bus, tagcache_node_proxy *p, size_t count,
                                      const char *const *members, const size_t *lens, tc_err *err)
{
	/* The core keeps members in the order they were added (behind the outbox's last). */
	uint64_t now = tagcache_node_now_ms();
	if (tc_bus_outbox_add(&bus->stream, ZSTR_VAL(p->name), count, members, lens, now, err) != TC_OK) {
		return false;
	}
	if (!p->waiting || p->next_ms == 0) {
		/* The first purge waiting: the first retry is retryDelay from now. */
		p->waiting = true;
		p->attempts = 0;
		p->next_ms = now + backoff_ms(n, 0);
		if (tc_bus_outbox_state_set(&bus->stream, ZSTR_VAL(p->name), p->attempts, p->next_ms, err) != TC_OK) {
			return false;
		}
	}
	return true;
}

bool tagcache_node_outbox_add(tagcache_node_obj *n, tagcache_bus_obj *bus, tagcache_node_proxy *p, const tc_bus_msg *m, tc_err *err)
{
	char *member = NULL;
	size_t len = 0;
	if (tc_bus_msg_encode(m, &member, &len, err) != TC_OK) {
		return false;
	}
	const char *members[1] = {member};
	bool ok = tagcache_node_outbox_add_members(n, bus, p, 1, members, &len, err);
	tc_free(member);
	return ok;
}

bool tagcache_node_outbox_load(tagcache_node_obj *n, tagcache_bus_obj *bus, tc_err *err)
{
	tc_bus_outbox_info *infos = NULL;
	size_t count = 0;
	if (tc_bus_outbox_list(&bus->stream, &infos, &count, err) != TC_OK) {
		return false;
	}
	for (size_t i = 0; i < n->nproxies; i++) {
		tagcache_node_proxy *p = &n->proxies[i];
		p->waiting = false;
		p->attempts = 0;
		p->next_ms = 0;
		for (size_t j = 0; j < count; j++) {
			if (infos[j].proxy && strcmp(infos[j].proxy, ZSTR_VAL(p->name)) == 0) {
				p->waiting = infos[j].size > 0;
				p->attempts = infos[j].attempts;
				p->next_ms = infos[j].next_ms;
			}
		}
	}
	tc_bus_outbox_infos_free(infos, count);
	n->outbox_loaded = true;
	return true;
}

#define PEEK_BATCH 100
/* A poll delivers at most this many purges per proxy, so a long backlog never holds the
 * node's own messages up for long; retryOutbox() delivers everything. */
#define POLL_DELIVERY_CAP 1000

/* Sends the outbox of p oldest first, stopping at the first failure. false: Redis failed. */
static bool drain(tagcache_node_obj *n, tagcache_bus_obj *bus, tagcache_node_proxy *p, bool force, zend_long *delivered, zval *warnings,
                  tc_err *err)
{
	tc_bus_stream *s = &bus->stream;
	const char *proxy = ZSTR_VAL(p->name);
	uint64_t now = tagcache_node_now_ms();
	uint64_t max_age_ms = (uint64_t)(n->max_age * 1000 + 0.5);
	uint64_t dropped = 0;
	if (now > max_age_ms) {
		if (tc_bus_outbox_expire(s, proxy, now - max_age_ms, &dropped, err) != TC_OK) {
			return false;
		}
	}
	if (dropped) {
		n->stats.purges_dropped += (zend_long)dropped;
		add_next_index_str(warnings,
		                   zend_strpprintf(0, "TagCache\\Bus\\Node \"%s\": %" PRIu64 " purge%s waiting for proxy %s longer than maxAge (%g s) dropped (kept in %s:dead:%s)",
		                                   ZSTR_VAL(n->name), dropped, dropped == 1 ? "" : "s", proxy, n->max_age, s->stream, proxy));
	}
	size_t sent_total = 0;
	for (;;) {
		tc_bus_outbox_item *items = NULL;
		size_t count = 0;
		if (tc_bus_outbox_peek(s, proxy, PEEK_BATCH, &items, &count, err) != TC_OK) {
			return false;
		}
		if (count == 0) {
			tc_bus_outbox_items_free(items, count);
			p->waiting = false;
			if (p->attempts || p->next_ms) {
				p->attempts = 0;
				p->next_ms = 0;
				return tc_bus_outbox_state_set(s, proxy, 0, 0, err) == TC_OK;
			}
			return true;
		}
		const char **done = safe_emalloc(count, sizeof(char *), 0);
		size_t *lens = safe_emalloc(count, sizeof(size_t), 0);
		size_t ndone = 0;
		bool failed = false;
		for (size_t i = 0; i < count; i++) {
			tc_bus_msg m;
			tc_err derr;
			tc_err_clear(&derr);
			int rc;
			if (tc_bus_msg_decode(items[i].member, items[i].len, &m, &derr) != TC_OK) {
				n->stats.errors++;
				add_next_index_str(warnings, zend_strpprintf(0, "TagCache\\Bus\\Node \"%s\": an outbox member of proxy %s is corrupt (%s) and was removed",
				                                             ZSTR_VAL(n->name), proxy, derr.msg));
				rc = TAGCACHE_NODE_INVALID;
			} else {
				rc = tagcache_node_send(n, p, &m, warnings);
				tc_bus_msg_free(&m);
			}
			if (rc == TAGCACHE_NODE_SEND_FAILED) {
				failed = true;
				break;
			}
			if (rc == TAGCACHE_NODE_SENT) {
				(*delivered)++;
				n->stats.purges_delivered++;
			}
			done[ndone] = items[i].member;
			lens[ndone++] = items[i].len;
		}
		tc_status st = ndone ? tc_bus_outbox_remove(s, proxy, ndone, done, lens, err) : TC_OK;
		efree(done);
		efree(lens);
		tc_bus_outbox_items_free(items, count);
		if (st != TC_OK) {
			return false;
		}
		sent_total += ndone;
		if (failed) {
			p->attempts++;
			p->next_ms = tagcache_node_now_ms() + backoff_ms(n, p->attempts);
			return tc_bus_outbox_state_set(s, proxy, p->attempts, p->next_ms, err) == TC_OK;
		}
		if (!force && sent_total >= POLL_DELIVERY_CAP) {
			return true; /* still waiting and due: the next poll goes on */
		}
	}
}

bool tagcache_node_outbox_retry(tagcache_node_obj *n, tagcache_bus_obj *bus, bool force, zend_long *delivered, zval *warnings, tc_err *err)
{
	uint64_t now = tagcache_node_now_ms();
	for (size_t i = 0; i < n->nproxies; i++) {
		tagcache_node_proxy *p = &n->proxies[i];
		if (!force && (!p->waiting || p->next_ms > now)) {
			continue;
		}
		if (!drain(n, bus, p, force, delivered, warnings, err)) {
			return false;
		}
	}
	return true;
}
