/* SharedMemoryBackend: the segment file (create, check, map) and its robust mutex.
 *
 * A new segment is built under a temporary name, fully allocated (posix_fallocate, so a full
 * tmpfs is an error now rather than a SIGBUS later), initialised, and only then linked to its
 * final name: whoever opens the name finds a complete header or nothing. Of two processes
 * creating it at once, link() lets exactly one win; the other opens the winner's file.
 *
 * Lock scheme: one process-shared robust mutex for readers and writers. Reads copy bytes out
 * under it and hold it for a hash lookup plus a memcpy, so it stays short; a later step can
 * add seqlock reads. Robust: a holder that dies makes the next locker see EOWNERDEAD; when the
 * dead holder was mutating (dirty set) every entry is dropped, since no partial write can be
 * told apart from a whole one. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../tc_shm.h"
#include "shm_layout.h"

static void shm_init(shm_header *h, uint64_t size)
{
	memset(h, 0, sizeof(*h));
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&h->mutex.m, &a);
	pthread_mutexattr_destroy(&a);
	uint64_t nb = 1024;
	while (nb * 512 < size) {
		nb <<= 1;
	}
	h->nbuckets = nb;
	h->buckets = (sizeof(*h) + 63) & ~63ull;
	h->tbuckets = h->buckets + nb * 8;
	h->arena = h->tbuckets + nb * 8;
	h->arena_end = size;
	h->bump = h->arena;
	h->layout = SHM_LAYOUT;
	h->header_size = sizeof(*h);
	h->size = size;
	__atomic_store_n(&h->magic, SHM_MAGIC, __ATOMIC_RELEASE);
}

void tc_shm_reset(shm_header *h)
{
	char *base = (char *)h;
	memset(base + h->buckets, 0, h->nbuckets * 16);
	memset(h->freelist, 0, sizeof(h->freelist));
	h->bump = h->arena;
	h->blocks = h->hand = h->entries = h->used_bytes = 0;
	memset(h->locks.rec, 0, sizeof(h->locks.rec)); /* holders find their lock gone: harmless */
	for (unsigned i = 0; i < SHM_MAX_NS; i++) {
		shm_ns *ns = &h->ns[i];
		ns->head = ns->count = 0;
		/* Tickets taken before the reset must not store what was computed before it. */
		ns->floor = ++ns->epoch;
	}
}

static tc_status shm_create(const char *path, uint64_t size, tc_err *err)
{
	char tmp[4200];
	snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());
	int fd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		return tc_err_errno(err, TC_ERR_IO, errno, "cannot create shared memory segment %s", tmp);
	}
	int rc = posix_fallocate(fd, 0, (off_t)size);
	if (rc != 0) {
		close(fd);
		unlink(tmp);
		return tc_err_errno(err, TC_ERR_IO, rc,
		                    "cannot allocate %llu bytes for shared memory segment %s",
		                    (unsigned long long)size, path);
	}
	void *m = mmap(NULL, sizeof(shm_header), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED) {
		int e = errno;
		close(fd);
		unlink(tmp);
		return tc_err_errno(err, TC_ERR_IO, e, "cannot map shared memory segment %s", tmp);
	}
	shm_init(m, size);
	munmap(m, sizeof(shm_header));
	close(fd);
	if (link(tmp, path) != 0 && errno != EEXIST) {
		int e = errno;
		unlink(tmp);
		return tc_err_errno(err, TC_ERR_IO, e, "cannot create shared memory segment %s", path);
	}
	unlink(tmp);
	return TC_OK;
}

