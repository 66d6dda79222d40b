/* The stream of published batches and the nodes' consumer groups: XADD in one pipeline,
 * group creation and SETID, XREADGROUP of new or pending entries, XACK, and the trim to what
 * every group still needs. Stream ids are handled as "<ms>-<seq>" strings. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tc_bus_int.h"
#include "../backend/redis_pipe.h"
#include "../tc_alloc.h"

int tc_bus_reply_is_error(const struct redisReply *r, const char *prefix)
{
	size_t n = strlen(prefix);
	return r && r->type == REDIS_REPLY_ERROR && r->str && r->len >= n && memcmp(r->str, prefix, n) == 0;
}

int tc_bus_reply_id(const struct redisReply *r, char dst[TC_BUS_ID_MAX])
{
	if (!r || (r->type != REDIS_REPLY_STRING && r->type != REDIS_REPLY_STATUS) || !r->str ||
		r->len >= TC_BUS_ID_MAX) {
		return -1;
	}
	memcpy(dst, r->str, r->len);
	dst[r->len] = '\0';
	return 0;
}

int tc_bus_id_parse(const char *id, uint64_t *ms, uint64_t *seq)
{
	char *end;
	if (!id || *id < '0' || *id > '9') {
		return -1;
	}
	*ms = strtoull(id, &end, 10);
	*seq = 0;
	if (*end == '\0') {
		return 0;
	}
	if (*end != '-' || end[1] < '0' || end[1] > '9') {
		return -1;
	}
	*seq = strtoull(end + 1, &end, 10);
	return *end == '\0' ? 0 : -1;
}

int tc_bus_id_cmp(const char *a, const char *b)
{
	uint64_t am = 0, as = 0, bm = 0, bs = 0;
	tc_bus_id_parse(a, &am, &as);
	tc_bus_id_parse(b, &bm, &bs);
	if (am != bm) {
		return am > bm ? 1 : -1;
	}
	return as == bs ? 0 : as > bs ? 1 : -1;
}

static tc_status need_node(const char *node, tc_err *err)
{
	if (!node || !*node) {
		return tc_err_set(err, TC_ERR_ARG, "bus: the node name must not be empty");
	}
	return TC_OK;
}

tc_status tc_bus_xadd(tc_bus_stream *s, size_t n, const char *const *payloads, const size_t *lens,
	char (*ids)[TC_BUS_ID_MAX], tc_err *err)
{
	if (n == 0) {
		return TC_OK;
	}
	char maxlen[24];
	snprintf(maxlen, sizeof(maxlen), "%" PRIu64, s->max_length);
	tc_redis_cmd *cmds = tc_calloc(n, sizeof(*cmds));
	const char **argv = tc_calloc(n * 7, sizeof(*argv));
	size_t *alen = tc_calloc(n * 7, sizeof(*alen));
	redisReply **replies = tc_calloc(n, sizeof(*replies));
	tc_status st = TC_OK;
	if (!cmds || !argv || !alen || !replies) {
		st = tc_err_set(err, TC_ERR_NOMEM, "bus: out of memory publishing %zu batches", n);
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		const char **a = argv + i * 7;
		size_t *l = alen + i * 7, k = 0;
		a[k] = "XADD", l[k++] = 4;
		a[k] = s->stream, l[k++] = strlen(s->stream);
		if (s->max_length) {
			a[k] = "MAXLEN", l[k++] = 6;
			a[k] = maxlen, l[k++] = strlen(maxlen);
		}
		a[k] = "*", l[k++] = 1;
		a[k] = "b", l[k++] = 1;
		a[k] = payloads[i], l[k++] = lens[i];
		cmds[i] = (tc_redis_cmd){(int)k, a, l};
	}
	st = tc_redis_pipeline(s->link, 0, n, cmds, replies, err);
	for (size_t i = 0; st == TC_OK && i < n; i++) {
		if (replies[i]->type != REDIS_REPLY_STRING) {
			st = tc_redis_reply_error(s->link, replies[i], "XADD", err);
		} else if (ids && tc_bus_reply_id(replies[i], ids[i]) != 0) {
			st = tc_redis_reply_error(s->link, replies[i], "XADD", err);
		}
	}
	for (size_t i = 0; replies && i < n; i++) {
		if (replies[i]) {
			freeReplyObject(replies[i]);
		}
	}
done:
	tc_free(cmds);
	tc_free(argv);
	tc_free(alen);
	tc_free(replies);
	return st;
}

tc_status tc_bus_ping(tc_bus_stream *s, tc_err *err)
{
	const char *argv[] = {"PING"};
	redisReply *r;
	tc_status st = tc_redis_command_expect(s->link, TC_REDIS_IDEMPOTENT, 1, argv, NULL, -1, &r, err);
	if (st == TC_OK) {
		freeReplyObject(r);
	}
	return st;
}

tc_status tc_bus_group_ensure(tc_bus_stream *s, const char *node, int *created, tc_err *err)
{
	*created = 0;
	if (need_node(node, err) != TC_OK) {
		return TC_ERR_ARG;
	}
	const char *argv[] = {"XGROUP", "CREATE", s->stream, node, "$", "MKSTREAM"};
	redisReply *r;
	tc_status st = tc_redis_command(s->link, TC_REDIS_IDEMPOTENT, 6, argv, NULL, &r, err);
	if (st != TC_OK) {
		return st;
	}
	if (r->type == REDIS_REPLY_STATUS) {
		*created = 1;
	} else if (!tc_bus_reply_is_error(r, "BUSYGROUP")) {
		st = tc_redis_reply_error(s->link, r, "XGROUP CREATE", err);
	}
	freeReplyObject(r);
	return st;
}

static tc_status no_group(tc_bus_stream *s, const char *node, tc_err *err)
{
	return tc_err_set(err, TC_ERR_ARG, "Redis at %s: no group %s on stream %s", s->link->where,
		node, s->stream);
}

/* SETID, with ENTRIESREAD when id is the stream's last id, all in one script: Redis then knows
 * the group's lag (and the gap check its entries-read) right away instead of after a read. */
