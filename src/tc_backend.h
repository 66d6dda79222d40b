/* The storage backend contract. Every backend in src/backend/ fills one tc_backend_ops;
 * frontends (in ext/) call through it without knowing which store is behind it.
 *
 * Conventions for every operation:
 * - identifiers and tags have been validated by the caller (tc_ident_valid);
 * - a return of TC_OK / TC_MISS is success; anything else is an error described in err;
 * - expired entries are invisible to every read, listing and count;
 * - removals (remove, flush, flush_by_tags, collect_garbage) remove what they can and then fail
 *   with TC_ERR_IO naming what could not be removed and why; an entry that is already gone is
 *   not a failure. Counts only count what was removed, also on failure. What was not removed
 *   stays findable through its tags, so repeating the call once the fault is gone finishes it;
 * - a stored entry that cannot be decoded reads as TC_MISS and is reported through the
 *   backend's corruption callback (if set) so the binding can warn about it. */
#ifndef TC_BACKEND_H
#define TC_BACKEND_H

#include <stdint.h>

#include "tc_alloc.h"
#include "tc_status.h"
#include "tc_types.h"

typedef struct tc_backend tc_backend;

/* What get_by_tag hands each entry to: sink(ud, id) gives where that entry's payload goes
 * (NULL stops the walk with TC_ERR_NOMEM); done(ud, id, ok) follows every sink call, ok 0 when
 * the entry turned out corrupt while being read (a miss: drop what the sink allocated). */
typedef struct {
	const tc_sink *(*sink)(void *ud, tc_str id);
	void (*done)(void *ud, tc_str id, int ok);
	void *ud;
} tc_entry_visitor;

/* Capability bits: what the backend implements beyond plain get/set. */
enum {
	TC_CAP_TAGS = 1 << 0,     /* flush_by_tags, find_ids_by_tag */
	TC_CAP_LIFETIME = 1 << 1, /* honours lifetimes (SimpleFile does not) */
	TC_CAP_PHP = 1 << 2,      /* php_path: entries can be included by the engine */
	TC_CAP_FREEZE = 1 << 3,   /* freeze, is_frozen */
	TC_CAP_ITER = 1 << 4,     /* list_ids */
	TC_CAP_PHP_CODE = 1 << 5, /* PHP entries kept as code (no file): the binding evaluates what
	                             get returns; php_path is unsupported */
	TC_CAP_TICKET = 1 << 6,   /* ticket, check_ticket, set_ticketed: write tickets */
	TC_CAP_LOCK = 1 << 7      /* lock, unlock: per-key compute locks */

};

