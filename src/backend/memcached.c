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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "../tc_alloc.h"
#include "../tc_clock.h"
#include "../zlib_codec.h"
#include "../tc_strlist.h"
#include "memcached_int.h"

/* memcached treats an expiry above 30 days as a Unix time. */
#define RELATIVE_EXPIRY_MAX 2592000

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
	time_t now = (time_t)tc_now();
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
		return mcb_fail(s, rc, "storing an entry", err);
	}
	char limit[32];
	snprintf(limit, sizeof(limit), c.limit < 0 ? "unknown" : "%lld", c.limit);
	return tc_err_set(err, TC_ERR_ARG,
	                  "MemcachedBackend: entry \"%.*s\" is too large for memcached server %s: its item is %zu "
	                  "bytes of value (%zu bytes of data plus the entry's header) and memcached's limit "
	                  "(item_size_max %s bytes, memcached -I) applies to key, value and memcached's own per-item "
	                  "overhead together: store smaller values, enable compression or raise -I",
	                  (int)id.len, id.ptr, s->name, stored, payload, limit);
}

static tc_status mb_set(tc_backend *base, tc_str id, tc_str data, const tc_str *tags, size_t ntags,
                        int64_t lifetime, tc_kind kind, tc_err *err)
{
	mc_backend *b = (mc_backend *)base;
	if (mcb_own(b, err) != TC_OK) {
		return TC_ERR_NOMEM;
	}
	mc_server *s = mcb_pick(b, id);
	tc_str *ut = tc_malloc((ntags + 1) * sizeof(*ut));
	if (!ut) {
		return tc_err_set(err, TC_ERR_NOMEM, "MemcachedBackend: out of memory for the %zu tags of entry \"%.*s\"",
		                  ntags, (int)id.len, id.ptr);
	}
	size_t nu = 0;
	if (ntags) {
		memcpy(ut, tags, ntags * sizeof(tc_str));
		nu = tc_str_unique(ut, ntags);
	}
	if (nu > 0xffff) {
		tc_free(ut);
		return tc_err_set(err, TC_ERR_ARG, "MemcachedBackend: entry \"%.*s\" has %zu tags, at most 65535 are supported",
		                  (int)id.len, id.ptr, nu);
	}
	mc_item *it = tc_malloc((nu + 1) * sizeof(*it));
	uint64_t *ver = tc_malloc((nu + 1) * sizeof(*ver));
	if (!it || !ver) {
		tc_free(it);
		tc_free(ver);
		tc_free(ut);
		return tc_err_set(err, TC_ERR_NOMEM, "MemcachedBackend: out of memory for the %zu tags of entry \"%.*s\"",
		                  nu, (int)id.len, id.ptr);
	}
	mcb_item_key(b, &it[0], TC_MC_GEN, MCB_NONE, MCB_NONE);
	for (size_t i = 0; i < nu; i++) {
		mcb_item_key(b, &it[i + 1], TC_MC_TAG, ut[i], MCB_NONE);
	}
	char *value = NULL, *zbuf = NULL;
	/* round trip 1: the generation and the tag counters (one more when any must be created) */
	tc_status st = mcb_mget(s, it, nu + 1, err);
	if (st == TC_OK) {
		st = mcb_counters_ensure(s, it, nu + 1, ver, err);
	}
	if (st != TC_OK) {
		goto done;
	}
	tc_str payload = data;
	unsigned flags = 0;
	if (b->compression) {
		/* zlib's default level; TC_MISS: too short or incompressible, stored as it is */
		size_t zlen = 0;
		st = tc_zlib_deflate(6, data, &zbuf, &zlen, err);
		if (st == TC_OK) {
			payload = (tc_str){zbuf, zlen};
			flags = TC_MC_ZLIB;
		} else if (st != TC_MISS) {
			goto done;
		}
		st = TC_OK;
	}
	size_t hlen = tc_mc_header_len(id, ut, nu);
	value = tc_malloc(hlen + payload.len);
	if (!value) {
		st = tc_err_set(err, TC_ERR_NOMEM, "out of memory building an entry of %zu bytes", hlen + payload.len);
		goto done;
	}
	tc_mc_header_write(value, (char)kind, flags, ver[0], data.len, id, ut, ver + 1, nu);
	memcpy(value + hlen, payload.ptr, payload.len);
	char ekey[TC_MC_KEY_MAX + 1];
	size_t eklen = tc_mc_key(ekey, b->ns, TC_MC_ENTRY, id, MCB_NONE);
	/* round trip 2: the entry's set, answered; then the index lines, unanswered */
	memcached_return_t rc = memcached_set(s->mc, ekey, eklen, value, hlen + payload.len, expiry(b, lifetime), 0);
	if (rc != MEMCACHED_SUCCESS) {
		/* the server kept the previous entry: never let it outlive a write that was refused */
		memcached_delete(s->mc, ekey, eklen, 0);
		st = store_failed(s, rc, id, hlen + payload.len, data.len, err);
		goto done;
	}
	mcb_index_add(b, s, ut, ver + 1, nu, id);
done:
	mcb_items_free(it, nu + 1);
	tc_free(it);
	tc_free(ver);
	tc_free(ut);
	tc_free(value);
	tc_free(zbuf);
	return st;
}

