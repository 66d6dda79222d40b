/* TagCache\Bus\Node's object layout and the functions its files share: node.c (object,
 * poll), node_options.c (constructor, options), node_apply.c (messages to caches and proxies),
 * node_send.c (purges to the proxies, one parallel send per poll), node_outbox.c (per-proxy
 * outboxes of failed purges). */
#ifndef TAGCACHE_BUS_NODE_OBJ_H
#define TAGCACHE_BUS_NODE_OBJ_H

#include "php.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "bus.h"

/* One proxy: its own VarnishClient, so a failure always belongs to exactly one proxy. */
typedef struct {
	zend_string *name; /* "host:port" as configured; the outbox key's suffix */
	zval client;       /* TagCache\Http\VarnishClient */
	bool waiting;      /* the outbox may hold purges: new ones queue behind them */
	uint64_t attempts; /* failed retries in a row (mirrors the outbox state in Redis) */
	uint64_t next_ms;  /* when the next retry is due (wall clock ms) */
} tagcache_node_proxy;

typedef struct {
	zend_long applied, gaps, gap_flushes, gap_bans, redelivered, purges_sent, purges_outboxed,
		purges_delivered, purges_dropped, errors;
} tagcache_node_stats;

/* The purges of one run of entries, queued per proxy until they are sent together (node_send.c). */
typedef struct tagcache_node_batch tagcache_node_batch;

typedef struct {
	bool ready;           /* the constructor ran to the end */
	bool busy;            /* inside poll() / retryOutbox(): a cache's PHP code may not re-enter */
	bool group_ready;     /* the consumer group was ensured on this connection's server */
	bool join_flush_due;  /* the group was created on a stream holding entries: flush once */
	bool read_pending;    /* re-read own unacknowledged entries on the next poll */
	bool outbox_loaded;   /* the proxies' outbox states were read from Redis */
	bool gap_ban;         /* on a gap, ban everything on the proxies too (option gapBan) */
	zval bus;             /* TagCache\Bus\Bus (a reference held) */
	zval manager;         /* TagCache\CacheManager or IS_UNDEF */
	zend_string *name;
	HashTable sources;    /* application => array of cache ids (keys), or NULL value for "*" */
	zend_long batch_size;
	double retry_delay, max_retry_delay, max_age; /* seconds */
	tagcache_node_proxy *proxies;
	size_t nproxies;
	tagcache_node_stats stats;
	tagcache_node_batch *batch; /* inside poll()'s processing of entries: where purges queue */
	zend_object std;
} tagcache_node_obj;

static inline tagcache_node_obj *tagcache_node_from_obj(zend_object *obj)
{
	return (tagcache_node_obj *)((char *)obj - XtOffsetOf(tagcache_node_obj, std));
}

/* Wall clock in ms (outbox scores are compared across processes and servers). */
uint64_t tagcache_node_now_ms(void);

/* node_apply.c ----------------------------------------------------------------------------- */

/* apply_batch's results. */
#define TAGCACHE_NODE_APPLIED 1  /* every message applied (or outboxed for a proxy) */
#define TAGCACHE_NODE_SKIPPED 0  /* the application is not in the sources: nothing to do */
#define TAGCACHE_NODE_FAILED -1  /* a cache threw (or Redis failed outboxing): keep the entry */
#define TAGCACHE_NODE_ABORT -2   /* exit() in a cache's code: EG(exception) is left set */

/* Applies one decoded batch. On FAILED the exception is kept in *cause (the first one; later
 * ones released). Proxy failures go to the outboxes and do not fail the entry. Messages a
 * proxy cannot take at all (an invalid tag) add a line to `warnings` and are dropped. */
int tagcache_node_apply_batch(tagcache_node_obj *n, tagcache_bus_obj *bus, const tc_bus_batch *b,
	zend_object **cause, zval *warnings);

/* Flushes every cache the sources reach, persistent ones too (a gap: any may be stale), and
 * counts them in gapFlushes. Returns an apply_batch result (never SKIPPED). */
int tagcache_node_flush_reached(tagcache_node_obj *n, zend_object **cause);

