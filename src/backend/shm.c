/* SharedMemoryBackend: the backend operations over a shared segment (shm_layout.h says what
 * is inside, shm_segment.c how it is opened and locked, shm_store.c how entries are kept).
 *
 * Each backend object serves one cache namespace of the segment ("<app>:<cache>"), claimed in
 * the segment's namespace table when the backend is built. get and has read without the lock
 * (shm_read.c); every other operation takes the segment lock, and no call leaves src/ while
 * it is held: listings collect identifiers first and call back after unlocking. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../tc_alloc.h"
#include "../tc_clock.h"
#include "../tc_strlist.h"
#include "epoch_slot.h"
#include "../tc_shm.h"
#include "shm_layout.h"

static shm_backend *sb_of(tc_backend *b)
{
	return (shm_backend *)b;
}

static shm_ns *sb_ns(shm_backend *sb)
{
	return &SHM_HDR(sb)->ns[sb->ns];
}

static unsigned slot_of(char kind, tc_str name)
{
	return tc_epoch_slot(kind, name) % SHM_SLOTS;
}

static tc_status frozen_error(shm_backend *sb, tc_err *err)
{
	return tc_err_set(err, TC_ERR_FROZEN,
	                  "cache %s in %s is frozen: writes and removals are refused until flush() thaws it",
	                  sb->name, sb->path);
}

static tc_status sb_check_ticket_locked(shm_backend *sb, uint64_t ticket, tc_str id,
                                        const tc_str *tags, size_t ntags, tc_err *err)
{
	shm_ns *ns = sb_ns(sb);
	int stale = ns->floor > ticket || (id.len && ns->slots[slot_of('i', id)] > ticket);
	for (size_t i = 0; !stale && i < ntags; i++) {
		stale = ns->slots[slot_of('t', tags[i])] > ticket;
	}
	if (!stale) {
		return TC_OK;
	}
	return tc_err_set(err, TC_STALE,
	                  "entry \"%.*s\" was not stored: it, one of its tags or the cache was flushed after ticket %llu was taken",
	                  (int)id.len, id.ptr, (unsigned long long)ticket);
}

/* Why a set found no room even after evicting all it could: usually entries of frozen caches,
 * which are never evicted (a frozen cache cannot be refilled). */
static tc_status sb_no_room(shm_backend *sb, tc_str id, uint64_t need, tc_err *err)
{
	shm_header *h = SHM_HDR(sb);
	uint64_t frozen = 0;
	for (unsigned i = 0; i < SHM_MAX_NS; i++) {
		frozen += h->ns[i].used && h->ns[i].frozen ? h->ns[i].count : 0;
	}
	if (frozen) {
		return tc_err_set(err, TC_ERR_NOMEM,
		                  "no room for entry \"%.*s\" (%llu bytes) in shared memory segment %s: it is full of the %llu entries of frozen caches, which are never evicted (flush() a frozen cache to thaw it, or raise option size)",
		                  (int)id.len, id.ptr, (unsigned long long)need, sb->path, (unsigned long long)frozen);
	}
	return tc_err_set(err, TC_ERR_NOMEM,
	                  "no room for entry \"%.*s\" (%llu bytes) in shared memory segment %s even after eviction",
	                  (int)id.len, id.ptr, (unsigned long long)need, sb->path);
}

