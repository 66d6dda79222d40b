/* Compute locks of the file backend (file_lock.h).
 *
 * A lock is an exclusive flock() on <cache>/locks/compute/<id>; the kernel drops it when its
 * holder dies, so a waiter takes over at its next poll. The holder unlinks the file before it
 * unlocks, so no file is left behind. That opens the classic unlink/flock race: a waiter that
 * opened the file before the unlink locks an inode no longer reachable by name, while a later
 * process creates and locks a new one. So after locking, a waiter checks that the name still
 * points at the inode it holds, and starts over when it does not. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#define _DEFAULT_SOURCE
#include "file_lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TC_FLOCK_DIR "compute"
/* Poll interval bounds: short at first (a computation may be quick), then capped so a
 * waiter notices a released or dead holder within this many milliseconds. */
#define TC_FLOCK_POLL_MIN_MS 1
#define TC_FLOCK_POLL_MAX_MS 20

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void sleep_ms(unsigned ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
	}
}

/* The lock folder's descriptor (opened per call: a flush may remove the whole tree). */
static int open_lock_dir(tc_fstore *s, tc_err *err)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		if (mkdirat(s->locksfd, TC_FLOCK_DIR, 0700) != 0 && errno != EEXIST && errno != ENOENT) {
			tc_err_errno(err, TC_ERR_IO, errno, "cannot create %s/locks/" TC_FLOCK_DIR, s->dir);
			return -1;
		}
		int fd = openat(s->locksfd, TC_FLOCK_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd >= 0) {
			return fd;
		}
		if (errno != ENOENT || attempt) {
			break;
		}
		/* locks/ went with a flushed tree: recreate it. */
		if (tc_fstore_reopen(s, err) != TC_OK) {
			return -1;
		}
	}
	tc_err_errno(err, TC_ERR_IO, errno, "cannot open %s/locks/" TC_FLOCK_DIR, s->dir);
	return -1;
}

static int same_file(int dirfd, const char *name, int fd)
{
	struct stat a, b;
	if (fstat(fd, &a) != 0 || fstatat(dirfd, name, &b, AT_SYMLINK_NOFOLLOW) != 0) {
		return 0;
	}
	return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

tc_status tc_flock_compute(tc_fstore *s, tc_str id, unsigned timeout_ms, uint64_t *token,
                           tc_err *err)
{
	char name[256];
	if (id.len == 0 || id.len >= sizeof(name)) {
		return tc_err_set(err, TC_ERR_ARG, "compute lock: identifier of %zu bytes", id.len);
	}
	memcpy(name, id.ptr, id.len);
	name[id.len] = '\0';
	int dfd = open_lock_dir(s, err);
	if (dfd < 0) {
		return TC_ERR_IO;
	}
	uint64_t deadline = now_ms() + timeout_ms;
	unsigned pause = TC_FLOCK_POLL_MIN_MS;
	tc_status st;
	for (;;) {
		int fd = openat(dfd, name, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
		if (fd < 0) {
			st = tc_err_errno(err, TC_ERR_IO, errno, "cannot open lock file %s/locks/" TC_FLOCK_DIR "/%s",
			                  s->dir, name);
			break;
		}
		if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
			if (same_file(dfd, name, fd)) {
				*token = (uint64_t)fd;
				st = TC_OK;
				break;
			}
			/* Its holder unlinked it between our open and our lock: take the new file. */
			close(fd);
			continue;
		}
		int e = errno;
		close(fd);
		if (e != EWOULDBLOCK && e != EINTR) {
			st = tc_err_errno(err, TC_ERR_IO, e, "cannot lock %s/locks/" TC_FLOCK_DIR "/%s",
			                  s->dir, name);
			break;
		}
		uint64_t now = now_ms();
		if (now >= deadline) {
			st = TC_MISS;
			break;
		}
		unsigned left = (unsigned)(deadline - now);
		sleep_ms(pause < left ? pause : left);
		pause = pause * 2 > TC_FLOCK_POLL_MAX_MS ? TC_FLOCK_POLL_MAX_MS : pause * 2;
	}
	close(dfd);
	return st;
}

tc_status tc_funlock_compute(tc_fstore *s, tc_str id, uint64_t token, tc_err *err)
{
	int fd = (int)token;
	char name[256];
	tc_status st = TC_OK;
	if (id.len > 0 && id.len < sizeof(name)) {
		memcpy(name, id.ptr, id.len);
		name[id.len] = '\0';
		int dfd = openat(s->locksfd, TC_FLOCK_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		/* Only our own file: after a flush removed the tree, the name may be another's. */
		if (dfd >= 0 && same_file(dfd, name, fd) && unlinkat(dfd, name, 0) != 0 && errno != ENOENT) {
			st = tc_err_errno(err, TC_ERR_IO, errno, "cannot remove lock file %s/locks/" TC_FLOCK_DIR "/%s",
			                  s->dir, name);
		}
		if (dfd >= 0) {
			close(dfd);
		}
	}
	close(fd); /* releases the flock */
	return st;
}
