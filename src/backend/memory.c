/* TransientMemoryBackend: entries in a hash map for the life of the backend object.
 *
 * entries: id -> mem_entry (payload, expiry, one link per distinct tag), one allocation per
 *          entry; the entry points at its id in the map node, which lives as long as it does.
 * tags:    tag -> mem_tag, the head of a doubly linked list of the links of the entries that
 *          carry it. A link sits inside its entry's allocation, so tagging an entry costs one
 *          lookup of the tag and no allocation, untagging is O(1), flush_by_tags costs
 *          O(entries carrying the tag), and a head is freed with its last link (no empty tags).
 *
 * Entries come from the allocator in the options (PHP's request allocator, so they count
 * against memory_limit). It may not return at all (PHP's memory_limit error jumps out), so
 * set() calls it once, before it changes anything; the maps' own small nodes and the tag heads
 * use tc_malloc, which returns NULL instead.
 * Payloads are copied into the entry, or kept by reference when the binding hands over their
 * owner (tc_memory_backend_set_owned): the entry retains the owner and releases it when dropped.
 * An entry may carry one aux pointer (a binding's decoded copy): it dies with the entry. */
#include <string.h>

#include "../tc_alloc.h"
#include "../tc_backend.h"
#include "../tc_clock.h"
#include "../tc_map.h"
#include "../tc_strlist.h"
#include "epoch_slot.h"

typedef struct mem_tag mem_tag;
typedef struct mem_entry mem_entry;

typedef struct mem_link {
	struct mem_link *prev, *next;
	mem_tag *tag;
	mem_entry *entry;
} mem_link;

struct mem_tag {
	mem_link *first, *last; /* in the order the entries were tagged */
	size_t count;
	tc_str name; /* the tags map node's key */
};

struct mem_entry {
	int64_t expiry;
	uint64_t version; /* unique per write: bindings that keep decoded copies compare it */
	tc_str id;        /* the entries map node's key */
	size_t len;
	size_t ntags;
	mem_link *links;  /* ntags, in the same allocation */
	const char *data; /* in the same allocation, or in owner's buffer */
	void *owner;      /* retained while the entry keeps data; NULL when data was copied */
	void *aux;        /* tc_memory_backend_set_aux(); freed with the entry */
};

typedef struct {
	tc_backend base;
	tc_map entries;
	tc_map tags;
	int64_t default_lifetime;
	uint64_t writes; /* source of entry versions */
	tc_allocator alloc;
	tc_owner_ops owner_ops; /* both NULL: payloads are copied */
	tc_memory_aux_dtor aux_dtor;
	/* Write tickets, for this process only: the counter, the epoch of the last flush and
	 * the epochs of the last flush of the tags / ids hashing to each slot (allocated on the
	 * first tag or id flush). */
	uint64_t epoch, floor;
	uint64_t *slots;
} mem_backend;

static mem_backend *mb_of(tc_backend *b)
{
	return (mem_backend *)b;
}

static void mb_free_entry(mem_backend *mb, mem_entry *e)
{
	if (!e) {
		return;
	}
	if (e->aux) {
		void *aux = e->aux;
		e->aux = NULL;
		mb->aux_dtor(aux);
	}
	if (e->owner) {
		void *owner = e->owner;
		e->owner = NULL;
		mb->owner_ops.release(owner);
	}
	mb->alloc.free_fn(e);
}

/* Takes the link off its tag's list; the tag goes with its last link. */
static void mb_unlink(mem_backend *mb, mem_link *l)
{
	mem_tag *t = l->tag;
	if (l->prev) {
		l->prev->next = l->next;
	} else {
		t->first = l->next;
	}
	if (l->next) {
		l->next->prev = l->prev;
	} else {
		t->last = l->prev;
	}
	if (--t->count == 0) {
		tc_map_remove(&mb->tags, t->name.ptr, t->name.len, NULL);
		tc_free(t);
	}
}