static tc_status sb_store(tc_backend *b, tc_str id, tc_str data, const tc_str *tags, size_t ntags,
                          int64_t lifetime, tc_kind kind, const uint64_t *ticket, tc_err *err)
{
	shm_backend *sb = sb_of(b);
	if (lifetime == TC_LIFETIME_DEFAULT) {
		lifetime = sb->default_lifetime;
	}
	if (lifetime < 0) {
		return tc_err_set(err, TC_ERR_ARG, "lifetime %lld must be 0 (unlimited) or positive",
		                  (long long)lifetime);
	}
	int64_t expiry = tc_expiry_for(lifetime);
	if (expiry < 0) {
		return tc_err_set(err, TC_ERR_ARG, "lifetime %lld is too large", (long long)lifetime);
	}
	/* The distinct tags, in order: one link record each. */
	tc_str *uniq = ntags ? tc_malloc(ntags * sizeof(tc_str)) : NULL;
	if (ntags && !uniq) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory storing %.*s", (int)id.len, id.ptr);
	}
	size_t nuniq = 0;
	/* The room it takes at most: its block plus a new head per tag. */
	uint64_t room = 0;
	int too_big = 0;
	if (ntags) {
		memcpy(uniq, tags, ntags * sizeof(tc_str));
		nuniq = tc_str_unique(uniq, ntags);
	}
	for (size_t i = 0; i < nuniq; i++) {
		uint64_t t = tc_shm_block_size(sizeof(shm_tag) + uniq[i].len);
		too_big |= t == 0;
		room += t;
	}
	uint64_t need = sizeof(shm_entry) + nuniq * sizeof(shm_link) + id.len + data.len;
	shm_header *h = SHM_HDR(sb);
	uint64_t arena = h->arena_end - h->arena, block = tc_shm_block_size(need);
	if (too_big || !block || room + block > arena) {
		tc_free(uniq);
		return tc_err_set(err, TC_ERR_ARG,
		                  "entry \"%.*s\" of %zu bytes does not fit in shared memory segment %s: with its identifier, tags and block headers it needs more than the %llu bytes the segment holds for entries (option size is %llu bytes)",
		                  (int)id.len, id.ptr, data.len, sb->path, (unsigned long long)arena,
		                  (unsigned long long)sb->size);
	}
	if (tc_shm_lock(sb, 1, err) != 0) {
		tc_free(uniq);
		return err->code;
	}
	tc_status st = TC_OK;
	shm_ns *ns = sb_ns(sb);
	if (ns->frozen) {
		st = frozen_error(sb, err);
		goto out;
	}
	if (ticket && (st = sb_check_ticket_locked(sb, *ticket, id, uniq, nuniq, err)) != TC_OK) {
		goto out;
	}
	uint32_t hash = tc_shm_hash(sb->ns, id.ptr, id.len);
	uint64_t old = tc_shm_find(sb, sb->ns, id, hash);
	if (old) {
		tc_shm_delete(sb, old);
	}
	uint64_t eoff = tc_shm_alloc(sb, need, SHM_ENTRY);
	if (!eoff) {
		st = sb_no_room(sb, id, need, err);
		goto out;
	}
	shm_entry *e = SHM_AT(sb, eoff, shm_entry);
	memset(e, 0, sizeof(*e));
	e->expiry = expiry;
	e->len = data.len;
	e->version = ++h->writes;
	e->hash = hash;
	e->idlen = (uint32_t)id.len;
	e->ntags = (uint32_t)nuniq;
	e->ns = (uint16_t)sb->ns;
	e->kind = (uint8_t)kind;
	memcpy(shm_entry_id(e), id.ptr, id.len);
	if (data.len) {
		memcpy(shm_entry_data(e), data.ptr, data.len);
	}
	if (tc_shm_insert(sb, eoff, uniq) != 0) {
		st = tc_err_set(err, TC_ERR_NOMEM,
		                "no room for the tags of entry \"%.*s\" in shared memory segment %s",
		                (int)id.len, id.ptr, sb->path);
	}
out:
	tc_shm_unlock(sb);
	tc_free(uniq);
	return st;
}

static tc_status sb_set(tc_backend *b, tc_str id, tc_str data, const tc_str *tags, size_t ntags,
                        int64_t lifetime, tc_kind kind, tc_err *err)
{
	return sb_store(b, id, data, tags, ntags, lifetime, kind, NULL, err);
}

static tc_status sb_set_ticketed(tc_backend *b, tc_str id, tc_str data, const tc_str *tags,
                                 size_t ntags, int64_t lifetime, tc_kind kind, uint64_t ticket,
                                 tc_err *err)
{
	return sb_store(b, id, data, tags, ntags, lifetime, kind, &ticket, err);
}

static tc_status sb_get(tc_backend *b, tc_str id, const tc_sink *sink, tc_err *err)
{
	return tc_shm_read(sb_of(b), id, sink, err);
}

static tc_status sb_has(tc_backend *b, tc_str id, tc_err *err)
{
	return tc_shm_read(sb_of(b), id, NULL, err);
}

