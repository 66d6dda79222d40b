/* RedisBackend: the shared semantics plus what is specific to Redis, against redis-server
 * processes started through tb_redis.c on free loopback ports (and a unix socket) in
 * temporary directories. Skipped, with a message, when redis-server is not installed. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <hiredis/hiredis.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "tu.h"
#include "tb_redis.h"

void tu_suite_semantics_flags(tc_backend *(*open)(int64_t), void (*close)(tc_backend *), int flags);
extern int tu_skipped;
extern int tu_failed;

static tb_server tr_main;
static unsigned tr_seq; /* makes prefixes unique */

typedef struct {
	const char *host;
	unsigned port;
	const char *password;
	unsigned database;
	int64_t default_lifetime;
	unsigned batch;
	int level;
	int persistent;
	unsigned read_timeout_ms;
	const char *prefix; /* NULL: a fresh unique one */
} tr_opts;

static char tr_last_prefix[64];

static tc_backend *tr_open_with(const tb_server *s, tr_opts o)
{
	char prefix[64];
	if (o.prefix) {
		snprintf(prefix, sizeof(prefix), "%s", o.prefix);
	} else {
		snprintf(prefix, sizeof(prefix), "{tu:%u}", ++tr_seq);
	}
	snprintf(tr_last_prefix, sizeof(tr_last_prefix), "%s", prefix);
	tc_redis_options ro;
	memset(&ro, 0, sizeof(ro));
	ro.host = o.host ? o.host : s->port ? "127.0.0.1" : s->sock;
	ro.port = o.port ? o.port : s->port;
	ro.password = o.password;
	ro.database = o.database;
	ro.prefix = prefix;
	ro.default_lifetime = o.default_lifetime;
	ro.batch_size = o.batch;
	ro.compression_level = o.level;
	ro.persistent = o.persistent;
	ro.read_timeout_ms = o.read_timeout_ms;
	tc_backend *b = NULL;
	tc_err err;
	tc_err_clear(&err);
	if (tc_redis_backend_new(&ro, &b, &err) != TC_OK) {
		fprintf(stderr, "  redis backend: %s\n", err.msg);
	}
	return b;
}

static tc_backend *tr_open(int64_t default_lifetime)
{
	tr_opts o = {0};
	o.default_lifetime = default_lifetime;
	return tr_open_with(&tr_main, o);
}

static void tr_close(tc_backend *b)
{
	if (b) {
		tc_err err;
		b->ops->flush(b, &err);
	}
	tc_backend_destroy(b);
}

/* ---------------------------------------------------------------- Redis-specific tests */

static void redis_caps_and_php(void)
{
	tc_backend *b = tr_open(0);
	TU_REQUIRE(b);
	tc_err err;
	unsigned want = TC_CAP_TAGS | TC_CAP_LIFETIME | TC_CAP_FREEZE | TC_CAP_ITER | TC_CAP_PHP_CODE |
	                TC_CAP_TICKET | TC_CAP_LOCK;
	TU_EQ(b->ops->caps, want);
	TU_CHECK(strcmp(b->ops->name, "redis") == 0);
	const char code[] = "<?php return 42;";
	TU_EQ(tu_set_kind(b, "code", code, sizeof(code) - 1, "t", 0, TC_KIND_PHP), TC_OK);
	TU_CHECK(tu_get_is(b, "code", code, sizeof(code) - 1));
	const char *path = "x";
	TU_EQ(b->ops->php_path(b, TC_STR_LIT("code"), &path, &err), TC_ERR_UNSUPPORTED);
	TU_CHECK(path == NULL);
	redisReply *r = tb_raw(&tr_main, "HGET %s:e:code k", tr_last_prefix);
	TU_CHECK(r && r->type == REDIS_REPLY_STRING && r->len == 1 && r->str[0] == 'P');
	freeReplyObject(r);
	tc_backend *none = NULL;
	TU_EQ(tc_redis_backend_new(NULL, &none, &err), TC_ERR_ARG);
	tr_close(tr_open_with(&tr_main, (tr_opts){0})); /* lazily: nothing stored */
	tc_redis_options ro;
	memset(&ro, 0, sizeof(ro));
	tc_backend *bad = NULL;
	TU_EQ(tc_redis_backend_new(&ro, &bad, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "prefix") != NULL);
	ro.prefix = "p";
	ro.compression_level = 10;
	TU_EQ(tc_redis_backend_new(&ro, &bad, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "10") != NULL);
	ro.compression_level = 0;
	ro.default_lifetime = -3;
	TU_EQ(tc_redis_backend_new(&ro, &bad, &err), TC_ERR_ARG);
	TU_CHECK(bad == NULL);
	tc_err_clear(&err);
	TU_EQ(b->ops->set(b, TC_STR_LIT("k"), TC_STR_LIT("v"), NULL, 0, 0, (tc_kind)'X', &err),
		TC_ERR_ARG);
	tr_close(b);
}

/* Lazy connect: creating a backend never talks to the server. */
static void redis_lazy_connect_and_refused(void)
{
	unsigned port = tb_free_port();
	tr_opts o = {0};
	o.port = port;
	tc_backend *b = tr_open_with(&tr_main, o);
	TU_REQUIRE(b);
	tc_err err;
	tc_err_clear(&err);
	TU_EQ(b->ops->has(b, TC_STR_LIT("a"), &err), TC_ERR_IO);
	char where[64];
	snprintf(where, sizeof(where), "Redis at 127.0.0.1:%u: ", port);
	TU_CHECK(strstr(err.msg, where) == err.msg);
	TU_CHECK(strstr(err.msg, "refused") != NULL);
	tc_str t = TC_STR_LIT("t");
	TU_EQ(
		b->ops->set(b, TC_STR_LIT("a"), TC_STR_LIT("1"), &t, 1, 0, TC_KIND_DATA, &err), TC_ERR_IO);
	TU_EQ(b->ops->is_frozen(b), 0);
	tc_backend_destroy(b);
}

