/* Redis Cluster and Sentinel routing of the Redis backend: CRC16 and key slots against the
 * slots Redis computes, node addresses, MOVED/ASK and CLUSTER SLOTS parsing, and a pipeline
 * (plain, or MULTI ... EXEC) sent again after a MOVED, between two scripted stand-in nodes on
 * loopback. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tu.h"
#include "../../src/backend/redis_cluster.h"
#include "../../src/backend/redis_conn.h"
#include "../../src/backend/redis_pipe.h"

static unsigned slot_of(const char *key)
{
	return tc_redis_key_slot(key, strlen(key));
}

static void cluster_slots(void)
{
	/* the values CLUSTER KEYSLOT answers */
	TU_EQ(tc_redis_crc16("123456789", 9), 0x31c3);
	TU_EQ(slot_of("foo"), 12182);
	TU_EQ(slot_of("bar"), 5061);
	TU_EQ(slot_of("{user1000}.following"), slot_of("{user1000}.followers"));
	TU_EQ(slot_of("{user1000}.following"), slot_of("user1000"));
	TU_EQ(slot_of("foo{}{bar}"), tc_redis_crc16("foo{}{bar}", 10) & 16383); /* empty tag: whole key */
	TU_EQ(slot_of("foo{{bar}}zap"), slot_of("{bar"));
	TU_EQ(slot_of("foo{bar}{zap}"), slot_of("bar"));
	TU_EQ(slot_of("{tagcache:default:c}"), 7921); /* CLUSTER KEYSLOT */
	/* every key of a cache: entries, tag sets, frozen marker, tickets, locks */
	const char *keys[] = {"{tagcache:app:Pages}:e:id", "{tagcache:app:Pages}:t:tag",
		"{tagcache:app:Pages}:frozen", "{tagcache:app:Pages}#epochs", "{tagcache:app:Pages}#lock:id"};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		TU_EQ(slot_of(keys[i]), slot_of("tagcache:app:Pages"));
	}
}

static void cluster_addrs(void)
{
	char h[64];
	unsigned p = 0;
	TU_CHECK(tc_redis_parse_addr("127.0.0.1:7000", 14, h, sizeof(h), &p) && p == 7000 && strcmp(h, "127.0.0.1") == 0);
	TU_CHECK(tc_redis_parse_addr("[::1]:7001", 10, h, sizeof(h), &p) && p == 7001 && strcmp(h, "::1") == 0);
	TU_CHECK(tc_redis_parse_addr("redis-1.example:65535", 21, h, sizeof(h), &p) && p == 65535);
	const char *bad[] = {"", "host", "host:", ":7000", "host:0", "host:65536", "host:7x", "::1:7000",
		"[::1]7000", "[::1]:", "[]:7000", "[host]:7000", "a b:7000", "host:123456"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		TU_CHECK(!tc_redis_parse_addr(bad[i], strlen(bad[i]), h, sizeof(h), &p));
	}
	TU_CHECK(!tc_redis_parse_addr("verylonghostname:1", 18, h, 8, &p)); /* does not fit */
	TU_CHECK(!tc_redis_parse_addr("[/tmp/s:1]:7000", 15, h, sizeof(h), &p)); /* a path in brackets */
	/* the host rule alone, as server-given addresses meet it */
	TU_CHECK(tc_redis_host_ok("10.0.0.1", 8) && tc_redis_host_ok("::1", 3) && tc_redis_host_ok("node-1", 6));
	TU_CHECK(!tc_redis_host_ok("", 0) && !tc_redis_host_ok("/tmp/redis.sock", 15));
	TU_CHECK(!tc_redis_host_ok("a\0/b", 4) && !tc_redis_host_ok("a\x7f", 2) && !tc_redis_host_ok("[::1]", 5));
	char longhost[300];
	memset(longhost, 'a', sizeof(longhost));
	TU_CHECK(tc_redis_host_ok(longhost, 255) && !tc_redis_host_ok(longhost, 256));
	TU_CHECK(tc_redis_parse_port("6379", 4, &p) && p == 6379);
	const char *badport[] = {"6379junk", "", "0", "65536", "-1", "+1", " 1", "123456"};
	for (size_t i = 0; i < sizeof(badport) / sizeof(badport[0]); i++) {
		TU_CHECK(!tc_redis_parse_port(badport[i], strlen(badport[i]), &p));
	}
}

