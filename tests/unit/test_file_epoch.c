/* The file cache's epochs file and lock files when the cache directory is removed and
 * recreated under a backend: every reopen of the tree takes the new lock files (so a setter and
 * a flusher in two processes exclude each other again), a ticketed write holding a stripe
 * never reopens, a check under the lock refuses a replaced epochs file, and leftover temp names
 * of a crashed process are skipped. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tu.h"
#include "../../src/backend/file_epoch.h"
#include "../../src/backend/file_store.h"
#include "../../src/backend/file_stripes.h"

static tc_str S(const char *s)
{
	return (tc_str){s, strlen(s)};
}

/* 1 when another open file description can take an exclusive flock on path right now. */
static int lockable(const char *path)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		return -1;
	}
	int ok = flock(fd, LOCK_EX | LOCK_NB) == 0;
	close(fd);
	return ok;
}

/* What tc_fepoch_sync does when the tree went (reopen) must leave the stripe locks on the lock
 * files that are there now: another process locking locks/0 is excluded. */
static void test_reopen_takes_new_lock_files(void)
{
	char *base = tu_tempdir();
	char dir[1024], lock0[1100];
	snprintf(dir, sizeof(dir), "%s/C", base);
	snprintf(lock0, sizeof(lock0), "%s/locks/0", dir);
	tc_err err;
	tc_err_clear(&err);
	tc_fstore a, b;
	tc_fstripes_force_flock = 1; /* lock files as on a network file system */
	TU_REQUIRE(tc_fstore_open(&a, dir, 1, 1, &err) == TC_OK);
	TU_EQ(tc_fstore_lock(&a, 0, &err), TC_OK);
	tc_fstore_unlock(&a, 0);
	char cmd[1200];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	TU_REQUIRE(system(cmd) == 0);
	TU_REQUIRE(tc_fstore_open(&b, dir, 1, 1, &err) == TC_OK); /* another process rebuilds it */
	TU_EQ(tc_fstore_reopen(&a, &err), TC_OK);
	TU_EQ(tc_fstore_lock(&a, 0, &err), TC_OK);
	TU_EQ(lockable(lock0), 0);
	tc_fstore_unlock(&a, 0);
	TU_EQ(lockable(lock0), 1);
	/* revalidate, the way into every removal, and lock_all (flush) agree */
	TU_REQUIRE(system(cmd) == 0);
	TU_EQ(tc_fstore_revalidate(&b, &err), TC_OK);
	TU_EQ(tc_fstore_lock_all(&b, &err), TC_OK);
	TU_EQ(lockable(lock0), 0);
	tc_fstore_unlock_all(&b);
	tc_fstore_close(&a);
	tc_fstore_close(&b);
	tc_fstripes_force_flock = 0;
	tu_rmtree(base);
}

/* A ticketed write holds its stripe (s->pinned): the tree removed meanwhile is not reopened
 * under it, the write is dropped. */
static void test_pinned_reopen_is_stale(void)
{
	char *dir = tu_tempdir();
	tc_err err;
	tc_err_clear(&err);
	tc_fstore s;
	TU_REQUIRE(tc_fstore_open(&s, dir, 1, 4, &err) == TC_OK);
	TU_EQ(tc_fstore_lock(&s, 1, &err), TC_OK);
	s.pinned = 1;
	TU_EQ(tc_fstore_reopen(&s, &err), TC_STALE);
	TU_CHECK(strstr(err.msg, dir) != NULL);
	s.pinned = 0;
	tc_fstore_unlock(&s, 1);
	tc_fstore_close(&s);
	tu_rmtree(dir);
}

/* Under the lock the check never reopens: an epochs file replaced since the sync is stale. */
static void test_check_locked_replaced(void)
{
	char *dir = tu_tempdir();
	tc_err err;
	tc_err_clear(&err);
	tc_fstore s;
	TU_REQUIRE(tc_fstore_open(&s, dir, 1, 4, &err) == TC_OK);
	tc_fepoch e;
	tc_fepoch_init(&e);
	uint64_t t = 0;
	TU_EQ(tc_fepoch_take(&e, &s, &t, &err), TC_OK);
	tc_str tag = S("news");
	TU_EQ(tc_fepoch_check_locked(&e, t, S("a"), &tag, 1, &err), TC_OK);
	char path[1100];
	snprintf(path, sizeof(path), "%s/epochs", dir);
	TU_REQUIRE(unlink(path) == 0);
	TU_EQ(tc_fepoch_check_locked(&e, t, S("a"), &tag, 1, &err), TC_STALE);
	TU_CHECK(!tu_exists(path)); /* nothing reopened or created under the lock */
	tc_fepoch_close(&e);
	tc_fstore_close(&s);
	tu_rmtree(dir);
}

/* epochs.<pid>.<seq> left in tmp/ by a crashed process with our pid: another name is used. */
static void test_leftover_temp_names(void)
{
	char *dir = tu_tempdir();
	tc_err err;
	tc_err_clear(&err);
	tc_fstore s;
	TU_REQUIRE(tc_fstore_open(&s, dir, 1, 4, &err) == TC_OK);
	char path[1200];
	/* seq restarts at 1 in a new process; this one has used a few already */
	for (int i = 1; i <= 1000; i++) {
		snprintf(path, sizeof(path), "%s/tmp/epochs.%ld.%d", dir, (long)getpid(), i);
		TU_REQUIRE(tu_write_file(path, "", 0) == 0);
	}
	tc_fepoch e;
	tc_fepoch_init(&e);
	uint64_t t = 0;
	TU_EQ(tc_fepoch_take(&e, &s, &t, &err), TC_OK);
	if (err.msg[0]) {
		fprintf(stderr, "  %s\n", err.msg);
	}
	TU_CHECK(t > 0);
	tc_fepoch_close(&e);
	tc_fstore_close(&s);
	tu_rmtree(dir);
}

void tu_suite_file_epoch(void)
{
	TU_RUN(test_reopen_takes_new_lock_files);
	TU_RUN(test_pinned_reopen_is_stale);
	TU_RUN(test_check_locked_replaced);
	TU_RUN(test_leftover_temp_names);
}