tc_status tc_shm_map(shm_backend *sb, const char *path, uint64_t size, tc_err *err)
{
	int fd = -1;
	for (int attempt = 0; fd < 0 && attempt < 2; attempt++) {
		fd = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0 && errno == ENOENT && attempt == 0) {
			tc_status st = shm_create(path, size, err);
			if (st != TC_OK) {
				return st;
			}
		} else if (fd < 0 && errno == ELOOP) {
			return tc_err_set(err, TC_ERR_ARG,
			                  "shared memory segment %s is refused: it must not be a symbolic link", path);
		} else if (fd < 0) {
			return tc_err_errno(err, TC_ERR_IO, errno, "cannot open shared memory segment %s", path);
		}
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		return tc_err_errno(err, TC_ERR_IO, e, "cannot stat shared memory segment %s", path);
	}
	const char *rule = NULL;
	if (!S_ISREG(st.st_mode)) {
		rule = "it must be a regular file";
	} else if (st.st_uid != geteuid()) {
		rule = "it must be owned by the user running PHP";
	} else if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		rule = "it must not be group- or world-writable";
	} else if ((uint64_t)st.st_size != size) {
		close(fd);
		return tc_err_set(err, TC_ERR_ARG,
		                  "shared memory segment %s is refused: it has %llu bytes, the configured size is %llu",
		                  path, (unsigned long long)st.st_size, (unsigned long long)size);
	}
	if (rule) {
		close(fd);
		return tc_err_set(err, TC_ERR_ARG, "shared memory segment %s is refused: %s (mode %04o, owner %ld)",
		                  path, rule, (unsigned)(st.st_mode & 07777), (long)st.st_uid);
	}
	void *m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	int e = errno;
	close(fd);
	if (m == MAP_FAILED) {
		return tc_err_errno(err, TC_ERR_IO, e, "cannot map shared memory segment %s", path);
	}
	shm_header *h = m;
	if (__atomic_load_n(&h->magic, __ATOMIC_ACQUIRE) != SHM_MAGIC || h->layout != SHM_LAYOUT ||
	    h->header_size != sizeof(shm_header) || h->size != size || h->arena_end != size ||
	    h->nbuckets == 0 || (h->nbuckets & (h->nbuckets - 1)) || h->arena != h->tbuckets + h->nbuckets * 8 ||
	    h->arena >= size) {
		munmap(m, size);
		return tc_err_set(err, TC_ERR_ARG,
		                  "shared memory segment %s is refused: its header does not match this layout (magic, layout version %u, size %llu); remove the file to start afresh",
		                  path, SHM_LAYOUT, (unsigned long long)size);
	}
	sb->map = m;
	sb->size = size;
	return TC_OK;
}

/* Test hook: a process with this variable set (a file path) stops after taking the lock for
 * a write, creates the file and waits to be killed, so tests can kill a lock holder. */
static void shm_test_hold(void)
{
	const char *hold = getenv("TAGCACHE_SHM_TEST_HOLD_LOCK");
	if (hold && *hold) {
		int fd = open(hold, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
		if (fd >= 0) {
			close(fd);
		}
		for (;;) {
			pause();
		}
	}
}

int tc_shm_lock(shm_backend *sb, int write, tc_err *err)
{
	shm_header *h = SHM_HDR(sb);
	int rc = pthread_mutex_trylock(&h->mutex.m);
	int waited = rc == EBUSY;
	if (waited) {
		rc = pthread_mutex_lock(&h->mutex.m);
	}
	if (rc == EOWNERDEAD) {
		if (h->dirty) {
			tc_shm_reset(h);
			h->dirty = 0;
		}
		h->recoveries++;
		pthread_mutex_consistent(&h->mutex.m);
		rc = 0;
	}
	if (rc != 0) {
		tc_err_errno(err, TC_ERR_IO, rc, "cannot lock shared memory segment %s", sb->path);
		return -1;
	}
	h->lock_waits += waited;
	if (write) {
		h->dirty = 1;
		shm_test_hold();
	}
	return 0;
}

void tc_shm_unlock(shm_backend *sb)
{
	shm_header *h = SHM_HDR(sb);
	h->dirty = 0;
	pthread_mutex_unlock(&h->mutex.m);
}

/* Counters of a segment for phpinfo(), read without the lock (each is one aligned word, so
 * the figures are approximate, never torn); TC_MISS when there is no such segment. */
tc_status tc_shm_segment_stats(const char *path, tc_shm_stats *out, tc_err *err)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		return errno == ENOENT ? TC_MISS
		                       : tc_err_errno(err, TC_ERR_IO, errno, "cannot open shared memory segment %s", path);
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size < sizeof(shm_header)) {
		close(fd);
		return tc_err_set(err, TC_ERR_ARG, "%s is not a shared memory segment", path);
	}
	void *m = mmap(NULL, sizeof(shm_header), PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (m == MAP_FAILED) {
		return tc_err_errno(err, TC_ERR_IO, errno, "cannot map shared memory segment %s", path);
	}
	const shm_header *h = m;
	tc_status rc = TC_OK;
	if (h->magic != SHM_MAGIC || h->layout != SHM_LAYOUT || h->header_size != sizeof(shm_header)) {
		rc = tc_err_set(err, TC_ERR_ARG, "%s does not have this layout", path);
	} else {
		*out = (tc_shm_stats){
			.entries = h->entries,
			.bytes_used = h->used_bytes,
			.bytes_free = (h->arena_end - h->arena) - h->used_bytes,
			.size = h->size,
			.hits = h->hits,
			.misses = h->misses,
			.evictions = h->evictions,
			.lock_waits = h->lock_waits,
			.recoveries = h->recoveries,
		};
	}
	munmap(m, sizeof(shm_header));
	return rc;
}