static long long tr_ttl(const char *prefix, const char *kind, const char *name)
{
	return tb_int(&tr_main, "TTL %s:%s:%s", prefix, kind, name);
}

static void redis_tag_ttl(void)
{
	tc_backend *b = tr_open(0);
	TU_REQUIRE(b);
	const char *p = tr_last_prefix;
	TU_EQ(tu_set(b, "a", "1", "t", 100), TC_OK);
	long long e = tr_ttl(p, "e", "a"), t = tr_ttl(p, "t", "t");
	TU_CHECK(e > 95 && e <= 100);
	TU_CHECK(t >= e && t <= 100);
	/* A longer-living member extends the set; a shorter one does not shorten it. */
	TU_EQ(tu_set(b, "b", "1", "t", 500), TC_OK);
	TU_CHECK(tr_ttl(p, "t", "t") > 495);
	TU_EQ(tu_set(b, "c", "1", "t", 10), TC_OK);
	TU_CHECK(tr_ttl(p, "t", "t") > 495);
	TU_EQ(tr_ttl(p, "e", "c") <= 10, 1);
	/* An unlimited member makes it persistent, and it stays so. */
	TU_EQ(tu_set(b, "d", "1", "t", 0), TC_OK);
	TU_EQ(tr_ttl(p, "t", "t"), -1);
	TU_EQ(tr_ttl(p, "e", "d"), -1);
	TU_EQ(tu_set(b, "e", "1", "t", 50), TC_OK);
	TU_EQ(tr_ttl(p, "t", "t"), -1);
	/* A new set takes its first member's lifetime. */
	TU_EQ(tu_set(b, "f", "1", "fresh", 20), TC_OK);
	long long f = tr_ttl(p, "t", "fresh");
	TU_CHECK(f > 15 && f <= 20);
	/* Re-set with lifetime 0: the entry itself loses its TTL. */
	TU_EQ(tu_set(b, "a", "2", "t", 0), TC_OK);
	TU_EQ(tr_ttl(p, "e", "a"), -1);
	/* And a default lifetime applies to entry and set. */
	tr_close(b);
	b = tr_open(30);
	TU_REQUIRE(b);
	TU_EQ(tu_set(b, "x", "1", "dt", TC_LIFETIME_DEFAULT), TC_OK);
	TU_CHECK(tr_ttl(tr_last_prefix, "e", "x") > 25);
	TU_CHECK(tr_ttl(tr_last_prefix, "t", "dt") > 25);
	tr_close(b);
}

static void redis_stale_memberships_on_reset(void)
{
	tc_backend *b = tr_open(0);
	TU_REQUIRE(b);
	const char *p = tr_last_prefix;
	TU_EQ(tu_set(b, "a", "1", "x y", 0), TC_OK);
	TU_EQ(tb_int(&tr_main, "SISMEMBER %s:t:x a", p), 1);
	TU_EQ(tu_set(b, "a", "2", "y z z", 0), TC_OK);
	TU_EQ(tb_int(&tr_main, "SISMEMBER %s:t:x a", p), 0);
	TU_EQ(tb_int(&tr_main, "EXISTS %s:t:x", p), 0);
	TU_EQ(tb_int(&tr_main, "SISMEMBER %s:t:y a", p), 1);
	TU_EQ(tb_int(&tr_main, "SISMEMBER %s:t:z a", p), 1);
	redisReply *r = tb_raw(&tr_main, "HGET %s:e:a t", p);
	TU_CHECK(r && r->type == REDIS_REPLY_STRING && strcmp(r->str, "y z") == 0);
	freeReplyObject(r);
	tc_err err;
	TU_EQ(b->ops->remove(b, TC_STR_LIT("a"), &err), TC_OK);
	TU_EQ(tb_int(&tr_main, "EXISTS %s:t:y %s:t:z %s:e:a", p, p, p), 0);
	tr_close(b);
}

static void redis_prefixes_isolated(void)
{
	tr_opts oa = {0}, ob = {0};
	oa.prefix = "{iso:A}";
	ob.prefix = "{iso:A}x"; /* shares a leading part */
	tc_backend *a = tr_open_with(&tr_main, oa);
	tc_backend *b = tr_open_with(&tr_main, ob);
	TU_REQUIRE(a && b);
	tc_err err;
	TU_EQ(a->ops->flush(a, &err), TC_OK);
	TU_EQ(b->ops->flush(b, &err), TC_OK);
	TU_EQ(tu_set(a, "k", "from a", "t", 0), TC_OK);
	TU_EQ(tu_set(b, "k", "from b", "t", 0), TC_OK);
	TU_EQ(tu_set(b, "only-b", "1", "t", 0), TC_OK);
	TU_CHECK(tu_get_is(a, "k", "from a", 6));
	TU_CHECK(tu_get_is(b, "k", "from b", 6));
	tu_ids ids;
	TU_EQ(tu_list(a, &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "k") == 0);
	TU_EQ(tu_find(a, "t", &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "k") == 0);
	TU_EQ(tu_flush_tags(a, "t"), 1);
	TU_CHECK(tu_get_is(b, "k", "from b", 6));
	TU_EQ(tu_set(a, "k", "again", "t", 0), TC_OK);
	TU_EQ(a->ops->freeze(a, &err), TC_OK);
	TU_EQ(b->ops->is_frozen(b), 0);
	TU_EQ(a->ops->flush(a, &err), TC_OK);
	TU_EQ(tu_list(b, &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "k only-b") == 0);
	TU_EQ(tu_list(a, &ids), TC_OK);
	TU_EQ(ids.count, 0);
	tr_close(a);
	tr_close(b);
}

