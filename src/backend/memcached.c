/* MemcachedBackend on libmemcached. Memcached may evict any item at any time, so no
 * correctness rests on an item staying: every tag has a version counter, every entry stores
 * the versions of its tags and the cache's generation at write time, and a read checks them
 * against the current counters; a missing counter reads as "changed" (a miss). flushByTag
 * increments counters, flush increments the generation. The per-tag lists of identifiers
 * (for findIdentifiersByTag and the counts) are best effort. Each entry lives on the server
 * libmemcached's ketama ring picks for it, and that server also keeps the generation and the
 * tag counters the entry is checked against, so one server gone or restarted never makes an
 * entry of another server readable again. Design and costs: TECHNOTES.md. */
#include "memcached.h"

#include <libmemcached/memcached.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "../tc_alloc.h"
#include "../tc_strlist.h"
#include "memcached_codec.h"

/* Payloads below this are never compressed: zlib's header would eat the gain. */
#define COMPRESS_MIN 256
/* Entries read per multi-get by findIdentifiersByTag and flushByTag. */
#define READ_BATCH 256
/* memcached treats an expiry above 30 days as a Unix time. */
#define RELATIVE_EXPIRY_MAX 2592000

typedef struct {
	memcached_st *mc; /* this server alone */
	char *name;       /* "host:port" or the socket path, for messages */
	char *host;       /* host, or the socket path when port is 0 */
	unsigned port;
	unsigned connect_ms, read_ms;
} mc_server;

typedef struct {
	tc_backend base;
	memcached_st *ring; /* all servers, ketama: only picks the server of an entry */
	size_t *ring_map;   /* ring position -> index in srv */
	mc_server *srv;
	size_t nsrv;
	tc_str ns;
	int64_t default_lifetime;
	int compression;
} mc_backend;

typedef struct {
	char key[TC_MC_KEY_MAX + 1];
	size_t klen;
	char *val; /* NULL: not found */
	size_t vlen;
} mc_item;

static const tc_str NONE = {"", 0};

/* libmemcached's last error text, without the object address and source position it adds. */
static void last_error(mc_server *s, char *out, size_t size)
{
	const char *why = memcached_last_error_message(s->mc);
	why = why ? why : "";
	if (why[0] == '(' && strstr(why, ") ")) {
		why = strstr(why, ") ") + 2;
	}
	size_t n = strlen(why);
	const char *cut = strstr(why, ",  host:");
	if (!cut) {
		cut = strstr(why, " -> ");
	}
	n = cut ? (size_t)(cut - why) : n;
	snprintf(out, size, "%.*s", (int)n, why);
}

static int unreachable(memcached_return_t rc)
{
	return rc == MEMCACHED_CONNECTION_FAILURE || rc == MEMCACHED_SERVER_MARKED_DEAD ||
	       rc == MEMCACHED_SERVER_TEMPORARILY_DISABLED || rc == MEMCACHED_TIMEOUT ||
	       rc == MEMCACHED_HOST_LOOKUP_FAILURE || rc == MEMCACHED_ERRNO || rc == MEMCACHED_READ_FAILURE ||
	       rc == MEMCACHED_WRITE_FAILURE || rc == MEMCACHED_UNKNOWN_READ_FAILURE ||
	       rc == MEMCACHED_CONNECTION_SOCKET_CREATE_FAILURE;
}

static int server_open(mc_server *s);

static tc_status mc_fail(mc_server *s, memcached_return_t rc, const char *what, tc_err *err)
{
	/* the last error message says more (the server's own words, errno) when it is about this failure */
	const char *code = memcached_strerror(s->mc, rc);
	char why[256];
	last_error(s, why, sizeof(why));
	int more = why[0] && strcmp(why, code) != 0 && strcmp(why, "SUCCESS") != 0;
	tc_err_set(err, TC_ERR_IO, "MemcachedBackend: %s on memcached server %s failed: %s%s%s%s", what,
	           s->name, code, more ? ": " : "", more ? why : "",
	           unreachable(rc) ? " (is memcached running there and reachable?)" : "");
	if (unreachable(rc)) {
		/* a fresh handle: libmemcached would keep the server disabled for a while, and a
		 * restarted server (empty: only misses) is safe to use at once */
		mc_server fresh = *s;
		if (server_open(&fresh)) {
			memcached_free(s->mc);
			s->mc = fresh.mc;
		} else if (fresh.mc) {
			memcached_free(fresh.mc);
		}
	}
	return TC_ERR_IO;
}

