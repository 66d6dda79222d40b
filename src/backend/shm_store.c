/* SharedMemoryBackend: what lives in the arena, all called under the segment lock (but
 * tc_shm_entry_check, which lock-free readers use too).
 *
 * Allocator: size classes, four per power of two from 64 bytes (a block wastes under 25%
 * of itself), carved from a bump pointer and recycled through one free list per class.
 * Blocks never merge; when the arena is exhausted, entries are evicted (CLOCK: a hand walks
 * the ring of every entry, sparing once those read since it last passed) until a block of the
 * class is free, and when no block at all is in use the arena restarts empty. So a class
 * pattern that shifts over time costs at most one full eviction round, never a stuck cache. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <string.h>

#include "shm_layout.h"

uint32_t tc_shm_hash(unsigned ns, const char *p, size_t len)
{
	uint64_t h = 1469598103934665603ull;
	h = (h ^ (ns & 0xff)) * 1099511628211ull;
	h = (h ^ (ns >> 8)) * 1099511628211ull;
	for (size_t i = 0; i < len; i++) {
		h = (h ^ (unsigned char)p[i]) * 1099511628211ull;
	}
	return (uint32_t)(h ^ (h >> 32));
}

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

static uint64_t shm_take(shm_header *h, unsigned cls)
{
	char *base = (char *)h;
	uint64_t sz = tc_shm_class_size(cls), off = h->freelist[cls];
	if (off) {
		h->freelist[cls] = ((shm_block *)(base + off))->next_free;
	} else if (h->arena_end - h->bump >= sz) {
		off = h->bump;
		h->bump += sz;
	} else {
		return 0;
	}
	shm_block *b = (shm_block *)(base + off);
	b->cls = cls;
	b->inuse = 1;
	b->next_free = 0;
	h->blocks++;
	h->used_bytes += sz;
	return off + SHM_BLOCK_HDR;
}

static void shm_free(shm_header *h, uint64_t off)
{
	shm_block *b = (shm_block *)((char *)h + off - SHM_BLOCK_HDR);
	b->inuse = 0;
	b->next_free = h->freelist[b->cls];
	h->freelist[b->cls] = off - SHM_BLOCK_HDR;
	h->blocks--;
	h->used_bytes -= tc_shm_class_size(b->cls);
	if (!h->blocks) {
		/* Nothing in use: start the arena afresh, so sizes can change class freely. */
		memset(h->freelist, 0, sizeof(h->freelist));
		h->bump = h->arena;
	}
}

/* Evicts the first entry the CLOCK hand finds unreferenced; 0 when there is none. */
static int shm_evict_one(shm_backend *sb)
{
	shm_header *h = SHM_HDR(sb);
	for (uint64_t steps = 0; h->hand && steps <= 2 * h->entries + 1; steps++) {
		shm_entry *e = SHM_AT(sb, h->hand, shm_entry);
		uint8_t *ref = shm_ref(sb, e->hash);
		if (__atomic_load_n(ref, __ATOMIC_RELAXED)) {
			__atomic_store_n(ref, 0, __ATOMIC_RELAXED);
			h->hand = e->cnext;
			continue;
		}
		tc_shm_delete(sb, h->hand);
		h->evictions++;
		return 1;
	}
	return 0;
}

uint64_t tc_shm_alloc(shm_backend *sb, uint64_t n)
{
	shm_header *h = SHM_HDR(sb);
	unsigned cls;
	if (tc_shm_class_of(n + SHM_BLOCK_HDR, &cls) != 0) {
		return 0;
	}
	for (;;) {
		uint64_t off = shm_take(h, cls);
		if (off || !shm_evict_one(sb)) {
			if (off) {
				return off;
			}
			break;
		}
	}
	/* Nothing left to evict but a block held by the caller kept the arena from restarting:
	 * a free block of a larger class serves whole (rare; it goes back to its own class). */
	for (unsigned c = cls + 1; c < SHM_CLASSES; c++) {
		if (h->freelist[c]) {
			return shm_take(h, c);
		}
	}
	return 0;
}

