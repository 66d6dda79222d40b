/* Writer lock stripes of the file cache (src/backend/file_stripes.c), in both modes: the
 * mapped locks/stripes file of robust shared mutexes, and flock()ed lock files as used on
 * network file systems. Exclusion between processes (also through a store inherited across
 * fork), a holder killed with SIGKILL recovered by the next locker, the frozen word shared by
 * every process and initialised from the `frozen` marker, a foreign file replaced, an unsafe
 * one refused. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <pthread.h>
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

/* The stripes file's name in locks/ for stores of dir (the same for every store of a boot). */
static const char *stripes_name(const char *dir)
{
	static char name[80];
	tc_err err;
	tc_err_clear(&err);
	tc_fstore s;
	if (tc_fstore_open(&s, dir, 1, 4, &err) != TC_OK) {
		return "?";
	}
	snprintf(name, sizeof(name), "%s", s.map_name);
	tc_fstore_close(&s);
	return name;
}

/* An id whose hash reduced by n is want, and reduced by 64 then by n is not (when other). */
static void id_for_stripe(char *out, size_t cap, unsigned n, unsigned want, int other)
{
	tc_fstore dummy;
	memset(&dummy, 0, sizeof(dummy));
	for (unsigned i = 0;; i++) {
		snprintf(out, cap, "k%u", i);
		unsigned h = tc_fstore_stripe(&dummy, (tc_str){out, strlen(out)});
		if (h % n == want && (!other || (h % 64) % n != want)) {
			return;
		}
	}
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
	char dir[1024], file[1200];
	dir_in(dir, sizeof(dir), base, "C");
	tc_err err;
	tc_err_clear(&err);
	tc_fstore s;
	TU_REQUIRE(tc_fstore_open(&s, dir, 1, 4, &err) == TC_OK);
	TU_EQ(s.flock_mode, 0);
	TU_CHECK(s.map != NULL);
	TU_EQ(tc_fstripes_frozen(&s), 0);
	snprintf(file, sizeof(file), "%s/locks/%s", dir, s.map_name);
	TU_CHECK(strncmp(s.map_name, "stripes-", 8) == 0);
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
	char dir[1024], file[1200];
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
	char dir[1024], file[1200];
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
	snprintf(file, sizeof(file), "%s/locks/%s", dir, stripes_name(dir));
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
	char dir[1024], file[1200];
	dir_in(dir, sizeof(dir), base, "C");
	tc_err err;
	tc_err_clear(&err);
	tc_fstore s;
	TU_REQUIRE(tc_fstore_open(&s, dir, 1, 4, &err) == TC_OK);
	snprintf(file, sizeof(file), "%s/locks/%s", dir, s.map_name);
	tc_fstore_close(&s);
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
	TU_CHECK(strstr(err.msg, "locks/stripes-") != NULL);
	tc_fstore_close(&s);
	tu_rmtree(base);
}

/* A stripes file copied while a stripe was held and copied back (a restore, cp -a, a page
 * written back before a crash) holds that stripe for nobody: the kernel never saw its holder
 * die, so no EOWNERDEAD. Building a backend takes no stripe, and locking that stripe fails
 * naming the file and the remedy instead of hanging; the other stripes work. */
