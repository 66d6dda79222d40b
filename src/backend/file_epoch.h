/* Invalidation epochs of a file cache, shared by every process that opens the directory:
 * the write tickets of FileBackend (tc_backend.h, TC_CAP_TICKET).
 *
 * <dir>/epochs is a fixed-size file mapped MAP_SHARED (so it survives fork and every process
 * sees one copy); all access is through atomic builtins, so threads (ZTS) need no lock.
 * Layout, native-endian uint64 words:
 *   [0] magic, [1] counter (the ticket), [2] floor (epoch of the last whole-cache flush),
 *   [3 .. 3 + TC_EPOCH_SLOTS) epoch of the last flush of whatever tags / ids hash there.
 * A new file starts with counter = floor = the wall clock in microseconds, so a ticket taken
 * from a file that was removed since is older than the new file's floor: it drops, never
 * writes stale. Two names hashing to one slot only make a write drop (a later miss).
 *
 * Why a ticketed set never stores a value a flush should have removed: FileBackend's
 * set_ticketed takes id's stripe lock, FIRST makes the markers of its tags, THEN checks the
 * epochs (tc_fepoch_check), and only then writes the entry, all before unlocking.
 * flush_by_tags(T) FIRST bumps T's epoch, THEN lists T's markers, THEN examines each listed id
 * under its stripe lock. The bump and the check are sequentially consistent atomics, so one
 * comes first:
 * - the check sees the bump: the ticket (taken before the flush) is older; nothing is written;
 * - the check comes before the bump: the marker was made before the bump, so before the
 *   listing, which therefore names id; examining id waits for the lock, finds the entry just
 *   written carrying T, and removes it.
 * remove(id) bumps id's epoch before examining id under the same lock, and flush() bumps the
 * floor before taking every stripe: the same two cases. A ticket is the counter when taken;
 * a flush's epoch is the counter after its increment, so a flush counts against every ticket
 * taken before its increment and against none taken after it. */
#ifndef TC_FILE_EPOCH_H
#define TC_FILE_EPOCH_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "../tc_status.h"
#include "../tc_types.h"
#include "epoch_slot.h"
#include "file_store.h"

typedef struct tc_fepoch {
	uint64_t *words; /* the mapping, NULL when not open */
	int fd;
	dev_t dev;
	ino_t ino;
} tc_fepoch;

void tc_fepoch_init(tc_fepoch *e);
/* Opens (creating when missing, replacing when short or foreign) <dir>/epochs. dirfd is the
 * cache directory, tmpfd its tmp/ folder, dir its path for messages. A new file has all its
 * blocks allocated before it is linked (a full disk is TC_ERR_IO here, never SIGBUS later).
 * FileBackend opens it when constructed if it can, else on the first ticket, check or bump:
 * a read-only cache directory can still be read. */
tc_status tc_fepoch_open(tc_fepoch *e, int dirfd, int tmpfd, const char *dir, tc_err *err);
void tc_fepoch_close(tc_fepoch *e);
/* 1 when nothing is mapped, or the mapped file has no name left (removed, or renamed over) or
 * is no longer whole (cut short or overwritten in place). */
int tc_fepoch_gone(const tc_fepoch *e);
/* Maps <dir>/epochs again when it is gone (or was never mapped), reopening the directory tree
 * of s (tc_fstore_revalidate: lock files too) when that went too. One fstat() when nothing
 * changed. Never under a stripe lock. */
tc_status tc_fepoch_sync(tc_fepoch *e, tc_fstore *s, tc_err *err);
/* The backend ops, each on a synced mapping (one fstat). check answers TC_OK or TC_STALE
 * (with a message in err); bump_synced bumps like tc_fepoch_bump. */
tc_status tc_fepoch_take(tc_fepoch *e, tc_fstore *s, uint64_t *ticket, tc_err *err);
tc_status tc_fepoch_check(tc_fepoch *e, tc_fstore *s, uint64_t ticket, tc_str id,
	const tc_str *tags, size_t ntags, tc_err *err);
/* The check of set_ticketed, under id's stripe lock on a mapping synced before the lock was
 * taken: TC_STALE also when the file is gone or replaced since (never reopens). */
tc_status tc_fepoch_check_locked(tc_fepoch *e, uint64_t ticket, tc_str id, const tc_str *tags,
	size_t ntags, tc_err *err);
tc_status tc_fepoch_bump_synced(
	tc_fepoch *e, tc_fstore *s, char ns, const tc_str *names, size_t n, int whole, tc_err *err);

uint64_t tc_fepoch_ticket(const tc_fepoch *e);
/* A new epoch: every slot named gets it (never lowered), and the floor when whole is set. */
uint64_t tc_fepoch_bump(tc_fepoch *e, char ns, const tc_str *names, size_t n, int whole);
/* 1 when the floor, id's slot (id.len 0 = none) or any tag's slot is newer than ticket. */
int tc_fepoch_stale(
	const tc_fepoch *e, uint64_t ticket, tc_str id, const tc_str *tags, size_t ntags);

#endif
