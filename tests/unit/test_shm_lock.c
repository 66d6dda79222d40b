/* SharedMemoryBackend compute locks (src/backend/shm_lock.c): per key, token-checked unlock,
 * takeover of a dead or expired holder, a full table computing unlocked, cleared by a reset;
 * a holder of an unknown or another pid namespace judged by its deadline alone. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../src/backend/shm_layout.h"
#include "../../src/tc_shm.h"
#include "tu.h"

static char lock_dir[256];
static char lock_path[400];

static tc_status lk(tc_backend *b, const char *id, unsigned timeout_ms, unsigned ttl_ms, uint64_t *t)
{
	tc_err err;
	tc_err_clear(&err);
	return b->ops->lock(b, (tc_str){id, strlen(id)}, timeout_ms, ttl_ms, t, &err);
}

static tc_status unlk(tc_backend *b, const char *id, uint64_t t)
{
	tc_err err;
	tc_err_clear(&err);
	return b->ops->unlock(b, (tc_str){id, strlen(id)}, t, &err);
}

static uint64_t takeovers(tc_backend *b)
{
	tc_shm_stats s;
	tc_err err;
	tc_err_clear(&err);
	return tc_shm_backend_stats(b, &s, &err) == TC_OK ? s.lock_takeovers : UINT64_MAX;
}

static void shm_lock_per_key_and_token(void)
{
	tc_shm_options o = {.segment = lock_path, .size = 1 << 20, .name_space = "a:locks"};
	tc_shm_options o2 = {.segment = lock_path, .size = 1 << 20, .name_space = "a:other"};
	tc_backend *b = NULL, *other = NULL;
	tc_err err;
	TU_REQUIRE(tc_shm_backend_new(&o, &b, &err) == TC_OK);
	TU_REQUIRE(tc_shm_backend_new(&o2, &other, &err) == TC_OK);
	TU_CHECK(b->ops->caps & TC_CAP_LOCK);
	uint64_t t1 = 0, t2 = 0, t3 = 0, t4 = 0;
	TU_EQ(lk(b, "x", 0, 1000, &t1), TC_OK);
	TU_CHECK(t1 != 0);
	TU_EQ(lk(b, "x", 0, 1000, &t2), TC_MISS);    /* held: try once */
	TU_EQ(lk(b, "x", 30, 1000, &t2), TC_MISS);   /* held: polled, then gave up */
	TU_EQ(lk(b, "y", 0, 1000, &t3), TC_OK);      /* another key never waits */
	TU_EQ(lk(other, "x", 0, 1000, &t4), TC_OK);  /* the same id of another cache */
	TU_EQ(unlk(b, "x", t1 + 1000), TC_MISS);     /* not our token: left alone */
	TU_EQ(lk(b, "x", 0, 1000, &t2), TC_MISS);
	TU_EQ(unlk(b, "x", t1), TC_OK);
	TU_EQ(lk(b, "x", 0, 1000, &t2), TC_OK);
	TU_CHECK(t2 != t1);
	TU_EQ(unlk(b, "x", t1), TC_MISS); /* a second release of an old hold frees nothing */
	TU_EQ(unlk(b, "x", t2), TC_OK);
	TU_EQ(unlk(b, "y", t3), TC_OK);
	TU_EQ(unlk(other, "x", t4), TC_OK);
	TU_EQ(takeovers(b), 0);

	/* A holder past its deadline is taken over (ours is alive, only the ttl expires). */
	TU_EQ(lk(b, "ttl", 0, 1, &t1), TC_OK);
	TU_EQ(lk(b, "ttl", 1000, 1000, &t2), TC_OK);
	TU_EQ(takeovers(b), 1);
	TU_EQ(unlk(b, "ttl", t1), TC_MISS); /* the late holder does not free its successor's */
	TU_EQ(unlk(b, "ttl", t2), TC_OK);

	/* A holder that dies is taken over at once, with a ttl far beyond the test. */
	pid_t pid = fork();
	TU_REQUIRE(pid >= 0);
	if (pid == 0) {
		uint64_t t;
		_exit(lk(b, "dead", 0, 3600000, &t) == TC_OK ? 0 : 1);
	}
	int status = 0;
	TU_REQUIRE(waitpid(pid, &status, 0) == pid);
	TU_EQ(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0);
	TU_EQ(lk(b, "dead", 0, 1000, &t1), TC_OK);
	TU_EQ(takeovers(b), 2);

	/* A reset (recovery) clears the table: the key is free, the old hold frees nothing. */
	tc_shm_reset(SHM_HDR((shm_backend *)b));
	TU_EQ(lk(b, "dead", 0, 1000, &t2), TC_OK);
	TU_EQ(unlk(b, "dead", t1), TC_MISS);
	TU_EQ(unlk(b, "dead", t2), TC_OK);
	b->ops->destroy(b);
	other->ops->destroy(other);
}

/* The taken record of process pid, or NULL. */
static shm_lock_rec *rec_of(tc_backend *b, pid_t pid)
{
	shm_locks *L = &SHM_HDR((shm_backend *)b)->locks;
	for (unsigned i = 0; i < SHM_LOCKS; i++) {
		if (L->rec[i].token && L->rec[i].pid == (int32_t)pid) {
			return &L->rec[i];
		}
	}
	return NULL;
}

/* A child takes key with a ttl far beyond the test and exits: its pid is dead. */
static pid_t dead_holder(tc_backend *b, const char *key)
{
	pid_t pid = fork();
	if (pid == 0) {
		uint64_t t;
		_exit(lk(b, key, 0, 3600000, &t) == TC_OK ? 0 : 1);
	}
	int status = 0;
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		return -1;
	}
	return pid;
}

