/* SharedMemoryBackend: the block allocator of the arena and CLOCK eviction, called under the
 * segment lock with seq odd (readers never see a block change under a confirmed read).
 *
 * Blocks have exact sizes (the request plus a 16-byte header, rounded up to 16 B; a split
 * leaves the tail with the block when under SHM_MIN_BLOCK, so a block wastes less than 80
 * bytes). Boundary tags: the header holds the size and whether the block before is free; a
 * free block repeats its size in its last 8 bytes. Freeing merges a block with both free
 * neighbours at once, so no two free blocks ever touch, and a block freed at the top of the
 * carved arena gives its bytes back to the untouched rest above bump. Free blocks sit on
 * doubly linked lists per bin (four per power of two: the classes of tc_shm_class_of), so a
 * neighbour is unlinked in O(1); an allocation takes the first fitting block of the smallest
 * bin that can hold it (a few of its own bin first), splits it, and only then carves above bump.
 *
 * When nothing fits, entries are evicted. The CLOCK hand (a ring over every entry, a read
 * spares an entry once) names a victim; from it (and the free block just before it) runs a
 * physical run of free blocks, evictable entries and tag heads. When the run reaches the size
 * needed, its entries are evicted in address order and its tag heads moved elsewhere until one
 * block fits: a set evicts at most the entries of one run of the size it needs, not the whole
 * cache. A run stops at an entry of a frozen cache (never evicted: a frozen cache cannot be
 * refilled) and at the entry being stored; when SHM_RUN_TRIES victims in a row start no run
 * that fits, the victim is evicted alone (its bytes merge with its neighbours) and the hand
 * goes on. Nothing evictable left and still no room: the set fails (shm.c says why). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <string.h>

#include "shm_layout.h"

#define SHM_FIT_SCAN 8  /* free blocks looked at per bin list before the next bin */
#define SHM_RUN_TRIES 8 /* victims without a fitting run before one is evicted alone */

uint64_t tc_shm_class_size(unsigned cls)
{
	return (uint64_t)(4 + cls % 4) << (cls / 4 + 4);
}

int tc_shm_class_of(uint64_t n, unsigned *cls)
{
	if (n <= 64) {
		*cls = 0;
		return 0;
	}
	unsigned k = 63 - (unsigned)__builtin_clzll(n - 1); /* 2^k < n <= 2^(k+1) */
	uint64_t base = 1ull << k, step = base / 4;
	uint64_t s = (n - base + step - 1) / step;
	unsigned c = s < 4 ? (k - 6) * 4 + (unsigned)s : (k - 5) * 4;
	if (c >= SHM_CLASSES) {
		return -1;
	}
	*cls = c;
	return 0;
}

uint64_t tc_shm_block_size(uint64_t n)
{
	if (n > SHM_MAX_SIZE) {
		return 0;
	}
	uint64_t sz = (n + SHM_BLOCK_HDR + 15) & ~15ull;
	return sz < SHM_MIN_BLOCK ? SHM_MIN_BLOCK : sz;
}

unsigned tc_shm_bin(uint64_t size)
{
	unsigned c = 0;
	if (tc_shm_class_of(size, &c) != 0) {
		return SHM_CLASSES - 1;
	}
	return c > 0 && tc_shm_class_size(c) > size ? c - 1 : c;
}

static inline shm_block *shm_blk(const shm_header *h, uint64_t b)
{
	return (shm_block *)((char *)h + b);
}
static inline shm_free_block *shm_fb(const shm_header *h, uint64_t b)
{
	return (shm_free_block *)((char *)h + b);
}
static inline uint64_t *shm_footer(const shm_header *h, uint64_t b, uint64_t size)
{
	return (uint64_t *)((char *)h + b + size - 8);
}

static void shm_list_push(shm_header *h, uint64_t b)
{
	shm_free_block *f = shm_fb(h, b);
	unsigned bin = tc_shm_bin(f->b.size);
	f->prev = 0;
	f->next = h->freelist[bin];
	if (f->next) {
		shm_fb(h, f->next)->prev = b;
	}
	h->freelist[bin] = b;
	h->free_blocks++;
}

static void shm_list_unlink(shm_header *h, uint64_t b)
{
	shm_free_block *f = shm_fb(h, b);
	if (f->prev) {
		shm_fb(h, f->prev)->next = f->next;
	} else {
		h->freelist[tc_shm_bin(f->b.size)] = f->next;
	}
	if (f->next) {
		shm_fb(h, f->next)->prev = f->prev;
	}
	h->free_blocks--;
}

/* Makes [b, b + size) one free block on its list; its neighbours are not free. */
static void shm_make_free(shm_header *h, uint64_t b, uint64_t size)
{
	shm_block *k = shm_blk(h, b);
	k->inuse = SHM_FREE;
	k->prev_free = 0;
	k->size = size;
	*shm_footer(h, b, size) = size;
	shm_list_push(h, b);
	if (b + size < h->bump) {
		shm_blk(h, b + size)->prev_free = 1;
	}
}

