/* The directory a file backend owns: open directory handles, writer lock stripes and the
 * temp-file-then-rename write. Shared by FileBackend (tagged) and SimpleFileBackend.
 *
 * Layout below the cache directory:
 *   data/<id>.php   entries (format in file_format.h)
 *   tags/<tag>/<id> empty marker files: entry <id> carries <tag> (tagged stores only)
 *   locks/stripes-<layout>-<mutex size>-<boot id>
 *                   writer lock stripes: robust shared mutexes, mapped (file_stripes.h)
 *   locks/<n>       writer lock stripes, flock()ed, on network file systems instead
 *   tmp/            entries being written, renamed into data/ when complete
 *   frozen          present when the cache is frozen (tagged stores only)
 *   epochs          write-ticket epochs (FileBackend, file_epoch.h) */
#ifndef TC_FILE_STORE_H
#define TC_FILE_STORE_H

#include <stdint.h>
#include <sys/types.h>

#include "../tc_removals.h"
#include "../tc_status.h"
#include "../tc_strlist.h"
#include "../tc_types.h"

/* Temp files older than this are leftovers of writers killed mid-write. */
#define TC_STORE_TEMP_MAX_AGE 3600

typedef struct {
	char *dir;      /* the cache directory as configured (used in messages and paths) */
	char *data_dir; /* "<dir>/data", "<dir>/tags" for messages */
	char *tags_dir;
	int tagged;
	int dirfd, datafd, tagsfd, tmpfd, locksfd;
	unsigned stripes;     /* in use: in mapped mode the count of the existing locks/stripes */
	unsigned cfg_stripes; /* as configured: the count of a locks/stripes we create */
	int flock_mode;       /* 1: flock()ed lock files (network file system), file_stripes.h */
	int *lockfds;         /* flock mode: opened lazily, one per stripe */
	unsigned lock_forkgen; /* flock mode: flock() locks are shared with forked children */
	void *map;            /* mapped mode: locks/stripes */
	size_t map_len;
	unsigned char *held;  /* mapped mode: stripes held, released before a reopen unmaps */
	uint64_t pidns;       /* mapped mode: our pid namespace, recorded with the holder's pid */
	char map_name[80];    /* mapped mode: the stripes file's name in locks/ (file_stripes.h) */
	dev_t map_dev;        /* mapped mode: the mapped file, to know it again (file_attach.c) */
	ino_t map_ino;
	dev_t dir_dev; /* the directory dirfd is open on, when taken from parked handles (dir_ino */
	ino_t dir_ino; /* 0 otherwise): parking it again needs no fstat (file_attach.c) */
	unsigned gen;   /* counts reopens of the tree (each drops the lock descriptors) */
	int pinned;     /* set while a ticketed write holds a stripe: a reopen answers TC_STALE */
	char *path;     /* php_path result */
	size_t path_cap;
} tc_fstore;

tc_status tc_fstore_open(tc_fstore *s, const char *dir, int tagged, unsigned stripes,
                         tc_err *err);
void tc_fstore_close(tc_fstore *s);

struct tc_fepoch;
/* tc_fstore_open that first takes the handles a closed store of the same directory left in
 * this process (file_attach.h), and with them its epochs mapping into *ep when ep is given
 * (else ep stays closed and the caller opens it). */
tc_status tc_fstore_attach(tc_fstore *s, const char *dir, int tagged, unsigned stripes,
                           struct tc_fepoch *ep, tc_err *err);
/* tc_fstore_close (and tc_fepoch_close of ep, when given) that leaves the handles to the next
 * store of the same directory in this process instead of closing them (file_attach.h). */
void tc_fstore_detach(tc_fstore *s, struct tc_fepoch *ep);
/* Recreates the directory tree and reopens the handles (the tree was removed under us),
 * stripes included: every stripe held is released, since locks of the removed tree would not
 * exclude processes that use the new one. TC_STALE when s->pinned. */
tc_status tc_fstore_reopen(tc_fstore *s, tc_err *err);

/* Writes a complete entry to tmp/ and renames it over data/<id>.php. When the tree was removed
 * under us (ENOENT creating the temp file or renaming it into data/), sets *gone and returns
 * TC_ERR_IO without reopening: the caller releases its stripe, reopens and starts over. */
tc_status tc_fstore_write_in(tc_fstore *s, tc_str id, tc_kind kind, int64_t expiry,
                             const tc_str *tags, size_t ntags, tc_str data, int *gone,
                             tc_err *err);
/* tc_fstore_write_in for stores without stripes: reopens the tree and tries once more. */
tc_status tc_fstore_write(tc_fstore *s, tc_str id, tc_kind kind, int64_t expiry,
                          const tc_str *tags, size_t ntags, tc_str data, tc_err *err);

/* The id's hash, not reduced: tc_fstore_lock and tc_fstore_unlock reduce it once, by the count
 * of stripes in use (the mapped file's, known only once it is mapped), so every process picks
 * the same stripe for an id whenever it mapped. */
unsigned tc_fstore_stripe(const tc_fstore *s, tc_str id);
tc_status tc_fstore_lock(tc_fstore *s, unsigned stripe, tc_err *err);
void tc_fstore_unlock(tc_fstore *s, unsigned stripe);
/* Takes every stripe in order (whole-cache operations); again when the tree is rebuilt while
 * it locks, so every stripe held is one of the current tree. */
tc_status tc_fstore_lock_all(tc_fstore *s, tc_err *err);
void tc_fstore_unlock_all(tc_fstore *s);

/* Removes temp files older than TC_STORE_TEMP_MAX_AGE; those that stay are recorded in rm. */
tc_status tc_fstore_gc_temp(tc_fstore *s, tc_removals *rm, tc_err *err);
/* Before a removal: when the cache directory (or data/, tags/) was removed under us, perhaps
 * recreated by another process, reopens the tree, so the removal reaches the entries that are
 * there now instead of finding nothing in a deleted directory and reporting success. Only
 * between operations: it drops the lock descriptors (no stripe may be held). Write paths
 * revalidate before locking, so a process never locks the removed lock files. */
tc_status tc_fstore_revalidate(tc_fstore *s, tc_err *err);
/* Builds "<dir>/data/<id>.php" in s->path. */
tc_status tc_fstore_entry_path(tc_fstore *s, tc_str id, const char **path, tc_err *err);

/* Appends the ids of the data/ entries to list (no check of their contents). */
tc_status tc_fstore_read_entries(tc_fstore *s, tc_strlist *list, tc_err *err);

/* Entry name of a data/ file name: the id length, or 0 when the name is not an entry. */
size_t tc_fstore_entry_id(const char *name);

#endif