/* A new epoch for names (kind 't' tags, 'i' ids), before a removal; under the lock. */
static void sb_bump(shm_backend *sb, char kind, const tc_str *names, size_t n)
{
	shm_ns *ns = sb_ns(sb);
	ns->epoch++;
	for (size_t i = 0; i < n; i++) {
		ns->slots[slot_of(kind, names[i])] = ns->epoch;
	}
}

static tc_status sb_remove(tc_backend *b, tc_str id, tc_err *err)
{
	shm_backend *sb = sb_of(b);
	if (tc_shm_lock(sb, 1, err) != 0) {
		return err->code;
	}
	tc_status st = TC_MISS;
	if (sb_ns(sb)->frozen) {
		st = frozen_error(sb, err);
	} else {
		sb_bump(sb, 'i', &id, 1);
		uint64_t off = tc_shm_find(sb, sb->ns, id, tc_shm_hash(sb->ns, id.ptr, id.len));
		if (off) {
			st = tc_is_expired(SHM_AT(sb, off, shm_entry)->expiry) ? TC_MISS : TC_OK;
			tc_shm_delete(sb, off);
		}
	}
	tc_shm_unlock(sb);
	return st;
}

static tc_status sb_flush(tc_backend *b, tc_err *err)
{
	shm_backend *sb = sb_of(b);
	if (tc_shm_lock(sb, 1, err) != 0) {
		return err->code;
	}
	shm_ns *ns = sb_ns(sb);
	ns->floor = ++ns->epoch;
	while (ns->head) {
		tc_shm_delete(sb, ns->head);
	}
	ns->frozen = 0;
	tc_shm_unlock(sb);
	return TC_OK;
}

static tc_status sb_flush_by_tags(tc_backend *b, const tc_str *tags, size_t ntags, size_t *count,
                                  tc_err *err)
{
	shm_backend *sb = sb_of(b);
	*count = 0;
	if (tc_shm_lock(sb, 1, err) != 0) {
		return err->code;
	}
	tc_status st = TC_OK;
	if (sb_ns(sb)->frozen) {
		st = frozen_error(sb, err);
		goto out;
	}
	sb_bump(sb, 't', tags, ntags);
	for (size_t i = 0; i < ntags; i++) {
		uint32_t hash = tc_shm_hash(sb->ns, tags[i].ptr, tags[i].len);
		uint64_t toff;
		/* Each delete unlinks the entry from this tag; the head goes with the last link. */
		while ((toff = tc_shm_find_tag(sb, sb->ns, tags[i], hash)) != 0) {
			shm_tag *t = SHM_AT(sb, toff, shm_tag);
			uint64_t eoff = SHM_AT(sb, t->first, shm_link)->entry;
			if (!tc_is_expired(SHM_AT(sb, eoff, shm_entry)->expiry)) {
				(*count)++;
			}
			tc_shm_delete(sb, eoff);
		}
	}
out:
	tc_shm_unlock(sb);
	return st;
}

static tc_status sb_find_ids_by_tag(tc_backend *b, tc_str tag, tc_id_cb cb, void *ud, tc_err *err)
{
	shm_backend *sb = sb_of(b);
	tc_strlist ids;
	tc_strlist_init(&ids);
	if (tc_shm_lock(sb, 0, err) != 0) {
		return err->code;
	}
	int frozen = sb_ns(sb)->frozen, oom = 0;
	uint64_t toff = tc_shm_find_tag(sb, sb->ns, tag, tc_shm_hash(sb->ns, tag.ptr, tag.len));
	for (uint64_t l = toff ? SHM_AT(sb, toff, shm_tag)->first : 0; l && !oom;
	     l = SHM_AT(sb, l, shm_link)->next) {
		shm_entry *e = SHM_AT(sb, SHM_AT(sb, l, shm_link)->entry, shm_entry);
		if (frozen || !tc_is_expired(e->expiry)) {
			oom = tc_strlist_add(&ids, shm_entry_id(e), e->idlen) != 0;
		}
	}
	tc_shm_unlock(sb);
	if (oom) {
		tc_strlist_free(&ids);
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory listing tag %.*s", (int)tag.len, tag.ptr);
	}
	tc_strlist_each(&ids, cb, ud);
	tc_strlist_free(&ids);
	return TC_OK;
}