/* Puts the link on the list of tag, creating its head if needed; -1 when out of memory. */
static int mb_link(mem_backend *mb, mem_link *l, tc_str tag)
{
	tc_map_node *n = tc_map_find(&mb->tags, tag.ptr, tag.len);
	mem_tag *t;
	if (n) {
		t = n->value;
	} else {
		/* The head first, so a tag node never holds NULL. */
		t = tc_malloc(sizeof(*t));
		if (!t) {
			return -1;
		}
		int created;
		n = tc_map_upsert(&mb->tags, tag.ptr, tag.len, &created);
		if (!n) {
			tc_free(t);
			return -1;
		}
		t->first = t->last = NULL;
		t->count = 0;
		t->name = (tc_str){n->key, n->klen};
		n->value = t;
	}
	l->tag = t;
	l->next = NULL;
	l->prev = t->last;
	if (t->last) {
		t->last->next = l;
	} else {
		t->first = l;
	}
	t->last = l;
	t->count++;
	return 0;
}

/* Drops an entry, its tag memberships and its map node (which holds e->id: it goes last). */
static void mb_delete_entry(mem_backend *mb, mem_entry *e)
{
	for (size_t i = 0; i < e->ntags; i++) {
		mb_unlink(mb, &e->links[i]);
	}
	tc_map_remove(&mb->entries, e->id.ptr, e->id.len, NULL);
	mb_free_entry(mb, e);
}

static void mb_delete(mem_backend *mb, tc_str id)
{
	tc_map_node *n = tc_map_find(&mb->entries, id.ptr, id.len);
	if (n) {
		mb_delete_entry(mb, n->value);
	}
}

/* Whether tag is among the first n tags of list (duplicates in a set() call count once). */
static int mb_seen(const tc_str *list, size_t n, tc_str tag)
{
	for (size_t i = 0; i < n; i++) {
		if (list[i].len == tag.len && memcmp(list[i].ptr, tag.ptr, tag.len) == 0) {
			return 1;
		}
	}
	return 0;
}

/* Whether tags (duplicates counting once) are e's tags in the same order. */
static int mb_same_tags(const mem_entry *e, const tc_str *tags, size_t ntags)
{
	size_t k = 0;
	for (size_t i = 0; i < ntags; i++) {
		if (mb_seen(tags, i, tags[i])) {
			continue;
		}
		if (k == e->ntags || e->links[k].tag->name.len != tags[i].len ||
		    memcmp(e->links[k].tag->name.ptr, tags[i].ptr, tags[i].len) != 0) {
			return 0;
		}
		k++;
	}
	return k == e->ntags;
}

/* A rewrite of an owned payload with unchanged tags: the entry and its links stay, only the
 * payload, expiry and version change (no allocation, no tag lookup). */
static void mb_rewrite(mem_backend *mb, mem_entry *e, tc_str data, void *owner, int64_t expiry)
{
	mb->owner_ops.retain(owner);
	void *old = e->owner;
	e->owner = owner;
	e->data = data.ptr;
	e->len = data.len;
	e->expiry = expiry;
	e->version = ++mb->writes;
	if (e->aux) {
		void *aux = e->aux;
		e->aux = NULL;
		mb->aux_dtor(aux);
	}
	mb->owner_ops.release(old);
}