static void shm_lock_foreign_pidns_by_deadline(void)
{
	tc_shm_options o = {.segment = lock_path, .size = 1 << 20, .name_space = "a:pidns"};
	tc_backend *b = NULL;
	tc_err err;
	TU_REQUIRE(tc_shm_backend_new(&o, &b, &err) == TC_OK);
	uint64_t t = 0;

	/* Unknown namespace (0, no /proc where it ran): its dead pid proves nothing, kill() could
	 * reach an unrelated process of the same number; only the deadline frees the record. */
	pid_t pid = dead_holder(b, "unknown");
	TU_REQUIRE(pid > 0);
	shm_lock_rec *r = rec_of(b, pid);
	TU_REQUIRE(r != NULL);
	r->pidns = 0;
	TU_EQ(lk(b, "unknown", 0, 1000, &t), TC_MISS);
	/* The same seen from a process that cannot read its own namespace either (/proc hidden in
	 * a mount namespace of its own; needs CAP_SYS_ADMIN): 0 is not a namespace to match. */
	pid_t blind = fork();
	TU_REQUIRE(blind >= 0);
	if (blind == 0) {
		if (unshare(CLONE_NEWNS) != 0 || mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
		    mount("tmpfs", "/proc", "tmpfs", 0, NULL) != 0) {
			_exit(77);
		}
		uint64_t bt;
		_exit(lk(b, "unknown", 0, 1000, &bt) == TC_MISS ? 0 : 1);
	}
	int bs = 0;
	TU_REQUIRE(waitpid(blind, &bs, 0) == blind);
	if (WIFEXITED(bs) && WEXITSTATUS(bs) == 77) {
		printf("  (skipped the check without /proc: unshare not permitted)\n");
	} else {
		TU_EQ(WIFEXITED(bs) ? WEXITSTATUS(bs) : -1, 0);
	}
	r->pidns ^= 1; /* another namespace: the same */
	TU_EQ(lk(b, "unknown", 0, 1000, &t), TC_MISS);
	r->deadline = 1; /* past */
	TU_EQ(lk(b, "unknown", 0, 1000, &t), TC_OK);
	TU_EQ(unlk(b, "unknown", t), TC_OK);

	/* A process forked into a new pid namespace records that namespace, not its parent's
	 * (read at every lock, never cached across fork). Needs CAP_SYS_ADMIN for unshare. */
	TU_EQ(lk(b, "warm", 0, 1000, &t), TC_OK); /* the parent's namespace read first */
	TU_EQ(unlk(b, "warm", t), TC_OK);
	pid = fork();
	TU_REQUIRE(pid >= 0);
	if (pid == 0) {
		if (unshare(CLONE_NEWPID) != 0) {
			_exit(77);
		}
		pid_t g = fork();
		if (g == 0) {
			uint64_t gt;
			struct stat gs;
			if (lk(b, "newns", 0, 3600000, &gt) != TC_OK || stat("/proc/self/ns/pid", &gs) != 0) {
				_exit(2);
			}
			shm_locks *L = &SHM_HDR((shm_backend *)b)->locks;
			for (unsigned i = 0; i < SHM_LOCKS; i++) {
				if (L->rec[i].token == gt) {
					uint64_t ns = ((uint64_t)gs.st_dev << 32) ^ (uint64_t)gs.st_ino;
					_exit(L->rec[i].pidns == ns ? 0 : 3);
				}
			}
			_exit(4);
		}
		int gs = 0;
		_exit(g > 0 && waitpid(g, &gs, 0) == g && WIFEXITED(gs) ? WEXITSTATUS(gs) : 5);
	}
	int status = 0;
	TU_REQUIRE(waitpid(pid, &status, 0) == pid);
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	if (code == 77) {
		printf("  (skipped the new pid namespace check: unshare not permitted)\n");
	} else {
		TU_EQ(code, 0);
	}
	b->ops->destroy(b);
}

static void shm_lock_full_table_computes_unlocked(void)
{
	tc_shm_options o = {.segment = lock_path, .size = 1 << 20, .name_space = "a:full"};
	tc_backend *b = NULL;
	tc_err err;
	TU_REQUIRE(tc_shm_backend_new(&o, &b, &err) == TC_OK);
	enum { N = SHM_LOCKS + 64 };
	static uint64_t tok[N];
	char id[32];
	int unlocked = 0;
	for (int i = 0; i < N; i++) {
		snprintf(id, sizeof(id), "k%d", i);
		TU_EQ(lk(b, id, 0, 60000, &tok[i]), TC_OK); /* never fails */
		unlocked += tok[i] == 0;
	}
	TU_CHECK(unlocked >= N - (int)SHM_LOCKS);
	for (int i = 0; i < N; i++) {
		snprintf(id, sizeof(id), "k%d", i);
		TU_EQ(unlk(b, id, tok[i]), TC_OK);
	}
	/* every record free again: each key locks for real */
	for (int i = 0; i < 32; i++) {
		snprintf(id, sizeof(id), "k%d", i);
		TU_EQ(lk(b, id, 0, 60000, &tok[i]), TC_OK);
		TU_CHECK(tok[i] != 0);
		TU_EQ(unlk(b, id, tok[i]), TC_OK);
	}
	b->ops->destroy(b);
}

void tu_suite_shm_lock(void)
{
	snprintf(lock_dir, sizeof(lock_dir), "%s/tagcache-unit-shmlock-XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(lock_dir)) {
		tu_fail(__FILE__, __LINE__, "mkdtemp");
		return;
	}
	snprintf(lock_path, sizeof(lock_path), "%s/segment", lock_dir);
	TU_RUN(shm_lock_per_key_and_token);
	TU_RUN(shm_lock_full_table_computes_unlocked);
	TU_RUN(shm_lock_foreign_pidns_by_deadline);
	unlink(lock_path);
	rmdir(lock_dir);
}
