/* The per-proxy outboxes against a real redis-server (run from test_bus_stream.c's suite):
 * order of failures kept (not the members' byte order), coalescing, expiry to the dead list,
 * retry state, and the listing with glob characters in the stream name. */
#include <stdio.h>
#include <string.h>

#include "tu.h"
#include "tb_redis.h"
#include "../../src/bus/tc_bus.h"
#include "../../src/tc_alloc.h"

void tu_suite_bus_outbox_with(tb_server *s, tc_redis_link *l);

static tb_server *srv;
static tc_redis_link *lnk;

static tc_status add(tc_bus_stream *s, const char *proxy, const char *members, uint64_t now)
{
	const char *m[16];
	size_t l[16], n = 0;
	for (const char *p = members; *p; p++) {
		m[n] = p;
		l[n++] = 1;
	}
	tc_err err;
	return tc_bus_outbox_add(s, proxy, n, m, l, now, &err);
}

/* The members in order, as one string; first_ms of the first into *first. */
static void peek(tc_bus_stream *s, const char *proxy, char *out, uint64_t *first)
{
	tc_bus_outbox_item *it;
	size_t n;
	tc_err err;
	out[0] = '\0';
	if (tc_bus_outbox_peek(s, proxy, 100, &it, &n, &err) != TC_OK) {
		strcpy(out, "error");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		strncat(out, it[i].member, it[i].len);
	}
	if (first && n) {
		*first = it[0].first_ms;
	}
	tc_bus_outbox_items_free(it, n);
}

static void bus_outbox_order(void)
{
	tc_bus_stream s = {lnk, "ob", 0};
	tc_err err;
	char got[64];
	uint64_t first = 0;
	TU_REQUIRE(add(&s, "p1", "cab", 1000) == TC_OK);
	peek(&s, "p1", got, &first);
	TU_CHECK(strcmp(got, "cab") == 0);
	TU_EQ(first, 1000);
	/* A waiting member keeps its place; new ones go last, even with an older clock. */
	TU_REQUIRE(add(&s, "p1", "ad", 1000) == TC_OK);
	TU_REQUIRE(add(&s, "p1", "e", 500) == TC_OK);
	TU_REQUIRE(add(&s, "p1", "f", 5000) == TC_OK);
	peek(&s, "p1", got, &first);
	TU_CHECK(strcmp(got, "cabdef") == 0);
	TU_EQ(first, 1000);
	const char *rm[] = {"a", "c"};
	size_t rl[] = {1, 1};
	TU_REQUIRE(tc_bus_outbox_remove(&s, "p1", 2, rm, rl, &err) == TC_OK);
	peek(&s, "p1", got, &first);
	TU_CHECK(strcmp(got, "bdef") == 0);
	/* Expiry: b, d, e first failed in ms 1000, f in 5000. */
	uint64_t dropped = 0;
	TU_REQUIRE(tc_bus_outbox_state_set(&s, "p1", 2, 7000, &err) == TC_OK);
	TU_REQUIRE(tc_bus_outbox_expire(&s, "p1", 2000, &dropped, &err) == TC_OK);
	TU_EQ(dropped, 3);
	peek(&s, "p1", got, &first);
	TU_CHECK(strcmp(got, "f") == 0);
	TU_EQ(first, 5000);
	redisReply *r = redisCommand(srv->raw, "LRANGE ob:dead:p1 0 -1");
	TU_CHECK(r && r->elements == 3 && strcmp(r->element[0]->str, "e") == 0 &&
		strcmp(r->element[2]->str, "b") == 0);
	freeReplyObject(r);
	TU_REQUIRE(tc_bus_outbox_expire(&s, "p1", 2000, &dropped, &err) == TC_OK);
	TU_EQ(dropped, 0);
	TU_REQUIRE(tc_bus_outbox_state_set(&s, "p1", 4, 9999, &err) == TC_OK);
	TU_REQUIRE(tc_bus_outbox_state_set(&s, "p2", 1, 100, &err) == TC_OK);
	tc_bus_outbox_info *in;
	size_t n;
	TU_REQUIRE(tc_bus_outbox_list(&s, &in, &n, &err) == TC_OK);
	TU_REQUIRE(n == 2);
	TU_CHECK(strcmp(in[0].proxy, "p1") == 0 && in[0].size == 1 && in[0].oldest_ms == 5000 &&
		in[0].attempts == 4 && in[0].next_ms == 9999 && in[0].dropped == 3);
	TU_CHECK(strcmp(in[1].proxy, "p2") == 0 && in[1].size == 0 && in[1].oldest_ms == 0 &&
		in[1].attempts == 1 && in[1].dropped == 0);
	tc_bus_outbox_infos_free(in, n);
	/* Bad proxy names. */
	TU_EQ(add(&s, "", "x", 1), TC_ERR_ARG);
	TU_EQ(tc_bus_outbox_state_set(&s, "", 1, 1, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "proxy") != NULL);
}