/* owner NULL: data is copied into the entry. */
static tc_status mb_store(mem_backend *mb, tc_str id, tc_str data, void *owner, const tc_str *tags,
                          size_t ntags, int64_t lifetime, tc_err *err)
{
	if (lifetime == TC_LIFETIME_DEFAULT) {
		lifetime = mb->default_lifetime;
	}
	if (lifetime < 0) {
		return tc_err_set(err, TC_ERR_ARG, "lifetime %lld must be 0 (unlimited) or positive",
		                  (long long)lifetime);
	}
	int64_t expiry = tc_expiry_for(lifetime);
	if (expiry < 0) {
		return tc_err_set(err, TC_ERR_ARG, "lifetime %lld is too large", (long long)lifetime);
	}
	if (!mb->owner_ops.retain) {
		owner = NULL;
	}
	if (owner) {
		tc_map_node *n = tc_map_find(&mb->entries, id.ptr, id.len);
		mem_entry *old = n ? n->value : NULL;
		if (old && old->owner && mb_same_tags(old, tags, ntags)) {
			mb_rewrite(mb, old, data, owner, expiry);
			return TC_OK;
		}
	}
	/* One block: entry, links, and the payload unless it is kept by reference. */
	size_t size = sizeof(mem_entry) + sizeof(mem_link) * ntags + (owner ? 0 : data.len);
	mem_entry *e = mb->alloc.malloc_fn(size);
	if (!e) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory storing %zu bytes under %.*s",
		                  data.len, (int)id.len, id.ptr);
	}
	e->expiry = expiry;
	e->aux = NULL;
	e->owner = NULL; /* retained once the entry is in: a failure below leaves it untouched */
	e->len = data.len;
	e->ntags = 0;
	e->links = (mem_link *)(e + 1);
	if (owner) {
		e->data = data.ptr;
	} else {
		char *p = (char *)(e->links + ntags);
		if (data.len) {
			memcpy(p, data.ptr, data.len);
		}
		e->data = p;
	}

	int created;
	tc_map_node *n = tc_map_upsert(&mb->entries, id.ptr, id.len, &created);
	if (!n) {
		mb->alloc.free_fn(e);
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory storing %.*s", (int)id.len, id.ptr);
	}
	/* The map's copy of the id outlives the caller's buffer. */
	e->id = (tc_str){n->key, n->klen};
	/* The new links go on before the old ones come off, so a tag the entry keeps is never
	 * freed and made again. */
	for (size_t i = 0; i < ntags; i++) {
		if (mb_seen(tags, i, tags[i])) {
			continue;
		}
		mem_link *l = &e->links[e->ntags];
		l->entry = e;
		if (mb_link(mb, l, tags[i]) != 0) {
			/* Undo: the entry as it was (or no entry) and no tag left empty. */
			while (e->ntags) {
				mb_unlink(mb, &e->links[--e->ntags]);
			}
			if (created) {
				tc_map_remove(&mb->entries, id.ptr, id.len, NULL);
			}
			mb->alloc.free_fn(e);
			return tc_err_set(err, TC_ERR_NOMEM, "out of memory tagging %.*s", (int)id.len,
			                  id.ptr);
		}
		e->ntags++;
	}
	/* Retained before the old entry lets go: both may hold the same owner. */
	if (owner) {
		mb->owner_ops.retain(owner);
		e->owner = owner;
	}
	/* The new entry is in the map before the old one is freed: freeing runs no PHP code today
	 * (memo copies are plain data, strings release without destructors), and should that
	 * change, a reentrant remove or flush would find the new entry, never a freed one. */
	mem_entry *old = n->value;
	e->version = ++mb->writes;
	n->value = e;
	if (old) {
		for (size_t i = 0; i < old->ntags; i++) {
			mb_unlink(mb, &old->links[i]);
		}
		mb_free_entry(mb, old);
	}
	return TC_OK;
}

static tc_status mb_set(tc_backend *b, tc_str id, tc_str data, const tc_str *tags, size_t ntags,
                        int64_t lifetime, tc_kind kind, tc_err *err)
{
	(void)kind;
	return mb_store(mb_of(b), id, data, NULL, tags, ntags, lifetime, err);
}

static mem_entry *mb_live(mem_backend *mb, tc_str id)
{
	tc_map_node *n = tc_map_find(&mb->entries, id.ptr, id.len);
	if (!n) {
		return NULL;
	}
	mem_entry *e = n->value;
	return tc_is_expired(e->expiry) ? NULL : e;
}

static const tc_backend_ops tc_memory_ops;

tc_status tc_memory_backend_version(tc_backend *b, tc_str id, uint64_t *version)
{
	return tc_memory_backend_aux(b, id, version, NULL);
}

tc_status tc_memory_backend_aux(tc_backend *b, tc_str id, uint64_t *version, void **aux)
{
	mem_entry *e = b->ops == &tc_memory_ops ? mb_live(mb_of(b), id) : NULL;
	if (!e) {
		return TC_MISS;
	}
	*version = e->version;
	if (aux) {
		*aux = e->aux;
	}
	return TC_OK;
}

tc_status tc_memory_backend_set_aux(tc_backend *b, tc_str id, uint64_t version, void *aux,
                                    tc_memory_aux_dtor dtor)
{
	mem_entry *e = b->ops == &tc_memory_ops ? mb_live(mb_of(b), id) : NULL;
	if (!e || e->version != version || !dtor) {
		return TC_MISS; /* written or gone meanwhile: aux stays the caller's */
	}
	mem_backend *mb = mb_of(b);
	/* One dtor per backend: bindings set the same one for every entry. */
	mb->aux_dtor = dtor;
	void *old = e->aux;
	e->aux = aux;
	if (old) {
		dtor(old);
	}
	return TC_OK;
}