const char *tc_shm_entry_check(const shm_backend *sb, uint64_t off, uint64_t bucket, shm_view *v)
{
	if (off < sb->arena + SHM_BLOCK_HDR || off > sb->arena_end - sizeof(shm_entry) || (off & 15)) {
		return "an entry offset lies outside the arena";
	}
	shm_block *blk = SHM_AT(sb, off - SHM_BLOCK_HDR, shm_block);
	uint32_t cls = SHM_LD(blk->cls), inuse = SHM_LD(blk->inuse);
	if (inuse != 1 || cls >= SHM_CLASSES) {
		return "a hash chain leads to a block that is not an entry in use";
	}
	uint64_t bsz = tc_shm_class_size(cls);
	if (bsz > sb->arena_end - (off - SHM_BLOCK_HDR)) {
		return "an entry block runs past the arena";
	}
	shm_entry *e = SHM_AT(sb, off, shm_entry);
	uint64_t ntags = SHM_LD(e->ntags), idlen = SHM_LD(e->idlen), len = SHM_LD(e->len);
	if (ntags > bsz / sizeof(shm_link) || idlen > bsz || len > bsz ||
	    SHM_BLOCK_HDR + sizeof(shm_entry) + ntags * sizeof(shm_link) + idlen + len > bsz) {
		return "an entry's lengths do not fit its block";
	}
	uint32_t hash = SHM_LD(e->hash);
	unsigned ns = SHM_LD(e->ns);
	if ((hash & (sb->nbuckets - 1)) != bucket || ns >= SHM_MAX_NS) {
		return "an entry sits in another hash bucket than its hash";
	}
	*v = (shm_view){.ntags = ntags, .idlen = idlen, .len = len, .hash = hash, .ns = ns};
	return NULL;
}

uint64_t tc_shm_find(shm_backend *sb, unsigned ns, tc_str id, uint32_t hash)
{
	uint64_t bucket = hash & (sb->nbuckets - 1);
	uint64_t off = SHM_AT(sb, sb->buckets, uint64_t)[bucket];
	shm_view v;
	for (uint64_t steps = 0; off; steps++) {
		const char *bad = steps >= shm_max_steps(sb) ? "a hash chain loops" : tc_shm_entry_check(sb, off, bucket, &v);
		if (bad) {
			tc_shm_corrupt(sb, id, bad);
			return 0;
		}
		shm_entry *e = SHM_AT(sb, off, shm_entry);
		if (e->hash == hash && e->ns == ns && e->idlen == id.len &&
		    memcmp(shm_entry_id(e), id.ptr, id.len) == 0) {
			return off;
		}
		off = e->hnext;
	}
	return 0;
}

uint64_t tc_shm_find_tag(shm_backend *sb, unsigned ns, tc_str tag, uint32_t hash)
{
	shm_header *h = SHM_HDR(sb);
	uint64_t off = SHM_AT(sb, h->tbuckets, uint64_t)[hash & (h->nbuckets - 1)];
	while (off) {
		shm_tag *t = SHM_AT(sb, off, shm_tag);
		if (t->hash == hash && t->ns == ns && t->len == tag.len &&
		    memcmp(t + 1, tag.ptr, tag.len) == 0) {
			return off;
		}
		off = t->hnext;
	}
	return 0;
}

static void shm_unlink_chain(shm_backend *sb, uint64_t bucket_array, uint32_t hash, uint64_t off)
{
	shm_header *h = SHM_HDR(sb);
	uint64_t *p = &SHM_AT(sb, bucket_array, uint64_t)[hash & (h->nbuckets - 1)];
	while (*p && *p != off) {
		/* hnext is the first field of both shm_entry and shm_tag. */
		p = SHM_AT(sb, *p, uint64_t);
	}
	if (*p) {
		*p = *SHM_AT(sb, off, uint64_t);
	}
}

static void shm_unlink_tag(shm_backend *sb, shm_link *l)
{
	shm_tag *t = SHM_AT(sb, l->tag, shm_tag);
	if (l->prev) {
		SHM_AT(sb, l->prev, shm_link)->next = l->next;
	} else {
		t->first = l->next;
	}
	if (l->next) {
		SHM_AT(sb, l->next, shm_link)->prev = l->prev;
	}
	if (--t->count == 0) {
		shm_unlink_chain(sb, SHM_HDR(sb)->tbuckets, t->hash, l->tag);
		shm_free(SHM_HDR(sb), l->tag);
	}
	l->tag = 0;
}

