/* The bus stream against a real redis-server (tb_redis.c): publish, groups, reads of new and
 * pending entries, acks, the gap check (MAXLEN trims past an unread group; SETID fallback),
 * the trim that never makes a gap, and info with a foreign group's long name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tu.h"
#include "tb_redis.h"
#include "../../src/bus/tc_bus.h"

extern int tu_skipped;
static tb_server srv;
static tc_redis_link link_;

static tc_bus_stream stream(const char *key, uint64_t max)
{
	tb_int(&srv, "DEL %s", key);
	return (tc_bus_stream){&link_, key, max};
}

static int publish(tc_bus_stream *s, size_t n, const char *tag, char (*ids)[TC_BUS_ID_MAX])
{
	const char *p[16];
	size_t l[16];
	char buf[16][32];
	for (size_t i = 0; i < n; i++) {
		snprintf(buf[i], sizeof(buf[i]), "%s-%zu", tag, i);
		p[i] = buf[i];
		l[i] = strlen(buf[i]);
	}
	tc_err err;
	return tc_bus_xadd(s, n, p, l, ids, &err) == TC_OK ? 0 : -1;
}

/* Reads (new) and acks everything; returns how many. */
static long drain(tc_bus_stream *s, const char *node)
{
	tc_err err;
	tc_bus_entry *e;
	size_t n;
	if (tc_bus_read(s, node, 0, 100, 0, &e, &n, &err) != TC_OK) {
		return -1;
	}
	char ids[100][TC_BUS_ID_MAX];
	for (size_t i = 0; i < n; i++) {
		memcpy(ids[i], e[i].id, TC_BUS_ID_MAX);
	}
	tc_bus_entries_free(e, n);
	return tc_bus_ack(s, node, n, (const char (*)[TC_BUS_ID_MAX])ids, &err) == TC_OK ? (long)n : -1;
}

static int gap_of(tc_bus_stream *s, const char *node, char *resume)
{
	tc_err err;
	int gap = -1;
	char r[TC_BUS_ID_MAX];
	if (tc_bus_gap_check(s, node, &gap, resume ? resume : r, &err) != TC_OK) {
		return -1;
	}
	return gap;
}

