/* Parked handles of file stores, reused by the next store of the same directory in this
 * process (file_attach.h).
 *
 * Before handles are reused, what a fresh open would find is checked, cheaply (no open, no map):
 * the path still names the directory the handles were opened on (a tree removed and recreated, or
 * renamed away, is another directory), that directory is still trusted (owner and mode, the
 * first step of tc_fs_check_trusted), data/, tmp/ and tags/ still have a name (removed under
 * us: no links left), and locks/<stripes file> is still the file mapped, whole, with a sound
 * header (a new file would hold other mutexes: sharing the old one would let two writers in).
 * The parents are not walked again: the open that made the handles found each one owned by this
 * user or root, and only its owner can change it since (a parent swapped for another makes the
 * path name another directory, which fails the first check). That walk was three lstat calls
 * of a four-call check, on every request that reuses the handles.
 * The epochs mapping needs no check here: every use of it asks whether it is gone first
 * (tc_fepoch_sync) and maps the new file then, as a fresh open would have. Handles that fail a
 * check are closed and the store opens afresh, exactly as without parking. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "file_attach.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../tc_alloc.h"
#include "../tc_fs.h"
#include "file_epoch.h"
#include "file_stripes.h"

/* At most this many parked sets (each up to five descriptors and two mappings): a process
 * that uses more directories reuses the most recent ones. */
#define TC_FATTACH_MAX 16

typedef struct tc_fattach {
	struct tc_fattach *next;
	long pid;             /* the process that parked it: another (a forked child) closes it */
	int tagged;
	unsigned cfg_stripes; /* part of the key: the store's configured shape */
	dev_t dev;            /* the cache directory the descriptors were opened on */
	ino_t ino;
	int dirfd, datafd, tagsfd, tmpfd, locksfd;
	int flock_mode;
	int forced;  /* flock mode chosen by the test hook only, on a local file system */
	void *map; /* mapped mode: locks/<map_name> */
	size_t map_len;
	unsigned stripes;
	uint64_t pidns;
	char map_name[80];
	dev_t map_dev;
	ino_t map_ino;
	tc_fepoch ep; /* words NULL when none was mapped */
	char dir[];   /* the directory as configured: the key */
} tc_fattach;

int tc_fattach_enabled = 1;
static tc_fattach *tc_fa_head;
static unsigned tc_fa_count;
static unsigned long tc_fa_reused;
static pthread_mutex_t tc_fa_mutex = PTHREAD_MUTEX_INITIALIZER;

static void fa_close_fd(int fd)
{
	if (fd >= 0) {
		close(fd);
	}
}

/* Closes a set nobody else can see any more; libc memory: it outlives requests. */
static void fa_free(tc_fattach *a)
{
	fa_close_fd(a->dirfd);
	fa_close_fd(a->datafd);
	fa_close_fd(a->tagsfd);
	fa_close_fd(a->tmpfd);
	fa_close_fd(a->locksfd);
	if (a->map) {
		munmap(a->map, a->map_len);
	}
	tc_fepoch_close(&a->ep);
	free(a);
}

static int fa_unlinked(int fd)
{
	struct stat sb;
	return fd < 0 || fstat(fd, &sb) != 0 || sb.st_nlink == 0;
}