static tc_status mb_get(tc_backend *b, tc_str id, const tc_sink *sink, tc_err *err)
{
	mem_entry *e = mb_live(mb_of(b), id);
	if (!e) {
		return TC_MISS;
	}
	char *dst = sink->alloc_seen
		? sink->alloc_seen(sink->ud, e->len, e->data, e->len < TC_SINK_HEAD ? e->len : TC_SINK_HEAD)
		: sink->alloc(sink->ud, e->len);
	if (!dst) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory for an entry of %zu bytes", e->len);
	}
	memcpy(dst, e->data, e->len);
	return TC_OK;
}

static tc_status mb_has(tc_backend *b, tc_str id, tc_err *err)
{
	(void)err;
	return mb_live(mb_of(b), id) ? TC_OK : TC_MISS;
}

/* A new epoch for names (ns 't' tags, 'i' ids), before a removal. */
static void mb_bump(mem_backend *mb, char ns, const tc_str *names, size_t n)
{
	mb->epoch++;
	if (n && !mb->slots) {
		mb->slots = tc_calloc(TC_EPOCH_SLOTS, sizeof(uint64_t));
		if (!mb->slots) {
			/* No room to tell names apart: every older ticket drops, none writes stale. */
			mb->floor = mb->epoch;
			return;
		}
	}
	for (size_t i = 0; i < n; i++) {
		mb->slots[tc_epoch_slot(ns, names[i])] = mb->epoch;
	}
}

static tc_status mb_ticket(tc_backend *b, uint64_t *ticket, tc_err *err)
{
	(void)err;
	*ticket = mb_of(b)->epoch;
	return TC_OK;
}

static tc_status mb_check_ticket(tc_backend *b, uint64_t ticket, tc_str id, const tc_str *tags,
                                 size_t ntags, tc_err *err)
{
	mem_backend *mb = mb_of(b);
	int stale = mb->floor > ticket ||
	            (mb->slots && id.len && mb->slots[tc_epoch_slot('i', id)] > ticket);
	for (size_t i = 0; !stale && mb->slots && i < ntags; i++) {
		stale = mb->slots[tc_epoch_slot('t', tags[i])] > ticket;
	}
	if (!stale) {
		return TC_OK;
	}
	return tc_err_set(err, TC_STALE,
	                  "entry \"%.*s\" was not stored: it, one of its tags or the cache was flushed after ticket %llu was taken",
	                  (int)id.len, id.ptr, (unsigned long long)ticket);
}

/* One process, no concurrency inside a backend: check then set is atomic here. */
static tc_status mb_set_ticketed(tc_backend *b, tc_str id, tc_str data, const tc_str *tags,
                                 size_t ntags, int64_t lifetime, tc_kind kind, uint64_t ticket,
                                 tc_err *err)
{
	tc_status st = mb_check_ticket(b, ticket, id, tags, ntags, err);
	if (st != TC_OK) {
		return st;
	}
	(void)kind;
	return mb_store(mb_of(b), id, data, NULL, tags, ntags, lifetime, err);
}

tc_status tc_memory_backend_set_owned(tc_backend *b, tc_str id, tc_str data, void *owner,
                                      const tc_str *tags, size_t ntags, int64_t lifetime,
                                      const uint64_t *ticket, tc_err *err)
{
	if (b->ops != &tc_memory_ops) {
		return tc_err_set(err, TC_ERR_UNSUPPORTED, "only the memory backend keeps payloads by reference");
	}
	if (ticket) {
		tc_status st = mb_check_ticket(b, *ticket, id, tags, ntags, err);
		if (st != TC_OK) {
			return st;
		}
	}
	return mb_store(mb_of(b), id, data, owner, tags, ntags, lifetime, err);
}

tc_status tc_memory_backend_peek(tc_backend *b, tc_str id, tc_str *data, void **owner)
{
	if (b->ops != &tc_memory_ops) {
		return TC_ERR_UNSUPPORTED;
	}
	mem_entry *e = mb_live(mb_of(b), id);
	if (!e) {
		return TC_MISS;
	}
	*data = (tc_str){e->data, e->len};
	*owner = e->owner;
	return TC_OK;
}

