/* RedisBackend: entries as hashes, tags as sets of ids, kept in step by Lua scripts.
 *
 * Keys of a cache with prefix P (the binding passes a Redis Cluster hash tag such as
 * "{tagcache:app:Cache}", so every key of a cache lives in one slot):
 *   P:e:<id>   hash: d payload, k kind ('D' / 'P'), t tags (space-separated),
 *              z "1" and n original length when d is zlib-compressed
 *   P:t:<tag>  set of ids; lives at least as long as its longest-living member
 *   P:frozen   present while the cache is frozen
 * Redis keeps time: lifetimes are TTLs and expired entries vanish on their own. Which script
 * does what is described in redis_scripts.c; connections in redis_conn.c.
 *
 * After a broken connection a command runs again on a new one when it is safe
 * (redis_conn.h). Reads (HMGET, EXISTS, SCAN), flush's UNLINK of listed keys and freeze's
 * SET are marked TC_REDIS_IDEMPOTENT here; for the scripts redis_scripts.c decides. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tc_alloc.h"
#include "../tc_backend.h"
#include "../tc_clock.h"
#include "../tc_map.h"
#include "../tc_strlist.h"
#include "../zlib_codec.h"
#include "redis_backend.h"
#include "redis_conn.h"
#include "redis_freeze.h"
#include "redis_lock.h"
#include "redis_scripts.h"
#include "redis_ticket.h"

#define TC_REDIS_DEFAULT_HOST       "127.0.0.1"
#define TC_REDIS_DEFAULT_PORT       6379
#define TC_REDIS_DEFAULT_TIMEOUT_MS 1000
#define TC_REDIS_DEFAULT_BATCH      100
/* COUNT of SCAN over the key space (flush, list_ids, gc): keys examined per round trip. */
#define TC_REDIS_SCAN_COUNT "1000"

/* A SCAN MATCH pattern: the prefix with glob characters escaped, then suffix. */
static char *rb_glob(const char *prefix, const char *suffix)
{
	size_t n = strlen(prefix), s = strlen(suffix);
	char *g = tc_malloc(2 * n + s + 1);
	if (!g) {
		return NULL;
	}
	char *p = g;
	for (size_t i = 0; i < n; i++) {
		if (strchr("*?[]\\", prefix[i])) {
			*p++ = '\\';
		}
		*p++ = prefix[i];
	}
	memcpy(p, suffix, s + 1);
	return g;
}

/* Parses a decimal length field; -1 when it is not one. */
static int rb_parse_len(const redisReply *f, size_t *out)
{
	if (!f || f->type != REDIS_REPLY_STRING || f->len == 0 || f->len > 20) {
		return -1;
	}
	size_t v = 0;
	for (size_t i = 0; i < f->len; i++) {
		if (f->str[i] < '0' || f->str[i] > '9' || v > ((size_t)-1 - 9) / 10) {
			return -1;
		}
		v = v * 10 + (size_t)(f->str[i] - '0');
	}
	*out = v;
	return 0;
}

/* An entry's d, z and n fields into sink: TC_OK, TC_MISS (with *why when the fields are not
 * those of an entry) or TC_ERR_NOMEM. Shared by get and getByTag (redis_by_tag.c). */
tc_status rb_decode(const redisReply *d, const redisReply *z, const redisReply *n,
	const tc_sink *sink, const char **why, tc_err *err)
{
	*why = NULL;
	if (d->type != REDIS_REPLY_STRING) {
		if (d->type != REDIS_REPLY_NIL) {
			*why = "payload field of an unexpected type";
		}
		return TC_MISS;
	}
	if (z->type == REDIS_REPLY_NIL) {
		char *dst = sink->alloc(sink->ud, d->len);
		if (!dst) {
			return tc_err_set(err, TC_ERR_NOMEM, "out of memory for an entry of %zu bytes", d->len);
		}
		if (d->len) {
			memcpy(dst, d->str, d->len);
		}
		return TC_OK;
	}
	size_t want = 0;
	if (z->type != REDIS_REPLY_STRING || z->len != 1 || z->str[0] != '1') {
		*why = "unknown compression flag";
		return TC_MISS;
	}
	if (rb_parse_len(n, &want) != 0 || want > tc_zlib_inflate_bound(d->len)) {
		*why = "compressed entry without a valid original length";
		return TC_MISS;
	}
	char *dst = sink->alloc(sink->ud, want);
	if (!dst) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory for an entry of %zu bytes", want);
	}
	/* A failure leaves the sink's buffer to the caller, who drops it on a miss. */
	return tc_zlib_inflate(d->str, d->len, dst, want, why) == 0 ? TC_OK : TC_MISS;
}

