/* SharedMemoryBackend: the segment file (create, check, map) and its robust mutex.
 *
 * A new segment is built under a temporary name, fully allocated (posix_fallocate, so a full
 * tmpfs is an error now rather than a SIGBUS later), initialised, and only then linked to its
 * final name: whoever opens the name finds a complete header or nothing. Of two processes
 * creating it at once, link() lets exactly one win; the other opens the winner's file. Opening
 * checks the header's geometry, not only its magic: everything later trusts the copy of the
 * geometry taken here.
 *
 * Lock scheme: one process-shared robust mutex for writers; a mutation also makes hdr->seq odd
 * for its duration, so readers (shm_read.c) copy without the mutex and retry when seq moved.
 * Robust: a holder that dies makes the next locker see EOWNERDEAD; when the dead holder was
 * mutating (dirty set, seq odd) every entry is dropped, since no partial write can be told
 * apart from a whole one, and seq is made even again. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../tc_shm.h"
#include "shm_layout.h"

/* tests/shm/corrupt_header.phpt, corrupt_entry.phpt and seqlock_recovery.phpt patch and read the segment file at these
 * offsets: a layout change must update them there too. */
_Static_assert(offsetof(shm_header, dirty) == 88 && offsetof(shm_header, seq) == 96 &&
                   offsetof(shm_header, nbuckets) == 104 && offsetof(shm_header, bump) == 144 &&
                   offsetof(shm_header, used_bytes) == 1464,
               "header offsets the tests patch");
_Static_assert(sizeof(shm_entry) == 80 && offsetof(shm_entry, len) == 48 && offsetof(shm_entry, hash) == 64,
               "entry offsets the tests patch");

static uint64_t shm_nbuckets_for(uint64_t size)
{
	uint64_t nb = 1024;
	while (nb * 512 < size) {
		nb <<= 1;
	}
	return nb;
}

static void shm_mutex_init(shm_header *h)
{
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&h->mutex.m, &a);
	pthread_mutexattr_destroy(&a);
}

static char shm_boot[40];
static pthread_once_t shm_boot_once = PTHREAD_ONCE_INIT;

static void shm_boot_read(void)
{
	FILE *f = fopen("/proc/sys/kernel/random/boot_id", "re");
	if (f) {
		if (!fgets(shm_boot, sizeof(shm_boot), f)) {
			shm_boot[0] = 0;
		}
		fclose(f);
		shm_boot[strcspn(shm_boot, "\n")] = 0;
	}
}

/* The kernel's id of this boot (36 characters), "" when /proc does not tell. Read once per
 * process: no process outlives its boot, and every open of a segment asks (four system calls,
 * a third of an open's). */
static void shm_boot_id(char out[40])
{
	pthread_once(&shm_boot_once, shm_boot_read);
	memcpy(out, shm_boot, 40);
}

