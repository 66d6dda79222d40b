/* SharedMemoryBackend extras beyond the backend contract: its statistics, for the binding's
 * getStatistics() and phpinfo(). The constructor and options are in tc_backend.h. */
#ifndef TC_SHM_H
#define TC_SHM_H

#include <stdint.h>

#include "tc_backend.h"

typedef struct {
	uint64_t entries;       /* live and expired-but-not-collected entries, every cache */
	uint64_t cache_entries; /* the same, this backend's cache only */
	uint64_t cache_tags;    /* tag heads of this cache */
	uint64_t orphan_tags;   /* tag heads whose links do not match live entries of the cache
	                           (an invariant says: always 0; checked by walking every link) */
	uint64_t bytes_used;    /* arena bytes in blocks in use (headers included) */
	uint64_t bytes_free;    /* arena bytes not in use */
	uint64_t free_blocks;   /* free blocks on the free lists (the untouched rest not counted) */
	uint64_t largest_free_block; /* the largest block a set gets without evicting (fragmentation:
	                                bytes_free spread over many small blocks keeps this low) */
	uint64_t size;          /* the whole segment */
	uint64_t hits, misses, evictions;
	uint64_t lock_waits;    /* lock attempts that found the lock taken and waited */
	uint64_t recoveries;    /* locks taken over from a dead holder */
	uint64_t lock_takeovers; /* compute locks taken over from a dead or expired holder */
} tc_shm_stats;

/* TC_ERR_ARG when b is not a shared memory backend. */
tc_status tc_shm_backend_stats(tc_backend *b, tc_shm_stats *out, tc_err *err);

/* The segment-wide counters of the segment file at path, read without mapping it writable or
 * locking it (approximate); the cache_* fields stay 0. TC_MISS when the file does not exist. */
tc_status tc_shm_segment_stats(const char *path, tc_shm_stats *out, tc_err *err);

#endif