static tc_status rb_get(tc_backend *b, tc_str id, const tc_sink *sink, tc_err *err)
{
	tc_redis_backend *rb = rb_of(b);
	char *ek = rb_join(rb->entry_pfx, rb->plen + 3, id.ptr, id.len);
	if (!ek) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory reading %.*s", (int)id.len, id.ptr);
	}
	const char *argv[] = {"HMGET", ek, "d", "z", "n"};
	size_t lens[] = {5, rb->plen + 3 + id.len, 1, 1, 1};
	redisReply *r;
	tc_status st = tc_redis_command(&rb->link, TC_REDIS_IDEMPOTENT, 5, argv, lens, &r, err);
	tc_free(ek);
	if (st != TC_OK) {
		return st;
	}
	const char *why = NULL;
	if (r->type == REDIS_REPLY_ERROR && r->len >= 9 && memcmp(r->str, "WRONGTYPE", 9) == 0) {
		why = "the key holds another type than a tagcache entry";
		st = TC_MISS;
		goto out;
	}
	if (r->type != REDIS_REPLY_ARRAY || r->elements != 3) {
		st = tc_redis_reply_error(&rb->link, r, "reading an entry", err);
		goto out;
	}
	st = rb_decode(r->element[0], r->element[1], r->element[2], sink, &why, err);
out:
	freeReplyObject(r);
	if (why) {
		tc_backend_report_corrupt(b, id, why);
	}
	return st;
}

static tc_status rb_has(tc_backend *b, tc_str id, tc_err *err)
{
	tc_redis_backend *rb = rb_of(b);
	char *ek = rb_join(rb->entry_pfx, rb->plen + 3, id.ptr, id.len);
	if (!ek) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory reading %.*s", (int)id.len, id.ptr);
	}
	const char *argv[] = {"EXISTS", ek};
	size_t lens[] = {6, rb->plen + 3 + id.len};
	redisReply *r;
	tc_status st = tc_redis_command_expect(
		&rb->link, TC_REDIS_IDEMPOTENT, 2, argv, lens, REDIS_REPLY_INTEGER, &r, err);
	tc_free(ek);
	if (st != TC_OK) {
		return st;
	}
	st = r->integer > 0 ? TC_OK : TC_MISS;
	freeReplyObject(r);
	return st;
}

static tc_status rb_remove(tc_backend *b, tc_str id, tc_err *err)
{
	tc_redis_backend *rb = rb_of(b);
	char *ek = rb_join(rb->entry_pfx, rb->plen + 3, id.ptr, id.len);
	if (!ek) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory removing %.*s", (int)id.len, id.ptr);
	}
	char slot[8];
	tc_redis_epoch_field(slot, 'i', id);
	const char *argv[9] = {NULL, NULL, NULL, ek, rb->frozen_key, rb->epochs_key, rb->tag_pfx, id.ptr, slot};
	size_t lens[9] = {0, 0, 0, rb->plen + 3 + id.len, rb->plen + 7, rb->plen + 7, rb->plen + 3, id.len, strlen(slot)};
	redisReply *r;
	tc_status st = tc_redis_script_run(&rb->link, TC_RS_REMOVE, 9, argv, lens, 3, &r, err);
	tc_free(ek);
	if (st != TC_OK) {
		return st;
	}
	if (r->type == REDIS_REPLY_INTEGER) {
		st = r->integer > 0 ? TC_OK : TC_MISS;
	} else {
		st = rb_script_error(rb, r, "removing an entry", err);
	}
	freeReplyObject(r);
	return st;
}

