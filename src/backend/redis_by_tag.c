/* RedisBackend's getByTag: the entries carrying a tag in one round trip. A tag set of up to
 * batchSize members whose payloads add up to at most TC_REDIS_FETCH_BUDGET bytes is read by
 * one script (redis_scripts.c, TC_RS_FETCH) that returns each member's fields when its entry
 * still carries the tag; a larger one is listed with find_ids_by_tag (SSCAN steps) and its
 * entries read batchSize at a time, one pipeline of HMGETs per batch. Entries that no longer
 * carry the tag are skipped, as find skips them. On a cluster link an entry the script could
 * not read (its slot migrating: redis_scripts.c, TC_LUA_UNREAD) or an HMGET answered by a
 * redirection is read again where it is now; an entry is never left out silently. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <stdio.h>
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

static int bt_cluster(const tc_redis_backend *rb)
{
	return rb->link.topo && rb->link.topo->kind == TC_REDIS_CLUSTER;
}

static int bt_error_is(const redisReply *r, const char *word)
{
	size_t n = strlen(word);
	return r->type == REDIS_REPLY_ERROR && r->len > n && memcmp(r->str, word, n) == 0 &&
		   r->str[n] == ' ';
}

/* HMGET <entry key> t [d z n]: argv/lens hold 6. */
static int bt_hmget(const char *key, size_t klen, int whole, const char **a, size_t *l)
{
	a[0] = "HMGET", l[0] = 5;
	a[1] = key, l[1] = klen;
	a[2] = "t", a[3] = "d", a[4] = "z", a[5] = "n";
	l[2] = l[3] = l[4] = l[5] = 1;
	return whole ? 6 : 3;
}

/* One HMGET reply r for id: cb when the entry carries the tag; a key of another type
 * (WRONGTYPE) is skipped as find skips it. Any other error reply is read again by itself on a
 * cluster link when reread (a redirection or TRYAGAIN under a slot migration: tc_redis_command
 * follows those), else it fails the call: an entry is never left out silently. */
static tc_status bt_reply(tc_backend *b, tc_str tag, tc_str id, const redisReply *r, int whole,
	int reread, rb_entry_cb cb, void *ud, tc_err *err)
{
	tc_redis_backend *rb = rb_of(b);
	if (r->type == REDIS_REPLY_ARRAY && r->elements == (whole ? 4u : 1u)) {
		return bt_carries(r->element[0], tag) ? cb(b, ud, id, r, err) : TC_OK;
	}
	if (bt_error_is(r, "WRONGTYPE")) {
		return TC_OK;
	}
	if (r->type != REDIS_REPLY_ERROR || !reread) {
		char what[160];
		snprintf(what, sizeof(what), "reading entry %.*s of tag %.*s",
			(int)(id.len < 60 ? id.len : 60), id.ptr, (int)(tag.len < 60 ? tag.len : 60), tag.ptr);
		return tc_redis_reply_error(&rb->link, r, what, err);
	}
	char *key = rb_join(rb->entry_pfx, rb->plen + 3, id.ptr, id.len);
	if (!key) {
		return tc_err_set(
			err, TC_ERR_NOMEM, "out of memory reading tag %.*s", (int)tag.len, tag.ptr);
	}
	const char *a[6];
	size_t l[6];
	int argc = bt_hmget(key, rb->plen + 3 + id.len, whole, a, l);
	redisReply *again;
	tc_status st = tc_redis_command(&rb->link, TC_REDIS_IDEMPOTENT, argc, a, l, &again, err);
	tc_free(key);
	if (st == TC_OK) {
		st = bt_reply(b, tag, id, again, whole, 0, cb, ud, err);
		freeReplyObject(again);
	}
	return st;
}

/* Reads ids[0..n) with one pipeline of HMGETs. On a cluster link a PING goes first, so the
 * pipeline never stands or falls by its first reply: each HMGET's redirection is followed by
 * bt_reply. A MOVED for the first id means the whole slot moved: that id is read by itself
 * (which moves the link), and the rest as a new pipeline (at most twice). */
