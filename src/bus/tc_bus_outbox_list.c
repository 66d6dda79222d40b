/* The list of a stream's outboxes (the backlog per proxy): the proxies found by SCAN of
 * <stream>:outbox:* and in <stream>:outbox-state, each with its size, oldest member and retry
 * state. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tc_bus_int.h"
#include "../tc_alloc.h"

void tc_bus_outbox_infos_free(tc_bus_outbox_info *in, size_t n)
{
	for (size_t i = 0; in && i < n; i++) {
		tc_free(in[i].proxy);
	}
	tc_free(in);
}

typedef struct {
	tc_bus_outbox_info *v;
	size_t n, cap;
} infos;

/* The entry for proxy (added when new), or NULL when out of memory. */
static tc_bus_outbox_info *find(infos *in, const char *p, size_t len)
{
	for (size_t i = 0; i < in->n; i++) {
		if (strlen(in->v[i].proxy) == len && memcmp(in->v[i].proxy, p, len) == 0) {
			return &in->v[i];
		}
	}
	if (in->n == in->cap) {
		size_t cap = in->cap ? in->cap * 2 : 8;
		tc_bus_outbox_info *v = tc_realloc(in->v, cap * sizeof(*v));
		if (!v) {
			return NULL;
		}
		in->v = v;
		in->cap = cap;
	}
	tc_bus_outbox_info *e = &in->v[in->n];
	memset(e, 0, sizeof(*e));
	e->proxy = tc_strndup(p, len);
	if (!e->proxy) {
		return NULL;
	}
	in->n++;
	return e;
}

/* The SCAN pattern: the stream name with * ? [ ] \ escaped, then ":outbox:*". */
static char *pattern(const char *stream)
{
	size_t n = strlen(stream);
	char *p = tc_malloc(2 * n + sizeof(":outbox:*"));
	if (!p) {
		return NULL;
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (strchr("*?[]\\", stream[i])) {
			p[k++] = '\\';
		}
		p[k++] = stream[i];
	}
	memcpy(p + k, ":outbox:*", sizeof(":outbox:*"));
	return p;
}

static tc_status scan_keys(tc_bus_stream *s, infos *in, tc_err *err)
{
	char *pat = pattern(s->stream);
	if (!pat) {
		return tc_err_set(err, TC_ERR_NOMEM, "bus outbox: out of memory");
	}
	size_t prefix = strlen(s->stream) + strlen(":outbox:");
	char cursor[TC_BUS_ID_MAX] = "0";
	tc_status st = TC_OK;
	do {
		const char *argv[] = {"SCAN", cursor, "MATCH", pat, "COUNT", "1000", "TYPE", "zset"};
		redisReply *r;
		st = tc_redis_command(s->link, TC_REDIS_IDEMPOTENT, 8, argv, NULL, &r, err);
		if (st != TC_OK) {
			break;
		}
		if (r->type != REDIS_REPLY_ARRAY || r->elements != 2 || tc_bus_reply_id(r->element[0], cursor) != 0 ||
			r->element[1]->type != REDIS_REPLY_ARRAY) {
			st = tc_redis_reply_error(s->link, r, "SCAN", err);
			freeReplyObject(r);
			break;
		}
		const redisReply *keys = r->element[1];
		for (size_t i = 0; i < keys->elements && st == TC_OK; i++) {
			const redisReply *k = keys->element[i];
			if (k->type == REDIS_REPLY_STRING && k->len > prefix &&
				!memchr(k->str + prefix, '\0', k->len - prefix) &&
				!find(in, k->str + prefix, k->len - prefix)) {
				st = tc_err_set(err, TC_ERR_NOMEM, "bus outbox: out of memory");
			}
		}
		freeReplyObject(r);
	} while (st == TC_OK && strcmp(cursor, "0") != 0);
	tc_free(pat);
	return st;
}

static tc_status read_state(tc_bus_stream *s, infos *in, tc_err *err)
{
	char *key = tc_bus_outbox_key(s, ":outbox-state", NULL, err);
	if (!key) {
		return err->code;
	}
	const char *argv[] = {"HGETALL", key};
	redisReply *r;
	tc_status st = tc_redis_command_expect(s->link, TC_REDIS_IDEMPOTENT, 2, argv, NULL,
		REDIS_REPLY_ARRAY, &r, err);
	tc_free(key);
	if (st != TC_OK) {
		return st;
	}
	for (size_t i = 0; i + 1 < r->elements; i += 2) {
		const redisReply *p = r->element[i], *v = r->element[i + 1];
		if (p->type != REDIS_REPLY_STRING || v->type != REDIS_REPLY_STRING || p->len == 0 ||
			memchr(p->str, '\0', p->len)) {
			continue;
		}
		tc_bus_outbox_info *e = find(in, p->str, p->len);
		if (!e) {
			st = tc_err_set(err, TC_ERR_NOMEM, "bus outbox: out of memory");
			break;
		}
		unsigned long long a = 0, nx = 0, d = 0;
		if (sscanf(v->str, "%llu %llu %llu", &a, &nx, &d) == 3) {
			e->attempts = a;
			e->next_ms = nx;
			e->dropped = d;
		}
	}
	freeReplyObject(r);
	return st;
}

/* Size and oldest member of each outbox, in one pipeline-free pass (a handful of proxies). */
static tc_status sizes(tc_bus_stream *s, infos *in, tc_err *err)
{
	for (size_t i = 0; i < in->n; i++) {
		char *key = tc_bus_outbox_key(s, ":outbox:", in->v[i].proxy, err);
		if (!key) {
			return err->code;
		}
		const char *argv[] = {"ZRANGE", key, "0", "0", "WITHSCORES"};
		redisReply *r;
		tc_status st = tc_redis_command_expect(s->link, TC_REDIS_IDEMPOTENT, 5, argv, NULL,
			REDIS_REPLY_ARRAY, &r, err);
		if (st == TC_OK) {
			if (r->elements == 2 && r->element[1]->type == REDIS_REPLY_STRING) {
				in->v[i].oldest_ms = tc_bus_outbox_score_ms(r->element[1]->str);
			}
			freeReplyObject(r);
			const char *cargv[] = {"ZCARD", key};
			st = tc_redis_command_expect(s->link, TC_REDIS_IDEMPOTENT, 2, cargv, NULL,
				REDIS_REPLY_INTEGER, &r, err);
			if (st == TC_OK) {
				in->v[i].size = r->integer > 0 ? (uint64_t)r->integer : 0;
				freeReplyObject(r);
			}
		}
		tc_free(key);
		if (st != TC_OK) {
			return st;
		}
	}
	return TC_OK;
}

static int by_proxy(const void *a, const void *b)
{
	return strcmp(((const tc_bus_outbox_info *)a)->proxy, ((const tc_bus_outbox_info *)b)->proxy);
}

tc_status tc_bus_outbox_list(tc_bus_stream *s, tc_bus_outbox_info **out, size_t *n, tc_err *err)
{
	*out = NULL;
	*n = 0;
	infos in = {NULL, 0, 0};
	tc_status st = scan_keys(s, &in, err);
	if (st == TC_OK) {
		st = read_state(s, &in, err);
	}
	if (st == TC_OK) {
		st = sizes(s, &in, err);
	}
	if (st != TC_OK) {
		tc_bus_outbox_infos_free(in.v, in.n);
		return st;
	}
	if (in.n > 1) {
		qsort(in.v, in.n, sizeof(*in.v), by_proxy);
	}
	*out = in.v;
	*n = in.n;
	return TC_OK;
}
