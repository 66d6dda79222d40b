/* SharedMemoryBackend: what lives in the arena (hash chains, tag heads and their link lists,
 * the CLOCK ring, each cache's list), all called under the segment lock (but
 * tc_shm_entry_check, which lock-free readers use too). Blocks come from shm_alloc.c. */
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

const char *tc_shm_entry_check(const shm_backend *sb, uint64_t off, uint64_t bucket, shm_view *v)
{
	if (off < sb->arena + SHM_BLOCK_HDR || off > sb->arena_end - sizeof(shm_entry) || (off & 15)) {
		return "an entry offset lies outside the arena";
	}
	shm_block *blk = SHM_AT(sb, off - SHM_BLOCK_HDR, shm_block);
	uint32_t inuse = SHM_LD(blk->inuse);
	uint64_t bsz = SHM_LD(blk->size);
	if (inuse != SHM_ENTRY || bsz < SHM_MIN_BLOCK || (bsz & 15)) {
		return "a hash chain leads to a block that is not an entry in use";
	}
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
	/* Under the mutex a chain holds at most every entry of the segment: a longer walk loops,
	 * and must not hold the mutex for arena/64 steps of a huge segment to find out. */
	uint64_t limit = SHM_HDR(sb)->entries + 1;
	if (limit > shm_max_steps(sb)) {
		limit = shm_max_steps(sb);
	}
	for (uint64_t steps = 0; off; steps++) {
		const char *bad = steps >= limit ? "a hash chain loops" : tc_shm_entry_check(sb, off, bucket, &v);
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
		tc_shm_free(SHM_HDR(sb), l->tag);
	}
	l->tag = 0;
}

uint64_t tc_shm_delete(shm_backend *sb, uint64_t eoff)
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
	return tc_shm_free(h, eoff);
}

int64_t tc_shm_move_tag(shm_backend *sb, uint64_t toff, uint64_t lo, uint64_t hi)
{
	shm_header *h = SHM_HDR(sb);
	uint64_t old = toff + SHM_BLOCK_HDR;
	shm_tag *t = SHM_AT(sb, old, shm_tag);
	uint64_t n = SHM_AT(sb, toff, shm_block)->size; /* the same block size */
	uint64_t nw = tc_shm_take_outside(h, n, SHM_TAGHEAD, lo, hi);
	if (!nw) {
		return -1;
	}
	memcpy(SHM_AT(sb, nw, char), t, sizeof(*t) + t->len);
	uint64_t *p = &SHM_AT(sb, h->tbuckets, uint64_t)[t->hash & (h->nbuckets - 1)];
	while (*p && *p != old) {
		p = SHM_AT(sb, *p, uint64_t); /* hnext is the first field of shm_tag */
	}
	if (*p) {
		*p = nw;
	}
	for (uint64_t l = t->first; l; l = SHM_AT(sb, l, shm_link)->next) {
		SHM_AT(sb, l, shm_link)->tag = nw;
	}
	return (int64_t)tc_shm_free(h, old);
}

/* Puts link i of the entry on the list of tag (found or created). -1 when no tag head fits. */
static int shm_link_tag(shm_backend *sb, uint64_t eoff, uint32_t i, tc_str tag)
{
	shm_header *h = SHM_HDR(sb);
	shm_entry *e = SHM_AT(sb, eoff, shm_entry);
	uint32_t hash = tc_shm_hash(e->ns, tag.ptr, tag.len);
	uint64_t toff = tc_shm_find_tag(sb, e->ns, tag, hash);
	if (!toff) {
		toff = tc_shm_alloc(sb, sizeof(shm_tag) + tag.len, SHM_TAGHEAD);
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
	 * not evict this entry (pinned: a run of eviction stops at it). */
	for (uint32_t i = 0; i < e->ntags; i++) {
		shm_links(e)[i].tag = 0;
	}
	sb->pin = eoff;
	for (uint32_t i = 0; i < e->ntags; i++) {
		if (shm_link_tag(sb, eoff, i, tags[i]) != 0) {
			for (uint32_t j = 0; j < i; j++) {
				shm_unlink_tag(sb, &shm_links(e)[j]);
			}
			sb->pin = 0;
			tc_shm_free(h, eoff);
			return -1;
		}
	}
	sb->pin = 0;
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
