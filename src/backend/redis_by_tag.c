/* RedisBackend's getByTag: the entries carrying a tag in one round trip. A tag set of up to
 * batchSize members whose payloads add up to at most TC_REDIS_FETCH_BUDGET bytes is read by
 * one script (redis_scripts.c, TC_RS_FETCH) that returns each member's fields when its entry
 * still carries the tag; a larger one is listed with find_ids_by_tag (SSCAN steps) and its
 * entries read batchSize at a time, one pipeline of HMGETs per batch. Entries that no longer
 * carry the tag are skipped, as find skips them. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <string.h>

#include "redis_backend.h"
#include "redis_pipe.h"

/* The most payload bytes the one-step script may return. A script copies each payload into a
 * Lua string and back into its reply while no other client is served: 100 entries of 1 MB
 * held the server 764 ms in one EVAL (about 7.6 us per KB). 256 KB bounds that at about 2 ms,
 * the cost of a slow ordinary command, and still covers the usual tag (a page's fragments:
 * tens of KB). Beyond it the pipelined HMGETs cost one round trip per batch and copy nothing
 * through Lua; the sum is taken with HSTRLEN before any payload is read. */
#define TC_REDIS_FETCH_BUDGET "262144"

/* One entry to the visitor: d, z, n as read. Non-TC_OK stops the walk. */
static tc_status bt_visit(tc_backend *b, const tc_entry_visitor *v, tc_str id,
	const redisReply *d, const redisReply *z, const redisReply *n, tc_err *err)
{
	const tc_sink *sink = v->sink(v->ud, id);
	if (!sink) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory reading %.*s", (int)id.len, id.ptr);
	}
	const char *why = NULL;
	tc_status st = rb_decode(d, z, n, sink, &why, err);
	v->done(v->ud, id, st == TC_OK);
	if (why) {
		tc_backend_report_corrupt(b, id, why);
	}
	return st == TC_MISS ? TC_OK : st;
}

/* ' t1 t2 ' holds ' tag ' (tags never contain blanks). */
static int bt_carries(const redisReply *t, tc_str tag)
{
	if (!t || t->type != REDIS_REPLY_STRING) {
		return 0;
	}
	const char *p = t->str, *end = t->str + t->len;
	while (p < end) {
		const char *q = memchr(p, ' ', (size_t)(end - p));
		size_t len = q ? (size_t)(q - p) : (size_t)(end - p);
		if (len == tag.len && memcmp(p, tag.ptr, len) == 0) {
			return 1;
		}
		p += len + 1;
	}
	return 0;
}

typedef struct {
	tc_str *ids;
	size_t n, cap;
	int nomem;
} bt_ids;

static int bt_collect(void *ud, const char *id, size_t len)
{
	bt_ids *l = ud;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		tc_str *grown = tc_realloc(l->ids, cap * sizeof(*grown));
		if (!grown) {
			l->nomem = 1;
			return 1;
		}
		l->ids = grown;
		l->cap = cap;
	}
	char *copy = tc_strndup(id, len);
	if (!copy) {
		l->nomem = 1;
		return 1;
	}
	l->ids[l->n++] = (tc_str){copy, len};
	return 0;
}

