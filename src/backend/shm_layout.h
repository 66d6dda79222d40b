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
 *   arena    blocks of size classes (4 per power of two, 64 B up): entries and tag heads
 *
 * An entry is one block: shm_entry, its link records (one per tag), the identifier, the
 * payload. A link record sits on its tag's doubly linked list, so flushing a tag walks only
 * the entries carrying it, and deleting an entry unlinks its tags without any search. A tag
 * head is freed with its last link, so nothing of a tag outlives its entries.
 *
 * Every mutation happens under the one mutex with hdr->dirty set; a process that dies
 * holding the mutex leaves dirty set, and the next process to lock (EOWNERDEAD) drops every
 * entry (a cache may lose entries, it must never serve a torn one) before it goes on. */
#ifndef TC_SHM_LAYOUT_H
#define TC_SHM_LAYOUT_H

#include <pthread.h>
#include <stdint.h>

#include "../tc_backend.h"

#define SHM_MAGIC 0x31304d4853435454ull /* "TTCSHM01" little-endian */
#define SHM_LAYOUT 2u
#define SHM_MAX_NS 32u       /* caches per segment */
#define SHM_NS_NAME 240u     /* "<applicationIdentifier>:<cache identifier>" incl. NUL */
#define SHM_SLOTS 1024u      /* write-ticket slots per cache */
#define SHM_CLASSES 160u     /* size classes: (4 + c % 4) << (c / 4 + 4) bytes */
#define SHM_BLOCK_HDR 16u
#define SHM_MIN_SIZE (1ull << 20)
#define SHM_MAX_SIZE (1ull << 40)

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

typedef struct {
	uint64_t magic;
	uint32_t layout, header_size;
	uint64_t size;
	union {
		pthread_mutex_t m;
		char pad[64];
	} mutex;
	uint32_t dirty, pad0;
	uint64_t nbuckets, buckets, tbuckets;
	uint64_t arena, arena_end, bump, blocks;
	uint64_t freelist[SHM_CLASSES];
	uint64_t hand;                /* CLOCK hand: an entry on the ring, 0 when empty */
	uint64_t writes;              /* source of entry versions: never reset, never reused */
	uint64_t entries, used_bytes; /* statistics from here on */
	uint64_t hits, misses, evictions, lock_waits, recoveries;
	shm_ns ns[SHM_MAX_NS];
	shm_locks locks;
} shm_header;

typedef struct {
	uint32_t cls, inuse;
	uint64_t next_free;
} shm_block;

typedef struct {
	uint64_t hnext;        /* hash chain */
	uint64_t cprev, cnext; /* CLOCK ring over every entry of the segment */
	uint64_t nprev, nnext; /* the entries of its cache */
	int64_t expiry;
	uint64_t len;
	uint64_t version; /* unique per write in this segment */
	uint32_t hash, idlen, ntags;
	uint16_t ns;
	uint8_t ref, kind;
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

/* shm_segment.c: open or create, check, map; lock with robust recovery. */
tc_status tc_shm_map(shm_backend *sb, const char *path, uint64_t size, tc_err *err);
/* Locks for a mutation (sets dirty) or a read; returns nonzero on a lock failure (err set). */
int tc_shm_lock(shm_backend *sb, int write, tc_err *err);
void tc_shm_unlock(shm_backend *sb);
/* Drops every entry and tag of every cache (recovery); tickets all go stale. */
void tc_shm_reset(shm_header *h);

/* shm_store.c: allocator, hash tables, tag index, CLOCK eviction. Called under the lock. */
uint32_t tc_shm_hash(unsigned ns, const char *p, size_t len);
uint64_t tc_shm_class_size(unsigned cls);
int tc_shm_class_of(uint64_t n, unsigned *cls);
/* A block of at least n bytes, evicting entries as needed; 0 when nothing can make room. */
uint64_t tc_shm_alloc(shm_backend *sb, uint64_t n);
uint64_t tc_shm_find(shm_backend *sb, unsigned ns, tc_str id, uint32_t hash);
uint64_t tc_shm_find_tag(shm_backend *sb, unsigned ns, tc_str tag, uint32_t hash);
/* Links a fully written entry block carrying the distinct tags (e->ntags of them) into its
 * tags, the hash table, the CLOCK ring and its cache's list; -1 when a tag head cannot be
 * allocated (the block is then freed). */
int tc_shm_insert(shm_backend *sb, uint64_t eoff, const tc_str *tags);
void tc_shm_delete(shm_backend *sb, uint64_t eoff);

/* shm_lock.c: the lock / unlock operations (tc_backend.h). */
tc_status tc_shm_op_lock(tc_backend *b, tc_str id, unsigned timeout_ms, unsigned ttl_ms,
                         uint64_t *token, tc_err *err);
tc_status tc_shm_op_unlock(tc_backend *b, tc_str id, uint64_t token, tc_err *err);

#endif
