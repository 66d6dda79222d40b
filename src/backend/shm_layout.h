/* SharedMemoryBackend: the layout of a segment and the internal calls between shm_*.c.
 *
 * A segment is one file mapped MAP_SHARED by every process that opens it. Everything inside
 * refers to everything else by offset from the start of the mapping (0 = none), never by
 * pointer: each process maps the file at its own address.
 *
 *   header   magic, layout version, size, the robust mutex, allocator and CLOCK state,
 *            statistics, and the table of cache namespaces (each with its write-ticket
 *            epoch counter, floor and slots, its frozen flag and its list of entries)
 *   buckets  entry hash table (offsets of shm_entry chains), key = namespace + identifier
 *   tbuckets tag hash table (offsets of shm_tag chains), key = namespace + tag
 *   arena    blocks of any size (multiples of 16 B, 64 B up; shm_alloc.c): entries and tag
 *            heads, free blocks coalesced with their neighbours, the untouched rest above bump
 *
 * An entry is one block: shm_entry, its link records (one per tag), the identifier, the
 * payload. A link record sits on its tag's doubly linked list, so flushing a tag walks only
 * the entries carrying it, and deleting an entry unlinks its tags without any search. A tag
 * head is freed with its last link, so nothing of a tag outlives its entries.
 *
 * Every mutation happens under the one mutex with hdr->dirty set and hdr->seq odd; a process
 * that dies holding the mutex leaves dirty set, and the next process to lock (EOWNERDEAD) drops
 * every entry (a cache may lose entries, it must never serve a torn one) and makes seq even
 * again before it goes on. get/has read without the mutex while seq stays even and unchanged
 * (shm_read.c); what readers write (statistics, CLOCK reference bits) lives in their own
 * places: striped counters and a reference byte table, never inside an entry that a writer
 * may be reusing. */
#ifndef TC_SHM_LAYOUT_H
#define TC_SHM_LAYOUT_H

#include <pthread.h>
#include <stdint.h>

#include "../tc_backend.h"

#define SHM_MAGIC 0x31304d4853435454ull /* "TTCSHM01" little-endian */
#define SHM_LAYOUT 3u
#define SHM_MAX_NS 32u       /* caches per segment */
#define SHM_NS_NAME 240u     /* "<applicationIdentifier>:<cache identifier>" incl. NUL */
#define SHM_SLOTS 1024u      /* write-ticket slots per cache */
#define SHM_CLASSES 160u     /* free-list bins: blocks of (4 + c % 4) << (c / 4 + 4) bytes and up */
#define SHM_BLOCK_HDR 16u
#define SHM_MIN_BLOCK 64u    /* header, free-list links and footer of a free block, rounded */
#define SHM_MIN_SIZE (1ull << 20)
#define SHM_MAX_SIZE (1ull << 40)
#define SHM_STRIPES 64u      /* reader statistics stripes, one cache line each */

typedef struct {
	char name[SHM_NS_NAME];
	uint32_t used, frozen;
	uint64_t epoch, floor; /* write tickets, as in memory.c */
	uint64_t head;         /* first entry of this cache (nprev/nnext list) */
	uint64_t count;
	uint64_t slots[SHM_SLOTS];
} shm_ns;

/* Compute locks (shm_lock.c): a small table, probed from the key's hash over a window of
 * SHM_LOCK_PROBE records; token 0 marks a free record. */
#define SHM_LOCKS 1024u
#define SHM_LOCK_PROBE 16u
typedef struct {
	uint64_t token;    /* written last when taken, cleared first when released */
	uint64_t hash;     /* of namespace + identifier (64-bit) */
	int64_t deadline;  /* CLOCK_MONOTONIC ms: now + lockTtlMs when taken */
	uint64_t pidns;    /* the owner's pid namespace (0 unknown) */
	int32_t pid;
	uint16_t ns, idlen;
} shm_lock_rec;

typedef struct {
	uint64_t next_token, takeovers;
	shm_lock_rec rec[SHM_LOCKS];
} shm_locks;
/* Counters readers bump without the mutex, one 64-byte line per stripe (by CPU, shm_read.c). */
typedef struct {
	uint64_t hits, misses;
	char pad[48];
} shm_stripe;