typedef struct {
	const char *name;
	unsigned caps;

	/* Store data under id, replacing any previous entry and its tag memberships.
	 * lifetime: TC_LIFETIME_DEFAULT, 0 (unlimited) or seconds > 0. */
	tc_status (*set)(tc_backend *b, tc_str id, tc_str data, const tc_str *tags, size_t ntags,
	                 int64_t lifetime, tc_kind kind, tc_err *err);
	/* TC_OK with the payload written through sink, or TC_MISS (also after sink's alloc, when
	 * the entry turns out corrupt while it is read: the caller drops what it allocated). */
	tc_status (*get)(tc_backend *b, tc_str id, const tc_sink *sink, tc_err *err);
	/* TC_OK when present, TC_MISS when absent. */
	tc_status (*has)(tc_backend *b, tc_str id, tc_err *err);
	/* TC_OK when something was removed, TC_MISS when there was nothing. */
	tc_status (*remove)(tc_backend *b, tc_str id, tc_err *err);
	/* Remove every entry of this cache (and thaw a frozen one). */
	tc_status (*flush)(tc_backend *b, tc_err *err);
	/* Remove every entry carrying any of the tags; *count gets the number of distinct
	 * live entries removed. */
	tc_status (*flush_by_tags)(tc_backend *b, const tc_str *tags, size_t ntags, size_t *count,
	                           tc_err *err);
	/* Call cb for each live entry carrying tag. */
	tc_status (*find_ids_by_tag)(tc_backend *b, tc_str tag, tc_id_cb cb, void *ud, tc_err *err);
	/* Optional (NULL: find_ids_by_tag, then get of each id): the payload of each live entry
	 * carrying tag, through v, reading each entry once, in no particular order (as Flow's
	 * getByTag: Redis answers in set order, which differs between its paths). Same entries as
	 * that pair, corrupt entries reported and skipped alike. */
	tc_status (*get_by_tag)(tc_backend *b, tc_str tag, const tc_entry_visitor *v, tc_err *err);
	/* Remove expired entries and whatever index records point at nothing. */
	tc_status (*collect_garbage)(tc_backend *b, tc_err *err);
	tc_status (*freeze)(tc_backend *b, tc_err *err);
	int (*is_frozen)(tc_backend *b);
	/* Call cb for each live entry identifier (a snapshot; order unspecified). */
	tc_status (*list_ids)(tc_backend *b, tc_id_cb cb, void *ud, tc_err *err);
	/* For a live PHP entry: TC_OK and *path set to a NUL-terminated file path the engine can
	 * include (owned by the backend, valid until the next call on b). TC_MISS otherwise. */
	tc_status (*php_path)(tc_backend *b, tc_str id, const char **path, tc_err *err);

	/* Write tickets (TC_CAP_TICKET; NULL otherwise). Every flush_by_tags, flush and remove
	 * bumps an invalidation epoch that other processes sharing the store see, before it removes
	 * anything (also when it then finds nothing to remove); a ticket is the cache's epoch
	 * counter when it was taken (below 2^63, so bindings can hand it out as a signed integer;
	 * comparable only with tickets of the same cache). A value computed from data read after taking a
	 * ticket may be stored with set_ticketed: when any of its tags (or its id, or the whole
	 * cache) was flushed after the ticket was taken, the write is dropped. Hash collisions may
	 * drop a write that did not race (a miss later, never a stale read). */
	/* *ticket = the current epoch counter of the cache. */
	tc_status (*ticket)(tc_backend *b, uint64_t *ticket, tc_err *err);
	/* TC_OK when neither id (len 0 = none), nor any of tags, nor the whole cache was
	 * invalidated after ticket was taken; TC_STALE when one was. */
	tc_status (*check_ticket)(tc_backend *b, uint64_t ticket, tc_str id, const tc_str *tags,
	                          size_t ntags, tc_err *err);
	/* set, atomically with respect to flushes: TC_STALE (nothing written, any older entry
	 * left as it is) when check_ticket would say TC_STALE at the moment of the write. */
	tc_status (*set_ticketed)(tc_backend *b, tc_str id, tc_str data, const tc_str *tags,
	                          size_t ntags, int64_t lifetime, tc_kind kind, uint64_t ticket,
	                          tc_err *err);
	/* Compute locks (TC_CAP_LOCK; NULL otherwise): one lock per id, shared by every process
	 * using the store, so only one computes a missing entry. Locks of different ids never wait
	 * for each other. A holder that dies releases its lock: at once (file, memory) or after
	 * ttl_ms (Redis; ttl_ms 0 = the backend's default). The same process asking twice for one
	 * id waits for itself: callers keep their own set of held ids.
	 * lock: TC_OK acquired (*token identifies this hold), TC_MISS when timeout_ms passed
	 * first (0 = try once). unlock: releases a hold; TC_MISS when it had already expired. */
	tc_status (*lock)(tc_backend *b, tc_str id, unsigned timeout_ms, unsigned ttl_ms,
	                  uint64_t *token, tc_err *err);
	tc_status (*unlock)(tc_backend *b, tc_str id, uint64_t token, tc_err *err);
	void (*destroy)(tc_backend *b);
} tc_backend_ops;

/* Called when a stored entry cannot be decoded; the read then reports a miss. */
typedef void (*tc_corrupt_cb)(void *ud, tc_str id, const char *reason);

struct tc_backend {
	const tc_backend_ops *ops;
	tc_corrupt_cb on_corrupt;
	void *on_corrupt_ud;
};

/* Report a corrupt entry through the backend's callback, if any. */
void tc_backend_report_corrupt(tc_backend *b, tc_str id, const char *reason);

/* The defaultLifetime of the PHP backends when none is configured: Flow's documented default
 * (AbstractBackend::$defaultLifetime), so an entry set with lifetime null does not live forever.
 * The option structs below keep 0 = unlimited; the bindings fill this in. */
#define TC_DEFAULT_LIFETIME 3600

/* Constructors. Option structs are zero-initialisable; zero means "the documented default". */
typedef struct {
	const char *directory;    /* the cache's own directory; created if missing (required) */
	int64_t default_lifetime; /* seconds; 0 = unlimited (default 0) */
	unsigned lock_stripes;    /* writer lock files (default 64) */
} tc_file_options;

/* FileBackend: tags, lifetimes, freeze, PHP entries, iteration. */
tc_status tc_file_backend_new(const tc_file_options *opts, tc_backend **out, tc_err *err);
/* SimpleFileBackend: one file per entry, no tags, no lifetimes; PHP entries and iteration. */
tc_status tc_simple_file_backend_new(const tc_file_options *opts, tc_backend **out, tc_err *err);

/* A payload's owner, for stores that keep payloads in process memory: the store keeps a
 * reference to the caller's refcounted buffer instead of copying the bytes. retain is called
 * once when an entry takes the payload, release once when the entry drops it. */
typedef struct {
	void (*retain)(void *owner);
	void (*release)(void *owner);
} tc_owner_ops;

