/* Writer lock stripes of a tagged file store, the shared frozen word, and the per-process pid
 * and fork generation the file backends use instead of a getpid() per operation.
 *
 * Two modes, chosen when the store is opened:
 *  - mapped (local file systems): <dir>/locks/stripes-<version>-<mutex size>-<boot id>, one
 *    small file mapped MAP_SHARED by every process, holding a header (magic, version, geometry,
 *    the frozen word) and one robust, process-shared pthread mutex per stripe with its holder's
 *    pid, each on its own 64-byte line. An uncontended lock or unlock makes no system call; a
 *    holder that dies hands the next locker EOWNERDEAD, which is recovered at once (every step
 *    of a write leaves at worst extra markers). The boot id in the name keeps a file whose
 *    held state reached the disk from being used after a reboot; in the same boot (a copy
 *    restored) such a stripe fails after a wait, naming the file, instead of hanging.
 *  - flock (NFS, SMB, FUSE, Ceph and other network file systems, whose shared mappings are not
 *    coherent between machines): one flock()ed file per stripe, locks/<n>, as before; the frozen
 *    state is then asked of the file system (the `frozen` marker) on every write. */
#ifndef TC_FILE_STRIPES_H
#define TC_FILE_STRIPES_H

#include "file_store.h"

/* This process's pid, cached: refreshed in the child by a pthread_atfork handler. */
long tc_fproc_pid(void);
/* Changes in every forked child: flock descriptions inherited from the parent are reopened. */
unsigned tc_fproc_forkgen(void);

/* Test hook: stores opened while it is set use flock stripes, as on a network file system. */
extern int tc_fstripes_force_flock;
/* How long a locker waits for a held stripe before it asks whether the holder lives (30 s:
 * above any single write; a flush holding every stripe longer is waited for again while its
 * process lives). Tests shorten it. */
extern unsigned tc_fstripes_wait_ms;

/* Chooses the mode (once per store: s->flock_mode) and, in mapped mode, maps locks/stripes
 * (creating it complete in tmp/ first). Called by tc_fstore_open_fds for tagged stores. */
/* 1 when the directory is on a file system whose shared mappings are not coherent between
 * machines and whose reads may come back short before the end of a file (NFS, SMB, FUSE...). */
int tc_fstripes_network_fs(int dirfd);
tc_status tc_fstripes_open(tc_fstore *s, tc_err *err);
/* Releases every stripe this store holds, unmaps, closes the flock descriptors. */
void tc_fstripes_close(tc_fstore *s);

/* 1 when a mapping of stripes slots has a header this build would map (file_attach.c). */
int tc_fstripes_sound(const void *map, unsigned stripes);

/* The frozen word: 1 or 0 in mapped mode, -1 in flock mode (ask the `frozen` marker). */
int tc_fstripes_frozen(const tc_fstore *s);
/* Sets the frozen word (mapped mode; nothing in flock mode). */
void tc_fstripes_set_frozen(tc_fstore *s, int frozen);

#endif