typedef struct {
	mc_backend *b;
	tc_str id;
	const tc_sink *sink;
	int found;
	tc_status st;
} get_ctx;

/* Whether payload inflates to exactly len bytes, without keeping them (has() needs no value). */
static int inflates_to(tc_str payload, size_t len)
{
	z_stream z;
	memset(&z, 0, sizeof(z));
	if (inflateInit(&z) != Z_OK) {
		return 0;
	}
	unsigned char out[16384];
	z.next_in = (Bytef *)payload.ptr;
	z.avail_in = (uInt)payload.len;
	size_t total = 0;
	int rc;
	do {
		z.next_out = out;
		z.avail_out = sizeof(out);
		rc = inflate(&z, Z_NO_FLUSH);
		total += sizeof(out) - z.avail_out;
	} while (rc == Z_OK && total <= len);
	inflateEnd(&z);
	return rc == Z_STREAM_END && total == len;
}

static tc_status visit_get(void *ud, size_t i, const tc_mc_entry *e)
{
	(void)i;
	get_ctx *c = ud;
	size_t len = (size_t)e->raw_len;
	if (!c->sink) {
		/* has() agrees with get(): a compressed payload that does not inflate is a miss for both */
		if ((e->flags & TC_MC_ZLIB) && !inflates_to(e->payload, len)) {
			tc_backend_report_corrupt(&c->b->base, c->id, "compressed payload does not inflate");
			return TC_OK;
		}
		c->found = 1;
		return TC_OK;
	}
	if (e->flags & TC_MC_ZLIB) {
		char *out = c->sink->alloc(c->sink->ud, len);
		if (!out) {
			return TC_ERR_NOMEM;
		}
		const char *why = NULL;
		if (tc_zlib_inflate(e->payload.ptr, e->payload.len, out, len, &why) != 0) {
			/* the words has() reports (inflates_to), so both name the damage alike */
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
	if (mcb_own(b, err) != TC_OK) {
		return TC_ERR_NOMEM;
	}
	tc_status st = mcb_read(b, mcb_pick(b, id), &id, 1, MCB_NONE, visit_get, &c, err);
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
	mc_server *s = mcb_pick(b, id);
	char key[TC_MC_KEY_MAX + 1];
	size_t klen = tc_mc_key(key, b->ns, TC_MC_ENTRY, id, MCB_NONE);
	memcached_return_t rc = memcached_delete(s->mc, key, klen, 0);
	if (rc != MEMCACHED_SUCCESS && rc != MEMCACHED_NOTFOUND) {
		return mcb_fail(s, rc, "removing an entry", err);
	}
	return live;
}

static tc_status mb_flush(tc_backend *base, tc_err *err)
{
	mc_backend *b = (mc_backend *)base;
	if (mcb_own(b, err) != TC_OK) {
		return TC_ERR_NOMEM;
	}
	int *failed = tc_calloc(b->nsrv, sizeof(*failed));
	tc_str none = MCB_NONE;
	tc_status st = mcb_counters_bump(b, TC_MC_GEN, &none, 1, failed, err);
	tc_free(failed);
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
		mcb_server_close(&b->srv[i]);
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
	.flush_by_tags = mcb_flush_by_tags,
	.find_ids_by_tag = mcb_find_ids_by_tag,
	.collect_garbage = mb_collect_garbage,
	.freeze = mb_freeze,
	.is_frozen = mb_is_frozen,
	.list_ids = mb_list_ids,
	.php_path = mb_php_path,
	.destroy = mb_destroy,
};

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
		for (size_t j = 0; j < i; j++) {
			if (strcmp(b->srv[j].name, s->name) == 0) {
				tc_err_set(err, TC_ERR_ARG, "MemcachedBackend: servers %zu (\"%s\") and %zu (\"%s\") are the same "
				           "server %s: list each server once", j + 1, o->servers[j], i + 1, a, s->name);
				mb_destroy(&b->base);
				return TC_ERR_ARG;
			}
		}
		s->host = tc_malloc(strlen(host) + 1);
		memcpy(s->host, host, strlen(host) + 1);
		s->port = port;
		s->connect_ms = o->connect_timeout_ms ? o->connect_timeout_ms : 1000;
		s->read_ms = o->read_timeout_ms ? o->read_timeout_ms : 1000;
		if (!mcb_server_open(s) || mcb_add_server(b->ring, host, port) != MEMCACHED_SUCCESS) {
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