static void bus_read_ack(void)
{
	tc_bus_stream s = stream("bs:read", 100);
	tc_err err;
	int created = -1;
	TU_REQUIRE(tc_bus_group_ensure(&s, "n1", &created, &err) == TC_OK);
	TU_EQ(created, 1);
	TU_REQUIRE(tc_bus_group_ensure(&s, "n1", &created, &err) == TC_OK);
	TU_EQ(created, 0);
	char ids[3][TC_BUS_ID_MAX];
	TU_REQUIRE(publish(&s, 3, "p", ids) == 0);
	TU_CHECK(strcmp(ids[0], ids[1]) != 0 && ids[2][0] != '\0');
	tc_bus_entry *e;
	size_t n;
	TU_REQUIRE(tc_bus_read(&s, "n1", 0, 10, 0, &e, &n, &err) == TC_OK);
	TU_REQUIRE(n == 3);
	for (size_t i = 0; i < n; i++) {
		char want[32];
		snprintf(want, sizeof(want), "p-%zu", i);
		TU_CHECK(strcmp(e[i].id, ids[i]) == 0);
		TU_CHECK(e[i].payload && e[i].len == strlen(want) && memcmp(e[i].payload, want, e[i].len) == 0);
	}
	tc_bus_entries_free(e, n);
	/* Nothing new; a short block returns empty, not a timeout, though it outlasts none. */
	TU_REQUIRE(tc_bus_read(&s, "n1", 0, 10, 0, &e, &n, &err) == TC_OK);
	TU_EQ(n, 0);
	link_.read_timeout_ms = 100;
	TU_CHECK(tc_bus_read(&s, "n1", 0, 10, 300, &e, &n, &err) == TC_OK);
	TU_EQ(n, 0);
	TU_EQ(link_.read_timeout_ms, 100);
	link_.read_timeout_ms = 1000;
	/* Pending until acked: a restarted node finds them. */
	TU_REQUIRE(tc_bus_read(&s, "n1", 1, 10, 0, &e, &n, &err) == TC_OK);
	TU_EQ(n, 3);
	tc_bus_entries_free(e, n);
	TU_REQUIRE(tc_bus_ack(&s, "n1", 2, (const char (*)[TC_BUS_ID_MAX])ids, &err) == TC_OK);
	TU_REQUIRE(tc_bus_read(&s, "n1", 1, 10, 0, &e, &n, &err) == TC_OK);
	TU_REQUIRE(n == 1);
	TU_CHECK(strcmp(e[0].id, ids[2]) == 0);
	tc_bus_entries_free(e, n);
	/* Deleted while pending: reported without payload, and ackable. */
	redisReply *r = redisCommand(srv.raw, "XDEL bs:read %s", ids[2]);
	freeReplyObject(r);
	TU_REQUIRE(tc_bus_read(&s, "n1", 1, 10, 0, &e, &n, &err) == TC_OK);
	TU_REQUIRE(n == 1);
	TU_CHECK(e[0].payload == NULL && strcmp(e[0].id, ids[2]) == 0);
	tc_bus_entries_free(e, n);
	TU_REQUIRE(tc_bus_ack(&s, "n1", 1, (const char (*)[TC_BUS_ID_MAX])(ids + 2), &err) == TC_OK);
	TU_REQUIRE(tc_bus_read(&s, "n1", 1, 10, 0, &e, &n, &err) == TC_OK);
	TU_EQ(n, 0);
	/* Unknown group; empty node. */
	TU_EQ(tc_bus_read(&s, "nobody", 0, 10, 0, &e, &n, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "no group") != NULL);
	TU_EQ(tc_bus_group_setid(&s, "nobody", "0-0", &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "no group") != NULL);
	TU_EQ(tc_bus_read(&s, "", 0, 10, 0, &e, &n, &err), TC_ERR_ARG);
	TU_EQ(tc_bus_group_setid(&s, "n1", "bad", &err), TC_ERR_ARG);
	/* MAXLEN is exact. */
	tc_bus_stream t = stream("bs:cap", 5);
	for (int i = 0; i < 3; i++) {
		TU_REQUIRE(publish(&t, 4, "c", NULL) == 0);
	}
	TU_EQ(tb_int(&srv, "XLEN bs:cap"), 5);
}

static void bus_gap_maxlen(void)
{
	tc_bus_stream s = stream("bs:gap", 4);
	tc_err err;
	int c;
	TU_REQUIRE(tc_bus_group_ensure(&s, "keeps-up", &c, &err) == TC_OK);
	TU_REQUIRE(tc_bus_group_ensure(&s, "asleep", &c, &err) == TC_OK);
	for (int round = 0; round < 3; round++) {
		TU_REQUIRE(publish(&s, 2, "g", NULL) == 0);
		TU_EQ(drain(&s, "keeps-up"), 2);
	}
	TU_EQ(gap_of(&s, "keeps-up", NULL), 0);
	TU_EQ(gap_of(&s, "asleep", NULL), 1); /* 6 published, 4 kept: 2 it never read are gone */
	char resume[TC_BUS_ID_MAX];
	TU_EQ(gap_of(&s, "asleep", resume), 1);
	tc_bus_stream_info in;
	TU_REQUIRE(tc_bus_info(&s, &in, &err) == TC_OK);
	TU_CHECK(in.exists && in.length == 4 && in.ngroups == 2);
	TU_CHECK(strcmp(in.last_id, resume) == 0);
	for (size_t i = 0; i < in.ngroups; i++) {
		TU_EQ(in.groups[i].gap, strcmp(in.groups[i].name, "asleep") == 0);
	}
	tc_bus_info_free(&in);
	/* Resumed at the end: no gap, nothing to read, and the lag is known again. */
	TU_REQUIRE(tc_bus_group_setid(&s, "asleep", resume, &err) == TC_OK);
	TU_EQ(gap_of(&s, "asleep", NULL), 0);
	TU_EQ(drain(&s, "asleep"), 0);
	TU_REQUIRE(tc_bus_info(&s, &in, &err) == TC_OK);
	for (size_t i = 0; i < in.ngroups; i++) {
		if (strcmp(in.groups[i].name, "asleep") == 0) {
			TU_EQ(in.groups[i].lag, 0);
		}
	}
	tc_bus_info_free(&in);
	/* Keeping up from there: still no gap, for both. */
	for (int round = 0; round < 4; round++) {
		TU_REQUIRE(publish(&s, 3, "h", NULL) == 0);
		TU_EQ(drain(&s, "keeps-up"), 3);
		TU_EQ(drain(&s, "asleep"), 3);
	}
	TU_EQ(gap_of(&s, "keeps-up", NULL), 0);
	TU_EQ(gap_of(&s, "asleep", NULL), 0);
	/* A group missing on an existing stream is a gap; a missing stream is none. */
	TU_EQ(gap_of(&s, "new-node", NULL), 1);
	tc_bus_stream none = stream("bs:none", 4);
	TU_EQ(gap_of(&none, "n", NULL), 0);
}