typedef struct {
	uint64_t magic;
	uint32_t layout, header_size;
	uint64_t size;
	union {
		pthread_mutex_t m;
		char pad[64];
	} mutex;
	uint32_t dirty, pad0;
	uint64_t seq; /* odd while a mutation is under way (readers retry), even otherwise */
	uint64_t nbuckets, buckets, tbuckets;
	uint64_t arena, arena_end, bump, blocks; /* bump: end of the carved arena; blocks in use */
	uint64_t freelist[SHM_CLASSES];          /* heads of the free lists, by bin */
	uint64_t hand;                /* CLOCK hand: an entry on the ring, 0 when empty */
	uint64_t writes;              /* source of entry versions: never reset, never reused */
	uint64_t entries, used_bytes; /* statistics from here on */
	uint64_t evictions, lock_waits, recoveries;
	uint64_t free_blocks; /* blocks on the free lists */
	shm_stripe stripes[SHM_STRIPES] __attribute__((aligned(64)));
	shm_ns ns[SHM_MAX_NS];
	shm_locks locks;
	char boot[40]; /* kernel boot id when the mutex was set up ("" unknown): see shm_segment.c */
} shm_header;

/* Every block starts with this header. A free block also holds its free-list links right
 * after it and its size again in its last 8 bytes (the footer), so the block after it can find
 * its start (prev_free) and merge with it in O(1). */
#define SHM_FREE 0u
#define SHM_ENTRY 1u
#define SHM_TAGHEAD 2u
typedef struct {
	uint32_t inuse;     /* SHM_FREE, SHM_ENTRY or SHM_TAGHEAD */
	uint32_t prev_free; /* the block physically before this one is free */
	uint64_t size;      /* of the whole block, header included: a multiple of 16, >= SHM_MIN_BLOCK */
} shm_block;
typedef struct {
	shm_block b;
	uint64_t next, prev; /* free list of its bin (block offsets, 0 = none) */
} shm_free_block;

typedef struct {
	uint64_t hnext;        /* hash chain */
	uint64_t cprev, cnext; /* CLOCK ring over every entry of the segment */
	uint64_t nprev, nnext; /* the entries of its cache */
	int64_t expiry;
	uint64_t len;
	uint64_t version; /* unique per write in this segment */
	uint32_t hash, idlen, ntags;
	uint16_t ns;
	uint8_t pad, kind;
	/* shm_link links[ntags]; char id[idlen]; char data[len] */
} shm_entry;

typedef struct {
	uint64_t tag, prev, next, entry;
} shm_link;

typedef struct {
	uint64_t hnext, first;
	uint32_t hash, len, count;
	uint16_t ns, pad;
	/* char name[len] */
} shm_tag;

typedef struct {
	tc_backend base;
	char *map;
	uint64_t size;
	unsigned ns;
	int64_t default_lifetime;
	char *path;
	char *name;
	/* Geometry, checked and copied at map time: readers never trust the header for it. */
	uint64_t nbuckets, buckets, refs, arena, arena_end;
	unsigned stripe;      /* statistics stripe when the CPU is unknown */
	char *hold;           /* TAGCACHE_SHM_TEST_HOLD_LOCK, read once at construction */
	int hold_before_seq;  /* it had the prefix "before-seq:" */
	uint64_t pin;         /* the entry being inserted: not on the ring yet, never evicted */
	tc_str corrupt_id;    /* corruption found under the mutex, reported after unlocking */
	const char *corrupt_reason;
} shm_backend;

#define SHM_AT(sb, off, type) ((type *)((sb)->map + (off)))
#define SHM_HDR(sb) ((shm_header *)(sb)->map)

static inline shm_link *shm_links(shm_entry *e)
{
	return (shm_link *)(e + 1);
}
static inline char *shm_entry_id(shm_entry *e)
{
	return (char *)(shm_links(e) + e->ntags);
}
static inline char *shm_entry_data(shm_entry *e)
{
	return shm_entry_id(e) + e->idlen;
}

/* The CLOCK reference byte of entries with this hash (a table outside the arena, so a reader
 * setting it can never write into a block a writer is reusing; hashes share bytes, which only
 * spares an entry once more). */
static inline uint8_t *shm_ref(const shm_backend *sb, uint32_t hash)
{
	return (uint8_t *)sb->map + sb->refs + (hash & (sb->nbuckets - 1));
}

/* shm_segment.c: open or create, check, map; lock with robust recovery. */
tc_status tc_shm_map(shm_backend *sb, const char *path, uint64_t size, tc_err *err);
/* Locks for a mutation (sets dirty) or a read; returns nonzero on a lock failure (err set). */
int tc_shm_lock(shm_backend *sb, int write, tc_err *err);
void tc_shm_unlock(shm_backend *sb);
/* Drops every entry and tag of every cache (recovery); tickets all go stale. */
void tc_shm_reset(shm_header *h);
/* Corruption found under the mutex: resets the segment (seq odd around it, recoveries + 1)
 * and remembers reason and id for tc_shm_unlock to report. */