/* Turns the free block at b (already off its list) into a block of n bytes in use; a tail of
 * at least SHM_MIN_BLOCK goes back to the lists. */
static uint64_t shm_carve(shm_header *h, uint64_t b, uint64_t n, unsigned kind)
{
	shm_block *k = shm_blk(h, b);
	uint64_t size = k->size;
	if (size - n >= SHM_MIN_BLOCK) {
		shm_make_free(h, b + n, size - n);
		size = n;
	} else if (b + size < h->bump) {
		shm_blk(h, b + size)->prev_free = 0;
	}
	k->inuse = kind;
	k->prev_free = 0; /* a free block never follows another free block */
	k->size = size;
	h->blocks++;
	h->used_bytes += size;
	return b + SHM_BLOCK_HDR;
}

static uint64_t shm_carve_top(shm_header *h, uint64_t n, unsigned kind)
{
	uint64_t b = h->bump;
	h->bump += n;
	shm_block *k = shm_blk(h, b);
	k->inuse = SHM_FREE;
	k->size = n;
	return shm_carve(h, b, n, kind);
}

uint64_t tc_shm_take_outside(shm_header *h, uint64_t n, unsigned kind, uint64_t lo, uint64_t hi)
{
	for (unsigned c = tc_shm_bin(n); c < SHM_CLASSES; c++) {
		uint64_t b = h->freelist[c];
		for (unsigned i = 0; b && i < SHM_FIT_SCAN; i++, b = shm_fb(h, b)->next) {
			uint64_t size = shm_blk(h, b)->size;
			if (size >= n && (b + size <= lo || b >= hi)) {
				shm_list_unlink(h, b);
				return shm_carve(h, b, n, kind);
			}
		}
	}
	if (h->bump >= hi && h->arena_end - h->bump >= n) {
		return shm_carve_top(h, n, kind);
	}
	return 0;
}

/* A block of n bytes without evicting, 0 when none is free. */
static uint64_t shm_take(shm_header *h, uint64_t n, unsigned kind)
{
	return tc_shm_take_outside(h, n, kind, 0, 0);
}

uint64_t tc_shm_free(shm_header *h, uint64_t off)
{
	uint64_t b = off - SHM_BLOCK_HDR;
	shm_block *k = shm_blk(h, b);
	uint64_t size = k->size, end = b + size;
	h->blocks--;
	h->used_bytes -= size;
	if (k->prev_free) {
		uint64_t psize = *(uint64_t *)((char *)h + b - 8);
		b -= psize;
		size += psize;
		shm_list_unlink(h, b);
	}
	if (end == h->bump) {
		h->bump = b; /* back to the untouched rest */
		return 0;
	}
	shm_block *next = shm_blk(h, end);
	if (next->inuse == SHM_FREE) {
		size += next->size;
		shm_list_unlink(h, end);
	}
	shm_make_free(h, b, size);
	return b;
}

uint64_t tc_shm_largest_free(const shm_header *h)
{
	uint64_t best = h->arena_end - h->bump;
	for (unsigned c = SHM_CLASSES; c-- > 0;) {
		if (h->freelist[c]) {
			for (uint64_t b = h->freelist[c]; b; b = shm_fb(h, b)->next) {
				best = shm_blk(h, b)->size > best ? shm_blk(h, b)->size : best;
			}
			break;
		}
	}
	return best;
}

static int shm_evictable(const shm_backend *sb, uint64_t b)
{
	shm_header *h = SHM_HDR(sb);
	shm_entry *e = SHM_AT(sb, b + SHM_BLOCK_HDR, shm_entry);
	return b + SHM_BLOCK_HDR != sb->pin && e->ns < SHM_MAX_NS && !h->ns[e->ns].frozen;
}

/* The next entry the CLOCK hand finds unreferenced and evictable (the hand stays on it);
 * 0 when a whole turn finds none. */
static uint64_t shm_victim(shm_backend *sb)
{
	shm_header *h = SHM_HDR(sb);
	for (uint64_t steps = 0; h->hand && steps <= 2 * h->entries + 1; steps++) {
		shm_entry *e = SHM_AT(sb, h->hand, shm_entry);
		uint8_t *ref = shm_ref(sb, e->hash);
		if (!shm_evictable(sb, h->hand - SHM_BLOCK_HDR)) {
			h->hand = e->cnext;
		} else if (__atomic_load_n(ref, __ATOMIC_RELAXED)) {
			__atomic_store_n(ref, 0, __ATOMIC_RELAXED);
			h->hand = e->cnext;
		} else {
			return h->hand;
		}
	}
	return 0;
}

/* Whether the run of free blocks, evictable entries and tag heads from block b reaches n
 * bytes. Each step adds at least SHM_MIN_BLOCK, so it looks at most n / 64 + 1 blocks. */