/* Walks SCAN MATCH pattern; fn gets each batch of keys (it may delete them). */
typedef tc_status (*rb_scan_fn)(tc_redis_backend *rb, redisReply *keys, void *ud, tc_err *err);

static tc_status rb_scan(
	tc_redis_backend *rb, const char *pattern, rb_scan_fn fn, void *ud, tc_err *err)
{
	char cursor[32] = "0";
	do {
		const char *argv[] = {"SCAN", cursor, "MATCH", pattern, "COUNT", TC_REDIS_SCAN_COUNT};
		size_t lens[] = {4, strlen(cursor), 5, strlen(pattern), 5, strlen(TC_REDIS_SCAN_COUNT)};
		redisReply *r;
		tc_status st = tc_redis_command_expect(
			&rb->link, TC_REDIS_IDEMPOTENT, 6, argv, lens, REDIS_REPLY_ARRAY, &r, err);
		if (st != TC_OK) {
			return st;
		}
		if (r->elements != 2 || r->element[0]->type != REDIS_REPLY_STRING ||
			r->element[0]->len >= sizeof(cursor) || r->element[1]->type != REDIS_REPLY_ARRAY) {
			st = tc_redis_reply_error(&rb->link, r, "SCAN", err);
			freeReplyObject(r);
			return st;
		}
		memcpy(cursor, r->element[0]->str, r->element[0]->len);
		cursor[r->element[0]->len] = '\0';
		st = r->element[1]->elements ? fn(rb, r->element[1], ud, err) : TC_OK;
		freeReplyObject(r);
		if (st != TC_OK) {
			return st;
		}
	} while (strcmp(cursor, "0") != 0);
	return TC_OK;
}

static tc_status rb_unlink_batch(tc_redis_backend *rb, redisReply *keys, void *ud, tc_err *err)
{
	(void)ud;
	size_t n = keys->elements + 1;
	const char **argv = tc_malloc(n * sizeof(*argv));
	size_t *lens = tc_malloc(n * sizeof(*lens));
	tc_status st = TC_OK;
	if (!argv || !lens) {
		st = tc_err_set(err, TC_ERR_NOMEM, "out of memory flushing %s", rb->prefix);
		goto out;
	}
	argv[0] = "UNLINK";
	lens[0] = 6;
	for (size_t i = 0; i < keys->elements; i++) {
		argv[i + 1] = keys->element[i]->str;
		lens[i + 1] = keys->element[i]->len;
	}
	redisReply *r;
	st = tc_redis_command_expect(
		&rb->link, TC_REDIS_IDEMPOTENT, (int)n, argv, lens, REDIS_REPLY_INTEGER, &r, err);
	if (st == TC_OK) {
		freeReplyObject(r);
	}
out:
	tc_free((void *)argv);
	tc_free(lens);
	return st;
}

static tc_status rb_flush(tc_backend *b, tc_err *err)
{
	tc_redis_backend *rb = rb_of(b);
	if (tc_redis_bump(&rb->link, rb->epochs_key, 0, NULL, 0, 1, err) != TC_OK) {
		return err->code;
	}
	/* The frozen marker matches the pattern too: a flush thaws the cache. */
	return rb_scan(rb, rb->all_glob, rb_unlink_batch, NULL, err);
}