static void item_key(mc_backend *b, mc_item *it, char kind, tc_str name, tc_str suffix)
{
	it->klen = tc_mc_key(it->key, b->ns, kind, name, suffix);
	it->val = NULL;
	it->vlen = 0;
}

static void items_free(mc_item *it, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		tc_free(it[i].val);
		it[i].val = NULL;
	}
}

static mc_server *pick(mc_backend *b, tc_str id)
{
	if (b->nsrv == 1) {
		return &b->srv[0];
	}
	char key[TC_MC_KEY_MAX + 1];
	size_t n = tc_mc_key(key, b->ns, TC_MC_ENTRY, id, NONE);
	uint32_t pos = memcached_generate_hash(b->ring, key, n);
	return &b->srv[pos < b->nsrv ? b->ring_map[pos] : 0];
}

/* One round trip: the items found get their values (the caller frees them with items_free). */
static tc_status mc_mget(mc_server *s, mc_item *it, size_t n, tc_err *err)
{
	if (n == 0) {
		return TC_OK;
	}
	const char **keys = tc_malloc(n * sizeof(*keys));
	size_t *lens = tc_malloc(n * sizeof(*lens));
	for (size_t i = 0; i < n; i++) {
		keys[i] = it[i].key;
		lens[i] = it[i].klen;
		it[i].val = NULL;
	}
	memcached_return_t rc = memcached_mget(s->mc, keys, lens, n);
	tc_free(keys);
	tc_free(lens);
	if (rc != MEMCACHED_SUCCESS) {
		return mc_fail(s, rc, "reading", err);
	}
	memcached_result_st *r;
	size_t hint = 0;
	while ((r = memcached_fetch_result(s->mc, NULL, &rc)) != NULL) {
		const char *k = memcached_result_key_value(r);
		size_t kl = memcached_result_key_length(r);
		/* results mostly come back in request order: start looking after the last match */
		for (size_t j = 0; j < n; j++) {
			mc_item *t = &it[(hint + j) % n];
			if (!t->val && t->klen == kl && memcmp(t->key, k, kl) == 0) {
				t->vlen = memcached_result_length(r);
				t->val = tc_malloc(t->vlen + 1);
				memcpy(t->val, memcached_result_value(r), t->vlen);
				t->val[t->vlen] = 0;
				hint = (hint + j + 1) % n;
				break;
			}
		}
		memcached_result_free(r);
	}
	if (rc != MEMCACHED_END && rc != MEMCACHED_SUCCESS && rc != MEMCACHED_NOTFOUND) {
		items_free(it, n);
		return mc_fail(s, rc, "reading", err);
	}
	return TC_OK;
}

static tc_status mc_get1(mc_server *s, mc_item *it, tc_err *err)
{
	return mc_mget(s, it, 1, err);
}

/* The counter's value, creating it with a fresh value when it is missing. */
static tc_status counter_ensure(mc_server *s, mc_item *it, uint64_t *v, tc_err *err)
{
	for (int attempt = 0; attempt < 3; attempt++) {
		if (it->val && tc_mc_parse_counter(it->val, it->vlen, v)) {
			return TC_OK;
		}
		char num[24];
		uint64_t fresh = tc_mc_fresh_counter();
		int n = snprintf(num, sizeof(num), "%llu", (unsigned long long)fresh);
		/* add: a concurrent creator wins and we read its value */
		memcached_return_t rc = memcached_add(s->mc, it->key, it->klen, num, (size_t)n, 0, 0);
		if (rc == MEMCACHED_SUCCESS) {
			*v = fresh;
			return TC_OK;
		}
		if (rc != MEMCACHED_NOTSTORED && rc != MEMCACHED_DATA_EXISTS) {
			return mc_fail(s, rc, "creating a version counter", err);
		}
		tc_free(it->val);
		tc_status st = mc_get1(s, it, err);
		if (st != TC_OK) {
			return st;
		}
	}
	return tc_err_set(err, TC_ERR_IO, "MemcachedBackend: version counter %s on memcached server %s "
	                  "was evicted as fast as it was created (memory far too small?)", it->key, s->name);
}