static tc_status sb_list_ids(tc_backend *b, tc_id_cb cb, void *ud, tc_err *err)
{
	shm_backend *sb = sb_of(b);
	tc_strlist ids;
	tc_strlist_init(&ids);
	if (tc_shm_lock(sb, 0, err) != 0) {
		return err->code;
	}
	int frozen = sb_ns(sb)->frozen, oom = 0;
	for (uint64_t off = sb_ns(sb)->head; off && !oom; off = SHM_AT(sb, off, shm_entry)->nnext) {
		shm_entry *e = SHM_AT(sb, off, shm_entry);
		if (frozen || !tc_is_expired(e->expiry)) {
			oom = tc_strlist_add(&ids, shm_entry_id(e), e->idlen) != 0;
		}
	}
	tc_shm_unlock(sb);
	if (oom) {
		tc_strlist_free(&ids);
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory listing entries");
	}
	tc_strlist_each(&ids, cb, ud);
	tc_strlist_free(&ids);
	return TC_OK;
}

static tc_status sb_collect_garbage(tc_backend *b, tc_err *err)
{
	shm_backend *sb = sb_of(b);
	if (tc_shm_lock(sb, 1, err) != 0) {
		return err->code;
	}
	/* A frozen cache is read-only: its entries stay as they were frozen. */
	if (!sb_ns(sb)->frozen) {
		uint64_t off = sb_ns(sb)->head;
		while (off) {
			shm_entry *e = SHM_AT(sb, off, shm_entry);
			uint64_t next = e->nnext;
			if (tc_is_expired(e->expiry)) {
				tc_shm_delete(sb, off);
			}
			off = next;
		}
	}
	tc_shm_unlock(sb);
	return TC_OK;
}

static tc_status sb_freeze(tc_backend *b, tc_err *err)
{
	shm_backend *sb = sb_of(b);
	if (tc_shm_lock(sb, 1, err) != 0) {
		return err->code;
	}
	tc_status st = TC_OK;
	if (sb_ns(sb)->frozen) {
		st = tc_err_set(err, TC_ERR_FROZEN, "cache %s in %s is already frozen: flush() thaws it",
		                sb->name, sb->path);
	}
	sb_ns(sb)->frozen = 1;
	tc_shm_unlock(sb);
	return st;
}

static int sb_is_frozen(tc_backend *b)
{
	/* One aligned word, written under the lock: a plain read sees the old or the new value. */
	return (int)__atomic_load_n(&sb_ns(sb_of(b))->frozen, __ATOMIC_ACQUIRE);
}

static tc_status sb_php_path(tc_backend *b, tc_str id, const char **path, tc_err *err)
{
	(void)b;
	*path = NULL;
	return tc_err_set(err, TC_ERR_UNSUPPORTED,
	                  "the shared memory backend has no file to include for %.*s", (int)id.len, id.ptr);
}

static tc_status sb_ticket(tc_backend *b, uint64_t *ticket, tc_err *err)
{
	(void)err;
	/* Without the mutex (getOrCompute takes a ticket on every call): epoch is one aligned word,
	 * raised only under the mutex while seq is odd, before the removal it announces. A ticket
	 * read before that raise is older than it (a store with it is dropped); one read after it
	 * is followed by a get that waits for seq to turn even, so it sees the removal done. */
	*ticket = __atomic_load_n(&sb_ns(sb_of(b))->epoch, __ATOMIC_ACQUIRE);
	return TC_OK;
}

static tc_status sb_check_ticket(tc_backend *b, uint64_t ticket, tc_str id, const tc_str *tags,
                                 size_t ntags, tc_err *err)
{
	shm_backend *sb = sb_of(b);
	if (tc_shm_lock(sb, 0, err) != 0) {
		return err->code;
	}
	tc_status st = sb_check_ticket_locked(sb, ticket, id, tags, ntags, err);
	tc_shm_unlock(sb);
	return st;
}