static void cluster_redirects(void)
{
	char h[64];
	unsigned slot = 0, port = 0;
	int ask = -1;
	const char *m = "MOVED 3999 127.0.0.1:6381";
	TU_CHECK(tc_redis_parse_redirect(m, strlen(m), &ask, &slot, h, sizeof(h), &port));
	TU_CHECK(ask == 0 && slot == 3999 && port == 6381 && strcmp(h, "127.0.0.1") == 0);
	m = "ASK 12182 ::1:7002";
	TU_CHECK(tc_redis_parse_redirect(m, strlen(m), &ask, &slot, h, sizeof(h), &port));
	TU_CHECK(ask == 1 && slot == 12182 && port == 7002 && strcmp(h, "::1") == 0);
	m = "MOVED 7 [::1]:7004"; /* brackets, should a node write them, never reach hiredis */
	TU_CHECK(tc_redis_parse_redirect(m, strlen(m), &ask, &slot, h, sizeof(h), &port));
	TU_CHECK(ask == 0 && slot == 7 && port == 7004 && strcmp(h, "::1") == 0);
	m = "MOVED 1 :7003"; /* a node that does not know its own address */
	TU_CHECK(tc_redis_parse_redirect(m, strlen(m), &ask, &slot, h, sizeof(h), &port) && h[0] == '\0');
	const char *bad[] = {"MOVED", "MOVED 1", "MOVED 16384 h:1", "MOVED x h:1", "MOVED 1 h", "MOVED 1 h:0",
		"ASK 1 h:99999", "ERR MOVED 1 h:1", "TRYAGAIN x", "MOVED  h:1",
		/* a node's address passes the host rule: never a socket path, no spaces, no brackets */
		"MOVED 1 /tmp/redis.sock:1", "ASK 1 /run/x:6379", "MOVED 1 a b:1", "MOVED 1 a\tb:1",
		"MOVED 1 [h]x:1", "MOVED 1 [[::1]]:1", "MOVED 1 h:6379x"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		TU_CHECK(!tc_redis_parse_redirect(bad[i], strlen(bad[i]), &ask, &slot, h, sizeof(h), &port));
	}
}

static redisReply *parse(const char *resp)
{
	redisReader *r = redisReaderCreate();
	void *out = NULL;
	redisReaderFeed(r, resp, strlen(resp));
	if (redisReaderGetReply(r, &out) != REDIS_OK) {
		out = NULL;
	}
	redisReaderFree(r);
	return out;
}

static void cluster_slots_map(void)
{
	/* two ranges, each with a primary and a replica (Redis 7 adds a metadata map) */
	redisReply *r = parse("*2\r\n"
						  "*4\r\n:0\r\n:5460\r\n*4\r\n$9\r\n127.0.0.1\r\n:7000\r\n$2\r\nid\r\n*0\r\n*3\r\n$9\r\n127.0.0.1\r\n:7003\r\n$2\r\nid\r\n"
						  "*3\r\n:5461\r\n:16383\r\n*3\r\n$0\r\n\r\n:7001\r\n$2\r\nid\r\n");
	TU_REQUIRE(r);
	char h[64];
	unsigned port = 0;
	TU_EQ(tc_redis_slots_owner(r, 0, h, sizeof(h), &port), 1);
	TU_CHECK(port == 7000 && strcmp(h, "127.0.0.1") == 0);
	TU_EQ(tc_redis_slots_owner(r, 5460, h, sizeof(h), &port), 1);
	TU_EQ(port, 7000);
	TU_EQ(tc_redis_slots_owner(r, 12182, h, sizeof(h), &port), 1);
	TU_CHECK(port == 7001 && h[0] == '\0'); /* "": the node that answered */
	freeReplyObject(r);
	/* a hole in the map */
	r = parse("*1\r\n*3\r\n:0\r\n:99\r\n*2\r\n$1\r\nh\r\n:1\r\n");
	TU_REQUIRE(r);
	TU_EQ(tc_redis_slots_owner(r, 100, h, sizeof(h), &port), 0);
	freeReplyObject(r);
	/* malformed: not an array, a range without a node, a node without a port, "?" */
	const char *bad[] = {"+OK\r\n", "*1\r\n*2\r\n:0\r\n:99\r\n", "*1\r\n*3\r\n:0\r\n:99\r\n*1\r\n$1\r\nh\r\n",
		"*1\r\n*3\r\n:0\r\n:99\r\n*2\r\n$1\r\n?\r\n:1\r\n",
		"*1\r\n*3\r\n:0\r\n:99\r\n*2\r\n$7\r\n/tmp/so\r\n:1\r\n", /* a socket path */
		"*1\r\n*3\r\n:0\r\n:99\r\n*2\r\n$3\r\na b\r\n:1\r\n", "*1\r\n*3\r\n$1\r\n0\r\n:99\r\n*2\r\n$1\r\nh\r\n:1\r\n"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = parse(bad[i]);
		TU_REQUIRE(r);
		TU_EQ(tc_redis_slots_owner(r, 5, h, sizeof(h), &port), -1);
		freeReplyObject(r);
	}
}

/* ---- a pipeline and MOVED, between two scripted stand-in nodes --------------------------- */