static tc_status rb_flush_by_tags(
	tc_backend *b, const tc_str *tags, size_t ntags, size_t *count, tc_err *err)
{
	tc_redis_backend *rb = rb_of(b);
	*count = 0;
	if (ntags && tc_redis_bump(&rb->link, rb->epochs_key, 't', tags, ntags, 0, err) != TC_OK) {
		return err->code;
	}
	for (size_t t = 0; t < ntags; t++) {
		char *tk = rb_join(rb->tag_pfx, rb->plen + 3, tags[t].ptr, tags[t].len);
		if (!tk) {
			return tc_err_set(err, TC_ERR_NOMEM, "out of memory flushing tag %.*s",
				(int)tags[t].len, tags[t].ptr);
		}
		long long popped;
		do {
			const char *argv[] = {NULL, NULL, NULL, tk, rb->frozen_key, rb->entry_pfx, rb->tag_pfx,
				tags[t].ptr, rb->batch_str};
			size_t lens[] = {0, 0, 0, rb->plen + 3 + tags[t].len, rb->plen + 7, rb->plen + 3,
				rb->plen + 3, tags[t].len, strlen(rb->batch_str)};
			redisReply *r;
			tc_status st =
				tc_redis_script_run(&rb->link, TC_RS_FLUSH_TAG, 9, argv, lens, 2, &r, err);
			if (st != TC_OK) {
				tc_free(tk);
				return st;
			}
			if (r->type != REDIS_REPLY_ARRAY || r->elements != 2 ||
				r->element[0]->type != REDIS_REPLY_INTEGER ||
				r->element[1]->type != REDIS_REPLY_INTEGER) {
				st = rb_script_error(rb, r, "flushing by tag", err);
				freeReplyObject(r);
				tc_free(tk);
				return st;
			}
			*count += (size_t)r->element[0]->integer;
			popped = r->element[1]->integer;
			freeReplyObject(r);
		} while (popped >= (long long)rb->batch);
		tc_free(tk);
	}
	return TC_OK;
}

/* Collected identifiers: SCAN and SSCAN may return one more than once. */
static int rb_collect(tc_map *seen, const char *s, size_t len)
{
	int created;
	return tc_map_upsert(seen, s, len, &created) ? 0 : -1;
}

static void rb_emit(tc_map *seen, tc_id_cb cb, void *ud)
{
	size_t bucket = 0;
	for (tc_map_node *n = tc_map_next(seen, &bucket, NULL); n; n = tc_map_next(seen, &bucket, n)) {
		if (cb(ud, n->key, n->klen)) {
			break;
		}
	}
}

/* rb_entry_cb of find: the id into the seen map. */
static tc_status rb_collect_hit(
	tc_backend *b, void *ud, tc_str id, const redisReply *r, tc_err *err)
{
	(void)b;
	(void)r;
	if (rb_collect(ud, id.ptr, id.len) != 0) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory listing a tag");
	}
	return TC_OK;
}

tc_status rb_find_ids_by_tag(tc_backend *b, tc_str tag, tc_id_cb cb, void *ud, tc_err *err)
{
	tc_redis_backend *rb = rb_of(b);
	int cluster = rb->link.topo && rb->link.topo->kind == TC_REDIS_CLUSTER;
	char *tk = rb_join(rb->tag_pfx, rb->plen + 3, tag.ptr, tag.len);
	if (!tk) {
		return tc_err_set(
			err, TC_ERR_NOMEM, "out of memory listing tag %.*s", (int)tag.len, tag.ptr);
	}
	tc_map seen;
	tc_map_init(&seen);
	char cursor[32] = "0";
	tc_status st = TC_OK;
	do {
		const char *argv[] = {NULL, NULL, NULL, tk, rb->entry_pfx, tag.ptr, cursor, rb->batch_str,
			cluster ? "1" : "0"};
		size_t lens[] = {0, 0, 0, rb->plen + 3 + tag.len, rb->plen + 3, tag.len, strlen(cursor),
			strlen(rb->batch_str), 1};
		redisReply *r;
		st = tc_redis_script_run(&rb->link, TC_RS_FIND, 9, argv, lens, 1, &r, err);
		if (st != TC_OK) {
			break;
		}
		if (r->type != REDIS_REPLY_ARRAY || r->elements < 2 ||
			r->element[0]->type != REDIS_REPLY_STRING || r->element[0]->len >= sizeof(cursor) ||
			r->element[1]->type != REDIS_REPLY_ARRAY) {
			st = rb_script_error(rb, r, "listing a tag", err);
			freeReplyObject(r);
			break;
		}
		memcpy(cursor, r->element[0]->str, r->element[0]->len);
		cursor[r->element[0]->len] = '\0';
		for (size_t i = 2; i < r->elements && st == TC_OK; i++) {
			redisReply *e = r->element[i];
			if (e->type == REDIS_REPLY_STRING && rb_collect(&seen, e->str, e->len) != 0) {
				st = tc_err_set(
					err, TC_ERR_NOMEM, "out of memory listing tag %.*s", (int)tag.len, tag.ptr);
			}
		}
		/* members the node could not read (a cluster link only: moved by a slot migration,
		 * or expired), read where they are now */
		if (st == TC_OK) {
			st = rb_read_unread(b, tag, r->element[1], 0, rb_collect_hit, &seen, err);
		}
		freeReplyObject(r);
	} while (st == TC_OK && strcmp(cursor, "0") != 0);
	tc_free(tk);
	if (st == TC_OK) {
		/* After the walk: the callback may change the cache. */
		rb_emit(&seen, cb, ud);
	}
	tc_map_destroy(&seen, NULL);
	return st;
}