/* Whether a fresh open of s->dir would open what a holds (the header comment says why each). */
static int fa_still_current(const tc_fattach *a, const tc_fstore *s)
{
	struct stat sb;
	if (stat(s->dir, &sb) != 0 || !S_ISDIR(sb.st_mode) || sb.st_dev != a->dev ||
	    sb.st_ino != a->ino) {
		return 0;
	}
	/* The path's identity alone could be fooled: a file system may give a directory made
	 * after the removal the removed one's inode number. Ours has no links left then. */
	struct stat db;
	if (a->dirfd < 0 || fstat(a->dirfd, &db) != 0 || db.st_nlink == 0) {
		return 0;
	}
	tc_fs_trust t = tc_fs_trust_of(&db, geteuid());
	if (t == TC_FS_TRUST_OWNER || t == TC_FS_TRUST_WRITABLE) {
		return 0;
	}
	if (fa_unlinked(a->datafd) || fa_unlinked(a->tmpfd)) {
		return 0;
	}
	if (!a->tagged) {
		return 1;
	}
	if (fa_unlinked(a->tagsfd)) {
		return 0;
	}
	if (a->flock_mode) {
		return !fa_unlinked(a->locksfd);
	}
	/* locks/ removed takes the file's name with it. Cut short, touching the mapping would be
	 * SIGBUS; overwritten in place, its header says so. */
	return fstatat(a->locksfd, a->map_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
	       S_ISREG(sb.st_mode) && sb.st_dev == a->map_dev && sb.st_ino == a->map_ino &&
	       sb.st_size == (off_t)a->map_len && tc_fstripes_sound(a->map, a->stripes);
}

int tc_fattach_take(tc_fstore *s, struct tc_fepoch *ep)
{
	if (!__atomic_load_n(&tc_fattach_enabled, __ATOMIC_RELAXED)) {
		return 0;
	}
	int want_flock = tc_fstripes_force_flock;
	tc_fattach *a = NULL;
	pthread_mutex_lock(&tc_fa_mutex);
	for (tc_fattach **pp = &tc_fa_head; *pp; pp = &(*pp)->next) {
		tc_fattach *c = *pp;
		/* The mode a fresh open would choose: flock stripes forced by the test hook or
		 * asked for by the file system, else mapped ones. */
		if (c->tagged == s->tagged && c->cfg_stripes == s->cfg_stripes &&
		    (want_flock ? c->flock_mode : !c->forced) && strcmp(c->dir, s->dir) == 0) {
			*pp = c->next;
			tc_fa_count--;
			a = c;
			break;
		}
	}
	pthread_mutex_unlock(&tc_fa_mutex);
	if (!a) {
		return 0;
	}
	/* Parked before a fork: the child opens its own (its copies are closed, the parent's stay). */
	if (a->pid != tc_fproc_pid() || !fa_still_current(a, s)) {
		fa_free(a);
		return 0;
	}
	int *lockfds = NULL;
	unsigned char *held = NULL;
	if (s->tagged) {
		unsigned n = a->flock_mode ? s->cfg_stripes : 1;
		lockfds = tc_malloc(sizeof(int) * n);
		held = a->flock_mode ? NULL : tc_calloc(a->stripes, 1);
		if (!lockfds || (!a->flock_mode && !held)) {
			tc_free(lockfds);
			tc_free(held);
			fa_free(a);
			return 0;
		}
		for (unsigned i = 0; i < n; i++) {
			lockfds[i] = -1;
		}
	}
	s->dirfd = a->dirfd;
	s->dir_dev = a->dev;
	s->dir_ino = a->ino;
	s->datafd = a->datafd;
	s->tagsfd = a->tagsfd;
	s->tmpfd = a->tmpfd;
	s->locksfd = a->locksfd;
	if (s->tagged) {
		s->flock_mode = a->flock_mode;
		s->lockfds = lockfds;
		s->lock_forkgen = tc_fproc_forkgen();
		if (!a->flock_mode) {
			s->map = a->map;
			s->map_len = a->map_len;
			s->map_dev = a->map_dev;
			s->map_ino = a->map_ino;
			s->stripes = a->stripes;
			s->held = held;
			s->pidns = a->pidns;
			memcpy(s->map_name, a->map_name, sizeof(s->map_name));
		}
	}
	if (ep && a->ep.words) {
		*ep = a->ep;
		tc_fepoch_init(&a->ep);
	}
	a->dirfd = a->datafd = a->tagsfd = a->tmpfd = a->locksfd = -1;
	a->map = NULL;
	fa_free(a); /* closes the epochs mapping when the store takes none */
	__atomic_add_fetch(&tc_fa_reused, 1, __ATOMIC_RELAXED);
	return 1;
}

void tc_fattach_park(tc_fstore *s, struct tc_fepoch *ep)
{
	if (!__atomic_load_n(&tc_fattach_enabled, __ATOMIC_RELAXED) || !s->dir || s->pinned ||
	    s->dirfd < 0 || s->datafd < 0 || s->tmpfd < 0) {
		return;
	}
	if (s->tagged && (s->tagsfd < 0 || s->locksfd < 0 || (!s->flock_mode && !s->map))) {
		return;
	}
	/* Handles taken from a parked set know their directory; whether it is still there is
	 * asked when they are taken again. */
	struct stat sb;
	if (s->dir_ino) {
		sb.st_dev = s->dir_dev;
		sb.st_ino = s->dir_ino;
	} else if (fstat(s->dirfd, &sb) != 0 || sb.st_nlink == 0) {
		return; /* removed: nothing to reuse */
	}
	size_t dl = strlen(s->dir);
	tc_fattach *a = malloc(sizeof(*a) + dl + 1);
	if (!a) {
		return;
	}
	/* No lock leaves with the store: a mutex held while parked would stay held for ever. */
	if (s->map) {
		tc_fstore_unlock_all(s);
	}
	memset(a, 0, sizeof(*a));
	memcpy(a->dir, s->dir, dl + 1);
	a->pid = tc_fproc_pid();
	a->tagged = s->tagged;
	a->cfg_stripes = s->cfg_stripes;
	a->dev = sb.st_dev;
	a->ino = sb.st_ino;
	a->dirfd = s->dirfd;
	a->datafd = s->datafd;
	a->tagsfd = s->tagsfd;
	a->tmpfd = s->tmpfd;
	a->locksfd = s->locksfd;
	a->flock_mode = s->flock_mode;
	a->forced = s->flock_mode && !tc_fstripes_network_fs(s->dirfd);
	a->map = s->map;
	a->map_len = s->map_len;
	a->stripes = s->stripes;
	a->pidns = s->pidns;
	memcpy(a->map_name, s->map_name, sizeof(a->map_name));
	a->map_dev = s->map_dev;
	a->map_ino = s->map_ino;
	tc_fepoch_init(&a->ep);
	if (ep && ep->words) {
		a->ep = *ep;
		tc_fepoch_init(ep);
	}
	/* The flock descriptors (flock mode) stay with s and are closed with it. */
	s->dirfd = s->datafd = s->tagsfd = s->tmpfd = s->locksfd = -1;
	s->map = NULL;
	s->map_len = 0;
	tc_free(s->held);
	s->held = NULL;

	tc_fattach *evicted = NULL;
	pthread_mutex_lock(&tc_fa_mutex);
	/* One set per store: of two objects of one directory alive at once, the last closed
	 * stays (the most recently checked); the older set goes. */
	for (tc_fattach **pp = &tc_fa_head; *pp; pp = &(*pp)->next) {
		tc_fattach *c = *pp;
		if (c->tagged == a->tagged && c->cfg_stripes == a->cfg_stripes &&
		    c->flock_mode == a->flock_mode && strcmp(c->dir, a->dir) == 0) {
			*pp = c->next; /* replaced: the count stays */
			evicted = c;
			break;
		}
	}
	a->next = tc_fa_head;
	tc_fa_head = a;
	if (!evicted && ++tc_fa_count > TC_FATTACH_MAX) {
		/* The oldest goes: the list is most recent first. */
		tc_fattach **pp = &tc_fa_head;
		while ((*pp)->next) {
			pp = &(*pp)->next;
		}
		evicted = *pp;
		*pp = NULL;
		tc_fa_count--;
	}
	pthread_mutex_unlock(&tc_fa_mutex);
	if (evicted) {
		fa_free(evicted);
	}
}

void tc_fattach_shutdown(void)
{
	pthread_mutex_lock(&tc_fa_mutex);
	__atomic_store_n(&tc_fattach_enabled, 0, __ATOMIC_RELAXED);
	tc_fattach *a = tc_fa_head;
	tc_fa_head = NULL;
	tc_fa_count = 0;
	pthread_mutex_unlock(&tc_fa_mutex);
	while (a) {
		tc_fattach *next = a->next;
		fa_free(a);
		a = next;
	}
}

unsigned long tc_fattach_reused(void)
{
	return __atomic_load_n(&tc_fa_reused, __ATOMIC_RELAXED);
}
