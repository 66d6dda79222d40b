/* The shared epoch file of a file cache (file_epoch.h): creation, mapping, bumps and checks. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "file_epoch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#define TC_EPOCH_MAGIC 0x3148434f50454354ull /* "TCEPOCH1" little-endian */
#define TC_EPOCH_WORDS (3 + TC_EPOCH_SLOTS)
#define TC_EPOCH_BYTES (TC_EPOCH_WORDS * sizeof(uint64_t))

void tc_fepoch_init(tc_fepoch *e)
{
	e->words = NULL;
	e->fd = -1;
	e->dev = 0;
	e->ino = 0;
}

void tc_fepoch_close(tc_fepoch *e)
{
	if (e->words) {
		munmap(e->words, TC_EPOCH_BYTES);
	}
	if (e->fd >= 0) {
		close(e->fd);
	}
	tc_fepoch_init(e);
}

static uint64_t tc_epoch_now_us(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (uint64_t)tv.tv_sec * 1000000u + (uint64_t)tv.tv_usec;
}

/* Writes a complete new epoch file in tmp/ and puts it in place: linked when there is none
 * (of two processes creating at once one wins, the other uses the winner's), renamed over a
 * broken one. Readers therefore never map a half-initialised file. Every block is allocated
 * before the file gets its name: a sparse file would make the first store to a page of the
 * mapping allocate at fault time, and a full file system answers that with SIGBUS. */
static tc_status tc_fepoch_create(int dirfd, int tmpfd, const char *dir, int replace, tc_err *err)
{
	char name[64];
	static unsigned long seq;
	int fd = -1;
	/* A name left by a crashed process with our pid (seq restarts at 1) is skipped. */
	for (int attempt = 0; fd < 0; attempt++) {
		snprintf(name, sizeof(name), "epochs.%ld.%lu", (long)getpid(),
			__atomic_add_fetch(&seq, 1, __ATOMIC_RELAXED));
		fd = openat(tmpfd, name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && (errno != EEXIST || attempt >= 100000)) {
			return tc_err_errno(err, TC_ERR_IO, errno,
				"cannot create %s/epochs (its temporary file tmp/%s)", dir, name);
		}
	}
	uint64_t head[3] = {TC_EPOCH_MAGIC, 0, 0};
	head[1] = head[2] = tc_epoch_now_us();
	tc_status st = TC_OK;
	int en = posix_fallocate(fd, 0, (off_t)TC_EPOCH_BYTES);
	if (en != 0) {
		st = tc_err_errno(err, TC_ERR_IO, en, "cannot allocate the %zu bytes of %s/epochs",
			(size_t)TC_EPOCH_BYTES, dir);
	} else if (pwrite(fd, head, sizeof(head), 0) != (ssize_t)sizeof(head)) {
		st = tc_err_errno(err, TC_ERR_IO, errno, "cannot write %s/tmp/%s", dir, name);
	} else if (replace) {
		if (renameat(tmpfd, name, dirfd, "epochs") != 0) {
			st = tc_err_errno(err, TC_ERR_IO, errno, "cannot replace %s/epochs", dir);
		}
	} else if (linkat(tmpfd, name, dirfd, "epochs", 0) != 0 && errno != EEXIST) {
		st = tc_err_errno(err, TC_ERR_IO, errno, "cannot create %s/epochs", dir);
	}
	close(fd);
	unlinkat(tmpfd, name, 0); /* after a rename: ENOENT, fine */
	return st;
}

