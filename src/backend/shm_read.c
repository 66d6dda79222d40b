/* SharedMemoryBackend: get and has, read without the mutex (seqlock), under it as a fallback.
 *
 * A reader loads hdr->seq (acquire); odd means a writer is mutating: spin briefly, then take
 * the mutex. Otherwise it walks the hash chain, copies what it needs, fences (acquire) and
 * loads seq again: unchanged means no mutation overlapped, so what it copied is whole. Bytes
 * read meanwhile may be torn, so every offset followed is checked against the geometry copied
 * at map time (tc_shm_entry_check: inside the arena, lengths inside the block, right bucket)
 * and chain walks are bounded: a racing writer can make a reader retry, never fault or loop.
 * After a few failed tries the mutex path answers, where a failed check is corruption.
 *
 * Nothing leaves src/ unvalidated or under the mutex: the sink (request memory; it may end the
 * request) gets a payload only after seq confirmed it. Payloads up to SHM_STACK_COPY go through
 * the stack; larger ones are sized by a confirmed read, then copied once straight into the
 * sink's buffer and confirmed again (an entry rewritten in between reads as a miss).
 *
 * What readers write never bounces one line between readers: hits and misses go to this
 * process's stripe, the CLOCK reference byte is written only when it is not set yet. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sched.h>
#include <string.h>

#include "../tc_clock.h"
#include "shm_layout.h"

#define SHM_STACK_COPY 4096
_Static_assert(SHM_STACK_COPY > TC_SINK_HEAD, "a payload past the stack copy has a whole head");
#define SHM_READ_TRIES 4
#define SHM_SPIN 100

static inline void shm_pause(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
}

/* seq once it is even (0), or -1 when a writer stays active (take the mutex then). */
static int shm_seq_read(shm_header *h, uint64_t *s)
{
	for (int i = 0; i < SHM_SPIN; i++) {
		*s = __atomic_load_n(&h->seq, __ATOMIC_ACQUIRE);
		if (!(*s & 1)) {
			return 0;
		}
		shm_pause();
	}
	return -1;
}

/* Whether no mutation began since seq was s: what was read in between is whole. */
static int shm_seq_same(shm_header *h, uint64_t s)
{
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return __atomic_load_n(&h->seq, __ATOMIC_RELAXED) == s;
}

typedef struct {
	const char *data;
	uint64_t len, version;
	int64_t expiry;
} shm_hit;

/* Lock-free lookup: 1 found (*hit), 0 absent, -1 inconsistent (torn or corrupt). A chain
 * torn by a writer may lead through reused blocks for up to the step bound (arena/64): seq is
 * looked at every 64 steps so such a walk ends as soon as a mutation shows. */
static int shm_peek(shm_backend *sb, shm_header *h, uint64_t seq, tc_str id, uint32_t hash,
                    shm_hit *hit)
{
	uint64_t bucket = hash & (sb->nbuckets - 1);
	uint64_t off = SHM_LD(SHM_AT(sb, sb->buckets, uint64_t)[bucket]);
	shm_view v;
	for (uint64_t steps = 0; off; steps++) {
		if (steps >= shm_max_steps(sb) || tc_shm_entry_check(sb, off, bucket, &v) != NULL) {
			return -1;
		}
		if ((steps & 63) == 63 && !shm_seq_same(h, seq)) {
			return -1;
		}
		shm_entry *e = SHM_AT(sb, off, shm_entry);
		const char *eid = (const char *)(e + 1) + v.ntags * sizeof(shm_link);
		if (v.hash == hash && v.ns == sb->ns && v.idlen == id.len && memcmp(eid, id.ptr, id.len) == 0) {
			*hit = (shm_hit){.data = eid + v.idlen, .len = v.len, .version = SHM_LD(e->version),
			                 .expiry = SHM_LD(e->expiry)};
			return 1;
		}
		off = SHM_LD(e->hnext);
	}
	return 0;
}

/* The stripe of the CPU this runs on (glibc reads it from rseq, no system call): two readers
 * running at once are on two CPUs, so they never bounce one counter line, even when they are
 * the parent and a child forked after the backend was built (which share sb->stripe). */
static shm_stripe *shm_cpu_stripe(shm_backend *sb)
{
	int cpu = sched_getcpu();
	return &SHM_HDR(sb)->stripes[cpu >= 0 ? (unsigned)cpu % SHM_STRIPES : sb->stripe];
}

/* Counts a get (has counts nothing and marks nothing, as before seqlock reads). */
static tc_status shm_counted(shm_backend *sb, const tc_sink *sink, uint32_t hash, tc_status st)
{
	shm_stripe *s = shm_cpu_stripe(sb);
	if (!sink) {
		return st;
	}
	if (st == TC_OK) {
		__atomic_fetch_add(&s->hits, 1, __ATOMIC_RELAXED);
		uint8_t *ref = shm_ref(sb, hash);
		if (!__atomic_load_n(ref, __ATOMIC_RELAXED)) {
			__atomic_store_n(ref, 1, __ATOMIC_RELAXED);
		}
	} else if (st == TC_MISS) {
		__atomic_fetch_add(&s->misses, 1, __ATOMIC_RELAXED);
	}
	return st;
}

static int shm_frozen(shm_backend *sb)
{
	return (int)__atomic_load_n(&SHM_HDR(sb)->ns[sb->ns].frozen, __ATOMIC_ACQUIRE);
}