static tc_status rb_list_batch(tc_redis_backend *rb, redisReply *keys, void *ud, tc_err *err)
{
	tc_map *seen = ud;
	size_t skip = rb->plen + 3;
	for (size_t i = 0; i < keys->elements; i++) {
		redisReply *k = keys->element[i];
		if (k->type == REDIS_REPLY_STRING && k->len > skip &&
			rb_collect(seen, k->str + skip, k->len - skip) != 0) {
			return tc_err_set(err, TC_ERR_NOMEM, "out of memory listing entries");
		}
	}
	return TC_OK;
}

static tc_status rb_list_ids(tc_backend *b, tc_id_cb cb, void *ud, tc_err *err)
{
	tc_redis_backend *rb = rb_of(b);
	tc_map seen;
	tc_map_init(&seen);
	tc_status st = rb_scan(rb, rb->entry_glob, rb_list_batch, &seen, err);
	if (st == TC_OK) {
		rb_emit(&seen, cb, ud);
	}
	tc_map_destroy(&seen, NULL);
	return st;
}

/* gc of one tag set, SSCAN step by step. */
static tc_status rb_gc_tag(tc_redis_backend *rb, const char *tk, size_t tklen, tc_err *err)
{
	const char *tag = tk + rb->plen + 3;
	size_t taglen = tklen - rb->plen - 3;
	char cursor[32] = "0";
	do {
		const char *argv[] = {
			NULL, NULL, NULL, tk, rb->frozen_key, rb->entry_pfx, tag, cursor, rb->batch_str};
		size_t lens[] = {0, 0, 0, tklen, rb->plen + 7, rb->plen + 3, taglen, strlen(cursor),
			strlen(rb->batch_str)};
		redisReply *r;
		tc_status st = tc_redis_script_run(&rb->link, TC_RS_GC, 9, argv, lens, 2, &r, err);
		if (st != TC_OK) {
			return st;
		}
		if (r->type != REDIS_REPLY_STRING || r->len >= sizeof(cursor)) {
			st = rb_script_error(rb, r, "collecting garbage", err);
			freeReplyObject(r);
			return st;
		}
		memcpy(cursor, r->str, r->len);
		cursor[r->len] = '\0';
		freeReplyObject(r);
	} while (strcmp(cursor, "0") != 0);
	return TC_OK;
}

static tc_status rb_gc_batch(tc_redis_backend *rb, redisReply *keys, void *ud, tc_err *err)
{
	(void)ud;
	for (size_t i = 0; i < keys->elements; i++) {
		redisReply *k = keys->element[i];
		if (k->type != REDIS_REPLY_STRING || k->len <= rb->plen + 3) {
			continue;
		}
		tc_status st = rb_gc_tag(rb, k->str, k->len, err);
		if (st != TC_OK) {
			return st;
		}
	}
	return TC_OK;
}

static tc_status rb_collect_garbage(tc_backend *b, tc_err *err)
{
	tc_redis_backend *rb = rb_of(b);
	/* Expired entries and tag sets are Redis's job; what is left is members whose entry is
	 * gone. A frozen cache is read-only (each step checks again). */
	const char *argv[] = {"EXISTS", rb->frozen_key};
	size_t lens[] = {6, rb->plen + 7};
	redisReply *r;
	tc_status st = tc_redis_command_expect(
		&rb->link, TC_REDIS_IDEMPOTENT, 2, argv, lens, REDIS_REPLY_INTEGER, &r, err);
	if (st != TC_OK) {
		return st;
	}
	int frozen = r->integer > 0;
	freeReplyObject(r);
	if (frozen) {
		return TC_OK;
	}
	return rb_scan(rb, rb->tag_glob, rb_gc_batch, NULL, err);
}

