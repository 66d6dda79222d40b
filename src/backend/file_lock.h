/* Compute locks of the file backend: one flock()ed file per entry identifier under
 * <cache>/locks/compute/, so unrelated identifiers never wait for each other. */
#ifndef TC_FILE_LOCK_H
#define TC_FILE_LOCK_H

#include "../tc_status.h"
#include "../tc_types.h"
#include "file_store.h"

/* TC_OK with *token (the locked descriptor) set, TC_MISS after timeout_ms. */
tc_status tc_flock_compute(tc_fstore *s, tc_str id, unsigned timeout_ms, uint64_t *token,
                           tc_err *err);
/* Removes the lock file (while still holding it) and closes the descriptor. */
tc_status tc_funlock_compute(tc_fstore *s, tc_str id, uint64_t token, tc_err *err);

#endif