static void test_copied_back_held_file_fails(void)
{
	char *base = tu_tempdir();
	char dir[1024], file[1200];
	dir_in(dir, sizeof(dir), base, "C");
	tc_err err;
	tc_err_clear(&err);
	tc_fstore s;
	TU_REQUIRE(tc_fstore_open(&s, dir, 1, 4, &err) == TC_OK);
	snprintf(file, sizeof(file), "%s/locks/%s", dir, s.map_name);
	tc_fstore_close(&s);
	int to_parent[2], to_child[2];
	TU_REQUIRE(pipe(to_parent) == 0 && pipe(to_child) == 0);
	pid_t pid = fork();
	if (pid == 0) {
		tc_fstore c;
		char x = 'L';
		if (tc_fstore_open(&c, dir, 1, 4, &err) != TC_OK || tc_fstore_lock(&c, 0, &err) != TC_OK ||
		    write(to_parent[1], &x, 1) != 1 || read(to_child[0], &x, 1) != 1) {
			_exit(2);
		}
		tc_fstore_unlock(&c, 0);
		tc_fstore_close(&c);
		_exit(0);
	}
	char x = 0;
	TU_REQUIRE(read(to_parent[0], &x, 1) == 1); /* the child holds stripe 0 */
	static char copy[65536];
	int fd = open(file, O_RDWR);
	TU_REQUIRE(fd >= 0);
	ssize_t len = pread(fd, copy, sizeof(copy), 0);
	TU_REQUIRE(len > 0);
	TU_REQUIRE(write(to_child[1], &x, 1) == 1);
	int status;
	TU_REQUIRE(waitpid(pid, &status, 0) == pid);
	TU_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	TU_REQUIRE(pwrite(fd, copy, (size_t)len, 0) == len); /* copied back */
	close(fd);
	for (int i = 0; i < 4; i++) {
		close(i < 2 ? to_parent[i] : to_child[i - 2]);
	}

	unsigned saved = tc_fstripes_wait_ms;
	tc_fstripes_wait_ms = 100;
	tc_file_options o;
	memset(&o, 0, sizeof(o));
	o.directory = dir;
	o.lock_stripes = 4;
	tc_backend *b = NULL;
	TU_REQUIRE(tc_file_backend_new(&o, &b, &err) == TC_OK); /* takes no stripe */
	char id[32];
	id_for_stripe(id, sizeof(id), 4, 1, 0);
	TU_EQ(tu_set(b, id, "v", "t", 0), TC_OK); /* another stripe */
	id_for_stripe(id, sizeof(id), 4, 0, 0);
	tc_err_clear(&err);
	TU_EQ(b->ops->set(b, (tc_str){id, strlen(id)}, (tc_str){"v", 1}, NULL, 0, 0, TC_KIND_DATA,
	                  &err),
	      TC_ERR_IO);
	TU_CHECK(strstr(err.msg, "stripe 0 of") != NULL);
	TU_CHECK(strstr(err.msg, "which is gone") != NULL);
	TU_CHECK(strstr(err.msg, file) != NULL);
	TU_CHECK(strstr(err.msg, "when no writer is running") != NULL);
	b->ops->destroy(b);
	tc_fstripes_wait_ms = saved;
	/* The operator's remedy: the file removed, a fresh one is made. */
	TU_REQUIRE(unlink(file) == 0);
	TU_REQUIRE(tc_fstore_open(&s, dir, 1, 4, &err) == TC_OK);
	TU_EQ(tc_fstore_lock(&s, 0, &err), TC_OK);
	tc_fstore_unlock(&s, 0);
	tc_fstore_close(&s);
	tu_rmtree(base);
}

/* The file's name carries the layout and the boot: files of other boots are removed when this
 * boot's is made, a file of this boot with another layout (another build, alive) is not. */
static void test_name_has_layout_and_boot(void)
{
	char *base = tu_tempdir();
	char dir[1024], file[1200], stale[1100], other[1100];
	dir_in(dir, sizeof(dir), base, "C");
	tc_err err;
	tc_err_clear(&err);
	tc_fstore s;
	TU_REQUIRE(tc_fstore_open(&s, dir, 1, 4, &err) == TC_OK);
	char want[80];
	snprintf(want, sizeof(want), "stripes-2-%zu-", sizeof(pthread_mutex_t));
	TU_CHECK(strncmp(s.map_name, want, strlen(want)) == 0);
	const char *boot = s.map_name + strlen(want);
	char buf[64] = {0};
	int fd = open("/proc/sys/kernel/random/boot_id", O_RDONLY);
	if (fd >= 0) {
		TU_CHECK(read(fd, buf, sizeof(buf) - 1) > 0);
		close(fd);
		TU_CHECK(strncmp(buf, boot, strlen(boot)) == 0 && strlen(boot) == 36);
	}
	snprintf(file, sizeof(file), "%s/locks/%s", dir, s.map_name);
	snprintf(stale, sizeof(stale), "%s/locks/stripes-2-%zu-00000000-0000-0000-0000-000000000000",
	         dir, sizeof(pthread_mutex_t));
	snprintf(other, sizeof(other), "%s/locks/stripes-9-99-%s", dir, boot);
	tc_fstore_close(&s);
	TU_REQUIRE(unlink(file) == 0);
	TU_REQUIRE(tu_write_file(stale, "old", 3) == 0);
	TU_REQUIRE(tu_write_file(other, "live", 4) == 0);
	TU_REQUIRE(tc_fstore_open(&s, dir, 1, 4, &err) == TC_OK);
	TU_CHECK(s.map != NULL);
	TU_EQ(tu_exists(file), 1);
	TU_EQ(tu_exists(stale), 0);
	TU_EQ(tu_exists(other), 1);
	tc_fstore_close(&s);
	tu_rmtree(base);
}