/* SETID to an id that is not the last leaves entries-read unknown: the ids decide. */
static void bus_gap_fallback(void)
{
	tc_bus_stream s = stream("bs:fb", 0);
	tc_err err;
	int c;
	char ids[6][TC_BUS_ID_MAX];
	TU_REQUIRE(publish(&s, 6, "f", ids) == 0);
	TU_REQUIRE(tc_bus_group_ensure(&s, "behind", &c, &err) == TC_OK);
	TU_REQUIRE(tc_bus_group_ensure(&s, "near", &c, &err) == TC_OK);
	TU_REQUIRE(tc_bus_group_setid(&s, "behind", ids[1], &err) == TC_OK);
	TU_REQUIRE(tc_bus_group_setid(&s, "near", ids[3], &err) == TC_OK);
	TU_EQ(gap_of(&s, "behind", NULL), 0);
	TU_EQ(gap_of(&s, "near", NULL), 0);
	TU_EQ(tb_int(&srv, "XTRIM bs:fb MAXLEN 2"), 4); /* ids[4], ids[5] remain */
	TU_EQ(gap_of(&s, "behind", NULL), 1);
	TU_EQ(gap_of(&s, "near", NULL), 0);
	TU_EQ(tb_int(&srv, "XTRIM bs:fb MAXLEN 0"), 2);
	TU_EQ(gap_of(&s, "near", NULL), 1);
}