/* Increments a counter; a missing one needs nothing (missing already reads as changed). */
static tc_status counter_bump(mc_backend *b, mc_server *s, char kind, tc_str name, tc_err *err)
{
	mc_item it;
	item_key(b, &it, kind, name, NONE);
	uint64_t v;
	memcached_return_t rc = memcached_increment(s->mc, it.key, it.klen, 1, &v);
	if (rc != MEMCACHED_SUCCESS && rc != MEMCACHED_NOTFOUND) {
		return mc_fail(s, rc, kind == TC_MC_GEN ? "flushing the cache" : "flushing a tag", err);
	}
	return TC_OK;
}

static time_t expiry(mc_backend *b, int64_t lifetime)
{
	if (lifetime == TC_LIFETIME_DEFAULT) {
		lifetime = b->default_lifetime;
	}
	if (lifetime <= 0) {
		return 0;
	}
	if (lifetime <= RELATIVE_EXPIRY_MAX) {
		return (time_t)lifetime;
	}
	time_t now = time(NULL);
	/* beyond what memcached's 32-bit times express: as good as unlimited */
	return lifetime > (int64_t)INT32_MAX - now ? 0 : now + (time_t)lifetime;
}

typedef struct {
	long long limit;
} limit_ctx;

static memcached_return_t limit_cb(const memcached_instance_st *server, const char *key, size_t klen,
                                   const char *value, size_t vlen, void *ud)
{
	(void)server;
	limit_ctx *c = ud;
	if (klen == 13 && memcmp(key, "item_size_max", 13) == 0 && vlen < 20) {
		char num[20];
		memcpy(num, value, vlen);
		num[vlen] = 0;
		c->limit = atoll(num);
	}
	return MEMCACHED_SUCCESS;
}

/* After a refused write: the error naming size and limit when the entry was too large for s. */
static tc_status store_failed(mc_server *s, memcached_return_t rc, tc_str id, size_t stored, size_t payload,
                              tc_err *err)
{
	limit_ctx c = {-1};
	if (rc == MEMCACHED_E2BIG || rc == MEMCACHED_SERVER_ERROR) {
		memcached_stat_execute(s->mc, "settings", limit_cb, &c);
	}
	if (rc == MEMCACHED_MEMORY_ALLOCATION_FAILURE || rc == MEMCACHED_SERVER_MEMORY_ALLOCATION_FAILURE) {
		return tc_err_set(err, TC_ERR_IO,
		                  "MemcachedBackend: memcached server %s has no memory for entry \"%.*s\" (%zu bytes); "
		                  "the entry is not stored (nor any older one): give memcached more memory (-m)",
		                  s->name, (int)id.len, id.ptr, stored);
	}
	if (rc != MEMCACHED_E2BIG && (c.limit < 0 || (long long)stored <= c.limit)) {
		return mc_fail(s, rc, "storing an entry", err);
	}
	char limit[32];
	snprintf(limit, sizeof(limit), c.limit < 0 ? "unknown" : "%lld", c.limit);
	return tc_err_set(err, TC_ERR_ARG,
	                  "MemcachedBackend: entry \"%.*s\" takes %zu bytes (payload %zu bytes plus header), more "
	                  "than memcached server %s accepts per item (item_size_max %s bytes, memcached -I): store "
	                  "smaller values, enable compression or raise -I",
	                  (int)id.len, id.ptr, stored, payload, s->name, limit);
}

/* Best effort: the entry's identifier appended to the list of its tag's current version. */
static void index_add(mc_backend *b, mc_server *s, tc_str tag, uint64_t version, tc_str id)
{
	char hex[17], line[TC_MC_KEY_MAX + 2];
	snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)version);
	mc_item it;
	item_key(b, &it, TC_MC_INDEX, tag, (tc_str){hex, 16});
	memcpy(line, id.ptr, id.len);
	line[id.len] = '\n';
	for (int attempt = 0; attempt < 2; attempt++) {
		memcached_return_t rc = memcached_append(s->mc, it.key, it.klen, line, id.len + 1, 0, 0);
		if (rc != MEMCACHED_NOTSTORED) {
			return; /* stored, or lost (too large, server trouble): the list is lossy by design */
		}
		rc = memcached_add(s->mc, it.key, it.klen, line, id.len + 1, 0, 0);
		if (rc != MEMCACHED_NOTSTORED && rc != MEMCACHED_DATA_EXISTS) {
			return;
		}
	}
}