static tc_status bt_batch(tc_backend *b, tc_str tag, const tc_str *ids, size_t n, int whole,
	rb_entry_cb cb, void *ud, int depth, tc_err *err)
{
	tc_redis_backend *rb = rb_of(b);
	size_t k = bt_cluster(rb) ? 1 : 0;
	tc_redis_cmd *cmds = tc_malloc((n + k) * sizeof(*cmds));
	redisReply **rep = tc_malloc((n + k) * sizeof(*rep));
	char **keys = tc_malloc(n * sizeof(*keys));
	const char **argvs = tc_malloc(n * 6 * sizeof(*argvs));
	size_t *lens = tc_malloc(n * 6 * sizeof(*lens));
	static const char *ping[] = {"PING"};
	static const size_t ping_len[] = {4};
	size_t made = 0;
	tc_status st = TC_OK;
	if (!cmds || !rep || !keys || !argvs || !lens) {
		st = tc_err_set(err, TC_ERR_NOMEM, "out of memory reading tag %.*s", (int)tag.len, tag.ptr);
		goto out;
	}
	if (k) {
		cmds[0] = (tc_redis_cmd){1, ping, ping_len};
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
		int argc = bt_hmget(keys[made], rb->plen + 3 + ids[made].len, whole, a, l);
		cmds[k + made] = (tc_redis_cmd){argc, a, l};
	}
	st = tc_redis_pipeline(&rb->link, TC_REDIS_IDEMPOTENT, n + k, cmds, rep, err);
	if (st != TC_OK) {
		goto out;
	}
	int moved = k && n > 1 && depth < 2 && bt_error_is(rep[k], "MOVED");
	for (size_t i = 0; i < n; i++) {
		if (st == TC_OK && (!moved || i == 0)) {
			st = bt_reply(b, tag, ids[i], rep[k + i], whole, k, cb, ud, err);
		}
		freeReplyObject(rep[k + i]);
	}
	if (k) {
		freeReplyObject(rep[0]);
	}
	if (st == TC_OK && moved) {
		st = bt_batch(b, tag, ids + 1, n - 1, whole, cb, ud, depth + 1, err);
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

static tc_status rb_read_entries(tc_backend *b, tc_str tag, const tc_str *ids, size_t n, int whole,
	rb_entry_cb cb, void *ud, tc_err *err)
{
	return n ? bt_batch(b, tag, ids, n, whole, cb, ud, 0, err) : TC_OK;
}

/* rb_entry_cb of getByTag: the entry to the visitor. */
static tc_status bt_visit_reply(
	tc_backend *b, void *ud, tc_str id, const redisReply *r, tc_err *err)
{
	return bt_visit(b, ud, id, r->element[1], r->element[2], r->element[3], err);
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
		st = rb_read_entries(b, tag, l.ids + i, l.n - i < batch ? l.n - i : batch, 1,
			bt_visit_reply, (void *)v, err);
	}
	for (size_t i = 0; i < l.n; i++) {
		tc_free((void *)l.ids[i].ptr);
	}
	tc_free(l.ids);
	return st;
}

tc_status rb_read_unread(tc_backend *b, tc_str tag, const redisReply *miss, int whole,
	rb_entry_cb cb, void *ud, tc_err *err)
{
	if (miss->elements == 0) {
		return TC_OK;
	}
	tc_str *ids = tc_malloc(miss->elements * sizeof(*ids));
	if (!ids) {
		return tc_err_set(
			err, TC_ERR_NOMEM, "out of memory reading tag %.*s", (int)tag.len, tag.ptr);
	}
	size_t n = 0;
	for (size_t i = 0; i < miss->elements; i++) {
		if (miss->element[i]->type == REDIS_REPLY_STRING) {
			ids[n++] = (tc_str){miss->element[i]->str, miss->element[i]->len};
		}
	}
	tc_status st = rb_read_entries(b, tag, ids, n, whole, cb, ud, err);
	tc_free(ids);
	return st;
}

tc_status rb_get_by_tag(tc_backend *b, tc_str tag, const tc_entry_visitor *v, tc_err *err)
{
	tc_redis_backend *rb = rb_of(b);
	char *tk = rb_join(rb->tag_pfx, rb->plen + 3, tag.ptr, tag.len);
	if (!tk) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory reading tag %.*s", (int)tag.len, tag.ptr);
	}
	const char *argv[] = {NULL, NULL, NULL, tk, rb->entry_pfx, tag.ptr, rb->batch_str,
		TC_REDIS_FETCH_BUDGET, bt_cluster(rb) ? "1" : "0"};
	size_t lens[] = {0, 0, 0, rb->plen + 3 + tag.len, rb->plen + 3, tag.len, strlen(rb->batch_str),
		sizeof(TC_REDIS_FETCH_BUDGET) - 1, 1};
	redisReply *r;
	tc_status st = tc_redis_script_run(&rb->link, TC_RS_FETCH, 9, argv, lens, 1, &r, err);
	tc_free(tk);
	if (st != TC_OK) {
		return st;
	}
	if (r->type == REDIS_REPLY_ARRAY && r->elements == 1 &&
		r->element[0]->type == REDIS_REPLY_INTEGER && r->element[0]->integer == 0) {
		freeReplyObject(r);
		return bt_large(b, tag, v, err);
	}
	if (r->type != REDIS_REPLY_ARRAY || r->elements < 2 || (r->elements - 2) % 4 != 0 ||
		r->element[0]->type != REDIS_REPLY_INTEGER || r->element[1]->type != REDIS_REPLY_ARRAY) {
		st = rb_script_error(rb, r, "reading a tag", err);
		freeReplyObject(r);
		return st;
	}
	for (size_t i = 2; st == TC_OK && i < r->elements; i += 4) {
		const redisReply *id = r->element[i];
		if (id->type == REDIS_REPLY_STRING) {
			st = bt_visit(b, v, (tc_str){id->str, id->len}, r->element[i + 1], r->element[i + 2],
				r->element[i + 3], err);
		}
	}
	/* Members this node could not read (a cluster link only): moved by a slot migration, or
	 * expired. One pipeline reads them where they are now. */
	const redisReply *miss = r->element[1];
	st = st == TC_OK ? rb_read_unread(b, tag, miss, 1, bt_visit_reply, (void *)v, err) : st;
	freeReplyObject(r);
	return st;
}