/* Many members added in one ms keep their order; encoded messages as members. */
static void bus_outbox_many(void)
{
	tc_bus_stream s = {lnk, "obm", 0};
	tc_err err;
	enum { N = 300 };
	char *m[N];
	size_t l[N];
	for (int i = 0; i < N; i++) {
		tc_bus_msg msg;
		memset(&msg, 0, sizeof(msg));
		msg.op = TC_BUS_PURGE_TAGS;
		tc_strlist_init(&msg.args);
		char tag[16];
		snprintf(tag, sizeof(tag), "t%d", N - i); /* byte order differs from the order added */
		tc_strlist_add(&msg.args, tag, strlen(tag));
		TU_REQUIRE(tc_bus_msg_encode(&msg, &m[i], &l[i], &err) == TC_OK);
		tc_strlist_free(&msg.args);
	}
	for (int i = 0; i < N; i += 100) {
		TU_REQUIRE(tc_bus_outbox_add(&s, "v", 100, (const char *const *)m + i, l + i, 42, &err) == TC_OK);
	}
	tc_bus_outbox_item *it;
	size_t n;
	TU_REQUIRE(tc_bus_outbox_peek(&s, "v", 1000, &it, &n, &err) == TC_OK);
	TU_EQ(n, N);
	int ordered = n == N;
	for (size_t i = 0; i < n && ordered; i++) {
		ordered = it[i].len == l[i] && memcmp(it[i].member, m[i], l[i]) == 0 && it[i].first_ms == 42;
	}
	TU_CHECK(ordered);
	tc_bus_outbox_items_free(it, n);
	for (int i = 0; i < N; i++) {
		tc_free(m[i]);
	}
}

/* Glob characters of the stream name match only themselves. */
static void bus_outbox_list_glob(void)
{
	tc_bus_stream a = {lnk, "g[x]*?\\", 0}, b = {lnk, "gx-other", 0};
	tc_err err;
	TU_REQUIRE(add(&a, "q", "1", 10) == TC_OK);
	TU_REQUIRE(add(&b, "r", "1", 10) == TC_OK);
	tc_bus_outbox_info *in;
	size_t n;
	TU_REQUIRE(tc_bus_outbox_list(&a, &in, &n, &err) == TC_OK);
	TU_CHECK(n == 1 && strcmp(in[0].proxy, "q") == 0 && in[0].size == 1 && in[0].oldest_ms == 10);
	tc_bus_outbox_infos_free(in, n);
	tc_bus_stream none = {lnk, "nothing-here", 0};
	TU_REQUIRE(tc_bus_outbox_list(&none, &in, &n, &err) == TC_OK);
	TU_EQ(n, 0);
}

void tu_suite_bus_outbox_with(tb_server *s, tc_redis_link *l)
{
	srv = s;
	lnk = l;
	TU_RUN(bus_outbox_order);
	TU_RUN(bus_outbox_many);
	TU_RUN(bus_outbox_list_glob);
}