static tc_status mb_set(tc_backend *base, tc_str id, tc_str data, const tc_str *tags, size_t ntags,
                        int64_t lifetime, tc_kind kind, tc_err *err)
{
	mc_backend *b = (mc_backend *)base;
	mc_server *s = pick(b, id);
	tc_str *ut = tc_malloc((ntags + 1) * sizeof(*ut));
	size_t nu = 0;
	for (size_t i = 0; i < ntags; i++) {
		if (!tc_str_in(ut, nu, tags[i])) {
			ut[nu++] = tags[i];
		}
	}
	if (nu > 0xffff) {
		tc_free(ut);
		return tc_err_set(err, TC_ERR_ARG, "MemcachedBackend: entry \"%.*s\" has %zu tags, at most 65535 are supported",
		                  (int)id.len, id.ptr, nu);
	}
	mc_item *it = tc_malloc((nu + 1) * sizeof(*it));
	uint64_t *ver = tc_malloc((nu + 1) * sizeof(*ver));
	item_key(b, &it[0], TC_MC_GEN, NONE, NONE);
	for (size_t i = 0; i < nu; i++) {
		item_key(b, &it[i + 1], TC_MC_TAG, ut[i], NONE);
	}
	char *value = NULL, *zbuf = NULL;
	tc_status st = mc_mget(s, it, nu + 1, err);
	for (size_t i = 0; st == TC_OK && i <= nu; i++) {
		st = counter_ensure(s, &it[i], &ver[i], err);
	}
	if (st != TC_OK) {
		goto done;
	}
	tc_str payload = data;
	unsigned flags = 0;
	if (b->compression && data.len >= COMPRESS_MIN) {
		uLongf zlen = compressBound(data.len);
		zbuf = tc_malloc(zlen);
		if (compress2((Bytef *)zbuf, &zlen, (const Bytef *)data.ptr, data.len, Z_DEFAULT_COMPRESSION) == Z_OK &&
		    zlen < data.len) {
			payload = (tc_str){zbuf, zlen};
			flags = TC_MC_ZLIB;
		}
	}
	size_t hlen = tc_mc_header_len(id, ut, nu);
	value = tc_malloc(hlen + payload.len);
	tc_mc_header_write(value, (char)kind, flags, ver[0], data.len, id, ut, ver + 1, nu);
	memcpy(value + hlen, payload.ptr, payload.len);
	char ekey[TC_MC_KEY_MAX + 1];
	size_t eklen = tc_mc_key(ekey, b->ns, TC_MC_ENTRY, id, NONE);
	memcached_return_t rc = memcached_set(s->mc, ekey, eklen, value, hlen + payload.len, expiry(b, lifetime), 0);
	if (rc != MEMCACHED_SUCCESS) {
		/* the server kept the previous entry: never let it outlive a write that was refused */
		memcached_delete(s->mc, ekey, eklen, 0);
		st = store_failed(s, rc, id, hlen + payload.len, data.len, err);
		goto done;
	}
	for (size_t i = 0; i < nu; i++) {
		index_add(b, s, ut[i], ver[i + 1], id);
	}
done:
	items_free(it, nu + 1);
	tc_free(it);
	tc_free(ver);
	tc_free(ut);
	tc_free(value);
	tc_free(zbuf);
	return st;
}

/* Called for each entry of a read that is live; non-zero stops the read with that status. */
typedef tc_status (*mc_visit)(void *ud, size_t i, const tc_mc_entry *e);

static size_t item_find(const mc_item *it, size_t n, const mc_item *key)
{
	for (size_t i = 0; i < n; i++) {
		if (it[i].klen == key->klen && memcmp(it[i].key, key->key, key->klen) == 0) {
			return i;
		}
	}
	return n;
}

/* Reads ids (all kept on s) and calls visit for each live one carrying must_tag (if given):
 * one multi-get for the entries and the generation, one for the tag counters they need. */