/* A store that mapped late (the file was refused at open) picks the same stripe for an id as
 * one that mapped at open, although it was configured with another count: the hash is
 * reduced once, by the file's count. */
static void test_late_mapping_same_stripe(void)
{
	char *base = tu_tempdir();
	char dir[1024], file[1200];
	dir_in(dir, sizeof(dir), base, "C");
	tc_err err;
	tc_err_clear(&err);
	tc_fstore a, b;
	TU_REQUIRE(tc_fstore_open(&a, dir, 1, 3, &err) == TC_OK);
	snprintf(file, sizeof(file), "%s/locks/%s", dir, a.map_name);
	TU_REQUIRE(chmod(file, 0620) == 0);
	TU_REQUIRE(tc_fstore_open(&b, dir, 1, 64, &err) == TC_OK);
	TU_CHECK(b.map == NULL);
	TU_REQUIRE(chmod(file, 0600) == 0);
	char id[32];
	id_for_stripe(id, sizeof(id), 3, 2, 1);
	unsigned h = tc_fstore_stripe(&b, (tc_str){id, strlen(id)});
	TU_EQ(tc_fstore_lock(&b, h, &err), TC_OK); /* maps now: 3 stripes */
	TU_EQ(b.stripes, 3);
	TU_EQ(b.held[2], 1);
	TU_EQ(b.held[(h % 64) % 3], 0);
	tc_fstore_unlock(&b, h);
	TU_EQ(b.held[2], 0);
	TU_EQ(tc_fstore_lock(&a, tc_fstore_stripe(&a, (tc_str){id, strlen(id)}), &err), TC_OK);
	TU_EQ(a.held[2], 1);
	tc_fstore_unlock(&a, h);
	tc_fstore_close(&a);
	tc_fstore_close(&b);
	tu_rmtree(base);
}

/* freeze: a backend whose mapping failed at open fails instead of freezing nobody; a marker
 * left without the word (a freeze killed in between) is healed by the next freeze, and by the
 * next locker after a holder killed with the marker made. */