static tc_status rb_persist_batch(tc_redis_backend *rb, redisReply *keys, void *ud, tc_err *err)
{
	(void)ud;
	return tc_redis_persist_keys(&rb->link, rb->frozen_key, rb->plen + 7, keys, err);
}

/* As in Flow: a second freeze is an error, and entries of a frozen cache never expire. */
static tc_status rb_freeze(tc_backend *b, tc_err *err)
{
	tc_redis_backend *rb = rb_of(b);
	tc_status st = tc_redis_mark_frozen(&rb->link, rb->frozen_key, rb->plen + 7, err);
	if (st == TC_ERR_FROZEN) {
		return tc_err_set(err, TC_ERR_FROZEN, "cache %s on Redis at %s is already frozen",
			rb->prefix, rb->link.where);
	}
	return st == TC_OK ? rb_scan(rb, rb->all_glob, rb_persist_batch, NULL, err) : st;
}

static int rb_is_frozen(tc_backend *b)
{
	tc_redis_backend *rb = rb_of(b);
	const char *argv[] = {"EXISTS", rb->frozen_key};
	size_t lens[] = {6, rb->plen + 7};
	redisReply *r;
	tc_err err;
	/* No way to report an error here: an unreachable server reads as not frozen, and the
	 * next write reports the failure. */
	if (tc_redis_command_expect(&rb->link, TC_REDIS_IDEMPOTENT, 2, argv, lens, REDIS_REPLY_INTEGER,
			&r, &err) != TC_OK) {
		return 0;
	}
	int frozen = r->integer > 0;
	freeReplyObject(r);
	return frozen;
}

static tc_status rb_php_path(tc_backend *b, tc_str id, const char **path, tc_err *err)
{
	(void)b;
	*path = NULL;
	return tc_err_set(err, TC_ERR_UNSUPPORTED,
		"the Redis backend keeps PHP entries as code, with no file to include for "
		"%.*s",
		(int)id.len, id.ptr);
}

static void rb_destroy(tc_backend *b)
{
	tc_redis_backend *rb = rb_of(b);
	tc_redis_link_free(&rb->link);
	tc_free(rb->prefix);
	tc_free(rb->entry_pfx);
	tc_free(rb->tag_pfx);
	tc_free(rb->frozen_key);
	tc_free(rb->epochs_key);
	tc_free(rb->all_glob);
	tc_free(rb->entry_glob);
	tc_free(rb->tag_glob);
	tc_free(rb);
}

static const tc_backend_ops tc_redis_ops = {
	.name = "redis",
	.caps = TC_CAP_TAGS | TC_CAP_LIFETIME | TC_CAP_FREEZE | TC_CAP_ITER | TC_CAP_PHP_CODE |
		TC_CAP_TICKET | TC_CAP_LOCK,
	.set = tc_redis_op_set,
	.get = rb_get,
	.has = rb_has,
	.remove = rb_remove,
	.flush = rb_flush,
	.flush_by_tags = rb_flush_by_tags,
	.find_ids_by_tag = rb_find_ids_by_tag,
	.get_by_tag = rb_get_by_tag,
	.collect_garbage = rb_collect_garbage,
	.freeze = rb_freeze,
	.is_frozen = rb_is_frozen,
	.list_ids = rb_list_ids,
	.php_path = rb_php_path,
	.ticket = tc_redis_op_ticket,
	.check_ticket = tc_redis_op_check_ticket,
	.set_ticketed = tc_redis_op_set_ticketed,
	.lock = tc_redis_op_lock,
	.unlock = tc_redis_op_unlock,
	.destroy = rb_destroy,
};