/* Reads ids[0..n) with one pipeline of HMGET t d z n. */
static tc_status bt_batch(tc_backend *b, tc_str tag, const tc_str *ids, size_t n,
	const tc_entry_visitor *v, tc_err *err)
{
	tc_redis_backend *rb = rb_of(b);
	tc_redis_cmd *cmds = tc_malloc(n * sizeof(*cmds));
	redisReply **rep = tc_malloc(n * sizeof(*rep));
	char **keys = tc_malloc(n * sizeof(*keys));
	const char **argvs = tc_malloc(n * 6 * sizeof(*argvs));
	size_t *lens = tc_malloc(n * 6 * sizeof(*lens));
	size_t made = 0;
	tc_status st = TC_OK;
	if (!cmds || !rep || !keys || !argvs || !lens) {
		st = tc_err_set(err, TC_ERR_NOMEM, "out of memory reading tag %.*s", (int)tag.len, tag.ptr);
		goto out;
	}
	for (; made < n; made++) {
		keys[made] = rb_join(rb->entry_pfx, rb->plen + 3, ids[made].ptr, ids[made].len);
		if (!keys[made]) {
			st = tc_err_set(
				err, TC_ERR_NOMEM, "out of memory reading tag %.*s", (int)tag.len, tag.ptr);
			goto out;
		}
		const char **a = argvs + made * 6;
		size_t *l = lens + made * 6;
		a[0] = "HMGET", l[0] = 5;
		a[1] = keys[made], l[1] = rb->plen + 3 + ids[made].len;
		a[2] = "t", a[3] = "d", a[4] = "z", a[5] = "n";
		l[2] = l[3] = l[4] = l[5] = 1;
		cmds[made] = (tc_redis_cmd){6, a, l};
	}
	st = tc_redis_pipeline(&rb->link, TC_REDIS_IDEMPOTENT, n, cmds, rep, err);
	if (st != TC_OK) {
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		redisReply *r = rep[i];
		/* Another type under the key (WRONGTYPE): not an entry, skipped as find skips it. */
		if (st == TC_OK && r->type == REDIS_REPLY_ARRAY && r->elements == 4 &&
			bt_carries(r->element[0], tag)) {
			st = bt_visit(b, v, ids[i], r->element[1], r->element[2], r->element[3], err);
		}
		freeReplyObject(r);
	}
out:
	for (size_t i = 0; keys && i < made; i++) {
		tc_free(keys[i]);
	}
	tc_free(keys);
	tc_free(cmds);
	tc_free(rep);
	tc_free((void *)argvs);
	tc_free(lens);
	return st;
}

/* A tag set larger than batchSize: list it, then read batchSize entries per round trip. */
static tc_status bt_large(tc_backend *b, tc_str tag, const tc_entry_visitor *v, tc_err *err)
{
	bt_ids l = {0};
	tc_status st = rb_find_ids_by_tag(b, tag, bt_collect, &l, err);
	size_t batch = rb_of(b)->batch ? rb_of(b)->batch : 1;
	if (st == TC_OK && l.nomem) {
		st = tc_err_set(err, TC_ERR_NOMEM, "out of memory listing tag %.*s", (int)tag.len, tag.ptr);
	}
	for (size_t i = 0; st == TC_OK && i < l.n; i += batch) {
		st = bt_batch(b, tag, l.ids + i, l.n - i < batch ? l.n - i : batch, v, err);
	}
	for (size_t i = 0; i < l.n; i++) {
		tc_free((void *)l.ids[i].ptr);
	}
	tc_free(l.ids);
	return st;
}

tc_status rb_get_by_tag(tc_backend *b, tc_str tag, const tc_entry_visitor *v, tc_err *err)
{
	tc_redis_backend *rb = rb_of(b);
	char *tk = rb_join(rb->tag_pfx, rb->plen + 3, tag.ptr, tag.len);
	if (!tk) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory reading tag %.*s", (int)tag.len, tag.ptr);
	}
	const char *argv[] = {
		NULL, NULL, NULL, tk, rb->entry_pfx, tag.ptr, rb->batch_str, TC_REDIS_FETCH_BUDGET};
	size_t lens[] = {0, 0, 0, rb->plen + 3 + tag.len, rb->plen + 3, tag.len,
		strlen(rb->batch_str), sizeof(TC_REDIS_FETCH_BUDGET) - 1};
	redisReply *r;
	tc_status st = tc_redis_script_run(&rb->link, TC_RS_FETCH, 8, argv, lens, 1, &r, err);
	tc_free(tk);
	if (st != TC_OK) {
		return st;
	}
	if (r->type != REDIS_REPLY_ARRAY || r->elements < 1 || (r->elements - 1) % 4 != 0 ||
		r->element[0]->type != REDIS_REPLY_INTEGER) {
		st = rb_script_error(rb, r, "reading a tag", err);
	} else if (r->element[0]->integer == 0) {
		freeReplyObject(r);
		return bt_large(b, tag, v, err);
	} else {
		for (size_t i = 1; st == TC_OK && i < r->elements; i += 4) {
			const redisReply *id = r->element[i];
			if (id->type == REDIS_REPLY_STRING) {
				st = bt_visit(b, v, (tc_str){id->str, id->len}, r->element[i + 1],
					r->element[i + 2], r->element[i + 3], err);
			}
		}
	}
	freeReplyObject(r);
	return st;
}