static void test_freeze_holes(void)
{
	char *base = tu_tempdir();
	char dir[1024], file[1200], marker[1100];
	dir_in(dir, sizeof(dir), base, "C");
	snprintf(marker, sizeof(marker), "%s/frozen", dir);
	tc_file_options o;
	memset(&o, 0, sizeof(o));
	o.directory = dir;
	o.lock_stripes = 4;
	tc_backend *a = NULL, *b = NULL;
	tc_err err;
	tc_err_clear(&err);
	TU_REQUIRE(tc_file_backend_new(&o, &a, &err) == TC_OK);
	snprintf(file, sizeof(file), "%s/locks/%s", dir, stripes_name(dir));
	TU_REQUIRE(chmod(file, 0620) == 0);
	TU_REQUIRE(tc_file_backend_new(&o, &b, &err) == TC_OK); /* maps nothing */
	TU_EQ(b->ops->freeze(b, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, file) != NULL);
	TU_EQ(tu_exists(marker), 0);
	TU_REQUIRE(chmod(file, 0600) == 0);
	b->ops->destroy(b);

	/* The marker without the word: sets trust the word, freeze heals it. */
	TU_REQUIRE(tu_write_file(marker, "", 0) == 0);
	TU_EQ(tu_set(a, "x", "1", "t", 0), TC_OK);
	tc_err_clear(&err);
	TU_EQ(a->ops->freeze(a, &err), TC_ERR_FROZEN);
	TU_CHECK(strstr(err.msg, "already frozen") != NULL);
	TU_EQ(tu_set(a, "x", "2", "t", 0), TC_ERR_FROZEN);
	TU_EQ(a->ops->flush(a, &err), TC_OK);
	TU_EQ(tu_set(a, "x", "3", "t", 0), TC_OK);

	/* A freezer killed holding a stripe after making the marker: the next locker re-derives
	 * the word from the marker. */
	char id[32];
	id_for_stripe(id, sizeof(id), 4, 1, 0);
	int pipefd[2];
	TU_REQUIRE(pipe(pipefd) == 0);
	pid_t pid = fork();
	if (pid == 0) {
		tc_fstore c;
		char x = 'L';
		if (tc_fstore_open(&c, dir, 1, 4, &err) != TC_OK || tc_fstore_lock(&c, 1, &err) != TC_OK ||
		    tu_write_file(marker, "", 0) != 0 || write(pipefd[1], &x, 1) != 1) {
			_exit(2);
		}
		raise(SIGKILL);
		_exit(3);
	}
	close(pipefd[1]);
	char x = 0;
	TU_CHECK(read(pipefd[0], &x, 1) == 1);
	close(pipefd[0]);
	int status;
	TU_REQUIRE(waitpid(pid, &status, 0) == pid);
	TU_EQ(tu_set(a, id, "4", "t", 0), TC_ERR_FROZEN);
	TU_EQ(a->ops->flush(a, &err), TC_OK);
	TU_EQ(tu_set(a, id, "5", "t", 0), TC_OK);
	a->ops->destroy(a);
	tu_rmtree(base);
}

/* In flock mode freeze takes every stripe too (each lock file is made to be locked), so a set
 * that asked the marker before it existed has renamed its entry before freeze() returns. */
static void test_flock_freeze_takes_every_stripe(void)
{
	char *base = tu_tempdir();
	char dir[1024], file[1200];
	dir_in(dir, sizeof(dir), base, "C");
	tc_fstripes_force_flock = 1;
	tc_file_options o;
	memset(&o, 0, sizeof(o));
	o.directory = dir;
	o.lock_stripes = 4;
	tc_backend *a = NULL;
	tc_err err;
	tc_err_clear(&err);
	TU_REQUIRE(tc_file_backend_new(&o, &a, &err) == TC_OK);
	TU_EQ(a->ops->freeze(a, &err), TC_OK);
	for (int i = 0; i < 4; i++) {
		snprintf(file, sizeof(file), "%s/locks/%d", dir, i);
		TU_EQ(tu_exists(file), 1);
	}
	TU_EQ(tu_set(a, "x", "1", "t", 0), TC_ERR_FROZEN);
	TU_EQ(a->ops->flush(a, &err), TC_OK);
	TU_EQ(tu_set(a, "x", "1", "t", 0), TC_OK);
	a->ops->destroy(a);
	tc_fstripes_force_flock = 0;
	tu_rmtree(base);
}

void tu_suite_file_stripes(void)
{
	TU_RUN(test_mapped_mode_excludes_processes);
	TU_RUN(test_flock_mode_excludes_processes);
	TU_RUN(test_killed_holder_recovered);
	TU_RUN(test_frozen_word);
	TU_RUN(test_foreign_file_replaced_unsafe_refused);
	TU_RUN(test_copied_back_held_file_fails);
	TU_RUN(test_name_has_layout_and_boot);
	TU_RUN(test_late_mapping_same_stripe);
	TU_RUN(test_freeze_holes);
	TU_RUN(test_flock_freeze_takes_every_stripe);
}