typedef struct {
	int64_t default_lifetime; /* seconds; 0 = unlimited (default 0) */
	const tc_allocator *allocator; /* entries: payload and tags (default: tc_malloc) */
	const tc_owner_ops *owner_ops; /* tc_memory_backend_set_owned (default: none, bytes copied) */
} tc_memory_options;

/* TransientMemoryBackend: lives as long as the backend; tags and lifetimes. */
tc_status tc_memory_backend_new(const tc_memory_options *opts, tc_backend **out, tc_err *err);
typedef struct {
	const char *host;          /* hostname or IP; a leading '/' is a unix socket path (default 127.0.0.1) */
	unsigned port;             /* default 6379 */
	unsigned database;         /* SELECT n after connecting (default 0) */
	const char *password;      /* AUTH when non-NULL and non-empty */
	const char *prefix;        /* key prefix of this cache (required), e.g. "tc:<app>:<cache>" */
	int64_t default_lifetime;  /* seconds; 0 = unlimited (default 0) */
	unsigned connect_timeout_ms; /* default 1000 */
	unsigned read_timeout_ms;  /* default 1000; also the write timeout */
	unsigned batch_size;       /* entries per atomic step of flush_by_tags / gc (default 100) */
	int compression_level;     /* 0 = off (default), 1..9 = zlib level for payloads */
	int persistent;            /* reuse one connection per host/port/db/password for the life of the process */
	const char *const *cluster; /* Redis Cluster seed nodes "host:port" / "[v6]:port" (host, port unused) */
	size_t ncluster;
	const char *const *sentinels; /* Sentinels "host:port" asked for the primary of sentinel_service */
	size_t nsentinels;
	const char *sentinel_service; /* the master name; required with sentinels */
	const char *sentinel_password; /* AUTH for the sentinels (NULL: none) */
} tc_redis_options;

/* RedisBackend: tags, lifetimes, freeze, PHP entries (as code, no file), iteration.
 * Does not connect until the first operation. */
tc_status tc_redis_backend_new(const tc_redis_options *opts, tc_backend **out, tc_err *err);
/* Closes the connections kept by `persistent` backends (module shutdown). */
void tc_redis_close_persistent(void);

/* The version of a live TransientMemoryBackend entry: it changes with every write of that
 * entry, so a binding can keep a decoded copy beside the store and know when it is stale.
 * TC_MISS when the entry is absent or expired, or b is not a memory backend. */
tc_status tc_memory_backend_version(tc_backend *b, tc_str id, uint64_t *version);
/* The same, plus the entry's aux pointer (NULL when none) in *aux. */
typedef void (*tc_memory_aux_dtor)(void *aux);
tc_status tc_memory_backend_aux(tc_backend *b, tc_str id, uint64_t *version, void **aux);
/* Attaches aux to the live entry id if its version is still version (TC_OK); any aux it had is
 * freed with dtor. aux is freed with dtor when the entry is rewritten, removed, expired and
 * collected, flushed or the backend destroyed. TC_MISS: not attached, aux is the caller's. */
tc_status tc_memory_backend_set_aux(tc_backend *b, tc_str id, uint64_t version, void *aux,
                                    tc_memory_aux_dtor dtor);
/* set (ticket NULL) or set_ticketed, keeping data by reference: data lies in owner's buffer,
 * which the entry retains (owner_ops of the options) for as long as it keeps it; the buffer must
 * stay unchanged and alive while retained. Without owner_ops the bytes are copied as by set. */
tc_status tc_memory_backend_set_owned(tc_backend *b, tc_str id, tc_str data, void *owner,
                                      const tc_str *tags, size_t ntags, int64_t lifetime,
                                      const uint64_t *ticket, tc_err *err);
/* A live entry's bytes and owner (NULL when its bytes were copied), borrowed until the next
 * write to b. TC_MISS when absent or expired; TC_ERR_UNSUPPORTED when b is no memory backend. */
tc_status tc_memory_backend_peek(tc_backend *b, tc_str id, tc_str *data, void **owner);
typedef struct {
	const char *segment;      /* the segment file's path (required), e.g. under /dev/shm */
	uint64_t size;            /* bytes; fixed when the segment is created (default 32 MiB) */
	const char *name_space;   /* this cache in the segment, "<app>:<cache>" (default "default") */
	int64_t default_lifetime; /* seconds; 0 = unlimited (default 0) */
} tc_shm_options;

#define TC_SHM_DEFAULT_SIZE (32ull << 20)

/* SharedMemoryBackend: tags, lifetimes, freeze, iteration, write tickets, in a segment that
 * every process of the machine maps by name; several caches share one segment. */
tc_status tc_shm_backend_new(const tc_shm_options *opts, tc_backend **out, tc_err *err);

/* NullBackend: accepts everything, stores nothing. */
tc_status tc_null_backend_new(tc_backend **out, tc_err *err);

static inline void tc_backend_destroy(tc_backend *b)
{
	if (b) {
		b->ops->destroy(b);
	}
}

#endif