static void redis_flush_only_this_prefix(void)
{
	tc_backend *b = tr_open(0);
	TU_REQUIRE(b);
	const char *p = tr_last_prefix;
	/* A prefix with glob characters must not match more than itself. */
	tr_opts o = {0};
	o.prefix = "{glob*?[a]}";
	tc_backend *g = tr_open_with(&tr_main, o);
	TU_REQUIRE(g);
	freeReplyObject(tb_raw(&tr_main, "SET unrelated:key 1"));
	freeReplyObject(tb_raw(&tr_main, "SET {globX?[a]}:e:z 1"));
	freeReplyObject(tb_raw(&tr_main, "SET %s 1", p)); /* the prefix alone, no ':' */
	for (int i = 0; i < 2500; i++) {
		char id[16];
		snprintf(id, sizeof(id), "k%d", i);
		if (tu_set(b, id, "v", i % 2 ? "odd all" : "all", i % 3 ? 0 : 100) != TC_OK) {
			TU_CHECK(!"set failed");
			break;
		}
	}
	TU_EQ(tu_set(g, "a", "1", "t", 0), TC_OK);
	tc_err err;
	TU_EQ(b->ops->freeze(b, &err), TC_OK);
	TU_EQ(b->ops->is_frozen(b), 1);
	TU_EQ(b->ops->flush(b, &err), TC_OK);
	TU_EQ(b->ops->is_frozen(b), 0);
	redisReply *r = tb_raw(&tr_main, "KEYS %s:*", p);
	TU_CHECK(r && r->type == REDIS_REPLY_ARRAY && r->elements == 0);
	freeReplyObject(r);
	TU_EQ(tb_int(&tr_main, "EXISTS unrelated:key {globX?[a]}:e:z %s", p), 3);
	TU_EQ(g->ops->flush(g, &err), TC_OK);
	TU_EQ(tb_int(&tr_main, "EXISTS unrelated:key {globX?[a]}:e:z %s", p), 3);
	TU_EQ(tb_int(&tr_main, "EXISTS {glob*?[a]}:e:a"), 0);
	TU_EQ(tb_int(&tr_main, "DEL unrelated:key {globX?[a]}:e:z %s", p), 3);
	tr_close(g);
	tr_close(b);
}

static void redis_freeze(void)
{
	tc_backend *b = tr_open(0);
	TU_REQUIRE(b);
	tc_err err;
	TU_EQ(tu_set(b, "a", "1", "t", 0), TC_OK);
	TU_EQ(b->ops->is_frozen(b), 0);
	TU_EQ(b->ops->freeze(b, &err), TC_OK);
	TU_EQ(b->ops->is_frozen(b), 1);
	tc_err_clear(&err);
	TU_EQ(b->ops->set(b, TC_STR_LIT("b"), TC_STR_LIT("v"), NULL, 0, 0, TC_KIND_DATA, &err),
		TC_ERR_FROZEN);
	TU_CHECK(strstr(err.msg, "frozen") != NULL);
	TU_CHECK(strstr(err.msg, tr_last_prefix) != NULL);
	TU_EQ(b->ops->remove(b, TC_STR_LIT("a"), &err), TC_ERR_FROZEN);
	size_t count = 9;
	tc_str t = TC_STR_LIT("t");
	TU_EQ(b->ops->flush_by_tags(b, &t, 1, &count, &err), TC_ERR_FROZEN);
	TU_EQ(count, 0);
	TU_EQ(b->ops->collect_garbage(b, &err), TC_OK);
	TU_CHECK(tu_get_is(b, "a", "1", 1));
	TU_EQ(b->ops->has(b, TC_STR_LIT("b"), &err), TC_MISS);
	/* A second freeze is an error, as in Flow. */
	tc_err_clear(&err);
	TU_EQ(b->ops->freeze(b, &err), TC_ERR_FROZEN);
	TU_CHECK(strstr(err.msg, "already frozen") != NULL);
	/* Another backend on the same cache sees the freeze at once. */
	tr_opts o = {0};
	o.prefix = tr_last_prefix;
	tc_backend *other = tr_open_with(&tr_main, o);
	TU_REQUIRE(other);
	TU_EQ(other->ops->is_frozen(other), 1);
	TU_EQ(b->ops->flush(b, &err), TC_OK);
	TU_EQ(other->ops->is_frozen(other), 0);
	TU_EQ(tu_set(other, "b", "2", "t", 0), TC_OK);
	tc_backend_destroy(other);
	tr_close(b);
}

