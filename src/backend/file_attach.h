/* Handles of file stores kept for reuse within one process: a php-fpm worker builds a new
 * FileBackend for every request, and opening a store (checking and opening five directories,
 * mapping the stripes and epochs files) costs more than the read it serves.
 *
 * A store that is closed (its backend destroyed) parks its OS handles here: the directory
 * descriptors, the stripes mapping and the epochs mapping, never a held lock, never a flock()
 * descriptor (those are closed; flock locks belong to the open file description, which a fork
 * would share). The next store of the same directory in this process takes them, after
 * checking that they are still the directory's (file_attach.c says how), else opens afresh as
 * before. A parked set is owned by nobody and a taken one by exactly one store, so stores never
 * share handles with each other, and nothing per object (lifetimes, frozen state, held stripes)
 * is parked. The table is guarded by a mutex (ZTS); entries parked by another process (before
 * a fork) are closed rather than used. */
#ifndef TC_FILE_ATTACH_H
#define TC_FILE_ATTACH_H

#include "file_store.h"

struct tc_fepoch;

/* 0 turns parking off (tc_fattach_shutdown does; tests may). */
extern int tc_fattach_enabled;

/* Fills s (initialised by tc_fstore_init: dir, tagged, cfg_stripes, no handles) with parked
 * handles of its directory and returns 1, or returns 0 when none are parked or they no longer
 * name the directory. The parked epochs mapping goes to *ep when ep is given. */
int tc_fattach_take(tc_fstore *s, struct tc_fepoch *ep);
/* Moves the handles of s (and ep's mapping) to the table, leaving s and ep without them; does
 * nothing when they cannot be parked (the store is broken, the table full or off): the caller
 * closes what is left as usual. Releases any stripe still held. */
void tc_fattach_park(tc_fstore *s, struct tc_fepoch *ep);
/* Closes every parked handle and turns parking off (module shutdown). */
void tc_fattach_shutdown(void);
/* How many stores took parked handles since the process started (tests, diagnostics). */
unsigned long tc_fattach_reused(void);

#endif