static tc_status mc_read(mc_backend *b, mc_server *s, const tc_str *ids, size_t n, tc_str must_tag,
                         mc_visit visit, void *ud, tc_err *err)
{
	mc_item *it = tc_malloc((n + 1) * sizeof(*it));
	for (size_t i = 0; i < n; i++) {
		item_key(b, &it[i], TC_MC_ENTRY, ids[i], NONE);
	}
	item_key(b, &it[n], TC_MC_GEN, NONE, NONE);
	tc_mc_entry *e = tc_malloc(n * sizeof(*e) + 1);
	mc_item *tk = NULL;
	size_t ntk = 0, captk = 0;
	uint64_t gen;
	tc_status st = mc_mget(s, it, n + 1, err);
	if (st != TC_OK || !it[n].val || !tc_mc_parse_counter(it[n].val, it[n].vlen, &gen)) {
		goto done; /* no generation: nothing of this cache on s is live */
	}
	for (size_t i = 0; i < n; i++) {
		if (!it[i].val) {
			continue;
		}
		tc_err derr;
		int live = tc_mc_decode(it[i].val, it[i].vlen, &e[i], &derr) == TC_OK;
		if (!live) {
			tc_backend_report_corrupt(&b->base, ids[i], derr.msg);
		}
		/* another identifier under a hashed key, an older generation, a missing tag */
		live = live && e[i].id.len == ids[i].len && memcmp(e[i].id.ptr, ids[i].ptr, ids[i].len) == 0 &&
		       e[i].generation == gen;
		const char *p = live ? e[i].tags : NULL;
		int has_tag = must_tag.len == 0;
		for (size_t t = 0; live && t < e[i].ntags; t++) {
			tc_str name;
			uint64_t v;
			tc_mc_next_tag(&p, &name, &v);
			has_tag |= name.len == must_tag.len && memcmp(name.ptr, must_tag.ptr, name.len) == 0;
			if (ntk == captk) {
				captk = captk ? 2 * captk : 8;
				tk = tc_realloc(tk, captk * sizeof(*tk));
			}
			item_key(b, &tk[ntk], TC_MC_TAG, name, NONE);
			if (item_find(tk, ntk, &tk[ntk]) == ntk) {
				ntk++;
			}
		}
		if (!live || !has_tag) {
			tc_free(it[i].val);
			it[i].val = NULL;
		}
	}
	st = mc_mget(s, tk, ntk, err);
	for (size_t i = 0; st == TC_OK && i < n; i++) {
		if (!it[i].val) {
			continue;
		}
		const char *p = e[i].tags;
		int live = 1;
		for (size_t t = 0; live && t < e[i].ntags; t++) {
			tc_str name;
			uint64_t v, cur;
			tc_mc_next_tag(&p, &name, &v);
			mc_item key;
			item_key(b, &key, TC_MC_TAG, name, NONE);
			size_t k = item_find(tk, ntk, &key);
			live = k < ntk && tk[k].val && tc_mc_parse_counter(tk[k].val, tk[k].vlen, &cur) && cur == v;
		}
		if (live) {
			st = visit(ud, i, &e[i]);
		}
	}
done:
	items_free(it, n + 1);
	items_free(tk, ntk);
	tc_free(it);
	tc_free(tk);
	tc_free(e);
	return st;
}

typedef struct {
	mc_backend *b;
	tc_str id;
	const tc_sink *sink;
	int found;
	tc_status st;
} get_ctx;

static tc_status visit_get(void *ud, size_t i, const tc_mc_entry *e)
{
	(void)i;
	get_ctx *c = ud;
	if (!c->sink) {
		c->found = 1;
		return TC_OK;
	}
	size_t len = (size_t)e->raw_len;
	if (e->flags & TC_MC_ZLIB) {
		char *out = c->sink->alloc(c->sink->ud, len);
		if (!out) {
			return TC_ERR_NOMEM;
		}
		uLongf dlen = len;
		if (uncompress((Bytef *)out, &dlen, (const Bytef *)e->payload.ptr, e->payload.len) != Z_OK || dlen != len) {
			tc_backend_report_corrupt(&c->b->base, c->id, "compressed payload does not inflate");
			return TC_OK; /* a miss: the caller drops what it allocated */
		}
		c->found = 1;
		return TC_OK;
	}
	char *out = c->sink->alloc_seen
	                ? c->sink->alloc_seen(c->sink->ud, len, e->payload.ptr, len < TC_SINK_HEAD ? len : TC_SINK_HEAD)
	                : c->sink->alloc(c->sink->ud, len);
	if (!out) {
		return TC_ERR_NOMEM;
	}
	memcpy(out, e->payload.ptr, len);
	c->found = 1;
	return TC_OK;
}

static tc_status read_one(mc_backend *b, tc_str id, const tc_sink *sink, tc_err *err)
{
	get_ctx c = {b, id, sink, 0, TC_OK};
	tc_status st = mc_read(b, pick(b, id), &id, 1, NONE, visit_get, &c, err);
	if (st == TC_ERR_NOMEM) {
		return tc_err_set(err, st, "MemcachedBackend: out of memory reading entry \"%.*s\"", (int)id.len, id.ptr);
	}
	return st != TC_OK ? st : c.found ? TC_OK : TC_MISS;
}