/* Entries of a frozen cache never expire: freeze drops the TTL of entries and tag sets. */
static void redis_freeze_persists(void)
{
	tc_backend *b = tr_open(0);
	TU_REQUIRE(b);
	const char *p = tr_last_prefix;
	tc_err err;
	char id[16];
	for (int i = 0; i < 300; i++) { /* several SCAN batches */
		snprintf(id, sizeof(id), "k%d", i);
		TU_EQ(tu_set(b, id, "v", "t", 100), TC_OK);
	}
	TU_CHECK(tb_int(&tr_main, "TTL %s:e:k7", p) > 0);
	TU_CHECK(tb_int(&tr_main, "TTL %s:t:t", p) > 0);
	TU_EQ(b->ops->freeze(b, &err), TC_OK);
	int persistent = 0;
	for (int i = 0; i < 300; i++) {
		persistent += tb_int(&tr_main, "TTL %s:e:k%d", p, i) == -1;
	}
	TU_EQ(persistent, 300);
	TU_EQ(tb_int(&tr_main, "TTL %s:t:t", p), -1);
	TU_EQ(b->ops->flush(b, &err), TC_OK);
	tr_close(b);
}

static void redis_big_binary(void)
{
	tc_backend *b = tr_open(0);
	TU_REQUIRE(b);
	size_t len = 1 << 20;
	char *p = malloc(len);
	TU_REQUIRE(p);
	unsigned x = 12345;
	for (size_t i = 0; i < len; i++) {
		x = x * 1103515245u + 12345u;
		p[i] = (char)(x >> 16);
	}
	p[0] = '\0';
	p[len - 1] = '\0';
	TU_EQ(tu_set_kind(b, "big", p, len, "t", 0, TC_KIND_DATA), TC_OK);
	TU_CHECK(tu_get_is(b, "big", p, len));
	/* Several MB, binary id bytes allowed by the identifier rules. */
	size_t big = 6 * len;
	char *q = malloc(big);
	TU_REQUIRE(q);
	for (size_t i = 0; i < big; i++) {
		q[i] = p[i % len] ^ (char)(i >> 20);
	}
	TU_EQ(tu_set_kind(b, "a%b&c", q, big, "t", 0, TC_KIND_DATA), TC_OK);
	TU_CHECK(tu_get_is(b, "a%b&c", q, big));
	TU_EQ(tu_flush_tags(b, "t"), 2);
	free(q);
	free(p);
	tr_close(b);
}

static void redis_compression(void)
{
	tr_opts o = {0};
	o.level = 6;
	tc_backend *b = tr_open_with(&tr_main, o);
	TU_REQUIRE(b);
	const char *p = tr_last_prefix;
	tu_corrupt c;
	tu_watch_corrupt(b, &c);
	size_t len = 100000;
	char *text = malloc(len);
	TU_REQUIRE(text);
	for (size_t i = 0; i < len; i++) {
		text[i] = "tagcache compresses repetitive payloads "[i % 40];
	}
	TU_EQ(tu_set_kind(b, "text", text, len, "t", 0, TC_KIND_DATA), TC_OK);
	TU_CHECK(tu_get_is(b, "text", text, len));
	redisReply *r = tb_raw(&tr_main, "HMGET %s:e:text z n", p);
	TU_CHECK(r && r->elements == 2 && r->element[0]->type == REDIS_REPLY_STRING &&
			 strcmp(r->element[0]->str, "1") == 0 && strcmp(r->element[1]->str, "100000") == 0);
	freeReplyObject(r);
	TU_CHECK(tb_int(&tr_main, "HSTRLEN %s:e:text d", p) < 5000);
	/* Small payloads and incompressible ones are stored as they are. */
	TU_EQ(tu_set(b, "small", "tiny tiny tiny tiny", "", 0), TC_OK);
	TU_EQ(tb_int(&tr_main, "HEXISTS %s:e:small z", p), 0);
	char rnd[4000];
	unsigned x = 7;
	for (size_t i = 0; i < sizeof(rnd); i++) {
		x = x * 1103515245u + 12345u;
		rnd[i] = (char)(x >> 16);
	}
	TU_EQ(tu_set_kind(b, "random", rnd, sizeof(rnd), "", 0, TC_KIND_DATA), TC_OK);
	TU_EQ(tb_int(&tr_main, "HEXISTS %s:e:random z", p), 0);
	TU_CHECK(tu_get_is(b, "random", rnd, sizeof(rnd)));
	/* Re-set uncompressed: the flag goes with the old payload. */
	TU_EQ(tu_set(b, "text", "short now", "", 0), TC_OK);
	TU_EQ(tb_int(&tr_main, "HEXISTS %s:e:text z", p), 0);
	TU_CHECK(tu_get_is(b, "text", "short now", 9));
	/* A reader without compression still decodes compressed entries. */
	TU_EQ(tu_set_kind(b, "text2", text, len, "", 0, TC_KIND_DATA), TC_OK);
	tr_opts plain = {0};
	plain.prefix = p;
	tc_backend *reader = tr_open_with(&tr_main, plain);
	TU_REQUIRE(reader);
	TU_CHECK(tu_get_is(reader, "text2", text, len));
	tc_backend_destroy(reader);
	/* Damage reads as a miss and is reported. */
	freeReplyObject(tb_raw(&tr_main, "HSET %s:e:text2 d garbage", p));
	TU_EQ(tu_get_is(b, "text2", text, len), 0);
	TU_EQ(c.count, 1);
	TU_CHECK(strcmp(c.last_id, "text2") == 0);
	TU_EQ(tu_set_kind(b, "text3", text, len, "", 0, TC_KIND_DATA), TC_OK);
	freeReplyObject(tb_raw(&tr_main, "HSET %s:e:text3 n 99999", p));
	TU_EQ(tu_get_is(b, "text3", text, len), 0);
	freeReplyObject(tb_raw(&tr_main, "HSET %s:e:text3 n 99999999999999", p));
	TU_EQ(tu_get_is(b, "text3", text, len), 0);
	freeReplyObject(tb_raw(&tr_main, "HDEL %s:e:text3 n", p));
	TU_EQ(tu_get_is(b, "text3", text, len), 0);
	TU_EQ(c.count, 4);
	/* Another type under an entry key: a miss, reported. */
	freeReplyObject(tb_raw(&tr_main, "SET %s:e:str x", p));
	TU_EQ(tu_get_is(b, "str", "x", 1), 0);
	TU_EQ(c.count, 5);
	tc_err err;
	TU_EQ(b->ops->has(b, TC_STR_LIT("str"), &err), TC_OK); /* has does not decode */
	TU_EQ(tu_set(b, "str", "mine now", "t", 0), TC_OK);
	TU_CHECK(tu_get_is(b, "str", "mine now", 8));
	free(text);
	tr_close(b);
}

