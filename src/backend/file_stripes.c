/* Writer lock stripes of a tagged file store (file_stripes.h): the mapped locks/stripes file of
 * robust process-shared mutexes, the flock() fallback for network file systems, the frozen
 * word, and the cached pid and fork generation. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "file_stripes.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#include "../tc_alloc.h"

#define TC_STRIPES_MAGIC 0x3150495254534354ull /* "TCSTRIP1" little-endian */
/* 2: the holder's pid and pid namespace next to each mutex. Part of the file's name. */
#define TC_STRIPES_VERSION 2u
/* Waits of tc_fstripes_wait_ms for a stripe whose holder lives before giving up: a whole-cache
 * flush holds every stripe for as long as it removes entries, so a live holder is waited for
 * again and again, up to this many rounds (10 minutes at the default). */
#define TC_STRIPES_WAIT_ROUNDS 20
#define TC_STRIPES_LINE 64u
#define TC_STRIPES_MAX 4096u

typedef struct {
	uint64_t magic;
	uint32_t version;
	uint32_t stripes;
	uint32_t line;       /* bytes per stripe */
	uint32_t mutex_size; /* sizeof(pthread_mutex_t) of the creator: another ABI is foreign */
	uint32_t frozen;     /* 1 while frozen; the `frozen` marker file stays the persistent truth */
	char pad[TC_STRIPES_LINE - 28];
} tc_stripes_head;

typedef union {
	struct {
		pthread_mutex_t m;
		int32_t owner;     /* pid of the holder, written after locking, 0 before unlocking */
		uint32_t pad0;
		uint64_t owner_ns; /* its pid namespace (tc_pidns), 0 unknown */
	};
	char line[TC_STRIPES_LINE];
} tc_stripe_slot;

_Static_assert(sizeof(tc_stripes_head) == TC_STRIPES_LINE, "stripes header is one line");
_Static_assert(sizeof(tc_stripe_slot) == TC_STRIPES_LINE, "a mutex fits one line");

int tc_fstripes_force_flock;
unsigned tc_fstripes_wait_ms = 30000;

/* ---- pid and fork generation without a system call per use ---- */

static long tc_proc_pid;
static unsigned tc_proc_gen;
static pthread_once_t tc_proc_once = PTHREAD_ONCE_INIT;

static void tc_proc_child(void)
{
	tc_proc_pid = (long)getpid();
	__atomic_add_fetch(&tc_proc_gen, 1, __ATOMIC_RELAXED);
}

static void tc_proc_init(void)
{
	tc_proc_pid = (long)getpid();
	pthread_atfork(NULL, NULL, tc_proc_child);
}

long tc_fproc_pid(void)
{
	pthread_once(&tc_proc_once, tc_proc_init);
	return tc_proc_pid;
}

unsigned tc_fproc_forkgen(void)
{
	pthread_once(&tc_proc_once, tc_proc_init);
	return __atomic_load_n(&tc_proc_gen, __ATOMIC_RELAXED);
}

/* The pid namespace of this process (device and inode of its /proc entry), 0 when /proc
 * cannot tell: a pid recorded by a process of another namespace means nothing here. */
static uint64_t tc_pidns(void)
{
	struct stat st;
	return stat("/proc/self/ns/pid", &st) == 0 ? ((uint64_t)st.st_dev << 32) ^ (uint64_t)st.st_ino
	                                           : 0;
}

/* This boot's id, read once per process ("unknown" without /proc): part of the stripes file's
 * name, so a file whose mutexes were written back to disk while held (a power loss, a VM
 * restored, a backup restored, cp -a of the cache directory) is never used after a reboot. */
static char tc_boot[40];
static pthread_once_t tc_boot_once = PTHREAD_ONCE_INIT;

static void tc_boot_init(void)
{
	strcpy(tc_boot, "unknown");
	int fd = open("/proc/sys/kernel/random/boot_id", O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		return;
	}
	char buf[64];
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	size_t k = 0;
	for (ssize_t i = 0; i < n && k < sizeof(tc_boot) - 1; i++) {
		char c = buf[i];
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '-') {
			tc_boot[k++] = c;
		} else {
			break;
		}
	}
	if (k >= 8) {
		tc_boot[k] = '\0';
	} else {
		strcpy(tc_boot, "unknown");
	}
}