static const char setid_lua[] =
	"local i = redis.call('XINFO', 'STREAM', KEYS[1])\n"
	"local last, added\n"
	"for k = 1, #i, 2 do\n"
	"  if i[k] == 'last-generated-id' then last = i[k + 1] end\n"
	"  if i[k] == 'entries-added' then added = i[k + 1] end\n"
	"end\n"
	"if last == ARGV[2] and added then\n"
	"  return redis.call('XGROUP', 'SETID', KEYS[1], ARGV[1], ARGV[2], 'ENTRIESREAD', added)\n"
	"end\n"
	"return redis.call('XGROUP', 'SETID', KEYS[1], ARGV[1], ARGV[2])\n";

tc_status tc_bus_group_setid(tc_bus_stream *s, const char *node, const char *id, tc_err *err)
{
	if (need_node(node, err) != TC_OK) {
		return TC_ERR_ARG;
	}
	uint64_t ms, seq;
	if (!id || (strcmp(id, "$") != 0 && tc_bus_id_parse(id, &ms, &seq) != 0)) {
		return tc_err_set(err, TC_ERR_ARG, "bus: '%s' is no stream id (<ms>-<seq>)", id ? id : "");
	}
	const char *argv[] = {"EVAL", setid_lua, "1", s->stream, node, id};
	size_t lens[] = {4, sizeof(setid_lua) - 1, 1, strlen(s->stream), strlen(node), strlen(id)};
	redisReply *r;
	tc_status st = tc_redis_command(s->link, TC_REDIS_IDEMPOTENT, 6, argv, lens, &r, err);
	if (st != TC_OK) {
		return st;
	}
	if (r->type == REDIS_REPLY_ERROR && r->str && (strstr(r->str, "NOGROUP") || strstr(r->str, "no such key"))) {
		st = no_group(s, node, err);
	} else if (r->type != REDIS_REPLY_STATUS) {
		st = tc_redis_reply_error(s->link, r, "XGROUP SETID", err);
	}
	freeReplyObject(r);
	return st;
}

void tc_bus_entries_free(tc_bus_entry *e, size_t n)
{
	for (size_t i = 0; e && i < n; i++) {
		tc_free(e[i].payload);
	}
	tc_free(e);
}

/* One XREADGROUP entry [id, [field, value, ...] | nil] into *e. */
static int read_entry(const redisReply *r, tc_bus_entry *e)
{
	memset(e, 0, sizeof(*e));
	if (r->type != REDIS_REPLY_ARRAY || r->elements != 2 || tc_bus_reply_id(r->element[0], e->id) != 0) {
		return -1;
	}
	const redisReply *f = r->element[1];
	if (f->type != REDIS_REPLY_ARRAY) {
		return f->type == REDIS_REPLY_NIL ? 0 : -1; /* deleted while pending */
	}
	for (size_t k = 0; k + 1 < f->elements; k += 2) {
		const redisReply *key = f->element[k], *v = f->element[k + 1];
		if (key->type == REDIS_REPLY_STRING && key->len == 1 && key->str[0] == 'b' &&
			v->type == REDIS_REPLY_STRING) {
			e->payload = tc_malloc(v->len ? v->len : 1);
			if (!e->payload) {
				return -2;
			}
			memcpy(e->payload, v->str, v->len);
			e->len = v->len;
			return 0;
		}
	}
	return 0;
}