/* The sink's buffer for len bytes whose first ones (confirmed) are head. */
static char *shm_sink_alloc(const tc_sink *sink, size_t len, const char *head)
{
	if (sink->alloc_seen) {
		return sink->alloc_seen(sink->ud, len, head, len < TC_SINK_HEAD ? len : TC_SINK_HEAD);
	}
	return sink->alloc(sink->ud, len);
}

/* The payload handed over: len bytes from src into a fresh sink buffer. */
static tc_status shm_deliver(const tc_sink *sink, const char *src, size_t len, tc_err *err)
{
	char *dst = shm_sink_alloc(sink, len, src);
	if (!dst) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory for an entry of %zu bytes", len);
	}
	memcpy(dst, src, len);
	return TC_OK;
}

/* The mutex path. dst (when not NULL) was already allocated for want_len bytes of version
 * want_version: the entry is copied there only when it is still that version. */
static tc_status shm_read_locked(shm_backend *sb, tc_str id, uint32_t hash, const tc_sink *sink,
                                 char *dst, uint64_t want_len, uint64_t want_version, tc_err *err)
{
	char small[SHM_STACK_COPY];
	for (;;) {
		if (tc_shm_lock(sb, 0, err) != 0) {
			return err->code;
		}
		uint64_t off = tc_shm_find(sb, sb->ns, id, hash);
		shm_entry *e = off ? SHM_AT(sb, off, shm_entry) : NULL;
		if (e && !shm_frozen(sb) && tc_is_expired(e->expiry)) {
			e = NULL;
		}
		if (!e || !sink) {
			tc_shm_unlock(sb);
			return shm_counted(sb, sink, hash, e ? TC_OK : TC_MISS);
		}
		if (dst) {
			tc_status st = TC_MISS;
			if (e->version == want_version && e->len == want_len) {
				memcpy(dst, shm_entry_data(e), want_len);
				st = TC_OK;
			}
			tc_shm_unlock(sb);
			return shm_counted(sb, sink, hash, st);
		}
		size_t len = (size_t)e->len;
		if (len <= sizeof(small)) {
			memcpy(small, shm_entry_data(e), len);
			tc_shm_unlock(sb);
			tc_status st = shm_deliver(sink, small, len, err);
			return st == TC_OK ? shm_counted(sb, sink, hash, st) : st;
		}
		want_version = e->version;
		want_len = len;
		char head[TC_SINK_HEAD];
		memcpy(head, shm_entry_data(e), TC_SINK_HEAD); /* len > SHM_STACK_COPY > TC_SINK_HEAD */
		tc_shm_unlock(sb);
		/* The sink allocates request memory and may end the request: never under the lock. */
		if (!(dst = shm_sink_alloc(sink, len, head))) {
			return tc_err_set(err, TC_ERR_NOMEM, "out of memory for an entry of %zu bytes", len);
		}
	}
}

tc_status tc_shm_read(shm_backend *sb, tc_str id, const tc_sink *sink, tc_err *err)
{
	shm_header *h = SHM_HDR(sb);
	uint32_t hash = tc_shm_hash(sb->ns, id.ptr, id.len);
	char small[SHM_STACK_COPY];
	char *dst = NULL;
	uint64_t want_len = 0, want_version = 0;
	for (int attempt = 0; attempt < SHM_READ_TRIES; attempt++) {
		uint64_t s;
		if (shm_seq_read(h, &s) != 0) {
			break;
		}
		shm_hit hit;
		int found = shm_peek(sb, h, s, id, hash, &hit);
		if (found < 0) {
			if (shm_seq_same(h, s)) {
				break; /* inconsistent with no writer about: the mutex path judges it */
			}
			continue;
		}
		if (found && !shm_frozen(sb) && tc_is_expired(hit.expiry)) {
			found = 0; /* a miss; a writer removes it later */
		}
		if (!found || !sink) {
			if (!shm_seq_same(h, s)) {
				continue;
			}
			return shm_counted(sb, sink, hash, found ? TC_OK : TC_MISS);
		}
		if (dst) {
			/* Second pass of a large payload: straight into the sink's buffer. */
			int same = hit.version == want_version && hit.len == want_len;
			if (same) {
				memcpy(dst, hit.data, want_len);
			}
			if (!shm_seq_same(h, s)) {
				continue;
			}
			return shm_counted(sb, sink, hash, same ? TC_OK : TC_MISS);
		}
		if (hit.len <= sizeof(small)) {
			memcpy(small, hit.data, hit.len);
			if (!shm_seq_same(h, s)) {
				continue;
			}
			tc_status st = shm_deliver(sink, small, hit.len, err);
			return st == TC_OK ? shm_counted(sb, sink, hash, st) : st;
		}
		char head[TC_SINK_HEAD];
		memcpy(head, hit.data, TC_SINK_HEAD); /* hit.len > SHM_STACK_COPY > TC_SINK_HEAD */
		if (!shm_seq_same(h, s)) {
			continue;
		}
		/* len, version and head are confirmed: size the sink's buffer, then copy into it (the
		 * version check of the copy makes the head the copy's first bytes). */
		want_len = hit.len;
		want_version = hit.version;
		if (!(dst = shm_sink_alloc(sink, (size_t)want_len, head))) {
			return tc_err_set(err, TC_ERR_NOMEM, "out of memory for an entry of %zu bytes",
			                  (size_t)want_len);
		}
		attempt--; /* the copy gets its own tries */
	}
	return shm_read_locked(sb, id, hash, sink, dst, want_len, want_version, err);
}
