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

#include "../tc_poll.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define TC_FLOCK_DIR "compute"
/* A waiter notices a released or dead holder within this many milliseconds. */
#define TC_FLOCK_POLL_MAX_MS 20

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

typedef struct {
	tc_fstore *s;
	int dfd;
	const char *name;
	uint64_t *token;
} flock_try;

/* One attempt for tc_poll_until: TC_OK locked, TC_MISS held by another. */
static tc_status flock_once(void *ctx, tc_err *err)
{
	flock_try *t = ctx;
	for (;;) {
		int fd = openat(t->dfd, t->name, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
		if (fd < 0) {
			return tc_err_errno(err, TC_ERR_IO, errno, "cannot open lock file %s/locks/" TC_FLOCK_DIR "/%s",
			                    t->s->dir, t->name);
		}
		if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
			if (same_file(t->dfd, t->name, fd)) {
				*t->token = (uint64_t)fd;
				return TC_OK;
			}
			/* Its holder unlinked it between our open and our lock: take the new file. */
			close(fd);
			continue;
		}
		int e = errno;
		close(fd);
		if (e != EWOULDBLOCK && e != EINTR) {
			return tc_err_errno(err, TC_ERR_IO, e, "cannot lock %s/locks/" TC_FLOCK_DIR "/%s",
			                    t->s->dir, t->name);
		}
		return TC_MISS;
	}
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
	flock_try t = {s, dfd, name, token};
	tc_status st = tc_poll_until(timeout_ms, TC_FLOCK_POLL_MAX_MS, flock_once, &t, err);
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
