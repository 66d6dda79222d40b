/* SharedMemoryBackend compute locks: per-key records in the segment header (shm_layout.h
 * shm_locks), read and written under the segment mutex for a few dozen instructions; no call
 * leaves this file while it is held, and waiters sleep outside it (tc_poll_until).
 *
 * A record is found by its key's 64-bit hash within a window of SHM_LOCK_PROBE records, so
 * keys never share a lock unless their hashes collide (odds of 2^-64 per pair). A record
 * whose owner process is gone (kill(pid, 0) says ESRCH) or whose deadline (lockTtlMs) has
 * passed is taken over: a waiter notices a dead owner at its next poll, at most
 * SHM_LOCK_POLL_MAX_MS after the death. Where the owner ran in another pid namespace (a
 * segment shared between containers), or either namespace is unknown (no /proc), its pid
 * means nothing here: only the deadline counts.
 * A window with no free record (that many keys computing at once) computes unlocked: the
 * lock spares work, it is never a reason to fail. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../tc_poll.h"
#include "shm_layout.h"

#define SHM_LOCK_POLL_MAX_MS 20
/* No deadline lies further ahead than the longest lockTtlMs the binding accepts (a day):
 * one that does was written under another boot's clock and is void. */
#define SHM_LOCK_TTL_MAX_MS 86400000
#define SHM_LOCK_TTL_DEFAULT_MS 30000

/* The pid namespace of this process (device and inode of its /proc entry), 0 when /proc
 * cannot tell. Read anew on every lock attempt, never cached: a child forked after
 * unshare(CLONE_NEWPID) lives in another namespace than the process that forked it, and a
 * cache would be mutable state shared by the threads of a ZTS build. One stat() per attempt,
 * made outside the segment mutex. */
static uint64_t own_pidns(void)
{
	struct stat st;
	return stat("/proc/self/ns/pid", &st) == 0 ? ((uint64_t)st.st_dev << 32) ^ (uint64_t)st.st_ino : 0;
}

static uint64_t lock_hash(unsigned ns, tc_str id)
{
	uint64_t h = 0xcbf29ce484222325ull ^ ns; /* FNV-1a */
	for (size_t i = 0; i < id.len; i++) {
		h = (h ^ (unsigned char)id.ptr[i]) * 0x100000001b3ull;
	}
	return h;
}

/* Whether a taken record still binds: its deadline has not passed and its owner lives (or
 * lives in a pid namespace we cannot look into: another one, or one of the two unknown, when
 * kill() could hit an unrelated process of the same number). */
static int rec_alive(const shm_lock_rec *r, int64_t now, uint64_t pidns)
{
	if (r->deadline <= now || r->deadline > now + SHM_LOCK_TTL_MAX_MS) {
		return 0;
	}
	if (pidns == 0 || r->pidns != pidns) {
		return 1;
	}
	return r->pid > 0 && (kill((pid_t)r->pid, 0) == 0 || errno != ESRCH);
}

static int rec_is(const shm_lock_rec *r, unsigned ns, tc_str id, uint64_t hash)
{
	return r->token && r->hash == hash && r->ns == ns && r->idlen == id.len;
}

typedef struct {
	shm_backend *sb;
	tc_str id;
	uint64_t hash;
	unsigned ttl_ms;
	uint64_t *token;
} shm_lock_try;

/* One attempt for tc_poll_until: TC_OK taken (token 0 when the window is full: unlocked),
 * TC_MISS held by a live owner. */
static tc_status shm_lock_once(void *ctx, tc_err *err)
{
	shm_lock_try *t = ctx;
	shm_backend *sb = t->sb;
	uint64_t pidns = own_pidns();
	if (tc_shm_lock(sb, 0, err) != 0) {
		return err->code;
	}
	shm_locks *L = &SHM_HDR(sb)->locks;
	int64_t now = (int64_t)tc_monotonic_ms();
	shm_lock_rec *mine = NULL;
	int takeover = 0;
	for (unsigned i = 0; i < SHM_LOCK_PROBE; i++) {
		shm_lock_rec *r = &L->rec[(t->hash + i) % SHM_LOCKS];
		if (rec_is(r, sb->ns, t->id, t->hash)) {
			if (rec_alive(r, now, pidns)) {
				tc_shm_unlock(sb);
				return TC_MISS;
			}
			mine = r;
			takeover = 1;
			break;
		}
		if (r->token && !rec_alive(r, now, pidns)) {
			r->token = 0; /* another key's dead lock: its record is free again */
		}
		if (!r->token && !mine) {
			mine = r;
		}
	}
	*t->token = 0;
	if (mine) {
		/* The key fields before the token: a process dying in between leaves a free record. */
		mine->token = 0;
		mine->hash = t->hash;
		mine->ns = (uint16_t)sb->ns;
		mine->idlen = (uint16_t)t->id.len;
		mine->pid = (int32_t)getpid();
		mine->pidns = pidns;
		mine->deadline = now + t->ttl_ms;
		if (++L->next_token == 0) {
			++L->next_token;
		}
		L->takeovers += takeover;
		__atomic_store_n(&mine->token, L->next_token, __ATOMIC_RELEASE);
		*t->token = mine->token;
	}
	tc_shm_unlock(sb);
	return TC_OK;
}

tc_status tc_shm_op_lock(tc_backend *b, tc_str id, unsigned timeout_ms, unsigned ttl_ms,
                         uint64_t *token, tc_err *err)
{
	shm_backend *sb = (shm_backend *)b;
	if (id.len > UINT16_MAX) {
		return tc_err_set(err, TC_ERR_ARG, "compute lock: identifier of %zu bytes", id.len);
	}
	if (ttl_ms == 0 || ttl_ms > SHM_LOCK_TTL_MAX_MS) {
		ttl_ms = ttl_ms ? SHM_LOCK_TTL_MAX_MS : SHM_LOCK_TTL_DEFAULT_MS;
	}
	shm_lock_try t = {sb, id, lock_hash(sb->ns, id), ttl_ms, token};
	return tc_poll_until(timeout_ms, SHM_LOCK_POLL_MAX_MS, shm_lock_once, &t, err);
}

tc_status tc_shm_op_unlock(tc_backend *b, tc_str id, uint64_t token, tc_err *err)
{
	shm_backend *sb = (shm_backend *)b;
	if (token == 0) {
		return TC_OK; /* computed unlocked: the table was full */
	}
	uint64_t hash = lock_hash(sb->ns, id);
	if (tc_shm_lock(sb, 0, err) != 0) {
		return err->code;
	}
	shm_locks *L = &SHM_HDR(sb)->locks;
	tc_status st = TC_MISS; /* taken over after our deadline, or cleared by a recovery */
	for (unsigned i = 0; i < SHM_LOCK_PROBE; i++) {
		shm_lock_rec *r = &L->rec[(hash + i) % SHM_LOCKS];
		if (rec_is(r, sb->ns, id, hash) && r->token == token) {
			r->token = 0;
			st = TC_OK;
			break;
		}
	}
	tc_shm_unlock(sb);
	return st;
}