static int shm_run_fits(const shm_backend *sb, uint64_t b, uint64_t n)
{
	shm_header *h = SHM_HDR(sb);
	uint64_t sum = 0;
	while (sum < n) {
		if (b >= h->bump) {
			return sum + (h->arena_end - h->bump) >= n;
		}
		shm_block *k = shm_blk(h, b);
		if (k->inuse == SHM_ENTRY && !shm_evictable(sb, b)) {
			return 0;
		}
		sum += k->size;
		b += k->size;
	}
	return 1;
}

/* Empties the run from block b until a block of n bytes fits: its room, or 0 when a tag head
 * in it could not be moved (at least one entry was evicted: the run starts at one). */
static uint64_t shm_evict_run(shm_backend *sb, uint64_t b, uint64_t n, unsigned kind)
{
	shm_header *h = SHM_HDR(sb);
	uint64_t lo = b, hi = b + n;
	for (;;) {
		if (b >= h->bump) {
			return shm_take(h, n, kind);
		}
		shm_block *k = shm_blk(h, b);
		int64_t f;
		if (k->inuse == SHM_FREE) {
			if (k->size >= n) {
				shm_list_unlink(h, b);
				return shm_carve(h, b, n, kind);
			}
			b += k->size;
			continue;
		} else if (k->inuse == SHM_ENTRY && shm_evictable(sb, b)) {
			f = (int64_t)tc_shm_delete(sb, b + SHM_BLOCK_HDR);
			h->evictions++;
		} else if (k->inuse == SHM_TAGHEAD) {
			if ((f = tc_shm_move_tag(sb, b, lo, hi)) < 0) {
				return 0;
			}
		} else {
			return 0;
		}
		if (f == 0) {
			/* it merged into the rest above bump, with the run before it */
			return shm_take(h, n, kind);
		}
		b = (uint64_t)f;
	}
}

uint64_t tc_shm_alloc(shm_backend *sb, uint64_t n, unsigned kind)
{
	shm_header *h = SHM_HDR(sb);
	uint64_t need = tc_shm_block_size(n);
	if (!need || need > h->arena_end - h->arena) {
		return 0;
	}
	unsigned misses = 0;
	for (;;) {
		uint64_t off = shm_take(h, need, kind);
		uint64_t v = off ? 0 : shm_victim(sb);
		if (off || !v) {
			return off;
		}
		uint64_t start = v - SHM_BLOCK_HDR;
		if (shm_blk(h, start)->prev_free) {
			start -= *(uint64_t *)((char *)h + start - 8);
		}
		if (shm_run_fits(sb, start, need)) {
			if ((off = shm_evict_run(sb, start, need, kind)) != 0) {
				return off;
			}
		} else if (++misses < SHM_RUN_TRIES && h->entries > 1) {
			h->hand = SHM_AT(sb, v, shm_entry)->cnext; /* spared: try the next victim's run */
		} else {
			misses = 0;
			tc_shm_delete(sb, v);
			h->evictions++;
		}
	}
}

const char *tc_shm_heap_check(const shm_backend *sb)
{
	const shm_header *h = SHM_HDR(sb);
	uint64_t used = 0, inuse = 0, nfree = 0, prev_free = 0;
	for (uint64_t b = h->arena; b < h->bump;) {
		shm_block *k = shm_blk(h, b);
		if (k->size < SHM_MIN_BLOCK || (k->size & 15) || k->size > h->bump - b) {
			return "a block size is out of range";
		}
		if (k->prev_free != prev_free) {
			return "a block's prev_free bit is wrong";
		}
		if (k->inuse == SHM_FREE) {
			if (prev_free) {
				return "two free blocks touch";
			}
			if (*shm_footer(h, b, k->size) != k->size) {
				return "a free block's footer is wrong";
			}
			nfree++;
		} else if (k->inuse == SHM_ENTRY || k->inuse == SHM_TAGHEAD) {
			used += k->size;
			inuse++;
		} else {
			return "a block has an unknown kind";
		}
		if (b + k->size == h->bump && k->inuse == SHM_FREE) {
			return "a free block touches bump";
		}
		prev_free = k->inuse == SHM_FREE;
		b += k->size;
	}
	if (used != h->used_bytes || inuse != h->blocks) {
		return "used bytes or blocks do not match the blocks in use";
	}
	uint64_t listed = 0;
	for (unsigned c = 0; c < SHM_CLASSES; c++) {
		uint64_t prev = 0;
		for (uint64_t b = h->freelist[c]; b; prev = b, b = shm_fb(h, b)->next) {
			shm_free_block *f = shm_fb(h, b);
			if (b < h->arena || b >= h->bump || f->b.inuse != SHM_FREE || f->prev != prev ||
			    tc_shm_bin(f->b.size) != c || ++listed > nfree) {
				return "a free list is not sound";
			}
		}
	}
	if (listed != nfree || nfree != h->free_blocks) {
		return "free blocks and free lists do not match";
	}
	return NULL;
}