static tc_status mb_get(tc_backend *base, tc_str id, const tc_sink *sink, tc_err *err)
{
	return read_one((mc_backend *)base, id, sink, err);
}

static tc_status mb_has(tc_backend *base, tc_str id, tc_err *err)
{
	return read_one((mc_backend *)base, id, NULL, err);
}

static tc_status mb_remove(tc_backend *base, tc_str id, tc_err *err)
{
	mc_backend *b = (mc_backend *)base;
	tc_status live = read_one(b, id, NULL, err);
	if (live > TC_MISS) {
		return live;
	}
	mc_server *s = pick(b, id);
	char key[TC_MC_KEY_MAX + 1];
	size_t klen = tc_mc_key(key, b->ns, TC_MC_ENTRY, id, NONE);
	memcached_return_t rc = memcached_delete(s->mc, key, klen, 0);
	if (rc != MEMCACHED_SUCCESS && rc != MEMCACHED_NOTFOUND) {
		return mc_fail(s, rc, "removing an entry", err);
	}
	return live;
}

static tc_status mb_flush(tc_backend *base, tc_err *err)
{
	mc_backend *b = (mc_backend *)base;
	tc_status first = TC_OK;
	for (size_t i = 0; i < b->nsrv; i++) {
		tc_err e;
		tc_status st = counter_bump(b, &b->srv[i], TC_MC_GEN, NONE, first == TC_OK ? err : &e);
		if (first == TC_OK) {
			first = st;
		}
	}
	return first;
}

static int cmp_str(const void *a, const void *b)
{
	const tc_str *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->ptr, y->ptr, n);
	return c ? c : (x->len > y->len) - (x->len < y->len);
}

typedef struct {
	const tc_str *ids;
	tc_strlist *out;
} ids_ctx;

static tc_status visit_id(void *ud, size_t i, const tc_mc_entry *e)
{
	(void)e;
	ids_ctx *c = ud;
	return tc_strlist_add(c->out, c->ids[i].ptr, c->ids[i].len) == 0 ? TC_OK : TC_ERR_NOMEM;
}

/* The live entries of s carrying tag, as far as the tag's list of identifiers still knows them. */
static tc_status tag_ids(mc_backend *b, mc_server *s, tc_str tag, tc_strlist *out, tc_err *err)
{
	mc_item it;
	item_key(b, &it, TC_MC_TAG, tag, NONE);
	uint64_t v;
	tc_status st = mc_get1(s, &it, err);
	int have = st == TC_OK && it.val && tc_mc_parse_counter(it.val, it.vlen, &v);
	tc_free(it.val);
	if (!have) {
		return st;
	}
	char hex[17];
	snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)v);
	item_key(b, &it, TC_MC_INDEX, tag, (tc_str){hex, 16});
	if ((st = mc_get1(s, &it, err)) != TC_OK || !it.val) {
		return st;
	}
	size_t n = 0, cap = 16;
	tc_str *ids = tc_malloc(cap * sizeof(*ids));
	for (char *p = it.val, *end = it.val + it.vlen; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl) {
			break; /* a line cut short: ignore it */
		}
		if (nl > p && nl - p <= TC_MC_KEY_MAX) {
			if (n == cap) {
				ids = tc_realloc(ids, (cap *= 2) * sizeof(*ids));
			}
			ids[n++] = (tc_str){p, (size_t)(nl - p)};
		}
		p = nl + 1;
	}
	qsort(ids, n, sizeof(*ids), cmp_str);
	size_t u = 0;
	for (size_t i = 0; i < n; i++) {
		if (u == 0 || cmp_str(&ids[u - 1], &ids[i]) != 0) {
			ids[u++] = ids[i];
		}
	}
	for (size_t i = 0; st == TC_OK && i < u; i += READ_BATCH) {
		ids_ctx c = {ids + i, out};
		st = mc_read(b, s, ids + i, u - i < READ_BATCH ? u - i : READ_BATCH, tag, visit_id, &c, err);
	}
	if (st == TC_ERR_NOMEM) {
		tc_err_set(err, st, "MemcachedBackend: out of memory listing tag \"%.*s\"", (int)tag.len, tag.ptr);
	}
	tc_free(ids);
	tc_free(it.val);
	return st;
}