static void shm_init(shm_header *h, uint64_t size)
{
	memset(h, 0, sizeof(*h));
	shm_mutex_init(h);
	shm_boot_id(h->boot);
	uint64_t nb = shm_nbuckets_for(size);
	h->nbuckets = nb;
	h->buckets = (sizeof(*h) + 63) & ~63ull;
	h->tbuckets = h->buckets + nb * 8;
	/* then the CLOCK reference bytes (shm_ref), nb of them */
	h->arena = (h->tbuckets + nb * 8 + nb + 63) & ~63ull;
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
	memset(base + h->buckets, 0, h->arena - h->buckets); /* both tables and the reference bytes */
	memset(h->freelist, 0, sizeof(h->freelist));
	h->bump = h->arena; /* the whole arena untouched again: no block, nothing to merge */
	h->blocks = h->free_blocks = h->hand = h->entries = h->used_bytes = 0;
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

static int shm_in_arena(const shm_header *h, uint64_t off)
{
	return off == 0 || (off >= h->arena + SHM_BLOCK_HDR && off < h->arena_end && !(off & 15));
}

/* 0 when the header at m is a sound segment of this layout and size, else -1 with why. The
 * counters checked may change meanwhile (other processes write), but never beyond these
 * bounds in a sound segment. Each bound holds one field alone: a relation between two fields
 * (bytes used within the carved arena) is checked with the free lists, where seq confirms
 * both were read from one state; read here, a writer between the two reads looks corrupt. */
static int shm_check_header(const shm_header *h, uint64_t size, char *why, size_t n)
{
	uint64_t nb = shm_nbuckets_for(size);
	uint64_t buckets = (sizeof(*h) + 63) & ~63ull, arena = (buckets + nb * 17 + 63) & ~63ull;
	if (__atomic_load_n(&h->magic, __ATOMIC_ACQUIRE) != SHM_MAGIC) {
		snprintf(why, n, "it does not start with the segment magic (not a segment of this extension, or overwritten)");
	} else if (h->layout != SHM_LAYOUT) {
		snprintf(why, n, "it has layout version %u, this build reads layout version %u", h->layout, SHM_LAYOUT);
	} else if (h->header_size != sizeof(*h)) {
		snprintf(why, n, "its header has %u bytes, this build's has %zu", h->header_size, sizeof(*h));
	} else if (h->size != size || h->arena_end != size) {
		snprintf(why, n, "its header is corrupt: size %llu and arena end %llu, the file has %llu bytes",
		         (unsigned long long)h->size, (unsigned long long)h->arena_end, (unsigned long long)size);
	} else if (h->nbuckets != nb) {
		snprintf(why, n, "its header is corrupt: %llu hash buckets, a segment of this size has %llu",
		         (unsigned long long)h->nbuckets, (unsigned long long)nb);
	} else if (h->buckets != buckets || h->tbuckets != buckets + nb * 8 || h->arena != arena || arena >= size) {
		snprintf(why, n, "its header is corrupt: tables at %llu and %llu, arena at %llu, expected %llu, %llu, %llu",
		         (unsigned long long)h->buckets, (unsigned long long)h->tbuckets, (unsigned long long)h->arena,
		         (unsigned long long)buckets, (unsigned long long)(buckets + nb * 8), (unsigned long long)arena);
	} else if (h->bump < h->arena || h->bump > h->arena_end || (h->bump & 15) || !shm_in_arena(h, h->hand)) {
		snprintf(why, n, "its header is corrupt: allocation pointer %llu or CLOCK hand %llu outside the arena %llu..%llu",
		         (unsigned long long)h->bump, (unsigned long long)h->hand, (unsigned long long)h->arena,
		         (unsigned long long)h->arena_end);
	} else if (h->dirty > 1 || h->entries > (size - arena) / 64 || h->blocks > (size - arena) / 64 ||
	           h->free_blocks > (size - arena) / 64 || h->used_bytes > size - arena) {
		snprintf(why, n, "its header is corrupt: %llu entries, %llu blocks, %llu free blocks, %llu bytes used cannot fit its arena",
		         (unsigned long long)h->entries, (unsigned long long)h->blocks,
		         (unsigned long long)h->free_blocks, (unsigned long long)h->used_bytes);
	} else {
		for (unsigned c = 0; c < SHM_CLASSES; c++) {
			uint64_t f = h->freelist[c];
			if (!shm_in_arena(h, f ? f + SHM_BLOCK_HDR : 0)) {
				snprintf(why, n, "its header is corrupt: free list %u starts at %llu, outside the arena", c,
				         (unsigned long long)f);
				return -1;
			}
		}
		for (unsigned i = 0; i < SHM_MAX_NS; i++) {
			const shm_ns *ns = &h->ns[i];
			if (ns->used > 1 || ns->frozen > 1 || memchr(ns->name, 0, SHM_NS_NAME) == NULL ||
			    ns->count > (size - arena) / 64 || !shm_in_arena(h, ns->head)) {
				snprintf(why, n, "its header is corrupt: cache namespace %u (used %u, frozen %u, %llu entries, first at %llu) is not sound",
				         i, ns->used, ns->frozen, (unsigned long long)ns->count, (unsigned long long)ns->head);
				return -1;
			}
		}
		return 0;
	}
	return -1;
}

/* NULL when every free list starts with a free block of its bin inside the carved arena, else
 * what is wrong. Free lists and bump change together under the mutex, so this reads like a
 * lock-free reader: each value once, every offset bounded before it is followed, and only a
 * verdict that seq confirms counts (the caller retries or takes the mutex). */
static const char *shm_check_free_lists(const shm_header *h, char *why, size_t n)
{
	uint64_t bump = SHM_LD(h->bump);
	if (bump < h->arena || bump > h->arena_end) {
		snprintf(why, n, "its header is corrupt: allocation pointer %llu outside the arena", (unsigned long long)bump);
		return why;
	}
	uint64_t used = SHM_LD(h->used_bytes);
	if (used > bump - h->arena) {
		snprintf(why, n, "its header is corrupt: %llu bytes used, but only %llu bytes of its arena were ever allocated",
		         (unsigned long long)used, (unsigned long long)(bump - h->arena));
		return why;
	}
	for (unsigned c = 0; c < SHM_CLASSES; c++) {
		uint64_t f = SHM_LD(h->freelist[c]);
		if (!f) {
			continue;
		}
		const shm_free_block *fb = (const shm_free_block *)((const char *)h + f);
		uint64_t size = f >= h->arena && f + sizeof(*fb) <= bump ? SHM_LD(fb->b.size) : 0;
		if (size < SHM_MIN_BLOCK || (size & 15) || size > bump - f || SHM_LD(fb->b.inuse) != SHM_FREE ||
		    tc_shm_bin(size) != c || SHM_LD(fb->prev) != 0) {
			snprintf(why, n, "its header is corrupt: free list %u starts at %llu, which is not a free block of its size",
			         c, (unsigned long long)f);
			return why;
		}
	}
	return NULL;
}

/* The free-list check without the mutex when no writer overlaps it (opening a segment stays
 * lock-free, as reads are), else under it. -1 when the lock fails (err set). */
static int shm_free_lists_sound(shm_backend *sb, char *why, size_t n, const char **bad, tc_err *err)
{
	shm_header *h = SHM_HDR(sb);
	for (int i = 0; i < 4; i++) {
		uint64_t s = __atomic_load_n(&h->seq, __ATOMIC_ACQUIRE);
		if (s & 1) {
			continue;
		}
		*bad = shm_check_free_lists(h, why, n);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (__atomic_load_n(&h->seq, __ATOMIC_RELAXED) == s) {
			return 0;
		}
	}
	if (tc_shm_lock(sb, 0, err) != 0) {
		return -1;
	}
	*bad = shm_check_free_lists(h, why, n);
	tc_shm_unlock(sb);
	return 0;
}

/* A segment kept on a disk (option segment) outlives the boot it was used in. A process that
 * held the mutex when the machine went down left the mutex marked held by a thread that no
 * longer exists, and no robust-futex cleanup ever ran: every locker would wait forever, and a
 * seq left odd would send every reader to that mutex. So the header remembers the boot its
 * mutex was set up in, and the first opener of a later boot sets up a fresh mutex and drops
 * every entry (a write may have been cut short), under an flock of the file so that two
 * openers of the new boot do it once. Openers of the same boot see their own boot id: no lock,
 * no system call beyond reading the id. */
static void shm_adopt_boot(shm_header *h, int fd)
{
	char boot[40];
	shm_boot_id(boot);
	if (!boot[0] || memcmp(h->boot, boot, sizeof(boot)) == 0 || flock(fd, LOCK_EX) != 0) {
		return;
	}
	if (memcmp(h->boot, boot, sizeof(boot)) != 0) {
		shm_mutex_init(h);
		uint64_t s = __atomic_load_n(&h->seq, __ATOMIC_RELAXED);
		__atomic_store_n(&h->seq, s | 1, __ATOMIC_RELAXED);
		__atomic_thread_fence(__ATOMIC_RELEASE);
		tc_shm_reset(h);
		h->dirty = 0;
		h->recoveries++;
		__atomic_store_n(&h->seq, (s | 1) + 1, __ATOMIC_RELEASE);
		memcpy(h->boot, boot, sizeof(boot));
	}
	flock(fd, LOCK_UN);
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
	if (m == MAP_FAILED) {
		int e = errno;
		close(fd);
		return tc_err_errno(err, TC_ERR_IO, e, "cannot map shared memory segment %s", path);
	}
	char why[200];
	if (shm_check_header(m, size, why, sizeof(why)) != 0) {
		munmap(m, size);
		close(fd);
		return tc_err_set(err, TC_ERR_ARG, "shared memory segment %s is refused: %s; remove the file to start afresh",
		                  path, why);
	}
	shm_header *h = m;
	shm_adopt_boot(h, fd);
	close(fd);
	sb->nbuckets = h->nbuckets;
	sb->buckets = h->buckets;
	sb->refs = h->tbuckets + h->nbuckets * 8;
	sb->arena = h->arena;
	sb->arena_end = h->arena_end;
	sb->map = m;
	sb->size = size;
	const char *bad = NULL;
	if (shm_free_lists_sound(sb, why, sizeof(why), &bad, err) != 0) {
		munmap(m, size);
		sb->map = NULL;
		return err->code;
	}
	if (bad) {
		munmap(m, size);
		sb->map = NULL;
		return tc_err_set(err, TC_ERR_ARG, "shared memory segment %s is refused: %s; remove the file to start afresh",
		                  path, why);
	}
	return TC_OK;
}

/* Test hook: a process whose backend was built with TAGCACHE_SHM_TEST_HOLD_LOCK set (a file
 * path) stops after taking the lock for a write, creates the file and waits to be killed, so
 * tests can kill a lock holder mid-mutation. With the prefix "before-seq:" it stops before
 * making seq odd: the mutex is held, yet readers must still be served without it. */
static void shm_test_hold(const char *hold)
{
	int fd = open(hold, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0) {
		close(fd);
	}
	for (;;) {
		pause();
	}
}

/* seq odd: readers that start now fall back, readers under way see it move and retry. The
 * release fence orders the odd seq before every store of the mutation. */
static void shm_seq_begin(shm_header *h)
{
	uint64_t s = __atomic_load_n(&h->seq, __ATOMIC_RELAXED);
	if (!(s & 1)) {
		__atomic_store_n(&h->seq, s + 1, __ATOMIC_RELAXED);
		__atomic_thread_fence(__ATOMIC_RELEASE);
	}
}

/* seq even again, after (release) every store of the mutation. */
static void shm_seq_end(shm_header *h)
{
	uint64_t s = __atomic_load_n(&h->seq, __ATOMIC_RELAXED);
	if (s & 1) {
		__atomic_store_n(&h->seq, s + 1, __ATOMIC_RELEASE);
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
		if (h->dirty || (__atomic_load_n(&h->seq, __ATOMIC_RELAXED) & 1)) {
			shm_seq_begin(h);
			tc_shm_reset(h);
			shm_seq_end(h);
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
		if (sb->hold && sb->hold_before_seq) {
			shm_test_hold(sb->hold);
		}
		shm_seq_begin(h);
		if (sb->hold) {
			shm_test_hold(sb->hold);
		}
	}
	return 0;
}

void tc_shm_corrupt(shm_backend *sb, tc_str id, const char *reason)
{
	shm_header *h = SHM_HDR(sb);
	uint32_t dirty = h->dirty;
	int was_odd = (int)(__atomic_load_n(&h->seq, __ATOMIC_RELAXED) & 1);
	h->dirty = 1;
	shm_seq_begin(h);
	tc_shm_reset(h);
	h->recoveries++;
	if (!was_odd) {
		shm_seq_end(h);
	}
	h->dirty = dirty;
	sb->corrupt_id = id;
	sb->corrupt_reason = reason;
}

void tc_shm_unlock(shm_backend *sb)
{
	shm_header *h = SHM_HDR(sb);
	shm_seq_end(h);
	h->dirty = 0;
	pthread_mutex_unlock(&h->mutex.m);
	if (sb->corrupt_reason) {
		/* The callback leaves src/ (a PHP warning): only now, with the mutex released. */
		const char *reason = sb->corrupt_reason;
		sb->corrupt_reason = NULL;
		tc_backend_report_corrupt(&sb->base, sb->corrupt_id, reason);
	}
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
		uint64_t hits = 0, misses = 0;
		for (unsigned i = 0; i < SHM_STRIPES; i++) {
			hits += __atomic_load_n(&h->stripes[i].hits, __ATOMIC_RELAXED);
			misses += __atomic_load_n(&h->stripes[i].misses, __ATOMIC_RELAXED);
		}
		*out = (tc_shm_stats){
			.entries = h->entries,
			.bytes_used = h->used_bytes,
			.bytes_free = (h->arena_end - h->arena) - h->used_bytes,
			.size = h->size,
			.hits = hits,
			.misses = misses,
			.evictions = h->evictions,
			.lock_waits = h->lock_waits,
			.recoveries = h->recoveries,
		};
	}
	munmap(m, sizeof(shm_header));
	return rc;
}