static const char *tc_boot_id(void)
{
	pthread_once(&tc_boot_once, tc_boot_init);
	return tc_boot;
}

/* ---- mode ---- */

/* File systems whose shared mappings are not coherent between machines (f_type magics). */
static int tc_is_network_fs(long type)
{
	switch ((unsigned long)type & 0xffffffffu) {
	case 0x6969u:     /* NFS */
	case 0x517bu:     /* SMB */
	case 0xff534d42u: /* CIFS */
	case 0xfe534d42u: /* SMB2 */
	case 0x65735546u: /* FUSE (sshfs, s3fs, glusterfs...) */
	case 0x00c36400u: /* Ceph */
	case 0x73757245u: /* Coda */
	case 0x5346414fu: /* AFS */
	case 0x6b414653u: /* kAFS */
	case 0x01021997u: /* 9P */
	case 0x01161970u: /* GFS2 */
	case 0x7461636fu: /* OCFS2 */
	case 0x0bd00bd0u: /* Lustre */
	case 0x564cu:     /* NCP */
		return 1;
	default:
		return 0;
	}
}

int tc_fstripes_network_fs(int dirfd)
{
	struct statfs fs;
	return fstatfs(dirfd, &fs) == 0 && tc_is_network_fs((long)fs.f_type);
}

/* ---- the mapped file ---- */

static size_t tc_stripes_bytes(unsigned n)
{
	return sizeof(tc_stripes_head) + (size_t)n * sizeof(tc_stripe_slot);
}

static tc_stripe_slot *tc_slots(const tc_fstore *s)
{
	return (tc_stripe_slot *)((char *)s->map + sizeof(tc_stripes_head));
}

static tc_stripes_head *tc_head(const tc_fstore *s)
{
	return (tc_stripes_head *)s->map;
}

/* Removes stripes files of other boots (never one of this boot: a process of another build
 * or ABI may use it): no process of theirs is alive, their mutexes may be held for ever. */
static void tc_stripes_drop_stale(tc_fstore *s)
{
	int fd = openat(s->locksfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		if (fd >= 0) {
			close(fd);
		}
		return;
	}
	const char *boot = tc_boot_id();
	size_t bl = strlen(boot);
	if (strcmp(boot, "unknown") == 0) {
		/* Without our boot id, a file named for one may be live in a process that can read
		 * it (another container of this machine): nothing is removed. */
		closedir(d);
		return;
	}
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		size_t nl = strlen(de->d_name);
		if (strncmp(de->d_name, "stripes-", 8) != 0) {
			continue;
		}
		if (nl > bl && de->d_name[nl - bl - 1] == '-' && strcmp(de->d_name + nl - bl, boot) == 0) {
			continue; /* this boot's */
		}
		unlinkat(dirfd(d), de->d_name, 0);
	}
	closedir(d);
}

/* Builds a complete stripes file in tmp/ (allocated, header and mutexes initialised in place)
 * and links it to locks/<map_name> (renames over a broken one): an opener sees a whole file or
 * none, and of two creators one wins. The frozen word starts from the `frozen` marker: read
 * before the file has its name, so a freeze that creates the marker later finds the file and
 * sets the word under every stripe. */