static void redis_flush_by_tags_batches(void)
{
	tr_opts o = {0};
	o.batch = 3;
	tc_backend *b = tr_open_with(&tr_main, o);
	TU_REQUIRE(b);
	for (int i = 0; i < 10; i++) {
		char id[8];
		snprintf(id, sizeof(id), "e%d", i);
		TU_EQ(tu_set(b, id, "v", i < 4 ? "t u" : "t", 0), TC_OK);
	}
	TU_EQ(tu_set(b, "u1", "v", "u", 0), TC_OK);
	TU_EQ(tu_set(b, "u2", "v", "u", 0), TC_OK);
	TU_EQ(tu_set(b, "keep", "v", "w", 0), TC_OK);
	tu_ids ids;
	TU_EQ(tu_find(b, "t", &ids), TC_OK);
	TU_EQ(ids.count, 10);
	TU_EQ(tu_flush_tags(b, "t"), 10);
	TU_EQ(tu_find(b, "u", &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "u1 u2") == 0);
	TU_EQ(tb_int(&tr_main, "SCARD %s:t:u", tr_last_prefix), 2);
	/* Across batches and tags, each entry counted once. */
	for (int i = 0; i < 10; i++) {
		char id[8];
		snprintf(id, sizeof(id), "e%d", i);
		TU_EQ(tu_set(b, id, "v", i < 7 ? "t u" : "t", 0), TC_OK);
	}
	TU_EQ(tu_flush_tags(b, "u t"), 12);
	TU_EQ(tu_list(b, &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "keep") == 0);
	tr_close(b);
}

/* Members whose entry is gone or no longer carries the tag: ignored, then collected. */
static void redis_stale_members_and_gc(void)
{
	tc_backend *b = tr_open(0);
	TU_REQUIRE(b);
	const char *p = tr_last_prefix;
	tc_err err;
	TU_EQ(tu_set(b, "live", "1", "t", 0), TC_OK);
	TU_EQ(tu_set(b, "other", "1", "u", 0), TC_OK);
	freeReplyObject(tb_raw(&tr_main, "SADD %s:t:t ghost1 ghost2 other", p));
	freeReplyObject(tb_raw(&tr_main, "SADD %s:t:lonely ghost3", p));
	tu_ids ids;
	TU_EQ(tu_find(b, "t", &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "live") == 0);
	TU_EQ(b->ops->collect_garbage(b, &err), TC_OK);
	TU_EQ(tb_int(&tr_main, "SCARD %s:t:t", p), 1);
	TU_EQ(tb_int(&tr_main, "EXISTS %s:t:lonely", p), 0);
	TU_EQ(tb_int(&tr_main, "SCARD %s:t:u", p), 1);
	freeReplyObject(tb_raw(&tr_main, "SADD %s:t:t ghost1 other", p));
	TU_EQ(tu_flush_tags(b, "t"), 1);
	TU_CHECK(tu_get_is(b, "other", "1", 1));
	/* Many members, several gc steps. */
	for (int i = 0; i < 500; i++) {
		freeReplyObject(tb_raw(&tr_main, "SADD %s:t:many g%d", p, i));
	}
	TU_EQ(b->ops->collect_garbage(b, &err), TC_OK);
	TU_EQ(tb_int(&tr_main, "EXISTS %s:t:many", p), 0);
	tr_close(b);
}

/* The scripts are cached per server: a SCRIPT FLUSH (or a restart) makes EVALSHA fail with
 * NOSCRIPT, and the backend sends the source again. */
static void redis_noscript_fallback(void)
{
	tc_backend *b = tr_open(0);
	TU_REQUIRE(b);
	TU_EQ(tu_set(b, "a", "1", "t", 0), TC_OK);
	freeReplyObject(tb_raw(&tr_main, "SCRIPT FLUSH"));
	TU_EQ(tu_set(b, "a", "2", "t", 0), TC_OK);
	TU_CHECK(tu_get_is(b, "a", "2", 1));
	freeReplyObject(tb_raw(&tr_main, "SCRIPT FLUSH"));
	TU_EQ(tu_flush_tags(b, "t"), 1);
	tr_close(b);
}