static void sb_destroy(tc_backend *b)
{
	shm_backend *sb = sb_of(b);
	if (sb->map) {
		munmap(sb->map, sb->size);
	}
	tc_free(sb->path);
	tc_free(sb->name);
	tc_free(sb->hold);
	tc_free(sb);
}

static const tc_backend_ops tc_shm_ops = {
	.name = "shm",
	.caps = TC_CAP_TAGS | TC_CAP_LIFETIME | TC_CAP_FREEZE | TC_CAP_ITER | TC_CAP_TICKET | TC_CAP_LOCK,
	.set = sb_set,
	.get = sb_get,
	.has = sb_has,
	.remove = sb_remove,
	.flush = sb_flush,
	.flush_by_tags = sb_flush_by_tags,
	.find_ids_by_tag = sb_find_ids_by_tag,
	.collect_garbage = sb_collect_garbage,
	.freeze = sb_freeze,
	.is_frozen = sb_is_frozen,
	.list_ids = sb_list_ids,
	.php_path = sb_php_path,
	.ticket = sb_ticket,
	.check_ticket = sb_check_ticket,
	.set_ticketed = sb_set_ticketed,
	.lock = tc_shm_op_lock,
	.unlock = tc_shm_op_unlock,
	.destroy = sb_destroy,
};

/* Finds or claims the namespace named sb->name; under the lock. */
static tc_status sb_claim_ns(shm_backend *sb, tc_err *err)
{
	shm_header *h = SHM_HDR(sb);
	int free_slot = -1;
	for (unsigned i = 0; i < SHM_MAX_NS; i++) {
		if (h->ns[i].used && strcmp(h->ns[i].name, sb->name) == 0) {
			sb->ns = i;
			return TC_OK;
		}
		if (!h->ns[i].used && free_slot < 0) {
			free_slot = (int)i;
		}
	}
	if (free_slot < 0) {
		return tc_err_set(err, TC_ERR_ARG,
		                  "shared memory segment %s already holds %u caches, the most it can: give cache %s a segment of its own",
		                  sb->path, SHM_MAX_NS, sb->name);
	}
	shm_ns *ns = &h->ns[free_slot];
	memset(ns, 0, sizeof(*ns));
	memcpy(ns->name, sb->name, strlen(sb->name) + 1);
	ns->used = 1;
	sb->ns = (unsigned)free_slot;
	return TC_OK;
}

tc_status tc_shm_backend_new(const tc_shm_options *opts, tc_backend **out, tc_err *err)
{
	*out = NULL;
	if (!opts || !opts->segment || !*opts->segment) {
		return tc_err_set(err, TC_ERR_ARG, "the shared memory backend needs a segment path");
	}
	uint64_t size = opts->size ? opts->size : TC_SHM_DEFAULT_SIZE;
	if (size < SHM_MIN_SIZE || size > SHM_MAX_SIZE) {
		return tc_err_set(err, TC_ERR_ARG,
		                  "shared memory segment size %llu must be between %llu and %llu bytes",
		                  (unsigned long long)size, SHM_MIN_SIZE, SHM_MAX_SIZE);
	}
	if (opts->default_lifetime < 0 || tc_expiry_for(opts->default_lifetime) < 0) {
		return tc_err_set(err, TC_ERR_ARG, "default lifetime %lld must be 0 (unlimited) or a positive number of seconds that is not too large",
		                  (long long)opts->default_lifetime);
	}
	const char *name = opts->name_space ? opts->name_space : "default";
	if (strlen(name) >= SHM_NS_NAME) {
		return tc_err_set(err, TC_ERR_ARG,
		                  "cache namespace \"%s\" is too long for a shared memory segment: at most %u bytes",
		                  name, SHM_NS_NAME - 1);
	}
	shm_backend *sb = tc_calloc(1, sizeof(*sb));
	if (!sb || !(sb->path = tc_strndup(opts->segment, strlen(opts->segment))) ||
	    !(sb->name = tc_strndup(name, strlen(name)))) {
		if (sb) {
			tc_free(sb->path);
		}
		tc_free(sb);
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory creating a shared memory backend");
	}
	sb->base.ops = &tc_shm_ops;
	sb->default_lifetime = opts->default_lifetime;
	/* Spread processes over the statistics stripes (a multiplicative hash of the pid). */
	sb->stripe = (unsigned)(((uint64_t)getpid() * 0x9E3779B97F4A7C15ull) >> 58) % SHM_STRIPES;
	/* Read once here, so no write calls getenv(). */
	const char *hold = getenv("TAGCACHE_SHM_TEST_HOLD_LOCK");
	if (hold && strncmp(hold, "before-seq:", 11) == 0) {
		hold += 11;
		sb->hold_before_seq = 1;
	}
	if (hold && *hold && !(sb->hold = tc_strndup(hold, strlen(hold)))) {
		sb_destroy(&sb->base);
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory creating a shared memory backend");
	}
	tc_status st = tc_shm_map(sb, sb->path, size, err);
	if (st == TC_OK) {
		st = tc_shm_lock(sb, 0, err) != 0 ? err->code : TC_OK;
		if (st == TC_OK) {
			st = sb_claim_ns(sb, err);
			tc_shm_unlock(sb);
		}
	}
	if (st != TC_OK) {
		sb_destroy(&sb->base);
		return st;
	}
	*out = &sb->base;
	return TC_OK;
}