static tc_status tc_stripes_create(tc_fstore *s, int replace, tc_err *err)
{
	static unsigned long seq;
	char name[64];
	int fd = -1;
	for (int attempt = 0; fd < 0; attempt++) {
		snprintf(name, sizeof(name), "stripes.%ld.%lu", tc_fproc_pid(),
		         __atomic_add_fetch(&seq, 1, __ATOMIC_RELAXED));
		fd = openat(s->tmpfd, name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
		if (fd < 0 && (errno != EEXIST || attempt >= 100000)) {
			return tc_err_errno(err, TC_ERR_IO, errno,
			                    "cannot create %s/locks/%s (its temporary file tmp/%s)", s->dir,
			                    s->map_name, name);
		}
	}
	unsigned n = s->cfg_stripes;
	size_t len = tc_stripes_bytes(n);
	tc_status st = TC_OK;
	int en = posix_fallocate(fd, 0, (off_t)len);
	void *p = MAP_FAILED;
	if (en == 0) {
		p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		en = p == MAP_FAILED ? errno : 0;
	}
	if (en != 0) {
		st = tc_err_errno(err, TC_ERR_IO, en, "cannot allocate the %zu bytes of %s/locks/%s",
		                  len, s->dir, s->map_name);
	} else {
		tc_stripes_head *h = p;
		h->version = TC_STRIPES_VERSION;
		h->stripes = n;
		h->line = TC_STRIPES_LINE;
		h->mutex_size = (uint32_t)sizeof(pthread_mutex_t);
		h->frozen = faccessat(s->dirfd, "frozen", F_OK, 0) == 0;
		tc_stripe_slot *slot = (tc_stripe_slot *)((char *)p + sizeof(*h));
		pthread_mutexattr_t a;
		pthread_mutexattr_init(&a);
		pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
		pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
		for (unsigned i = 0; i < n; i++) {
			pthread_mutex_init(&slot[i].m, &a);
		}
		pthread_mutexattr_destroy(&a);
		/* The magic last: a file with it is complete (it gets its name only after anyway). */
		__atomic_store_n(&h->magic, TC_STRIPES_MAGIC, __ATOMIC_RELEASE);
		munmap(p, len);
		if (replace) {
			if (renameat(s->tmpfd, name, s->locksfd, s->map_name) != 0) {
				st = tc_err_errno(err, TC_ERR_IO, errno, "cannot replace %s/locks/%s", s->dir,
				                  s->map_name);
			}
		} else if (linkat(s->tmpfd, name, s->locksfd, s->map_name, 0) != 0) {
			if (errno != EEXIST) {
				st = tc_err_errno(err, TC_ERR_IO, errno, "cannot create %s/locks/%s", s->dir,
				                  s->map_name);
			}
		} else {
			/* The first file of this boot here: those of earlier boots are dead weight. */
			tc_stripes_drop_stale(s);
		}
	}
	close(fd);
	unlinkat(s->tmpfd, name, 0); /* after a rename: ENOENT, fine */
	return st;
}

static tc_status tc_stripes_map(tc_fstore *s, tc_err *err)
{
	for (int attempt = 0; attempt < 4; attempt++) {
		int fd = openat(s->locksfd, s->map_name, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
		if (fd < 0) {
			if (errno != ENOENT) {
				return tc_err_errno(err, TC_ERR_IO, errno, "cannot open %s/locks/%s", s->dir,
				                    s->map_name);
			}
			tc_status st = tc_stripes_create(s, 0, err);
			if (st != TC_OK) {
				return st;
			}
			continue;
		}
		struct stat sb;
		tc_stripes_head h;
		if (fstat(fd, &sb) != 0) {
			int en = errno;
			close(fd);
			return tc_err_errno(err, TC_ERR_IO, en, "cannot stat %s/locks/%s", s->dir,
			                    s->map_name);
		}
		/* Mutexes another user could corrupt would let writers of this cache in together. */
		if (!S_ISREG(sb.st_mode) || sb.st_uid != geteuid() || (sb.st_mode & 022)) {
			close(fd);
			return tc_err_set(err, TC_ERR_ARG,
			                  "%s/locks/%s must be a regular file owned by uid %ld and "
			                  "writable by its owner only",
			                  s->dir, s->map_name, (long)geteuid());
		}
		int sound = pread(fd, &h, sizeof(h), 0) == (ssize_t)sizeof(h) &&
		            h.magic == TC_STRIPES_MAGIC && h.version == TC_STRIPES_VERSION &&
		            h.line == TC_STRIPES_LINE && h.mutex_size == sizeof(pthread_mutex_t) &&
		            h.stripes >= 1 && h.stripes <= TC_STRIPES_MAX &&
		            sb.st_size == (off_t)tc_stripes_bytes(h.stripes);
		if (!sound) {
			/* Damaged (the name says the layout, so no build of ours wrote it so): a fresh
			 * one takes its place. */
			close(fd);
			tc_status st = tc_stripes_create(s, 1, err);
			if (st != TC_OK) {
				return st;
			}
			continue;
		}
		size_t len = tc_stripes_bytes(h.stripes);
		void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		int en = errno;
		close(fd);
		if (p == MAP_FAILED) {
			return tc_err_errno(err, TC_ERR_IO, en, "cannot map %s/locks/%s", s->dir,
			                    s->map_name);
		}
		unsigned char *held = tc_calloc(h.stripes, 1);
		if (!held) {
			munmap(p, len);
			return tc_err_set(err, TC_ERR_NOMEM, "out of memory mapping %s/locks/%s", s->dir,
			                  s->map_name);
		}
		s->map = p;
		s->map_len = len;
		s->map_dev = sb.st_dev;
		s->map_ino = sb.st_ino;
		s->held = held;
		s->pidns = tc_pidns();
		/* The file's count rules: every process of the cache hashes ids onto the same mutexes. */
		s->stripes = h.stripes;
		return TC_OK;
	}
	return tc_err_set(err, TC_ERR_IO, "%s/locks/%s keeps being replaced", s->dir, s->map_name);
}

tc_status tc_fstripes_open(tc_fstore *s, tc_err *err)
{
	if (!s->lockfds) {
		/* First open of this store: the mode stays for its lifetime. */
		s->flock_mode = tc_fstripes_force_flock || tc_fstripes_network_fs(s->dirfd);
		if (s->flock_mode) {
			s->lockfds = tc_malloc(sizeof(int) * s->cfg_stripes);
			if (!s->lockfds) {
				return tc_err_set(err, TC_ERR_NOMEM, "out of memory opening %s", s->dir);
			}
			for (unsigned i = 0; i < s->cfg_stripes; i++) {
				s->lockfds[i] = -1;
			}
			s->lock_forkgen = tc_fproc_forkgen();
			return TC_OK;
		}
		s->lockfds = tc_malloc(sizeof(int)); /* marks the mode as chosen */
		if (!s->lockfds) {
			return tc_err_set(err, TC_ERR_NOMEM, "out of memory opening %s", s->dir);
		}
		s->lockfds[0] = -1;
		snprintf(s->map_name, sizeof(s->map_name), "stripes-%u-%zu-%s", TC_STRIPES_VERSION,
		         sizeof(pthread_mutex_t), tc_boot_id());
	}
	if (!s->flock_mode) {
		/* Not fatal here, as for the epochs file: a read-only cache directory can still be
		 * read, and a full disk still flushed. The first lock maps again and fails naming it. */
		tc_err ignored;
		tc_err_clear(&ignored);
		(void)tc_stripes_map(s, &ignored);
	}
	return TC_OK;
}

void tc_fstripes_close(tc_fstore *s)
{
	if (s->map) {
		/* A mutex still held while unmapped would corrupt this thread's robust list. */
		for (unsigned i = 0; i < s->stripes; i++) {
			if (s->held[i]) {
				s->held[i] = 0;
				__atomic_store_n(&tc_slots(s)[i].owner, 0, __ATOMIC_RELAXED);
				pthread_mutex_unlock(&tc_slots(s)[i].m);
			}
		}
		munmap(s->map, s->map_len);
		s->map = NULL;
		s->map_len = 0;
		tc_free(s->held);
		s->held = NULL;
	}
	if (s->flock_mode && s->lockfds) {
		for (unsigned i = 0; i < s->stripes; i++) {
			if (s->lockfds[i] >= 0) {
				close(s->lockfds[i]); /* releases the stripe */
				s->lockfds[i] = -1;
			}
		}
	}
}

int tc_fstripes_sound(const void *map, unsigned stripes)
{
	const tc_stripes_head *h = map;
	return h && __atomic_load_n(&h->magic, __ATOMIC_ACQUIRE) == TC_STRIPES_MAGIC &&
	       h->version == TC_STRIPES_VERSION && h->line == TC_STRIPES_LINE &&
	       h->mutex_size == sizeof(pthread_mutex_t) && h->stripes == stripes;
}

int tc_fstripes_frozen(const tc_fstore *s)
{
	if (!s->map) {
		return -1;
	}
	return (int)__atomic_load_n(&tc_head(s)->frozen, __ATOMIC_ACQUIRE);
}

void tc_fstripes_set_frozen(tc_fstore *s, int frozen)
{
	if (s->map) {
		__atomic_store_n(&tc_head(s)->frozen, frozen ? 1u : 0u, __ATOMIC_RELEASE);
	}
}

/* ---- locking ---- */

static tc_status tc_flock_stripe(tc_fstore *s, unsigned stripe, tc_err *err)
{
	unsigned gen = tc_fproc_forkgen();
	if (gen != s->lock_forkgen) {
		/* A forked child shares our lock descriptions; flock() would not exclude it. */
		for (unsigned i = 0; i < s->stripes; i++) {
			if (s->lockfds[i] >= 0) {
				close(s->lockfds[i]);
				s->lockfds[i] = -1;
			}
		}
		s->lock_forkgen = gen;
	}
	int fd = s->lockfds[stripe];
	if (fd < 0) {
		char name[16];
		snprintf(name, sizeof(name), "%u", stripe);
		fd = openat(s->locksfd, name, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		if (fd < 0 && errno == ENOENT) {
			tc_status st = tc_fstore_reopen(s, err);
			if (st != TC_OK) {
				return st;
			}
			fd = openat(s->locksfd, name, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		}
		if (fd < 0) {
			return tc_err_errno(err, TC_ERR_IO, errno, "cannot open lock file %s/locks/%s",
			                    s->dir, name);
		}
		s->lockfds[stripe] = fd;
	}
	while (flock(fd, LOCK_EX) != 0) {
		if (errno != EINTR) {
			return tc_err_errno(err, TC_ERR_IO, errno, "cannot lock %s/locks/%u", s->dir,
			                    stripe);
		}
	}
	return TC_OK;
}

/* Whether the recorded holder of a slot may still live: a pid of our namespace that kill()
 * does not answer ESRCH, or one recorded in another namespace (or where either namespace is
 * unknown), which we cannot look into. No pid (0) with the mutex held for a whole wait: it was
 * taken by nobody alive (its state written to disk between the lock and the pid). */
static int tc_holder_may_live(const tc_fstore *s, const tc_stripe_slot *slot, long *pid)
{
	*pid = __atomic_load_n(&slot->owner, __ATOMIC_RELAXED);
	uint64_t ns = __atomic_load_n(&slot->owner_ns, __ATOMIC_RELAXED);
	if (*pid <= 0) {
		return 0;
	}
	if (s->pidns == 0 || ns != s->pidns) {
		return 1;
	}
	return kill((pid_t)*pid, 0) == 0 || errno != ESRCH;
}

/* A held mutex is waited for in rounds of tc_fstripes_wait_ms. A robust mutex hands a dead
 * holder's lock on only when the kernel saw that thread die holding it: a file whose held
 * state reached the disk and came back (a crash, a restore, a copy) is held by nobody and for
 * ever. Such a stripe fails naming the file instead of hanging every writer: replacing the
 * file while processes still map it would let them and new ones write at once, so the remedy
 * is left to the operator. */
static int tc_mutex_wait(tc_fstore *s, unsigned stripe, tc_err *err)
{
	tc_stripe_slot *slot = &tc_slots(s)[stripe];
	for (int round = 1;; round++) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += tc_fstripes_wait_ms / 1000;
		ts.tv_nsec += (long)(tc_fstripes_wait_ms % 1000) * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		int rc = pthread_mutex_timedlock(&slot->m, &ts);
		if (rc != ETIMEDOUT) {
			return rc;
		}
		long pid;
		if (!tc_holder_may_live(s, slot, &pid)) {
			char who[48];
			if (pid > 0) {
				snprintf(who, sizeof(who), "process %ld, which is gone", pid);
			} else {
				snprintf(who, sizeof(who), "no process");
			}
			tc_err_set(err, TC_ERR_IO,
			           "stripe %u of %s/locks/%s is held by %s (its locked state outlived its "
			           "holder: a crash, a restore or a copy of the cache directory): remove "
			           "%s/locks/%s when no writer is running",
			           stripe, s->dir, s->map_name, who, s->dir, s->map_name);
			return -1;
		}
		if (round >= TC_STRIPES_WAIT_ROUNDS) {
			tc_err_set(err, TC_ERR_IO,
			           "stripe %u of %s/locks/%s is still held by process %ld after %d waits of "
			           "%u ms: if that process is no writer of this cache, remove %s/locks/%s "
			           "when no writer is running",
			           stripe, s->dir, s->map_name, pid, round, tc_fstripes_wait_ms, s->dir,
			           s->map_name);
			return -1;
		}
	}
}

tc_status tc_fstore_lock(tc_fstore *s, unsigned stripe, tc_err *err)
{
	if (s->flock_mode) {
		return tc_flock_stripe(s, stripe % s->stripes, err);
	}
	if (!s->map) {
		tc_status st = tc_stripes_map(s, err);
		if (st != TC_OK) {
			return st;
		}
	}
	/* Reduced once, by the count in use (tc_fstore_stripe hands over the whole hash). */
	stripe %= s->stripes;
	tc_stripe_slot *slot = &tc_slots(s)[stripe];
	pthread_mutex_t *m = &slot->m;
	/* The uncontended path makes no system call (nor a clock read). */
	int rc = pthread_mutex_trylock(m);
	if (rc == EBUSY) {
		rc = tc_mutex_wait(s, stripe, err);
		if (rc < 0) {
			return TC_ERR_IO;
		}
	}
	if (rc == EOWNERDEAD) {
		/* Its holder died mid-write: whatever step it reached left at worst extra markers,
		 * which readers verify and gc removes. A freeze or flush killed between the marker
		 * and the word left them disagreeing: the marker, the persistent truth, says. */
		pthread_mutex_consistent(m);
		tc_fstripes_set_frozen(s, faccessat(s->dirfd, "frozen", F_OK, 0) == 0);
		rc = 0;
	}
	if (rc != 0) {
		return tc_err_errno(err, TC_ERR_IO, rc, "cannot lock stripe %u of %s/locks/%s", stripe,
		                    s->dir, s->map_name);
	}
	__atomic_store_n(&slot->owner, (int32_t)tc_fproc_pid(), __ATOMIC_RELAXED);
	__atomic_store_n(&slot->owner_ns, s->pidns, __ATOMIC_RELAXED);
	s->held[stripe] = 1;
	return TC_OK;
}

void tc_fstore_unlock(tc_fstore *s, unsigned stripe)
{
	if (s->map) {
		stripe %= s->stripes;
		if (s->held[stripe]) {
			s->held[stripe] = 0;
			__atomic_store_n(&tc_slots(s)[stripe].owner, 0, __ATOMIC_RELAXED);
			pthread_mutex_unlock(&tc_slots(s)[stripe].m);
		}
	} else if (s->flock_mode) {
		stripe %= s->stripes;
		if (s->lockfds[stripe] >= 0) {
			flock(s->lockfds[stripe], LOCK_UN);
		}
	}
}

tc_status tc_fstore_lock_all(tc_fstore *s, tc_err *err)
{
	for (int attempt = 0;; attempt++) {
		/* Mapped first: the count of stripes is the file's. */
		if (!s->flock_mode && !s->map) {
			tc_status st = tc_stripes_map(s, err);
			if (st != TC_OK) {
				return st;
			}
		}
		unsigned gen = s->gen;
		unsigned i;
		tc_status st = TC_OK;
		for (i = 0; i < s->stripes && st == TC_OK; i++) {
			st = tc_fstore_lock(s, i, err);
		}
		if (st != TC_OK) {
			while (--i > 0) {
				tc_fstore_unlock(s, i - 1);
			}
			return st;
		}
		if (gen == s->gen || attempt >= 4) {
			/* Not reopened meanwhile: every stripe taken is a stripe of the current tree. */
			return gen == s->gen ? TC_OK
			                     : tc_err_set(err, TC_ERR_IO, "%s keeps being removed", s->dir);
		}
		/* The tree was rebuilt while we locked (the stripes taken before are released):
		 * lock them all again in the new one. */
		tc_fstore_unlock_all(s);
	}
}

void tc_fstore_unlock_all(tc_fstore *s)
{
	for (unsigned i = 0; i < s->stripes; i++) {
		tc_fstore_unlock(s, i);
	}
}