/* After a gap: a ban of every page (banPath(".*")) to every proxy, sent or queued in its
 * outbox like any purge, counted in gapBans: the purges the lost entries held are unknown.
 * Returns an apply_batch result (never SKIPPED). */
int tagcache_node_ban_all(tagcache_node_obj *n, tagcache_bus_obj *bus, zend_object **cause, zval *warnings);

/* Moves the pending exception into *cause (kept when none is, else released). false when it
 * is exit() unwinding: that one stays pending and the caller stops. */
bool tagcache_node_catch(zend_object **cause);

/* node_send.c ------------------------------------------------------------------------------ */

/* tagcache_node_send's and tagcache_node_batch_queue's results. */
#define TAGCACHE_NODE_SENT 1        /* sent (queued: will be sent or outboxed by the batch) */
#define TAGCACHE_NODE_SEND_FAILED 0 /* unreachable, error status, timeout: worth retrying */
#define TAGCACHE_NODE_INVALID -1    /* the proxy client refused the message itself: never sendable */

/* Sends one message to proxy p at once. Never leaves an exception behind; on INVALID the
 * reason is appended to `warnings`. */
int tagcache_node_send(tagcache_node_obj *n, tagcache_node_proxy *p, const tc_bus_msg *m, zval *warnings);

/* A new, empty batch for this node's proxies. */
tagcache_node_batch *tagcache_node_batch_new(tagcache_node_obj *n);
/* The stream entry (its index in the caller's read) the next queued messages come from. */
void tagcache_node_batch_entry(tagcache_node_batch *b, size_t entry);
/* Queues m on proxy p (whose outbox is empty) for the batch's send. *encoded: the caller's
 * flag for m, false before its first proxy (the message is kept once for all proxies).
 * SENT or INVALID (as tagcache_node_send). */
int tagcache_node_batch_queue(tagcache_node_obj *n, tagcache_node_batch *b, tagcache_node_proxy *p, const tc_bus_msg *m,
	bool *encoded, zval *warnings);
/* Sends every proxy's queue at once, in parallel, the tag and location clears merged into as
 * few requests as fit; a proxy that failed (or whose outbox filled meanwhile) gets all its
 * messages of the batch in its outbox, in order. Messages a proxy refuses (a value breaking the
 * tag rule) add a line to `warnings`, count in errors and are dropped. Counts purgesSent and
 * purgesOutboxed. When Redis fails to take them, bad[entry] is set for each entry those
 * messages came from (bad may be NULL), the first error kept in *cause, and FAILED returned.
 * Frees the batch. Runs no user code, so it may run while exit() unwinds. */
int tagcache_node_batch_flush(tagcache_node_obj *n, tagcache_bus_obj *bus, tagcache_node_batch *b, bool *bad, zend_object **cause,
	zval *warnings);

/* node_outbox.c ---------------------------------------------------------------------------- */

/* Puts message m in proxy p's outbox. false: Redis failed, err says why. */
bool tagcache_node_outbox_add(tagcache_node_obj *n, tagcache_bus_obj *bus, tagcache_node_proxy *p,
	const tc_bus_msg *m, tc_err *err);
/* Puts encoded messages in proxy p's outbox, in the order given. false: Redis failed. */
bool tagcache_node_outbox_add_members(tagcache_node_obj *n, tagcache_bus_obj *bus, tagcache_node_proxy *p, size_t count,
	const char *const *members, const size_t *lens, tc_err *err);

/* Reads the outbox states of this node's proxies from Redis (once per connection). */
bool tagcache_node_outbox_load(tagcache_node_obj *n, tagcache_bus_obj *bus, tc_err *err);

/* Retries the outboxes: all of them (force) or those due. Adds the delivered count to
 * *delivered; warnings (purges dropped after maxAge) are appended to the array `warnings`,
 * for the caller to raise once no more PHP code of its own runs. false: Redis failed, err
 * says why. */
bool tagcache_node_outbox_retry(tagcache_node_obj *n, tagcache_bus_obj *bus, bool force,
	zend_long *delivered, zval *warnings, tc_err *err);

#endif