static size_t count_distinct(const tc_strlist *l)
{
	if (l->count == 0) {
		return 0;
	}
	tc_str *a = tc_malloc(l->count * sizeof(*a));
	size_t n = 0, pos = 0, u = 0;
	while (tc_strlist_next(l, &pos, &a[n])) {
		n++;
	}
	qsort(a, n, sizeof(*a), cmp_str);
	for (size_t i = 0; i < n; i++) {
		u += i == 0 || cmp_str(&a[i - 1], &a[i]) != 0;
	}
	tc_free(a);
	return u;
}

static tc_status mb_flush_by_tags(tc_backend *base, const tc_str *tags, size_t ntags, size_t *count,
                                  tc_err *err)
{
	mc_backend *b = (mc_backend *)base;
	tc_status first = TC_OK;
	*count = 0;
	for (size_t i = 0; i < b->nsrv; i++) {
		mc_server *s = &b->srv[i];
		tc_strlist ids;
		tc_strlist_init(&ids);
		tc_err e;
		tc_err *use = first == TC_OK ? err : &e;
		tc_status st = TC_OK;
		/* who carries the tags is listed before the counters move, or the lists are gone */
		for (size_t t = 0; st == TC_OK && t < ntags; t++) {
			st = tag_ids(b, s, tags[t], &ids, use);
		}
		for (size_t t = 0; t < ntags; t++) {
			tc_status bs = counter_bump(b, s, TC_MC_TAG, tags[t], st == TC_OK ? use : &e);
			st = st == TC_OK ? bs : st;
		}
		if (st == TC_OK) {
			*count += count_distinct(&ids);
		} else if (first == TC_OK) {
			first = st;
		}
		tc_strlist_free(&ids);
	}
	return first;
}

static tc_status mb_find_ids_by_tag(tc_backend *base, tc_str tag, tc_id_cb cb, void *ud, tc_err *err)
{
	mc_backend *b = (mc_backend *)base;
	tc_strlist ids;
	tc_strlist_init(&ids);
	tc_status st = TC_OK;
	for (size_t i = 0; st == TC_OK && i < b->nsrv; i++) {
		st = tag_ids(b, &b->srv[i], tag, &ids, err);
	}
	if (st == TC_OK) {
		tc_strlist_each(&ids, cb, ud);
	}
	tc_strlist_free(&ids);
	return st;
}

static tc_status mb_collect_garbage(tc_backend *base, tc_err *err)
{
	(void)base, (void)err;
	return TC_OK; /* memcached expires and evicts by itself */
}

static tc_status mb_freeze(tc_backend *base, tc_err *err)
{
	(void)base;
	return tc_err_set(err, TC_ERR_UNSUPPORTED, "MemcachedBackend cannot be frozen");
}

static int mb_is_frozen(tc_backend *base)
{
	(void)base;
	return 0;
}

static tc_status mb_list_ids(tc_backend *base, tc_id_cb cb, void *ud, tc_err *err)
{
	(void)base, (void)cb, (void)ud;
	return tc_err_set(err, TC_ERR_UNSUPPORTED, "MemcachedBackend cannot list its entries (memcached cannot list keys)");
}

static tc_status mb_php_path(tc_backend *base, tc_str id, const char **path, tc_err *err)
{
	(void)base, (void)id, (void)err;
	*path = NULL;
	return TC_MISS;
}

static void mb_destroy(tc_backend *base)
{
	mc_backend *b = (mc_backend *)base;
	for (size_t i = 0; i < b->nsrv; i++) {
		if (b->srv[i].mc) {
			memcached_free(b->srv[i].mc);
		}
		tc_free(b->srv[i].name);
		tc_free(b->srv[i].host);
	}
	if (b->ring) {
		memcached_free(b->ring);
	}
	tc_free(b->srv);
	tc_free(b->ring_map);
	tc_free((char *)b->ns.ptr);
	tc_free(b);
}

static const tc_backend_ops mb_ops = {
	.name = "memcached",
	.caps = TC_CAP_TAGS | TC_CAP_LIFETIME | TC_CAP_PHP_CODE,
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
	.destroy = mb_destroy,
};

static memcached_return_t add_server(memcached_st *mc, const char *host, unsigned port)
{
	return port ? memcached_server_add(mc, host, (in_port_t)port) : memcached_server_add_unix_socket(mc, host);
}

