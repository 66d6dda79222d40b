/* The fleet bus core: the message format (tc_bus_codec.c), the stream of published batches
 * and the nodes' consumer groups (tc_bus_stream.c), and the per-proxy outboxes of failed
 * purges (tc_bus_outbox.c). Plain C over tc_redis_link; ext/bus/ builds the PHP classes on it.
 *
 * Keys (one server or one database; cluster links are refused): the stream is <stream>;
 * a node is a consumer group of it named after the node, with one consumer of the same name,
 * so a restarted node finds its unacknowledged messages; outbox of a proxy:
 * <stream>:outbox:<proxy> (sorted set: member = one encoded message, score = ms of the first
 * failure * 1024, raised above the set's top score so the order is the order of the failures:
 * see tc_bus_outbox.c), <stream>:outbox-state (hash: proxy => "attempts next_ms dropped"),
 * <stream>:dead:<proxy> (list of dropped members, newest first, capped at 1000).
 *
 * Memory handed out ("malloc'd" below) comes from tc_malloc (tc_alloc.h): free it with the
 * matching *_free function or tc_free. */
#ifndef TC_BUS_H
#define TC_BUS_H

#include <stddef.h>
#include <stdint.h>

#include "../tc_status.h"
#include "../tc_strlist.h"
#include "../backend/redis_conn.h"

/* ---------------------------------------------------------------- messages (tc_bus_codec.c) */

typedef enum {
	TC_BUS_FLUSH_ALL = 1,   /* persistent: also persistent caches */
	TC_BUS_FLUSH_CACHE,     /* cache */
	TC_BUS_FLUSH_TAGS,      /* args = tags; cache or none (all caches); reaches proxies too */
	TC_BUS_REMOVE,          /* cache, entry */
	TC_BUS_PURGE_TAGS,      /* args = tags (proxies only) */
	TC_BUS_PURGE_LOCATIONS, /* args = location ids */
	TC_BUS_PURGE_URLS,      /* args = URLs */
	TC_BUS_BAN_PATH,        /* entry = path regex; cache = content type or none; args = hosts */
} tc_bus_op;

typedef struct {
	tc_bus_op op;
	int persistent;
	int has_cache;   /* cache is set (it may be empty only for BAN_PATH's content type) */
	tc_str cache;    /* points into the message's own buffer */
	tc_str entry;
	tc_strlist args; /* owned */
	char *own;       /* cache and entry bytes */
} tc_bus_msg;

/* A published unit: the source application and its messages, in order. */
typedef struct {
	tc_str app;
	char *own_app;
	tc_bus_msg *msgs;
	size_t n;
	size_t cap;
	uint64_t published_ms; /* set by the encoder's caller; 0 when unknown */
} tc_bus_batch;

void tc_bus_batch_init(tc_bus_batch *b);
void tc_bus_batch_free(tc_bus_batch *b);
/* Appends a copy of m (args copied). */
tc_status tc_bus_batch_add(tc_bus_batch *b, const tc_bus_msg *m, tc_err *err);
void tc_bus_msg_free(tc_bus_msg *m);

/* Canonical bytes of one message (the outboxes' members and the coalescing key): equal
 * messages encode to equal bytes. *out is malloc'd. */
tc_status tc_bus_msg_encode(const tc_bus_msg *m, char **out, size_t *outlen, tc_err *err);
tc_status tc_bus_msg_decode(const char *p, size_t len, tc_bus_msg *out, tc_err *err);

/* A batch's payload: version byte, application, published time, messages. Decoding is
 * strict: any malformed, truncated or trailing byte is TC_ERR_CORRUPT naming the offset, and
 * nothing is allocated then. */
tc_status tc_bus_batch_encode(const tc_bus_batch *b, char **out, size_t *outlen, tc_err *err);
tc_status tc_bus_batch_decode(const char *p, size_t len, tc_bus_batch *out, tc_err *err);

/* The op's name as PHP sees it ("flushAll", "flushCache", "flushByTags", "remove", "purgeTags",
 * "purgeLocations", "purgeUrls", "banPath"), and back (0 when unknown). */
const char *tc_bus_op_name(tc_bus_op op);
tc_bus_op tc_bus_op_from_name(const char *name, size_t len);

/* ---------------------------------------------------------------- the stream (tc_bus_stream.c) */

typedef struct {
	tc_redis_link *link; /* not owned */
	const char *stream;  /* key, NUL-terminated, not owned */
	uint64_t max_length; /* XADD ... MAXLEN = max_length (exact) */
} tc_bus_stream;

#define TC_BUS_ID_MAX 48 /* "<ms>-<seq>" fits, NUL included */

/* Appends payloads[0..n) as n stream entries (field "b") in one round trip (a pipeline of
 * XADD, never repeated after a possible partial run: a repeat could duplicate, which only
 * costs an idempotent re-apply, but a timeout is reported). ids (may be NULL) receive the new
 * ids. */
tc_status tc_bus_xadd(tc_bus_stream *s, size_t n, const char *const *payloads, const size_t *lens,
	char (*ids)[TC_BUS_ID_MAX], tc_err *err);

/* One PING: TC_OK when the server answers (connecting first when needed). */
tc_status tc_bus_ping(tc_bus_stream *s, tc_err *err);

typedef struct {
	char id[TC_BUS_ID_MAX];
	char *payload; /* malloc'd; NULL when the entry is gone (deleted while pending) or had no
					* "b" field: either way nothing to apply, ack it */
	size_t len;
} tc_bus_entry;

void tc_bus_entries_free(tc_bus_entry *e, size_t n);