typedef struct {
	int fd;
	unsigned port;
	const char *const *answers; /* one answer per command after CLUSTER SLOTS, in order */
	const char *slots;          /* the answer to CLUSTER SLOTS */
	pthread_t thread;
} fake_node;

static void *fake_serve(void *arg)
{
	fake_node *n = arg;
	int c = accept(n->fd, NULL, NULL);
	size_t next = 0;
	/* each accepted connection is served until it closes; at most eight connections */
	for (int conns = 0; c >= 0 && conns < 8;) {
		redisReader *rd = redisReaderCreate();
		char buf[4096];
		ssize_t got;
		while ((got = read(c, buf, sizeof(buf))) > 0) {
			redisReaderFeed(rd, buf, (size_t)got);
			void *cmd = NULL;
			while (redisReaderGetReply(rd, &cmd) == REDIS_OK && cmd) {
				redisReply *q = cmd;
				const char *a = q->elements > 1 && strcmp(q->element[0]->str, "CLUSTER") == 0
									? n->slots
									: n->answers[next] ? n->answers[next++] : "-ERR no more\r\n";
				if (write(c, a, strlen(a)) < 0) {
					break;
				}
				freeReplyObject(q);
				cmd = NULL;
			}
		}
		redisReaderFree(rd);
		close(c);
		if (++conns < 8) {
			c = accept(n->fd, NULL, NULL);
		}
	}
	return NULL;
}