static void set_read_timeout(tc_redis_link *l, unsigned ms)
{
	l->read_timeout_ms = ms;
	if (l->own) {
		/* An owned connection got its timeout when it connected (pooled ones are set per call). */
		struct timeval tv = {(time_t)(ms / 1000), (suseconds_t)(ms % 1000) * 1000};
		redisSetTimeout(l->own, tv);
	}
}

tc_status tc_bus_read(tc_bus_stream *s, const char *node, int pending, size_t count,
	unsigned block_ms, tc_bus_entry **entries, size_t *n, tc_err *err)
{
	*entries = NULL;
	*n = 0;
	if (need_node(node, err) != TC_OK) {
		return TC_ERR_ARG;
	}
	char cnt[24], blk[24];
	snprintf(cnt, sizeof(cnt), "%zu", count ? count : 1);
	snprintf(blk, sizeof(blk), "%u", block_ms);
	const char *argv[12];
	int k = 0;
	argv[k++] = "XREADGROUP";
	argv[k++] = "GROUP";
	argv[k++] = node;
	argv[k++] = node;
	argv[k++] = "COUNT";
	argv[k++] = cnt;
	int block = !pending && block_ms > 0;
	if (block) {
		argv[k++] = "BLOCK";
		argv[k++] = blk;
	}
	argv[k++] = "STREAMS";
	argv[k++] = s->stream;
	argv[k++] = pending ? "0" : ">";
	unsigned old = s->link->read_timeout_ms;
	if (block && old) {
		/* A long wait is no timeout: the socket waits for the block and a second more. */
		set_read_timeout(s->link, old + block_ms + 1000);
	}
	redisReply *r;
	/* Re-reading the pending entries is harmless; a ">" read moves the group's cursor. */
	tc_status st = tc_redis_command(s->link, pending ? TC_REDIS_IDEMPOTENT : 0, k, argv, NULL, &r, err);
	if (block && old) {
		set_read_timeout(s->link, old);
	}
	if (st != TC_OK) {
		return st;
	}
	if (r->type == REDIS_REPLY_NIL) {
		freeReplyObject(r);
		return TC_OK;
	}
	if (tc_bus_reply_is_error(r, "NOGROUP")) {
		freeReplyObject(r);
		return no_group(s, node, err);
	}
	const redisReply *list = NULL;
	if (r->type == REDIS_REPLY_ARRAY && r->elements == 1 && r->element[0]->type == REDIS_REPLY_ARRAY &&
		r->element[0]->elements == 2 && r->element[0]->element[1]->type == REDIS_REPLY_ARRAY) {
		list = r->element[0]->element[1];
	}
	if (!list) {
		st = tc_redis_reply_error(s->link, r, "XREADGROUP", err);
		freeReplyObject(r);
		return st;
	}
	tc_bus_entry *e = list->elements ? tc_calloc(list->elements, sizeof(*e)) : NULL;
	if (list->elements && !e) {
		freeReplyObject(r);
		return tc_err_set(err, TC_ERR_NOMEM, "bus: out of memory reading %zu entries", list->elements);
	}
	for (size_t i = 0; i < list->elements; i++) {
		int rc = read_entry(list->element[i], &e[i]);
		if (rc != 0) {
			tc_bus_entries_free(e, i + 1);
			st = rc == -2 ? tc_err_set(err, TC_ERR_NOMEM, "bus: out of memory reading entries")
						  : tc_redis_reply_error(s->link, r, "XREADGROUP", err);
			freeReplyObject(r);
			return st;
		}
	}
	*entries = e;
	*n = list->elements;
	freeReplyObject(r);
	return TC_OK;
}

tc_status tc_bus_ack(tc_bus_stream *s, const char *node, size_t n,
	const char (*ids)[TC_BUS_ID_MAX], tc_err *err)
{
	if (need_node(node, err) != TC_OK) {
		return TC_ERR_ARG;
	}
	if (n == 0) {
		return TC_OK;
	}
	const char **argv = tc_calloc(n + 3, sizeof(*argv));
	if (!argv) {
		return tc_err_set(err, TC_ERR_NOMEM, "bus: out of memory acknowledging %zu entries", n);
	}
	argv[0] = "XACK";
	argv[1] = s->stream;
	argv[2] = node;
	for (size_t i = 0; i < n; i++) {
		argv[3 + i] = ids[i];
	}
	redisReply *r;
	tc_status st = tc_redis_command_expect(s->link, TC_REDIS_IDEMPOTENT, (int)(n + 3), argv, NULL,
		REDIS_REPLY_INTEGER, &r, err);
	tc_free(argv);
	if (st == TC_OK) {
		freeReplyObject(r);
	}
	return st;
}