void tc_shm_corrupt(shm_backend *sb, tc_str id, const char *reason);

/* shm_alloc.c: the block allocator and CLOCK eviction. Called under the lock, seq odd. */
uint64_t tc_shm_class_size(unsigned cls);
int tc_shm_class_of(uint64_t n, unsigned *cls);
/* The block that holds n bytes after its header; 0 when no arena could hold it. */
uint64_t tc_shm_block_size(uint64_t n);
/* The free-list bin of a free block of size bytes (the largest class it covers). */
unsigned tc_shm_bin(uint64_t size);
/* A block (kind SHM_ENTRY or SHM_TAGHEAD) with room for n bytes after its header, evicting
 * entries as needed; the offset of that room, 0 when nothing can make room. */
uint64_t tc_shm_alloc(shm_backend *sb, uint64_t n, unsigned kind);
/* Frees the block whose room starts at off, merging it with free neighbours: the offset of
 * the free block it ended in, 0 when it went back to the untouched rest above bump. */
uint64_t tc_shm_free(shm_header *h, uint64_t off);
/* The largest block a set could get without evicting. */
uint64_t tc_shm_largest_free(const shm_header *h);
/* NULL when the blocks and free lists are sound (walks every block), else what is wrong. */
const char *tc_shm_heap_check(const shm_backend *sb);

/* shm_store.c: hash tables, tag index. Called under the lock. */
uint32_t tc_shm_hash(unsigned ns, const char *p, size_t len);
/* NULL when the entry block at off may be walked from bucket (hash & mask), else why not:
 * offset, block header and lengths all inside the arena and consistent. Only reads (relaxed
 * atomics), so it also serves lock-free readers, where a failure means "retry". */
typedef struct {
	uint64_t ntags, idlen, len; /* as checked: use these, never a second read of the entry */
	uint32_t hash;
	unsigned ns;
} shm_view;
const char *tc_shm_entry_check(const shm_backend *sb, uint64_t off, uint64_t bucket, shm_view *v);
/* The most entries a chain can hold: walks stop there (a loop is corruption). */
static inline uint64_t shm_max_steps(const shm_backend *sb)
{
	return (sb->arena_end - sb->arena) / 64 + 1;
}
/* Finds an entry; a chain that fails tc_shm_entry_check is corruption (tc_shm_corrupt). */
uint64_t tc_shm_find(shm_backend *sb, unsigned ns, tc_str id, uint32_t hash);
uint64_t tc_shm_find_tag(shm_backend *sb, unsigned ns, tc_str tag, uint32_t hash);
/* Links a fully written entry block carrying the distinct tags (e->ntags of them) into its
 * tags, the hash table, the CLOCK ring and its cache's list; -1 when a tag head cannot be
 * allocated (the block is then freed). */
int tc_shm_insert(shm_backend *sb, uint64_t eoff, const tc_str *tags);
/* Unlinks and frees an entry: what tc_shm_free returned for its block. */
uint64_t tc_shm_delete(shm_backend *sb, uint64_t eoff);
/* Moves the tag head at toff (a block offset) into a block outside [lo, hi): the free block
 * the old one ended in (as tc_shm_free), or -1 when no such block is free. O(its links). */
int64_t tc_shm_move_tag(shm_backend *sb, uint64_t toff, uint64_t lo, uint64_t hi);
/* A block of n bytes outside [lo, hi), from the free lists or above bump, without evicting. */
uint64_t tc_shm_take_outside(shm_header *h, uint64_t n, unsigned kind, uint64_t lo, uint64_t hi);

/* shm_lock.c: the lock / unlock operations (tc_backend.h). */
tc_status tc_shm_op_lock(tc_backend *b, tc_str id, unsigned timeout_ms, unsigned ttl_ms,
                         uint64_t *token, tc_err *err);
tc_status tc_shm_op_unlock(tc_backend *b, tc_str id, uint64_t token, tc_err *err);
/* shm_read.c: get and has, lock-free while no writer is active, else under the mutex. */
tc_status tc_shm_read(shm_backend *sb, tc_str id, const tc_sink *sink, tc_err *err);
#define SHM_LD(x) __atomic_load_n(&(x), __ATOMIC_RELAXED)

#endif
