/* Writer lock stripes of the file cache (src/backend/file_stripes.c), in both modes: the
 * mapped locks/stripes file of robust shared mutexes, and flock()ed lock files as used on
 * network file systems. Exclusion between processes (also through a store inherited across
 * fork), a holder killed with SIGKILL recovered by the next locker, the frozen word shared by
 * every process and initialised from the `frozen` marker, a foreign file replaced, an unsafe
 * one refused. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tu.h"
#include "../../src/backend/file_store.h"
#include "../../src/backend/file_stripes.h"

#define TU_WORKERS 4
#define TU_ROUNDS 300

static void dir_in(char *out, size_t n, const char *base, const char *name)
{
	snprintf(out, n, "%s/%s", base, name);
}

/* Children add 1 to a shared counter with a yield between read and write, each time under
 * stripe 0: any two inside at once lose an increment. inherited: use the store opened before
 * fork (the fork path), else open one per child. */
static long count_under_stripe(const char *dir, int inherited)
{
	volatile long *ctr = mmap(NULL, sizeof(long), PROT_READ | PROT_WRITE,
	                          MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (ctr == MAP_FAILED) {
		return -1;
	}
	*ctr = 0;
	tc_err err;
	tc_err_clear(&err);
	tc_fstore parent;
	if (tc_fstore_open(&parent, dir, 1, 4, &err) != TC_OK) {
		return -1;
	}
	/* Used once before fork, so flock mode has a lock description the children inherit. */
	if (tc_fstore_lock(&parent, 0, &err) != TC_OK) {
		tc_fstore_close(&parent);
		return -1;
	}
	tc_fstore_unlock(&parent, 0);
	pid_t kids[TU_WORKERS];
	for (int w = 0; w < TU_WORKERS; w++) {
		kids[w] = fork();
		if (kids[w] == 0) {
			tc_fstore own, *s = &parent;
			if (!inherited) {
				if (tc_fstore_open(&own, dir, 1, 4, &err) != TC_OK) {
					_exit(2);
				}
				s = &own;
			}
			if (tc_fproc_pid() != (long)getpid()) {
				_exit(3);
			}
			for (int i = 0; i < TU_ROUNDS; i++) {
				if (tc_fstore_lock(s, 0, &err) != TC_OK) {
					_exit(4);
				}
				long v = *ctr;
				sched_yield();
				*ctr = v + 1;
				tc_fstore_unlock(s, 0);
			}
			_exit(0);
		}
	}
	int bad = 0;
	for (int w = 0; w < TU_WORKERS; w++) {
		int status;
		if (kids[w] < 0 || waitpid(kids[w], &status, 0) != kids[w] || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0) {
			bad = 1;
		}
	}
	tc_fstore_close(&parent);
	long v = bad ? -1 : *ctr;
	munmap((void *)ctr, sizeof(long));
	return v;
}

static void test_mapped_mode_excludes_processes(void)
{
	char *base = tu_tempdir();
	char dir[1024], file[1100];
	dir_in(dir, sizeof(dir), base, "C");
	tc_err err;
	tc_err_clear(&err);
	tc_fstore s;
	TU_REQUIRE(tc_fstore_open(&s, dir, 1, 4, &err) == TC_OK);
	TU_EQ(s.flock_mode, 0);
	TU_CHECK(s.map != NULL);
	TU_EQ(tc_fstripes_frozen(&s), 0);
	snprintf(file, sizeof(file), "%s/locks/stripes", dir);
	struct stat sb;
	TU_CHECK(stat(file, &sb) == 0 && (sb.st_mode & 077) == 0);
	snprintf(file, sizeof(file), "%s/locks/0", dir);
	TU_EQ(tc_fstore_lock(&s, 0, &err), TC_OK);
	tc_fstore_unlock(&s, 0);
	TU_EQ(tu_exists(file), 0); /* no flock files in this mode */
	tc_fstore_close(&s);
	TU_EQ(count_under_stripe(dir, 0), TU_WORKERS * TU_ROUNDS);
	TU_EQ(count_under_stripe(dir, 1), TU_WORKERS * TU_ROUNDS);
	tu_rmtree(base);
}

static void test_flock_mode_excludes_processes(void)
{
	char *base = tu_tempdir();
	char dir[1024], file[1100];
	dir_in(dir, sizeof(dir), base, "C");
	tc_fstripes_force_flock = 1;
	tc_err err;
	tc_err_clear(&err);
	tc_fstore s;
	TU_REQUIRE(tc_fstore_open(&s, dir, 1, 4, &err) == TC_OK);
	TU_EQ(s.flock_mode, 1);
	TU_CHECK(s.map == NULL);
	TU_EQ(tc_fstripes_frozen(&s), -1); /* writers ask the `frozen` marker */
	TU_EQ(tc_fstore_lock(&s, 2, &err), TC_OK);
	snprintf(file, sizeof(file), "%s/locks/2", dir);
	TU_EQ(tu_exists(file), 1);
	tc_fstore_unlock(&s, 2);
	tc_fstore_close(&s);
	/* Inherited: the children's locks are on descriptions of their own after fork. */
	TU_EQ(count_under_stripe(dir, 0), TU_WORKERS * TU_ROUNDS);
	TU_EQ(count_under_stripe(dir, 1), TU_WORKERS * TU_ROUNDS);
	tc_fstripes_force_flock = 0;
	tu_rmtree(base);
}

/* A writer killed while it holds a stripe does not block the next one (EOWNERDEAD). */
static void test_killed_holder_recovered(void)
{
	char *base = tu_tempdir();
	char dir[1024];
	dir_in(dir, sizeof(dir), base, "C");
	tc_err err;
	tc_err_clear(&err);
	tc_fstore s;
	TU_REQUIRE(tc_fstore_open(&s, dir, 1, 4, &err) == TC_OK);
	int pipefd[2];
	TU_REQUIRE(pipe(pipefd) == 0);
	pid_t pid = fork();
	if (pid == 0) {
		tc_fstore c;
		if (tc_fstore_open(&c, dir, 1, 4, &err) != TC_OK || tc_fstore_lock(&c, 1, &err) != TC_OK) {
			_exit(2);
		}
		char x = 'L';
		if (write(pipefd[1], &x, 1) != 1) {
			_exit(3);
		}
		raise(SIGKILL);
		_exit(4);
	}
	close(pipefd[1]);
	char x = 0;
	TU_CHECK(read(pipefd[0], &x, 1) == 1 && x == 'L'); /* it holds stripe 1 now */
	close(pipefd[0]);
	int status;
	TU_REQUIRE(waitpid(pid, &status, 0) == pid);
	TU_CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	TU_EQ(tc_fstore_lock(&s, 1, &err), TC_OK);
	tc_fstore_unlock(&s, 1);
	TU_EQ(tc_fstore_lock(&s, 1, &err), TC_OK); /* consistent again: an ordinary mutex */
	tc_fstore_unlock(&s, 1);
	tc_fstore_close(&s);
	tu_rmtree(base);
}

/* freeze in one backend is seen by another's set at once, and a recreated stripes file takes
 * its word from the `frozen` marker. */
static void test_frozen_word(void)
{
	char *base = tu_tempdir();
	char dir[1024], file[1100];
	dir_in(dir, sizeof(dir), base, "C");
	tc_file_options o;
	memset(&o, 0, sizeof(o));
	o.directory = dir;
	tc_backend *a = NULL, *b = NULL, *c = NULL;
	tc_err err;
	tc_err_clear(&err);
	TU_REQUIRE(tc_file_backend_new(&o, &a, &err) == TC_OK);
	TU_REQUIRE(tc_file_backend_new(&o, &b, &err) == TC_OK);
	TU_EQ(tu_set(b, "x", "1", "t", 0), TC_OK);
	TU_EQ(a->ops->freeze(a, &err), TC_OK);
	TU_EQ(tu_set(b, "y", "2", "t", 0), TC_ERR_FROZEN);
	TU_EQ(b->ops->is_frozen(b), 1);
	snprintf(file, sizeof(file), "%s/locks/stripes", dir);
	TU_REQUIRE(unlink(file) == 0);
	TU_REQUIRE(tc_file_backend_new(&o, &c, &err) == TC_OK); /* a new stripes file */
	TU_EQ(tu_set(c, "y", "2", "t", 0), TC_ERR_FROZEN);
	TU_EQ(c->ops->flush(c, &err), TC_OK);
	TU_EQ(tu_set(c, "y", "2", "t", 0), TC_OK);
	a->ops->destroy(a);
	b->ops->destroy(b);
	c->ops->destroy(c);
	tu_rmtree(base);
}

static void test_foreign_file_replaced_unsafe_refused(void)
{
	char *base = tu_tempdir();
	char dir[1024], file[1100];
	dir_in(dir, sizeof(dir), base, "C");
	tc_err err;
	tc_err_clear(&err);
	tc_fstore s;
	TU_REQUIRE(tc_fstore_open(&s, dir, 1, 4, &err) == TC_OK);
	tc_fstore_close(&s);
	snprintf(file, sizeof(file), "%s/locks/stripes", dir);
	TU_REQUIRE(unlink(file) == 0);
	TU_REQUIRE(tu_write_file(file, "short", 5) == 0);
	TU_REQUIRE(chmod(file, 0600) == 0);
	TU_REQUIRE(tc_fstore_open(&s, dir, 1, 4, &err) == TC_OK);
	TU_CHECK(s.map != NULL);
	TU_EQ(s.stripes, 4);
	TU_EQ(tc_fstore_lock(&s, 3, &err), TC_OK);
	tc_fstore_unlock(&s, 3);
	tc_fstore_close(&s);
	/* Another count configured: the file's count rules, every id still lands on a stripe. */
	TU_REQUIRE(tc_fstore_open(&s, dir, 1, 64, &err) == TC_OK);
	TU_EQ(s.stripes, 4);
	tc_fstore_close(&s);
	TU_REQUIRE(chmod(file, 0620) == 0);
	TU_REQUIRE(tc_fstore_open(&s, dir, 1, 4, &err) == TC_OK); /* readers still open it */
	TU_CHECK(s.map == NULL);
	TU_EQ(tc_fstore_lock(&s, 0, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "locks/stripes") != NULL);
	tc_fstore_close(&s);
	tu_rmtree(base);
}

void tu_suite_file_stripes(void)
{
	TU_RUN(test_mapped_mode_excludes_processes);
	TU_RUN(test_flock_mode_excludes_processes);
	TU_RUN(test_killed_holder_recovered);
	TU_RUN(test_frozen_word);
	TU_RUN(test_foreign_file_replaced_unsafe_refused);
}