static void redis_kill_and_restart(void)
{
	tb_server s;
	memset(&s, 0, sizeof(s));
	TU_REQUIRE(tb_start(&s) == 0);
	for (int persistent = 0; persistent < 2; persistent++) {
		tr_opts o = {0};
		o.persistent = persistent;
		tc_backend *b = tr_open_with(&s, o);
		TU_REQUIRE(b);
		TU_EQ(tu_set(b, "a", "1", "t", 0), TC_OK);
		tb_kill(&s);
		tc_err err;
		tc_err_clear(&err);
		TU_EQ(b->ops->set(b, TC_STR_LIT("a"), TC_STR_LIT("2"), NULL, 0, 0, TC_KIND_DATA, &err),
			TC_ERR_IO);
		char where[64];
		snprintf(where, sizeof(where), "Redis at 127.0.0.1:%u: ", s.port);
		TU_CHECK(strstr(err.msg, where) == err.msg);
		tc_err_clear(&err);
		TU_EQ(b->ops->has(b, TC_STR_LIT("a"), &err), TC_ERR_IO);
		TU_CHECK(strstr(err.msg, "refused") != NULL);
		TU_REQUIRE(tb_start(&s) == 0);
		/* Killed while connected, then a write bigger than the socket buffers: EPIPE. */
		TU_EQ(tu_set(b, "a", "2", "t", 0), TC_OK);
		tb_kill(&s);
		size_t big = 16 << 20;
		char *p = calloc(1, big);
		TU_REQUIRE(p);
		TU_EQ(b->ops->set(b, TC_STR_LIT("a"), (tc_str){p, big}, NULL, 0, 0, TC_KIND_DATA, &err),
		      TC_ERR_IO);
		free(p);
		TU_CHECK(strstr(err.msg, where) == err.msg);
		TU_REQUIRE(tb_start(&s) == 0);
		TU_EQ(tu_set(b, "a", "3", "t", 0), TC_OK);
		TU_CHECK(tu_get_is(b, "a", "3", 1));
		tu_ids ids;
		TU_EQ(tu_find(b, "t", &ids), TC_OK);
		TU_EQ(ids.count, 1);
		tr_close(b);
	}
	/* A server that stops answering: a read timeout, and fine again afterwards. */
	tr_opts o = {0};
	o.read_timeout_ms = 200;
	tc_backend *b = tr_open_with(&s, o);
	TU_REQUIRE(b);
	TU_EQ(tu_set(b, "a", "1", "t", 0), TC_OK);
	kill(s.pid, SIGSTOP);
	tc_err err;
	tc_err_clear(&err);
	TU_EQ(b->ops->has(b, TC_STR_LIT("a"), &err), TC_ERR_IO);
	TU_CHECK(strstr(err.msg, "read timed out after 200 ms") != NULL);
	kill(s.pid, SIGCONT);
	TU_EQ(b->ops->has(b, TC_STR_LIT("a"), &err), TC_OK);
	tr_close(b);
	tc_redis_close_persistent();
	tb_stop(&s);
}

static void redis_password(void)
{
	tb_server s;
	memset(&s, 0, sizeof(s));
	snprintf(s.password, sizeof(s.password), "s3cret");
	TU_REQUIRE(tb_start(&s) == 0);
	tc_err err;
	tr_opts o = {0};
	tc_backend *b = tr_open_with(&s, o);
	TU_REQUIRE(b);
	tc_err_clear(&err);
	TU_EQ(b->ops->set(b, TC_STR_LIT("a"), TC_STR_LIT("2"), NULL, 0, 0, TC_KIND_DATA, &err),
		TC_ERR_IO);
	TU_CHECK(strstr(err.msg, "requires a password") != NULL);
	tc_err_clear(&err);
	TU_EQ(b->ops->has(b, TC_STR_LIT("a"), &err), TC_ERR_IO);
	TU_CHECK(strstr(err.msg, "NOAUTH") != NULL);
	tc_backend_destroy(b);
	o.password = "wrong";
	b = tr_open_with(&s, o);
	TU_REQUIRE(b);
	TU_EQ(b->ops->has(b, TC_STR_LIT("a"), &err), TC_ERR_IO);
	TU_CHECK(strstr(err.msg, "AUTH failed: ") != NULL);
	TU_CHECK(strstr(err.msg, "wrong") == NULL || strstr(err.msg, "WRONGPASS") != NULL);
	tc_backend_destroy(b);
	for (int persistent = 0; persistent < 2; persistent++) {
		o.password = "s3cret";
		o.persistent = persistent;
		o.database = 3;
		o.prefix = "{pw}";
		b = tr_open_with(&s, o);
		TU_REQUIRE(b);
		TU_EQ(tu_set(b, "a", "1", "t", 0), TC_OK);
		TU_CHECK(tu_get_is(b, "a", "1", 1));
		tc_backend_destroy(b);
	}
	/* SELECTed: db 3 holds it, db 0 does not. */
	TU_EQ(tb_int(&s, "EXISTS {pw}:e:a"), 0);
	freeReplyObject(tb_raw(&s, "SELECT 3"));
	TU_EQ(tb_int(&s, "EXISTS {pw}:e:a"), 1);
	tc_redis_close_persistent();
	tb_stop(&s);
}