tc_status tc_fepoch_open(tc_fepoch *e, int dirfd, int tmpfd, const char *dir, tc_err *err)
{
	tc_fepoch_close(e);
	for (int attempt = 0; attempt < 4; attempt++) {
		int fd = openat(dirfd, "epochs", O_RDWR | O_CLOEXEC);
		if (fd < 0) {
			if (errno != ENOENT) {
				return tc_err_errno(err, TC_ERR_IO, errno, "cannot open %s/epochs", dir);
			}
			tc_status st = tc_fepoch_create(dirfd, tmpfd, dir, 0, err);
			if (st != TC_OK) {
				return st;
			}
			continue;
		}
		struct stat sb;
		uint64_t magic = 0;
		if (fstat(fd, &sb) != 0) {
			int en = errno;
			close(fd);
			return tc_err_errno(err, TC_ERR_IO, en, "cannot stat %s/epochs", dir);
		}
		if (sb.st_size != (off_t)TC_EPOCH_BYTES ||
			pread(fd, &magic, sizeof(magic), 0) != (ssize_t)sizeof(magic) ||
			magic != TC_EPOCH_MAGIC) {
			/* Short, long or foreign: a fresh file whose floor drops every older ticket. */
			close(fd);
			tc_status st = tc_fepoch_create(dirfd, tmpfd, dir, 1, err);
			if (st != TC_OK) {
				return st;
			}
			continue;
		}
		void *p = mmap(NULL, TC_EPOCH_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (p == MAP_FAILED) {
			int en = errno;
			close(fd);
			return tc_err_errno(err, TC_ERR_IO, en, "cannot map %s/epochs", dir);
		}
		e->words = p;
		e->fd = fd;
		e->dev = sb.st_dev;
		e->ino = sb.st_ino;
		return TC_OK;
	}
	return tc_err_set(err, TC_ERR_IO, "%s/epochs keeps changing under us", dir);
}

int tc_fepoch_gone(const tc_fepoch *e)
{
	struct stat sb;
	/* Removed or renamed over: the mapped file has no name left. Cut short in place: touching
	 * the mapping past its end would be SIGBUS, so it is replaced before any access. */
	if (!e->words || fstat(e->fd, &sb) != 0 || sb.st_nlink == 0 ||
		sb.st_size != (off_t)TC_EPOCH_BYTES) {
		return 1;
	}
	/* Overwritten in place: its counters mean nothing any more; a fresh file replaces it. */
	return __atomic_load_n(&e->words[0], __ATOMIC_RELAXED) != TC_EPOCH_MAGIC;
}

uint64_t tc_fepoch_ticket(const tc_fepoch *e)
{
	return __atomic_load_n(&e->words[1], __ATOMIC_SEQ_CST);
}

static void tc_epoch_raise(uint64_t *w, uint64_t epoch)
{
	uint64_t cur = __atomic_load_n(w, __ATOMIC_SEQ_CST);
	while (cur < epoch &&
		   !__atomic_compare_exchange_n(w, &cur, epoch, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
	}
}

uint64_t tc_fepoch_bump(tc_fepoch *e, char ns, const tc_str *names, size_t n, int whole)
{
	uint64_t epoch = __atomic_add_fetch(&e->words[1], 1, __ATOMIC_SEQ_CST);
	if (whole) {
		tc_epoch_raise(&e->words[2], epoch);
	}
	for (size_t i = 0; i < n; i++) {
		tc_epoch_raise(&e->words[3 + tc_epoch_slot(ns, names[i])], epoch);
	}
	return epoch;
}

int tc_fepoch_stale(
	const tc_fepoch *e, uint64_t ticket, tc_str id, const tc_str *tags, size_t ntags)
{
	if (__atomic_load_n(&e->words[2], __ATOMIC_SEQ_CST) > ticket) {
		return 1;
	}
	if (id.len &&
		__atomic_load_n(&e->words[3 + tc_epoch_slot('i', id)], __ATOMIC_SEQ_CST) > ticket) {
		return 1;
	}
	for (size_t i = 0; i < ntags; i++) {
		if (__atomic_load_n(&e->words[3 + tc_epoch_slot('t', tags[i])], __ATOMIC_SEQ_CST) >
			ticket) {
			return 1;
		}
	}
	return 0;
}

tc_status tc_fepoch_sync(tc_fepoch *e, tc_fstore *s, tc_err *err)
{
	if (!tc_fepoch_gone(e)) {
		return TC_OK;
	}
	/* The cache directory itself may have been removed: the tree (and its lock files) is
	 * reopened the one way every removal reopens it, never under a stripe lock. */
	tc_status st = tc_fstore_revalidate(s, err);
	if (st == TC_OK) {
		st = tc_fepoch_open(e, s->dirfd, s->tmpfd, s->dir, err);
	}
	return st;
}

tc_status tc_fepoch_take(tc_fepoch *e, tc_fstore *s, uint64_t *ticket, tc_err *err)
{
	tc_status st = tc_fepoch_sync(e, s, err);
	if (st == TC_OK) {
		*ticket = tc_fepoch_ticket(e);
	}
	return st;
}

static tc_status tc_fepoch_stale_error(tc_str id, uint64_t ticket, tc_err *err)
{
	return tc_err_set(err, TC_STALE,
		"entry \"%.*s\" was not stored: it, one of its tags or the cache was flushed after ticket "
		"%llu was taken",
		(int)id.len, id.ptr, (unsigned long long)ticket);
}

tc_status tc_fepoch_check(tc_fepoch *e, tc_fstore *s, uint64_t ticket, tc_str id,
	const tc_str *tags, size_t ntags, tc_err *err)
{
	tc_status st = tc_fepoch_sync(e, s, err);
	if (st != TC_OK) {
		return st;
	}
	if (!tc_fepoch_stale(e, ticket, id, tags, ntags)) {
		return TC_OK;
	}
	return tc_fepoch_stale_error(id, ticket, err);
}

tc_status tc_fepoch_check_locked(tc_fepoch *e, uint64_t ticket, tc_str id, const tc_str *tags,
	size_t ntags, tc_err *err)
{
	/* Gone or replaced since the caller synced: the cache was removed or broken meanwhile, so
	 * its flushes may have gone to a file (and lock files) we no longer see. A new file's
	 * floor would drop the ticket anyway; reopening here, under a lock, could not be trusted. */
	if (tc_fepoch_gone(e) || tc_fepoch_stale(e, ticket, id, tags, ntags)) {
		return tc_fepoch_stale_error(id, ticket, err);
	}
	return TC_OK;
}

tc_status tc_fepoch_bump_synced(
	tc_fepoch *e, tc_fstore *s, char ns, const tc_str *names, size_t n, int whole, tc_err *err)
{
	tc_status st = tc_fepoch_sync(e, s, err);
	if (st == TC_OK) {
		tc_fepoch_bump(e, ns, names, n, whole);
	}
	return st;
}