static tc_status mb_remove(tc_backend *b, tc_str id, tc_err *err)
{
	mem_backend *mb = mb_of(b);
	(void)err;
	mb_bump(mb, 'i', &id, 1);
	tc_map_node *n = tc_map_find(&mb->entries, id.ptr, id.len);
	if (!n) {
		return TC_MISS;
	}
	int live = !tc_is_expired(((mem_entry *)n->value)->expiry);
	mb_delete(mb, id);
	return live ? TC_OK : TC_MISS;
}

static tc_status mb_flush(tc_backend *b, tc_err *err)
{
	mem_backend *mb = mb_of(b);
	(void)err;
	mb->floor = ++mb->epoch;
	size_t bucket = 0;
	for (tc_map_node *n = tc_map_next(&mb->entries, &bucket, NULL); n;
	     n = tc_map_next(&mb->entries, &bucket, n)) {
		mb_free_entry(mb, n->value);
		n->value = NULL;
	}
	bucket = 0;
	for (tc_map_node *n = tc_map_next(&mb->tags, &bucket, NULL); n;
	     n = tc_map_next(&mb->tags, &bucket, n)) {
		tc_free(n->value);
		n->value = NULL;
	}
	tc_map_destroy(&mb->entries, NULL);
	tc_map_destroy(&mb->tags, NULL);
	return TC_OK;
}

static tc_status mb_flush_by_tags(tc_backend *b, const tc_str *tags, size_t ntags, size_t *count,
                                  tc_err *err)
{
	mem_backend *mb = mb_of(b);
	(void)err;
	*count = 0;
	mb_bump(mb, 't', tags, ntags);
	for (size_t t = 0; t < ntags; t++) {
		tc_map_node *tn = tc_map_find(&mb->tags, tags[t].ptr, tags[t].len);
		if (!tn) {
			continue;
		}
		/* Each deletion takes one link off this list; the last one frees the head. */
		mem_tag *head = tn->value;
		for (size_t left = head->count; left; left--) {
			mem_entry *e = head->first->entry;
			if (!tc_is_expired(e->expiry)) {
				(*count)++;
			}
			mb_delete_entry(mb, e);
		}
	}
	return TC_OK;
}

static tc_status mb_find_ids_by_tag(tc_backend *b, tc_str tag, tc_id_cb cb, void *ud,
                                    tc_err *err)
{
	mem_backend *mb = mb_of(b);
	tc_map_node *tn = tc_map_find(&mb->tags, tag.ptr, tag.len);
	if (!tn) {
		return TC_OK;
	}
	/* A snapshot, so the callback may change the cache. */
	tc_strlist ids;
	tc_strlist_init(&ids);
	for (mem_link *l = ((mem_tag *)tn->value)->first; l; l = l->next) {
		mem_entry *e = l->entry;
		if (!tc_is_expired(e->expiry) && tc_strlist_add(&ids, e->id.ptr, e->id.len)) {
			tc_strlist_free(&ids);
			return tc_err_set(err, TC_ERR_NOMEM, "out of memory listing tag %.*s",
			                  (int)tag.len, tag.ptr);
		}
	}
	tc_strlist_each(&ids, cb, ud);
	tc_strlist_free(&ids);
	return TC_OK;
}

static tc_status mb_list_ids(tc_backend *b, tc_id_cb cb, void *ud, tc_err *err)
{
	mem_backend *mb = mb_of(b);
	tc_strlist ids;
	tc_strlist_init(&ids);
	size_t bucket = 0;
	for (tc_map_node *n = tc_map_next(&mb->entries, &bucket, NULL); n;
	     n = tc_map_next(&mb->entries, &bucket, n)) {
		if (!tc_is_expired(((mem_entry *)n->value)->expiry) &&
		    tc_strlist_add(&ids, n->key, n->klen)) {
			tc_strlist_free(&ids);
			return tc_err_set(err, TC_ERR_NOMEM, "out of memory listing entries");
		}
	}
	tc_strlist_each(&ids, cb, ud);
	tc_strlist_free(&ids);
	return TC_OK;
}