static void bus_trim(void)
{
	tc_bus_stream s = stream("bs:trim", 0);
	tc_err err;
	int c;
	uint64_t removed = 99;
	TU_REQUIRE(tc_bus_trim(&s, &removed, &err) == TC_OK); /* no stream, no group */
	TU_EQ(removed, 0);
	TU_REQUIRE(publish(&s, 3, "t", NULL) == 0);
	TU_REQUIRE(tc_bus_trim(&s, &removed, &err) == TC_OK);
	TU_EQ(removed, 0);
	TU_EQ(tb_int(&srv, "XLEN bs:trim"), 3);
	TU_REQUIRE(tc_bus_group_ensure(&s, "a", &c, &err) == TC_OK);
	TU_REQUIRE(tc_bus_group_ensure(&s, "b", &c, &err) == TC_OK);
	char ids[5][TC_BUS_ID_MAX];
	TU_REQUIRE(publish(&s, 5, "u", ids) == 0);
	TU_EQ(drain(&s, "a"), 5);
	/* b read two, acked the first: the second is pending, so it stays. */
	tc_bus_entry *e;
	size_t n;
	TU_REQUIRE(tc_bus_read(&s, "b", 0, 2, 0, &e, &n, &err) == TC_OK);
	TU_EQ(n, 2);
	tc_bus_entries_free(e, n);
	TU_REQUIRE(tc_bus_ack(&s, "b", 1, (const char (*)[TC_BUS_ID_MAX])ids, &err) == TC_OK);
	TU_REQUIRE(tc_bus_trim(&s, &removed, &err) == TC_OK);
	TU_EQ(removed, 4); /* the 3 before the groups and ids[0] */
	TU_EQ(gap_of(&s, "a", NULL), 0);
	TU_EQ(gap_of(&s, "b", NULL), 0);
	TU_REQUIRE(tc_bus_read(&s, "b", 1, 10, 0, &e, &n, &err) == TC_OK);
	TU_CHECK(n == 1 && e[0].payload && strcmp(e[0].id, ids[1]) == 0);
	tc_bus_entries_free(e, n);
	TU_REQUIRE(tc_bus_ack(&s, "b", 1, (const char (*)[TC_BUS_ID_MAX])(ids + 1), &err) == TC_OK);
	TU_EQ(drain(&s, "b"), 3);
	TU_REQUIRE(tc_bus_trim(&s, &removed, &err) == TC_OK);
	TU_EQ(removed, 4);
	TU_EQ(tb_int(&srv, "XLEN bs:trim"), 0);
	TU_EQ(gap_of(&s, "a", NULL), 0);
	TU_EQ(gap_of(&s, "b", NULL), 0);
	for (int round = 0; round < 3; round++) {
		TU_REQUIRE(publish(&s, 2, "v", NULL) == 0);
		TU_EQ(drain(&s, "a"), 2);
		TU_EQ(drain(&s, "b"), 2);
		TU_REQUIRE(tc_bus_trim(&s, &removed, &err) == TC_OK);
		TU_EQ(removed, 2);
		TU_EQ(gap_of(&s, "a", NULL), 0);
		TU_EQ(gap_of(&s, "b", NULL), 0);
	}
}

static void bus_info_long_name(void)
{
	tc_bus_stream s = stream("bs:info", 0);
	tc_err err;
	TU_REQUIRE(publish(&s, 2, "i", NULL) == 0);
	char name[101];
	memset(name, 'x', 100);
	name[100] = '\0';
	redisReply *r = redisCommand(srv.raw, "XGROUP CREATE bs:info %s 0", name);
	TU_REQUIRE(r && r->type == REDIS_REPLY_STATUS);
	freeReplyObject(r);
	tc_bus_stream_info in;
	TU_REQUIRE(tc_bus_info(&s, &in, &err) == TC_OK);
	TU_REQUIRE(in.ngroups == 1);
	TU_EQ(strlen(in.groups[0].name), 71);
	TU_EQ(in.groups[0].lag, 2);
	TU_EQ(in.groups[0].gap, 0);
	TU_EQ(in.length, 2);
	TU_CHECK(in.first_id[0] != '\0');
	tc_bus_info_free(&in);
	uint64_t removed;
	TU_REQUIRE(tc_bus_trim(&s, &removed, &err) == TC_OK);
	TU_EQ(removed, 0);
	TU_EQ(gap_of(&s, name, NULL), 0);
	tc_bus_stream none = stream("bs:info-none", 0);
	TU_REQUIRE(tc_bus_info(&none, &in, &err) == TC_OK);
	TU_CHECK(!in.exists && in.ngroups == 0);
}

void tu_suite_bus_outbox_with(tb_server *s, tc_redis_link *l);

void tu_suite_bus_redis(void)
{
	if (tb_start(&srv) != 0) {
		tb_stop(&srv);
		tu_skipped++;
		return;
	}
	TU_REQUIRE(tb_link(&srv, &link_) == 0);
	TU_RUN(bus_read_ack);
	TU_RUN(bus_gap_maxlen);
	TU_RUN(bus_gap_fallback);
	TU_RUN(bus_trim);
	TU_RUN(bus_info_long_name);
	tu_suite_bus_outbox_with(&srv, &link_);
	tc_redis_link_free(&link_);
	tb_stop(&srv);
}