/* Creates the node's group at the stream's end ("$", MKSTREAM) when missing; *created = 1
 * when it did. */
tc_status tc_bus_group_ensure(tc_bus_stream *s, const char *node, int *created, tc_err *err);

/* Gap check: *gap = 1 when entries the group never read were trimmed (counted from XINFO:
 * entries-added - length > the group's entries-read; by ids when Redis does not know
 * entries-read, see tc_bus_info.c), or when the group is missing on a stream that exists (the
 * stream was recreated). A missing stream is no gap. resume_id receives the stream's last id:
 * the caller flushes everything the bus drives, then moves the group to that id
 * (tc_bus_group_setid, after tc_bus_group_ensure when the group was missing). The id is the
 * one read at the check, before the flush: entries published meanwhile have later ids and
 * are still delivered, so nothing falls between the flush and the move. */
tc_status tc_bus_gap_check(tc_bus_stream *s, const char *node, int *gap,
	char resume_id[TC_BUS_ID_MAX], tc_err *err);
/* XGROUP SETID; when id is the stream's last id, with ENTRIESREAD = entries-added, so the
 * group's lag and entries-read are known again right away. NOGROUP: TC_ERR_ARG "no group". */
tc_status tc_bus_group_setid(tc_bus_stream *s, const char *node, const char *id, tc_err *err);

/* Reads up to count entries for node: pending = 1 reads the node's own unacknowledged
 * entries (id 0 onwards), pending = 0 new ones (">"), waiting at most block_ms for one
 * (0 = do not wait; the link's read timeout is raised by block_ms + 1 s for the call). A
 * NOGROUP reply is TC_ERR_ARG with err naming "no group". Entries deleted (trimmed) while
 * pending come back with payload NULL: ack them. *entries malloc'd (free with
 * tc_bus_entries_free). */
tc_status tc_bus_read(tc_bus_stream *s, const char *node, int pending, size_t count,
	unsigned block_ms, tc_bus_entry **entries, size_t *n, tc_err *err);
tc_status tc_bus_ack(tc_bus_stream *s, const char *node, size_t n,
	const char (*ids)[TC_BUS_ID_MAX], tc_err *err);

typedef struct {
	char name[72]; /* longer names (a foreign group's) cut to 71 bytes on a UTF-8 boundary */
	uint64_t pending;
	int64_t lag; /* -1 when Redis cannot tell */
	char last_delivered[TC_BUS_ID_MAX];
	int gap;
} tc_bus_group_info;

typedef struct {
	int exists;
	uint64_t length;
	/* first_id: "" when empty; last_id: last-generated-id; max_deleted_id as Redis reports
	 * it (not reliable on Redis 7.0 after MAXLEN trims: the gap check does not use it) */
	char first_id[TC_BUS_ID_MAX], last_id[TC_BUS_ID_MAX], max_deleted_id[TC_BUS_ID_MAX];
	tc_bus_group_info *groups; /* malloc'd */
	size_t ngroups;
} tc_bus_stream_info;

tc_status tc_bus_info(tc_bus_stream *s, tc_bus_stream_info *out, tc_err *err);
void tc_bus_info_free(tc_bus_stream_info *i);

/* XTRIM MINID to the oldest entry some group still needs (its first pending entry, else the
 * one after its last delivered); nothing when no group exists. *removed = entries trimmed.
 * Never makes a gap (tc_bus_info.c). */
tc_status tc_bus_trim(tc_bus_stream *s, uint64_t *removed, tc_err *err);

/* ---------------------------------------------------------------- outboxes (tc_bus_outbox.c) */

typedef struct {
	char *member; /* an encoded message (tc_bus_msg_encode), malloc'd */
	size_t len;
	uint64_t first_ms;
} tc_bus_outbox_item;

typedef struct {
	char *proxy; /* malloc'd */
	uint64_t size;
	uint64_t oldest_ms; /* 0 when empty */
	uint64_t attempts, next_ms, dropped;
} tc_bus_outbox_info;

void tc_bus_outbox_items_free(tc_bus_outbox_item *it, size_t n);
void tc_bus_outbox_infos_free(tc_bus_outbox_info *in, size_t n);

/* Adds members after every member waiting, in the order given (a Lua script; a member
 * already waiting keeps its place: coalescing). proxy must not be empty (TC_ERR_ARG). */
tc_status tc_bus_outbox_add(tc_bus_stream *s, const char *proxy, size_t n, const char *const *members,
	const size_t *lens, uint64_t now_ms, tc_err *err);
/* The oldest max members, oldest first. */
tc_status tc_bus_outbox_peek(tc_bus_stream *s, const char *proxy, size_t max,
	tc_bus_outbox_item **items, size_t *n, tc_err *err);
tc_status tc_bus_outbox_remove(tc_bus_stream *s, const char *proxy, size_t n,
	const char *const *members, const size_t *lens, tc_err *err);
/* Moves members first failed before before_ms to the dead list and counts them in the state's
 * dropped, atomically per step of 1000; *dropped = how many. */
tc_status tc_bus_outbox_expire(tc_bus_stream *s, const char *proxy, uint64_t before_ms,
	uint64_t *dropped, tc_err *err);
tc_status tc_bus_outbox_state_set(tc_bus_stream *s, const char *proxy, uint64_t attempts,
	uint64_t next_ms, tc_err *err);
/* Every proxy with an outbox or a state (SCAN of <stream>:outbox:*, the stream name's glob
 * characters escaped, plus the state hash); oldest_ms from the first member's score. */
tc_status tc_bus_outbox_list(tc_bus_stream *s, tc_bus_outbox_info **infos, size_t *n, tc_err *err);

#endif