static tc_status mb_collect_garbage(tc_backend *b, tc_err *err)
{
	mem_backend *mb = mb_of(b);
	tc_strlist dead;
	tc_strlist_init(&dead);
	size_t bucket = 0;
	for (tc_map_node *n = tc_map_next(&mb->entries, &bucket, NULL); n;
	     n = tc_map_next(&mb->entries, &bucket, n)) {
		if (tc_is_expired(((mem_entry *)n->value)->expiry) &&
		    tc_strlist_add(&dead, n->key, n->klen)) {
			tc_strlist_free(&dead);
			return tc_err_set(err, TC_ERR_NOMEM, "out of memory collecting garbage");
		}
	}
	size_t pos = 0;
	tc_str id;
	while (tc_strlist_next(&dead, &pos, &id)) {
		mb_delete(mb, id);
	}
	tc_strlist_free(&dead);
	return TC_OK;
}

static tc_status mb_freeze(tc_backend *b, tc_err *err)
{
	(void)b;
	return tc_err_set(err, TC_ERR_UNSUPPORTED, "the transient memory backend cannot be frozen");
}

static int mb_is_frozen(tc_backend *b)
{
	(void)b;
	return 0;
}

static tc_status mb_php_path(tc_backend *b, tc_str id, const char **path, tc_err *err)
{
	(void)b;
	*path = NULL;
	return tc_err_set(err, TC_ERR_UNSUPPORTED,
	                  "the transient memory backend has no file to include for %.*s",
	                  (int)id.len, id.ptr);
}

static void mb_destroy(tc_backend *b)
{
	mem_backend *mb = mb_of(b);
	mb_flush(b, NULL);
	tc_free(mb->slots);
	tc_free(mb);
}

/* Compute locks: the store lives in one process, where one request runs at a time, so there
 * is never another holder to wait for (the binding catches a process asking twice itself). */
static tc_status mb_lock(tc_backend *b, tc_str id, unsigned timeout_ms, unsigned ttl_ms,
                         uint64_t *token, tc_err *err)
{
	(void)b, (void)id, (void)timeout_ms, (void)ttl_ms, (void)err;
	*token = 0;
	return TC_OK;
}

static tc_status mb_unlock(tc_backend *b, tc_str id, uint64_t token, tc_err *err)
{
	(void)b, (void)id, (void)token, (void)err;
	return TC_OK;
}

static const tc_backend_ops tc_memory_ops = {
	.name = "memory",
	.caps = TC_CAP_TAGS | TC_CAP_LIFETIME | TC_CAP_ITER | TC_CAP_TICKET | TC_CAP_LOCK,
	.set = mb_set,
	.get = mb_get,
	.has = mb_has,
	.remove = mb_remove,
	.flush = mb_flush,
	.flush_by_tags = mb_flush_by_tags,
	.find_ids_by_tag = mb_find_ids_by_tag,
	.collect_garbage = mb_collect_garbage,
	.freeze = mb_freeze,
	.is_frozen = mb_is_frozen,
	.list_ids = mb_list_ids,
	.php_path = mb_php_path,
	.ticket = mb_ticket,
	.check_ticket = mb_check_ticket,
	.set_ticketed = mb_set_ticketed,
	.lock = mb_lock,
	.unlock = mb_unlock,
	.destroy = mb_destroy,
};

tc_status tc_memory_backend_new(const tc_memory_options *opts, tc_backend **out, tc_err *err)
{
	*out = NULL;
	int64_t dl = opts ? opts->default_lifetime : 0;
	if (dl < 0) {
		return tc_err_set(err, TC_ERR_ARG, "default lifetime %lld must be 0 (unlimited) or positive",
		                  (long long)dl);
	}
	if (tc_expiry_for(dl) < 0) {
		return tc_err_set(err, TC_ERR_ARG, "default lifetime %lld is too large", (long long)dl);
	}
	mem_backend *mb = tc_calloc(1, sizeof(*mb));
	if (!mb) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory creating a memory backend");
	}
	if (opts && opts->allocator) {
		mb->alloc = *opts->allocator;
	} else {
		mb->alloc = (tc_allocator){tc_malloc, tc_realloc, tc_free};
	}
	if (opts && opts->owner_ops && opts->owner_ops->retain && opts->owner_ops->release) {
		mb->owner_ops = *opts->owner_ops;
	}
	mb->base.ops = &tc_memory_ops;
	tc_map_init(&mb->entries);
	tc_map_init(&mb->tags);
	mb->default_lifetime = dl;
	*out = &mb->base;
	return TC_OK;
}