static void redis_unix_socket(void)
{
	tb_server s;
	memset(&s, 0, sizeof(s));
	s.dir = tu_tempdir();
	snprintf(s.sock, sizeof(s.sock), "%s/redis.sock", s.dir);
	TU_REQUIRE(tb_start(&s) == 0);
	tr_opts o = {0};
	o.host = s.sock;
	tc_backend *b = tr_open_with(&s, o);
	TU_REQUIRE(b);
	TU_EQ(tu_set(b, "a", "over a socket", "t", 0), TC_OK);
	TU_CHECK(tu_get_is(b, "a", "over a socket", 13));
	TU_EQ(tu_flush_tags(b, "t"), 1);
	tb_kill(&s);
	tc_err err;
	tc_err_clear(&err);
	TU_EQ(b->ops->has(b, TC_STR_LIT("a"), &err), TC_ERR_IO);
	char where[300];
	snprintf(where, sizeof(where), "Redis at %s: ", s.sock);
	TU_CHECK(strstr(err.msg, where) == err.msg);
	tc_backend_destroy(b);
	tb_stop(&s);
}

/* Persistent backends of one server share one connection; close_persistent ends it. */
static void redis_persistent_pool(void)
{
	tr_opts o = {0};
	o.persistent = 1;
	tc_backend *a = tr_open_with(&tr_main, o);
	tc_backend *b = tr_open_with(&tr_main, o);
	TU_REQUIRE(a && b);
	long long before = -1;
	redisReply *r = tb_raw(&tr_main, "CLIENT LIST");
	if (r && r->type == REDIS_REPLY_STRING) {
		before = 0;
		for (const char *p = r->str; (p = strstr(p, "id=")); p++) {
			before++;
		}
	}
	freeReplyObject(r);
	TU_EQ(tu_set(a, "x", "1", "", 0), TC_OK);
	TU_EQ(tu_set(b, "x", "2", "", 0), TC_OK);
	r = tb_raw(&tr_main, "CLIENT LIST");
	long long after = 0;
	if (r && r->type == REDIS_REPLY_STRING) {
		for (const char *p = r->str; (p = strstr(p, "id=")); p++) {
			after++;
		}
	}
	freeReplyObject(r);
	TU_EQ(after, before + 1);
	tc_redis_close_persistent();
	TU_CHECK(tu_get_is(a, "x", "1", 1)); /* connects again */
	tr_close(a);
	tr_close(b);
	tc_redis_close_persistent();
}

static void redis_many_tags(void)
{
	tc_backend *b = tr_open(0);
	TU_REQUIRE(b);
	char tags[64 * 8] = "";
	for (int i = 0; i < 40; i++) {
		char t[8];
		snprintf(t, sizeof(t), "g%d ", i % 30);
		strcat(tags, t);
	}
	TU_EQ(tu_set(b, "a", "1", tags, 0), TC_OK);
	TU_EQ(tu_set(b, "b", "1", tags, 0), TC_OK);
	tu_ids ids;
	TU_EQ(tu_find(b, "g29", &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "a b") == 0);
	TU_EQ(tu_flush_tags(b, tags), 2);
	tr_close(b);
}

/* ---------------------------------------------------------------- reconnects */

/* A fake Redis in a child process, for failures a real server cannot be made to produce on
 * cue: its first connection answers `answered` commands with ":1" (any command), then reads
 * one more and closes without answering (-1: never); later connections answer everything.
 * Each accepted connection writes one byte into a pipe the test counts. */
typedef struct {
	pid_t pid;
	unsigned port;
	int accepts; /* read end of the pipe */
	int seen;    /* bytes read from it so far */
} tr_fake;