void tc_shm_delete(shm_backend *sb, uint64_t eoff)
{
	shm_header *h = SHM_HDR(sb);
	shm_entry *e = SHM_AT(sb, eoff, shm_entry);
	shm_link *links = shm_links(e);
	for (uint32_t i = 0; i < e->ntags; i++) {
		if (links[i].tag) {
			shm_unlink_tag(sb, &links[i]);
		}
	}
	shm_unlink_chain(sb, h->buckets, e->hash, eoff);
	/* CLOCK ring */
	if (e->cnext == eoff) {
		h->hand = 0;
	} else {
		SHM_AT(sb, e->cprev, shm_entry)->cnext = e->cnext;
		SHM_AT(sb, e->cnext, shm_entry)->cprev = e->cprev;
		if (h->hand == eoff) {
			h->hand = e->cnext;
		}
	}
	/* its cache's list */
	shm_ns *ns = &h->ns[e->ns];
	if (e->nprev) {
		SHM_AT(sb, e->nprev, shm_entry)->nnext = e->nnext;
	} else {
		ns->head = e->nnext;
	}
	if (e->nnext) {
		SHM_AT(sb, e->nnext, shm_entry)->nprev = e->nprev;
	}
	ns->count--;
	h->entries--;
	shm_free(h, eoff);
}

/* Puts link i of the entry on the list of tag (found or created). -1 when no tag head fits. */
static int shm_link_tag(shm_backend *sb, uint64_t eoff, uint32_t i, tc_str tag)
{
	shm_header *h = SHM_HDR(sb);
	shm_entry *e = SHM_AT(sb, eoff, shm_entry);
	uint32_t hash = tc_shm_hash(e->ns, tag.ptr, tag.len);
	uint64_t toff = tc_shm_find_tag(sb, e->ns, tag, hash);
	if (!toff) {
		toff = tc_shm_alloc(sb, sizeof(shm_tag) + tag.len);
		if (!toff) {
			return -1;
		}
		shm_tag *t = SHM_AT(sb, toff, shm_tag);
		memset(t, 0, sizeof(*t));
		t->hash = hash;
		t->len = (uint32_t)tag.len;
		t->ns = e->ns;
		memcpy(t + 1, tag.ptr, tag.len);
		uint64_t *bucket = &SHM_AT(sb, h->tbuckets, uint64_t)[hash & (h->nbuckets - 1)];
		t->hnext = *bucket;
		*bucket = toff;
	}
	shm_tag *t = SHM_AT(sb, toff, shm_tag);
	uint64_t loff = eoff + sizeof(shm_entry) + i * sizeof(shm_link);
	shm_link *l = SHM_AT(sb, loff, shm_link);
	l->tag = toff;
	l->entry = eoff;
	l->prev = 0;
	l->next = t->first;
	if (t->first) {
		SHM_AT(sb, t->first, shm_link)->prev = loff;
	}
	t->first = loff;
	t->count++;
	return 0;
}

int tc_shm_insert(shm_backend *sb, uint64_t eoff, const tc_str *tags)
{
	shm_header *h = SHM_HDR(sb);
	shm_entry *e = SHM_AT(sb, eoff, shm_entry);
	/* Tags first, while the entry is on no list: allocating a tag head may evict, and must
	 * not evict this entry. */
	for (uint32_t i = 0; i < e->ntags; i++) {
		shm_links(e)[i].tag = 0;
	}
	for (uint32_t i = 0; i < e->ntags; i++) {
		if (shm_link_tag(sb, eoff, i, tags[i]) != 0) {
			for (uint32_t j = 0; j < i; j++) {
				shm_unlink_tag(sb, &shm_links(e)[j]);
			}
			shm_free(h, eoff);
			return -1;
		}
	}
	uint64_t *bucket = &SHM_AT(sb, h->buckets, uint64_t)[e->hash & (h->nbuckets - 1)];
	e->hnext = *bucket;
	*bucket = eoff;
	if (h->hand) {
		shm_entry *hand = SHM_AT(sb, h->hand, shm_entry);
		e->cnext = h->hand;
		e->cprev = hand->cprev;
		SHM_AT(sb, hand->cprev, shm_entry)->cnext = eoff;
		hand->cprev = eoff;
	} else {
		e->cnext = e->cprev = eoff;
		h->hand = eoff;
	}
	shm_ns *ns = &h->ns[e->ns];
	e->nprev = 0;
	e->nnext = ns->head;
	if (ns->head) {
		SHM_AT(sb, ns->head, shm_entry)->nprev = eoff;
	}
	ns->head = eoff;
	ns->count++;
	h->entries++;
	return 0;
}