/* A tag head is sound when its list holds exactly count links, each inside a live entry of
 * its cache that points back at this head. */
static int sb_tag_sound(shm_backend *sb, uint64_t toff)
{
	shm_tag *t = SHM_AT(sb, toff, shm_tag);
	uint32_t n = 0;
	for (uint64_t l = t->first; l; l = SHM_AT(sb, l, shm_link)->next) {
		shm_link *link = SHM_AT(sb, l, shm_link);
		shm_entry *e = SHM_AT(sb, link->entry, shm_entry);
		shm_block *blk = SHM_AT(sb, link->entry - SHM_BLOCK_HDR, shm_block);
		if (++n > t->count || !blk->inuse || e->ns != t->ns || link->tag != toff ||
		    l < link->entry + sizeof(shm_entry) ||
		    l >= link->entry + sizeof(shm_entry) + e->ntags * sizeof(shm_link)) {
			return 0;
		}
	}
	return n == t->count && n > 0;
}

tc_status tc_shm_backend_stats(tc_backend *b, tc_shm_stats *out, tc_err *err)
{
	if (b->ops != &tc_shm_ops) {
		return tc_err_set(err, TC_ERR_ARG, "not a shared memory backend");
	}
	shm_backend *sb = sb_of(b);
	if (tc_shm_lock(sb, 0, err) != 0) {
		return err->code;
	}
	shm_header *h = SHM_HDR(sb);
	uint64_t tags = 0, orphans = 0, hits = 0, misses = 0;
	for (unsigned i = 0; i < SHM_STRIPES; i++) {
		hits += __atomic_load_n(&h->stripes[i].hits, __ATOMIC_RELAXED);
		misses += __atomic_load_n(&h->stripes[i].misses, __ATOMIC_RELAXED);
	}
	/* Tag heads of this cache and how many of them have no link (must be none). */
	uint64_t *tb = SHM_AT(sb, h->tbuckets, uint64_t);
	for (uint64_t i = 0; i < h->nbuckets; i++) {
		for (uint64_t t = tb[i]; t; t = SHM_AT(sb, t, shm_tag)->hnext) {
			shm_tag *tag = SHM_AT(sb, t, shm_tag);
			if (tag->ns == sb->ns) {
				tags++;
				orphans += !sb_tag_sound(sb, t);
			}
		}
	}
	*out = (tc_shm_stats){
		.entries = h->entries,
		.cache_entries = sb_ns(sb)->count,
		.cache_tags = tags,
		.orphan_tags = orphans,
		.bytes_used = h->used_bytes,
		.bytes_free = (h->arena_end - h->arena) - h->used_bytes,
		.free_blocks = h->free_blocks,
		.largest_free_block = tc_shm_largest_free(h),
		.size = h->size,
		.hits = hits,
		.misses = misses,
		.evictions = h->evictions,
		.lock_waits = h->lock_waits,
		.recoveries = h->recoveries,
		.lock_takeovers = h->locks.takeovers,
	};
	tc_shm_unlock(sb);
	return TC_OK;
}