static int tr_fake_start(tr_fake *f, int answered)
{
	memset(f, 0, sizeof(*f));
	int ls = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t len = sizeof(a);
	int pfd[2];
	if (ls < 0 || bind(ls, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(ls, 8) != 0 ||
		getsockname(ls, (struct sockaddr *)&a, &len) != 0 || pipe(pfd) != 0) {
		if (ls >= 0) {
			close(ls);
		}
		return -1;
	}
	f->port = ntohs(a.sin_port);
	f->pid = fork();
	if (f->pid == 0) {
#ifdef __linux__
		prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
		close(pfd[0]);
		for (int conn = 0;; conn++) {
			int c = accept(ls, NULL, NULL);
			if (c < 0) {
				_exit(0);
			}
			if (write(pfd[1], "a", 1) != 1) {
				_exit(1);
			}
			char buf[4096];
			for (int n = 0; read(c, buf, sizeof(buf)) > 0; n++) {
				if (conn == 0 && n == answered) {
					break; /* the command arrived: close without an answer */
				}
				if (write(c, ":1\r\n", 4) != 4) {
					break;
				}
			}
			close(c);
		}
	}
	close(ls);
	close(pfd[1]);
	f->accepts = pfd[0];
	return f->pid > 0 ? 0 : -1;
}

/* Connections accepted so far (each was counted before its first answer). */
static int tr_fake_accepts(tr_fake *f)
{
	struct pollfd p = {.fd = f->accepts, .events = POLLIN, .revents = 0};
	char buf[64];
	ssize_t n;
	while (poll(&p, 1, 0) > 0 && (n = read(f->accepts, buf, sizeof(buf))) > 0) {
		f->seen += (int)n;
	}
	return f->seen;
}

static void tr_fake_stop(tr_fake *f)
{
	kill(f->pid, SIGKILL);
	waitpid(f->pid, NULL, 0);
	close(f->accepts);
}

/* The connection breaks after the command was sent: a read (idempotent) runs again on a new
 * connection, persistent or not; remove (not idempotent) is reported, never repeated. */
static void redis_retry_after_sent(void)
{
	for (int persistent = 0; persistent < 2; persistent++) {
		tr_fake f;
		TU_REQUIRE(tr_fake_start(&f, 1) == 0);
		tr_opts o = {0};
		o.port = f.port;
		o.persistent = persistent;
		tc_backend *b = tr_open_with(&tr_main, o);
		TU_REQUIRE(b);
		tc_err err;
		tc_err_clear(&err);
		TU_EQ(b->ops->has(b, TC_STR_LIT("a"), &err), TC_OK);
		TU_EQ(b->ops->has(b, TC_STR_LIT("a"), &err), TC_OK); /* broken, repeated */
		TU_EQ(tr_fake_accepts(&f), 2);
		tc_backend_destroy(b);
		tc_redis_close_persistent();
		tr_fake_stop(&f);

		TU_REQUIRE(tr_fake_start(&f, 1) == 0);
		o.port = f.port;
		b = tr_open_with(&tr_main, o);
		TU_REQUIRE(b);
		TU_EQ(b->ops->remove(b, TC_STR_LIT("a"), &err), TC_OK);
		tc_err_clear(&err);
		TU_EQ(b->ops->remove(b, TC_STR_LIT("a"), &err), TC_ERR_IO); /* may have run: reported */
		TU_CHECK(strstr(err.msg, "connection closed by the server") != NULL);
		TU_EQ(tr_fake_accepts(&f), 1);
		TU_EQ(b->ops->remove(b, TC_STR_LIT("a"), &err), TC_OK); /* the next call reconnects */
		TU_EQ(tr_fake_accepts(&f), 2);
		tc_backend_destroy(b);
		tc_redis_close_persistent();
		tr_fake_stop(&f);
	}
}

/* A new connection that breaks is reported, not retried: the server is failing now. */
static void redis_no_retry_on_new_connection(void)
{
	tr_fake f;
	TU_REQUIRE(tr_fake_start(&f, 0) == 0);
	tr_opts o = {0};
	o.port = f.port;
	tc_backend *b = tr_open_with(&tr_main, o);
	TU_REQUIRE(b);
	tc_err err;
	tc_err_clear(&err);
	TU_EQ(b->ops->has(b, TC_STR_LIT("a"), &err), TC_ERR_IO);
	TU_CHECK(strstr(err.msg, "connection closed by the server") != NULL);
	TU_EQ(tr_fake_accepts(&f), 1);
	tc_backend_destroy(b);
	tr_fake_stop(&f);
}

/* A real server restarted (same port) between two calls: the second call just works. */
static void redis_restart_between_calls(void)
{
	tb_server s;
	memset(&s, 0, sizeof(s));
	TU_REQUIRE(tb_start(&s) == 0);
	for (int persistent = 0; persistent < 2; persistent++) {
		tr_opts o = {0};
		o.persistent = persistent;
		tc_backend *b = tr_open_with(&s, o);
		TU_REQUIRE(b);
		TU_EQ(tu_set(b, "a", "1", "t", 0), TC_OK);
		tb_kill(&s);
		TU_REQUIRE(tb_start(&s) == 0);
		TU_EQ(tu_set(b, "a", "2", "t", 0), TC_OK);
		tb_kill(&s);
		TU_REQUIRE(tb_start(&s) == 0);
		tu_buf out;
		TU_EQ(tu_get(b, "a", &out), TC_MISS); /* the new server is empty */
		tu_buf_free(&out);
		TU_EQ(tu_set(b, "a", "3", "t", 0), TC_OK);
		tb_kill(&s);
		TU_REQUIRE(tb_start(&s) == 0);
		TU_EQ(tu_flush_tags(b, "t"), 0);
		tr_close(b);
	}
	tc_redis_close_persistent();
	tb_stop(&s);
}

void tu_suite_redis(void)
{
	if (!tb_binary()) {
		fprintf(stderr, "SKIPPED redis: redis-server not found in PATH "
						"(set TAGCACHE_REDIS_SERVER to its path)\n");
		tu_skipped++;
		return;
	}
	/* SIGPIPE keeps its default action: the backend must never raise it. */
	tu_label = "redis";
	if (tb_start(&tr_main) != 0) {
		tu_fail(__FILE__, __LINE__, "start redis-server");
		tu_failed++;
		tb_stop(&tr_main);
		tu_label = "";
		return;
	}
	tu_suite_semantics_flags(tr_open, tr_close, TU_SEM_STORE_CLOCK);
	TU_RUN(redis_caps_and_php);
	TU_RUN(redis_lazy_connect_and_refused);
	TU_RUN(redis_tag_ttl);
	TU_RUN(redis_stale_memberships_on_reset);
	TU_RUN(redis_prefixes_isolated);
	TU_RUN(redis_flush_only_this_prefix);
	TU_RUN(redis_freeze);
	TU_RUN(redis_freeze_persists);
	TU_RUN(redis_big_binary);
	TU_RUN(redis_compression);
	TU_RUN(redis_flush_by_tags_batches);
	TU_RUN(redis_stale_members_and_gc);
	TU_RUN(redis_noscript_fallback);
	TU_RUN(redis_many_tags);
	TU_RUN(redis_persistent_pool);
	TU_RUN(redis_kill_and_restart);
	TU_RUN(redis_password);
	TU_RUN(redis_unix_socket);
	TU_RUN(redis_retry_after_sent);
	TU_RUN(redis_no_retry_on_new_connection);
	TU_RUN(redis_restart_between_calls);
	tb_stop(&tr_main);
	tu_label = "";
}
