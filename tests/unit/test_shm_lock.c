/* SharedMemoryBackend compute locks (src/backend/shm_lock.c): per key, token-checked unlock,
 * takeover of a dead or expired holder, a full table computing unlocked, cleared by a reset. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	unlink(lock_path);
	rmdir(lock_dir);
}
