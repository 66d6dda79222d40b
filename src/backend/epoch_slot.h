/* Where a flushed tag or identifier records its invalidation epoch: one of TC_EPOCH_SLOTS
 * slots, shared by the write tickets of the file, memory and Redis backends. Two names in one
 * slot only make a ticketed write drop (a later miss), never store a stale value. */
#ifndef TC_EPOCH_SLOT_H
#define TC_EPOCH_SLOT_H

#include <stdint.h>

#include "../tc_types.h"

#define TC_EPOCH_SLOTS 8192u

/* FNV-1a over a namespace byte ('t' tags, 'i' identifiers: tag "x" and id "x" apart) and the
 * name. Stable across processes and builds: the file backend stores slots on disk and the
 * Redis backend in a hash. */
static inline unsigned tc_epoch_slot(char ns, tc_str name)
{
	uint64_t h = 1469598103934665603ull;
	h = (h ^ (unsigned char)ns) * 1099511628211ull;
	for (size_t i = 0; i < name.len; i++) {
		h = (h ^ (unsigned char)name.ptr[i]) * 1099511628211ull;
	}
	return (unsigned)(h % TC_EPOCH_SLOTS);
}

#endif