tc_status tc_redis_backend_new(const tc_redis_options *opts, tc_backend **out, tc_err *err)
{
	*out = NULL;
	if (!opts || !opts->prefix || !*opts->prefix) {
		return tc_err_set(err, TC_ERR_ARG, "the Redis backend needs a key prefix");
	}
	if (opts->compression_level < 0 || opts->compression_level > 9) {
		return tc_err_set(err, TC_ERR_ARG,
			"compression level %d must be 0 (off) or between 1 and 9", opts->compression_level);
	}
	if (opts->default_lifetime < 0) {
		return tc_err_set(err, TC_ERR_ARG,
			"default lifetime %lld must be 0 (unlimited) or positive",
			(long long)opts->default_lifetime);
	}
	if (opts->default_lifetime > rb_max_lifetime()) {
		return tc_err_set(err, TC_ERR_ARG, "default lifetime %lld is too large",
			(long long)opts->default_lifetime);
	}
	if (opts->port > 65535) {
		return tc_err_set(err, TC_ERR_ARG, "port %u must be between 1 and 65535", opts->port);
	}
	if (opts->ncluster && (opts->nsentinels || opts->sentinel_service)) {
		return tc_err_set(err, TC_ERR_ARG,
			"options cluster and sentinels exclude each other: a Redis Cluster has no "
			"sentinels, give one or the other");
	}
	if (opts->sentinel_service && !opts->nsentinels) {
		return tc_err_set(err, TC_ERR_ARG,
			"sentinel service \"%.80s\" needs the sentinels to ask (option sentinels)",
			opts->sentinel_service);
	}
	if (opts->nsentinels && (!opts->sentinel_service || !*opts->sentinel_service)) {
		return tc_err_set(err, TC_ERR_ARG,
			"sentinels need a service: the master name they monitor (option sentinelService)");
	}
	const char *host = opts->host && *opts->host ? opts->host : TC_REDIS_DEFAULT_HOST;
	if (strlen(host) > 255) {
		return tc_err_set(err, TC_ERR_ARG, "Redis host name or socket path longer than 255 bytes");
	}
	tc_redis_backend *rb = tc_calloc(1, sizeof(*rb));
	if (!rb) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory creating a Redis backend");
	}
	rb->base.ops = &tc_redis_ops;
	tc_status st = tc_redis_link_init(&rb->link, host,
		opts->port ? opts->port : TC_REDIS_DEFAULT_PORT, opts->database, opts->password,
		opts->connect_timeout_ms ? opts->connect_timeout_ms : TC_REDIS_DEFAULT_TIMEOUT_MS,
		opts->read_timeout_ms ? opts->read_timeout_ms : TC_REDIS_DEFAULT_TIMEOUT_MS,
		opts->persistent, err);
	if (st == TC_OK && opts->ncluster) {
		st = tc_redis_cluster_attach(&rb->link, opts->cluster, opts->ncluster, opts->prefix, err);
	} else if (st == TC_OK && opts->nsentinels) {
		st = tc_redis_sentinel_attach(&rb->link, opts->sentinels, opts->nsentinels,
			opts->sentinel_service, opts->sentinel_password, err);
	}
	if (st != TC_OK) {
		tc_redis_link_free(&rb->link);
		tc_free(rb);
		return st;
	}
	const char *p = opts->prefix;
	rb->plen = strlen(p);
	rb->prefix = rb_join(p, rb->plen, "", 0);
	rb->entry_pfx = rb_join(p, rb->plen, ":e:", 3);
	rb->tag_pfx = rb_join(p, rb->plen, ":t:", 3);
	rb->frozen_key = rb_join(p, rb->plen, ":frozen", 7);
	rb->epochs_key = tc_redis_epochs_key(p, rb->plen);
	rb->all_glob = rb_glob(p, ":*");
	rb->entry_glob = rb_glob(p, ":e:*");
	rb->tag_glob = rb_glob(p, ":t:*");
	if (!rb->prefix || !rb->entry_pfx || !rb->tag_pfx || !rb->frozen_key || !rb->epochs_key || !rb->all_glob ||
		!rb->entry_glob || !rb->tag_glob) {
		rb_destroy(&rb->base);
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory creating a Redis backend");
	}
	rb->default_lifetime = opts->default_lifetime;
	rb->batch = opts->batch_size ? opts->batch_size : TC_REDIS_DEFAULT_BATCH;
	snprintf(rb->batch_str, sizeof(rb->batch_str), "%u", rb->batch);
	rb->level = opts->compression_level;
	*out = &rb->base;
	return TC_OK;
}