/* (Re)creates s's handle; 0 when libmemcached cannot (out of memory). */
static int server_open(mc_server *s)
{
	s->mc = memcached_create(NULL);
	if (!s->mc || add_server(s->mc, s->host, s->port) != MEMCACHED_SUCCESS) {
		return 0;
	}
	memcached_behavior_set(s->mc, MEMCACHED_BEHAVIOR_TCP_NODELAY, 1);
	memcached_behavior_set(s->mc, MEMCACHED_BEHAVIOR_CONNECT_TIMEOUT, s->connect_ms);
	memcached_behavior_set(s->mc, MEMCACHED_BEHAVIOR_POLL_TIMEOUT, s->read_ms);
	memcached_behavior_set(s->mc, MEMCACHED_BEHAVIOR_RCV_TIMEOUT, (uint64_t)s->read_ms * 1000);
	memcached_behavior_set(s->mc, MEMCACHED_BEHAVIOR_SND_TIMEOUT, (uint64_t)s->read_ms * 1000);
	return 1;
}

tc_status tc_memcached_backend_new(const tc_memcached_options *o, tc_backend **out, tc_err *err)
{
	*out = NULL;
	if (!o->nservers || !o->name_space || !*o->name_space) {
		return tc_err_set(err, TC_ERR_ARG, "MemcachedBackend needs at least one server and a name space");
	}
	mc_backend *b = tc_calloc(1, sizeof(*b));
	b->base.ops = &mb_ops;
	b->default_lifetime = o->default_lifetime;
	b->compression = o->compression;
	size_t nslen = strlen(o->name_space);
	char *ns = tc_malloc(nslen + 1);
	memcpy(ns, o->name_space, nslen + 1);
	b->ns = (tc_str){ns, nslen};
	b->srv = tc_calloc(o->nservers, sizeof(*b->srv));
	b->ring_map = tc_calloc(o->nservers, sizeof(*b->ring_map));
	b->nsrv = o->nservers;
	b->ring = memcached_create(NULL);
	if (!b->ring) {
		mb_destroy(&b->base);
		return tc_err_set(err, TC_ERR_NOMEM, "MemcachedBackend: out of memory");
	}
	memcached_behavior_set(b->ring, MEMCACHED_BEHAVIOR_DISTRIBUTION, MEMCACHED_DISTRIBUTION_CONSISTENT_KETAMA);
	for (size_t i = 0; i < o->nservers; i++) {
		char host[1024];
		unsigned port;
		const char *a = o->servers[i];
		if (!tc_mc_parse_server(a, strlen(a), host, sizeof(host), &port)) {
			mb_destroy(&b->base);
			return tc_err_set(err, TC_ERR_ARG, "MemcachedBackend: server \"%s\" must be " TC_MC_SERVER_RULE, a);
		}
		mc_server *s = &b->srv[i];
		size_t nlen = strlen(host) + 8;
		s->name = tc_malloc(nlen);
		if (port) {
			snprintf(s->name, nlen, "%s:%u", host, port);
		} else {
			snprintf(s->name, nlen, "%s", host);
		}
		s->host = tc_malloc(strlen(host) + 1);
		memcpy(s->host, host, strlen(host) + 1);
		s->port = port;
		s->connect_ms = o->connect_timeout_ms ? o->connect_timeout_ms : 1000;
		s->read_ms = o->read_timeout_ms ? o->read_timeout_ms : 1000;
		if (!server_open(s) || add_server(b->ring, host, port) != MEMCACHED_SUCCESS) {
			tc_err_set(err, TC_ERR_ARG, "MemcachedBackend: server \"%s\" cannot be added", a);
			mb_destroy(&b->base);
			return TC_ERR_ARG;
		}
	}
	/* the ring may order its servers its own way: map positions back by name */
	for (size_t pos = 0; pos < b->nsrv; pos++) {
		const memcached_instance_st *in = memcached_server_instance_by_position(b->ring, (uint32_t)pos);
		char name[1040];
		in_port_t port = memcached_server_port(in);
		if (port && memcached_server_name(in)[0] != '/') {
			snprintf(name, sizeof(name), "%s:%u", memcached_server_name(in), (unsigned)port);
		} else {
			snprintf(name, sizeof(name), "%s", memcached_server_name(in));
		}
		for (size_t i = 0; i < b->nsrv; i++) {
			if (strcmp(b->srv[i].name, name) == 0) {
				b->ring_map[pos] = i;
			}
		}
	}
	*out = &b->base;
	return TC_OK;
}