static int fake_start(fake_node *n)
{
	struct sockaddr_in a = {0};
	socklen_t len = sizeof(a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	n->fd = socket(AF_INET, SOCK_STREAM, 0);
	if (n->fd < 0 || bind(n->fd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(n->fd, 4) != 0 ||
		getsockname(n->fd, (struct sockaddr *)&a, &len) != 0) {
		return -1;
	}
	n->port = ntohs(a.sin_port);
	return pthread_create(&n->thread, NULL, fake_serve, n);
}

static void fake_stop(fake_node *n)
{
	shutdown(n->fd, SHUT_RDWR);
	close(n->fd);
	pthread_join(n->thread, NULL);
}

/* ran: 0 = a MOVED that ran nothing, 1 = a MOVED after which a command ran, 2 = an ASK,
 * 3 = a MULTI ... EXEC refused with MOVED at queueing time (EXECABORT: nothing ran) */
static void pipeline_resent(int ran)
{
	static char moved[64], slots[256];
	static const char *b_answers[] = {":1\r\n", ":2\r\n", NULL};
	static const char *b_multi[] = {"+OK\r\n", "+QUEUED\r\n", "+QUEUED\r\n", "*2\r\n:1\r\n:2\r\n", NULL};
	fake_node b = {.answers = ran == 3 ? b_multi : b_answers, .slots = "*0\r\n"};
	TU_REQUIRE(fake_start(&b) == 0);
	unsigned slot = slot_of("{tagcache:t:c}");
	snprintf(moved, sizeof(moved), "-%s %u 127.0.0.1:%u\r\n", ran == 2 ? "ASK" : "MOVED", slot, b.port);
	const char *a_answers[] = {moved, ran == 1 ? ":5\r\n" : moved, NULL};
	const char *a_multi[] = {"+OK\r\n", moved, moved, "-EXECABORT Transaction discarded because of previous errors.\r\n", NULL};
	fake_node a = {.answers = ran == 3 ? a_multi : a_answers};
	snprintf(slots, sizeof(slots), "*1\r\n*3\r\n:0\r\n:16383\r\n*2\r\n$9\r\n127.0.0.1\r\n:%u\r\n", 0u);
	TU_REQUIRE(fake_start(&a) == 0);
	snprintf(slots, sizeof(slots), "*1\r\n*3\r\n:0\r\n:16383\r\n*2\r\n$9\r\n127.0.0.1\r\n:%u\r\n", a.port);
	a.slots = slots;

	tc_redis_link l;
	tc_err err;
	tc_err_clear(&err);
	char seed[32];
	snprintf(seed, sizeof(seed), "127.0.0.1:%u", a.port);
	const char *seeds[] = {seed};
	TU_REQUIRE(tc_redis_link_init(&l, "127.0.0.1", 6379, 0, NULL, 1000, 1000, 0, &err) == TC_OK);
	TU_REQUIRE(tc_redis_cluster_attach(&l, seeds, 1, "{tagcache:t:c}", &err) == TC_OK);
	const char *c1[] = {"INCR", "{tagcache:t:c}:x"};
	const char *c2[] = {"INCR", "{tagcache:t:c}:y"};
	const char *mu[] = {"MULTI"}, *ex[] = {"EXEC"};
	tc_redis_cmd plain[] = {{2, c1, NULL}, {2, c2, NULL}};
	tc_redis_cmd multi[] = {{1, mu, NULL}, {2, c1, NULL}, {2, c2, NULL}, {1, ex, NULL}};
	redisReply *r[4] = {NULL, NULL, NULL, NULL};
	tc_status st = ran == 3 ? tc_redis_pipeline(&l, 0, 4, multi, r, &err)
							: tc_redis_pipeline(&l, 0, 2, plain, r, &err);
	if (!ran) {
		/* sent again to b: both answers come from there */
		TU_CHECK(st == TC_OK && r[0] && r[0]->type == REDIS_REPLY_INTEGER && r[0]->integer == 1);
		TU_CHECK(r[1] && r[1]->integer == 2);
		TU_EQ(l.port, b.port);
		TU_EQ(l.topo->redirected, 1);
	} else if (ran == 1) {
		/* the second command ran on a: never sent again, reported */
		TU_CHECK(st == TC_ERR_IO && !r[0] && !r[1]);
		TU_CHECK(strstr(err.msg, "MOVED") && strstr(err.msg, "part of the pipeline ran"));
	} else if (ran == 2) {
		/* a slot migrating under a pipeline: reported, nothing ran */
		TU_CHECK(st == TC_ERR_IO && !r[0] && !r[1]);
		TU_CHECK(strstr(err.msg, "ASK") && strstr(err.msg, "did not run"));
	} else {
		/* the transaction sent again to b: EXEC's answer comes from there */
		TU_CHECK(st == TC_OK && r[3] && r[3]->type == REDIS_REPLY_ARRAY && r[3]->elements == 2);
		TU_CHECK(r[1] && r[1]->type == REDIS_REPLY_STATUS && strcmp(r[1]->str, "QUEUED") == 0);
		TU_EQ(l.port, b.port);
		TU_EQ(l.topo->redirected, 1);
	}
	for (int i = 0; i < 4; i++) {
		if (r[i]) {
			freeReplyObject(r[i]);
		}
	}
	tc_redis_link_free(&l);
	fake_stop(&a);
	fake_stop(&b);
}

static void cluster_pipeline_moved(void)
{
	pipeline_resent(0);
}

static void cluster_pipeline_moved_after_a_run(void)
{
	pipeline_resent(1);
}

static void cluster_pipeline_ask(void)
{
	pipeline_resent(2);
}

static void cluster_pipeline_multi_moved(void)
{
	pipeline_resent(3);
}

/* A node that keeps sending the link back to itself: the redirections stop after a bound and
 * the MOVED reply is the answer, never an endless loop. */
static void cluster_moved_bounded(void)
{
	static char moved[64], slots[128];
	static const char *answers[8];
	fake_node a = {.answers = answers, .slots = slots};
	TU_REQUIRE(fake_start(&a) == 0);
	snprintf(moved, sizeof(moved), "-MOVED %u 127.0.0.1:%u\r\n", slot_of("{x}"), a.port);
	snprintf(slots, sizeof(slots), "*1\r\n*3\r\n:0\r\n:16383\r\n*2\r\n$9\r\n127.0.0.1\r\n:%u\r\n", a.port);
	for (int i = 0; i < 7; i++) {
		answers[i] = moved;
	}
	tc_redis_link l;
	tc_err err;
	tc_err_clear(&err);
	char seed[32];
	snprintf(seed, sizeof(seed), "127.0.0.1:%u", a.port);
	const char *seeds[] = {seed};
	TU_REQUIRE(tc_redis_link_init(&l, "127.0.0.1", 6379, 0, NULL, 1000, 1000, 0, &err) == TC_OK);
	TU_REQUIRE(tc_redis_cluster_attach(&l, seeds, 1, "{x}", &err) == TC_OK);
	const char *cmd[] = {"GET", "{x}k"};
	redisReply *r = NULL;
	TU_CHECK(tc_redis_call(&l, 2, cmd, NULL, &r, &err) == TC_OK);
	TU_CHECK(r && r->type == REDIS_REPLY_ERROR && strncmp(r->str, "MOVED", 5) == 0);
	TU_EQ(l.topo->redirected, 5);
	if (r) {
		freeReplyObject(r);
	}
	tc_redis_link_free(&l);
	fake_stop(&a);
}

void tu_suite_redis_cluster(void)
{
	tu_label = "redis cluster";
	TU_RUN(cluster_slots);
	TU_RUN(cluster_addrs);
	TU_RUN(cluster_redirects);
	TU_RUN(cluster_slots_map);
	TU_RUN(cluster_pipeline_moved);
	TU_RUN(cluster_pipeline_moved_after_a_run);
	TU_RUN(cluster_pipeline_ask);
	TU_RUN(cluster_pipeline_multi_moved);
	TU_RUN(cluster_moved_bounded);
}
