/* Sending (src/http/tc_send.c) against small HTTP servers this file runs in threads on
 * 127.0.0.1 ephemeral ports: answers of every kind, a server that never answers, servers that
 * answer only once all of them hold a request (parallelism, proved without a clock), a
 * refused port and a full accept queue (connect timeout). Outcomes are asserted, never
 * elapsed times; benchmarks/scenarios/http.php measures those. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "../../src/http/tc_delay.h"
#include "../../src/http/tc_http.h"
#include "tu.h"

typedef enum {
	TS_OK,          /* 200 with a Content-Length body */
	TS_400,         /* 400 Bad Request */
	TS_HANG,        /* reads the request, never answers */
	TS_GARBAGE,     /* not HTTP */
	TS_CONTINUE,    /* 100 Continue, then 204 */
	TS_UNTIL_CLOSE, /* HTTP/1.0 200 without length: the body ends when the server closes */
	TS_CTRL_REASON, /* 503 whose reason phrase holds control bytes */
	TS_SILENT,      /* closes without a byte */
	TS_CHUNKED,     /* 200 chunked */
	TS_TRUNCATED,   /* closes in the middle of the headers */
	TS_RESET,       /* accepts and resets at once */
	TS_BARRIER      /* 200 once `need` servers of its barrier hold a request, 504 if not in time */
} ts_mode;

/* Shared by several servers: each arrival is counted, and a server answers once all `need`
 * requests are in, which can only happen when the client has them all open at once. */
typedef struct {
	pthread_mutex_t m;
	pthread_cond_t c;
	int arrived, need;
	unsigned wait_ms; /* how long a server waits for the others before answering 504 */
} ts_barrier;

typedef struct {
	ts_mode mode;
	unsigned delay_ms;  /* before answering */
	ts_barrier *barrier; /* TS_BARRIER */
	int lfd;
	unsigned port;
	int stop[2];
	pthread_t thread;
	int conns;        /* read by the test after ts_stop (join) only */
	char heads[8192]; /* request heads received, concatenated */
	size_t nheads;
} ts_server;

/* 1: fd readable (fd < 0: never), 0: timeout, -1: told to stop. */
static int ts_wait(ts_server *s, int fd, int ms)
{
	struct pollfd p[2] = {{s->stop[0], POLLIN, 0}, {fd, POLLIN, 0}};
	int n = poll(p, fd >= 0 ? 2 : 1, ms);
	if (n > 0 && p[0].revents) {
		return -1;
	}
	return n > 0 ? 1 : 0;
}

static void ts_say(int c, const char *text)
{
	size_t len = strlen(text), off = 0;
	while (off < len) {
		ssize_t k = send(c, text + off, len - off, MSG_NOSIGNAL);
		if (k <= 0) {
			return;
		}
		off += (size_t)k;
	}
}

/* Counts this arrival and waits (bounded) for the others: 1 when all were there. */
static int ts_barrier_meet(ts_barrier *b)
{
	struct timeval now;
	gettimeofday(&now, NULL);
	long long ns = (long long)now.tv_usec * 1000 + (long long)(b->wait_ms % 1000) * 1000000;
	struct timespec until = {now.tv_sec + b->wait_ms / 1000 + ns / 1000000000, ns % 1000000000};
	pthread_mutex_lock(&b->m);
	b->arrived++;
	pthread_cond_broadcast(&b->c);
	while (b->arrived < b->need && pthread_cond_timedwait(&b->c, &b->m, &until) == 0) {
	}
	int met = b->arrived >= b->need;
	pthread_mutex_unlock(&b->m);
	return met;
}

static void ts_barrier_init(ts_barrier *b, int need, unsigned wait_ms)
{
	pthread_mutex_init(&b->m, NULL);
	pthread_cond_init(&b->c, NULL);
	b->arrived = 0;
	b->need = need;
	b->wait_ms = wait_ms;
}

static void ts_handle(ts_server *s, int c)
{
	if (s->mode == TS_RESET) {
		struct linger lg = {1, 0};
		setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		return;
	}
	char buf[16384];
	size_t n = 0;
	while (n < sizeof(buf) && !memmem(buf, n, "\r\n\r\n", 4)) {
		if (ts_wait(s, c, -1) < 0) {
			return;
		}
		ssize_t k = recv(c, buf + n, sizeof(buf) - n, 0);
		if (k <= 0) {
			return;
		}
		n += (size_t)k;
	}
	if (n < sizeof(s->heads) - s->nheads) {
		memcpy(s->heads + s->nheads, buf, n);
		s->nheads += n;
	}
	if (s->delay_ms && ts_wait(s, -1, (int)s->delay_ms) < 0) {
		return;
	}
	switch (s->mode) {
	case TS_BARRIER:
		ts_say(c, ts_barrier_meet(s->barrier) ? "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
											  : "HTTP/1.1 504 Barrier Not Reached\r\nContent-Length: 0\r\n\r\n");
		break;
	case TS_OK:
		ts_say(c, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
		break;
	case TS_400:
		ts_say(c, "HTTP/1.1 400 Bad Request\r\nContent-Length: 3\r\n\r\nbad");
		break;
	case TS_GARBAGE:
		ts_say(c, "SSH-2.0-OpenSSH_9.2\r\n");
		break;
	case TS_CONTINUE:
		ts_say(c, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nX-A: b\r\n\r\n");
		break;
	case TS_UNTIL_CLOSE:
		ts_say(c, "HTTP/1.0 200 OK\r\nX-A: b\r\n\r\nsome body bytes");
		break;
	case TS_CTRL_REASON:
		ts_say(c, "HTTP/1.1 503 Backend\x01\x7f fetch failed\r\nContent-Length: 0\r\n\r\n");
		break;
	case TS_CHUNKED:
		ts_say(c, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
		break;
	case TS_TRUNCATED:
		ts_say(c, "HTTP/1.1 200 OK\r\nX-A");
		break;
	case TS_HANG:
		while (ts_wait(s, c, -1) > 0 && recv(c, buf, sizeof(buf), 0) > 0) {
		}
		break;
	default:
		break;
	}
}

static void *ts_main(void *arg)
{
	ts_server *s = arg;
	while (ts_wait(s, s->lfd, -1) > 0) {
		int c = accept(s->lfd, NULL, NULL);
		if (c < 0) {
			continue;
		}
		s->conns++;
		ts_handle(s, c);
		close(c);
	}
	return NULL;
}

/* A listening socket on 127.0.0.1 with an ephemeral port; -1 on failure. */
static int ts_listen(int backlog, unsigned *port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t len = sizeof(a);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(fd, backlog) != 0 ||
		getsockname(fd, (struct sockaddr *)&a, &len) != 0) {
		if (fd >= 0) {
			close(fd);
		}
		return -1;
	}
	*port = ntohs(a.sin_port);
	return fd;
}

static int ts_start(ts_server *s, ts_mode mode, unsigned delay_ms)
{
	memset(s, 0, sizeof(*s));
	s->mode = mode;
	s->delay_ms = delay_ms;
	s->lfd = ts_listen(16, &s->port);
	if (s->lfd < 0 || pipe(s->stop) != 0) {
		return -1;
	}
	return pthread_create(&s->thread, NULL, ts_main, s) == 0 ? 0 : -1;
}

static void ts_stop(ts_server *s)
{
	if (write(s->stop[1], "x", 1) == 1) {
		pthread_join(s->thread, NULL);
	}
	close(s->lfd);
	close(s->stop[0]);
	close(s->stop[1]);
	s->heads[s->nheads < sizeof(s->heads) ? s->nheads : sizeof(s->heads) - 1] = '\0';
}

/* A port nothing listens on, held: the socket stays bound (never listening) until the caller
 * closes *fd, so connections are refused and no other process can take the port meanwhile. */
static unsigned ts_refusing_port(int *fd)
{
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t len = sizeof(a);
	*fd = socket(AF_INET, SOCK_STREAM, 0);
	if (*fd < 0 || bind(*fd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
		getsockname(*fd, (struct sockaddr *)&a, &len) != 0) {
		return 0;
	}
	return ntohs(a.sin_port);
}

/* Sends; 0, or -1 when tc_http_send failed. */
static int ts_send(const tc_send_options *o, const tc_proxy *px, size_t np,
	const tc_request_list *l, tc_send_result *res)
{
	tc_err err;
	return tc_http_send(o, px, np, l->items, l->count, res, &err) == TC_OK ? 0 : -1;
}

static int ts_is(const tc_send_result *r, tc_send_outcome o, int status, const char *reason)
{
	int ok = r->outcome == o && r->status == status && strcmp(r->reason, reason) == 0;
	if (!ok) {
		fprintf(stderr, "  got outcome %d status %d reason \"%s\", want %d %d \"%s\"\n",
			(int)r->outcome, r->status, r->reason, (int)o, status, reason);
	}
	return ok;
}

static void send_mixed(void)
{
	ts_server ok, bad, hang;
	TU_REQUIRE(ts_start(&ok, TS_OK, 0) == 0);
	TU_REQUIRE(ts_start(&bad, TS_400, 0) == 0);
	TU_REQUIRE(ts_start(&hang, TS_HANG, 0) == 0);
	int held = -1;
	unsigned refusing = ts_refusing_port(&held);
	TU_REQUIRE(refusing != 0);
	tc_proxy px[] = {{"127.0.0.1", ok.port}, {"127.0.0.1", bad.port}, {"127.0.0.1", hang.port},
		{"127.0.0.1", refusing}};
	tc_request_list l;
	tc_request_list_init(&l);
	tc_err err;
	tc_str tags[] = {{"t", 1}};
	TU_REQUIRE(tc_purge_tags(NULL, tags, 1, &l, &err) == TC_OK);
	TU_REQUIRE(tc_purge_url(NULL, (tc_str){"/a?b", 4}, 0, &l, &err) == TC_OK);
	tc_send_options o = {1000, 600, 64};
	tc_send_result res[8];
	TU_CHECK(ts_send(&o, px, 4, &l, res) == 0);
	for (size_t r = 0; r < 2; r++) {
		const tc_send_result *x = &res[r * 4];
		TU_CHECK(x[0].request == r && x[0].proxy == 0 && x[3].request == r && x[3].proxy == 3);
		TU_CHECK(ts_is(&x[0], TC_SEND_OK, 200, "HTTP 200 OK"));
		TU_CHECK(ts_is(&x[1], TC_SEND_BAD_RESPONSE, 400, "HTTP 400 Bad Request"));
		TU_CHECK(ts_is(&x[2], TC_SEND_TIMEOUT, 0, "no answer within 600 ms"));
		TU_CHECK(ts_is(&x[3], TC_SEND_UNREACHABLE, 0, strerror(ECONNREFUSED)));
	}
	ts_stop(&ok);
	ts_stop(&bad);
	ts_stop(&hang);
	close(held);
	TU_EQ(ok.conns, 2);
	char want[256];
	snprintf(want, sizeof(want),
		"BAN / HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nX-Cache-Tags: (^|,)(t)(,|$)\r\n"
		"X-Host: .*\r\nX-Url: .*\r\nX-Content-Type: .*\r\nConnection: close\r\n\r\n",
		ok.port);
	TU_CHECK(strstr(ok.heads, want) != NULL);
	snprintf(want, sizeof(want), "PURGE /a?b HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n", ok.port);
	TU_CHECK(strstr(ok.heads, want) != NULL);
	tc_request_list_free(&l);
}

static void send_parallel(void)
{
	/* Each server answers 200 only once all three hold a request: only a client with the
	 * three connections open at once gets three 200s. The wait is a bound, not a measure. */
	ts_barrier all;
	ts_barrier_init(&all, 3, 10000);
	ts_server s[3];
	tc_proxy px[3];
	for (int i = 0; i < 3; i++) {
		TU_REQUIRE(ts_start(&s[i], TS_BARRIER, 0) == 0);
		s[i].barrier = &all;
		px[i] = (tc_proxy){"127.0.0.1", s[i].port};
	}
	tc_request_list l;
	tc_request_list_init(&l);
	tc_err err;
	TU_REQUIRE(tc_purge_url(NULL, (tc_str){"/x", 2}, 0, &l, &err) == TC_OK);
	tc_send_result res[3];
	tc_send_options o = {0, 30000, 0};
	TU_CHECK(ts_send(&o, px, 3, &l, res) == 0);
	for (int i = 0; i < 3; i++) {
		TU_CHECK(ts_is(&res[i], TC_SEND_OK, 200, "HTTP 200 OK"));
	}
	/* One connection at a time: one after the other, so the first two can never see the
	 * others arrive (they give up after 100 ms) and only the last one meets the barrier. */
	ts_barrier serial;
	ts_barrier_init(&serial, 3, 100);
	for (int i = 0; i < 3; i++) {
		s[i].barrier = &serial;
	}
	tc_send_options one = {0, 30000, 1};
	TU_CHECK(ts_send(&one, px, 3, &l, res) == 0);
	TU_CHECK(ts_is(&res[0], TC_SEND_BAD_RESPONSE, 504, "HTTP 504 Barrier Not Reached"));
	TU_CHECK(ts_is(&res[1], TC_SEND_BAD_RESPONSE, 504, "HTTP 504 Barrier Not Reached"));
	TU_CHECK(ts_is(&res[2], TC_SEND_OK, 200, "HTTP 200 OK"));
	for (int i = 0; i < 3; i++) {
		ts_stop(&s[i]);
	}
	tc_request_list_free(&l);
}

static void send_total_timeout(void)
{
	ts_server hang, slow;
	TU_REQUIRE(ts_start(&hang, TS_HANG, 0) == 0);
	TU_REQUIRE(ts_start(&slow, TS_OK, 1000) == 0);
	tc_proxy px[] = {{"127.0.0.1", hang.port}, {"127.0.0.1", slow.port}};
	tc_request_list l;
	tc_request_list_init(&l);
	tc_err err;
	TU_REQUIRE(tc_purge_url(NULL, (tc_str){"/x", 2}, 0, &l, &err) == TC_OK);
	TU_REQUIRE(tc_purge_url(NULL, (tc_str){"/y", 2}, 0, &l, &err) == TC_OK);
	tc_send_options o = {5000, 250, 1};
	tc_send_result res[4];
	TU_CHECK(ts_send(&o, px, 2, &l, res) == 0);
	TU_CHECK(ts_is(&res[0], TC_SEND_TIMEOUT, 0, "no answer within 250 ms"));
	/* max_connections = 1: the others never got a connection. */
	for (int i = 1; i < 4; i++) {
		TU_CHECK(res[i].outcome == TC_SEND_TIMEOUT && strstr(res[i].reason, "not sent"));
	}
	ts_stop(&hang);
	ts_stop(&slow);
	tc_request_list_free(&l);
}

static void send_odd_answers(void)
{
	const ts_mode modes[] = {TS_GARBAGE, TS_CONTINUE, TS_UNTIL_CLOSE, TS_CTRL_REASON, TS_SILENT,
		TS_CHUNKED, TS_TRUNCATED};
	enum { N = sizeof(modes) / sizeof(modes[0]) };
	ts_server s[N];
	tc_proxy px[N];
	for (int i = 0; i < N; i++) {
		TU_REQUIRE(ts_start(&s[i], modes[i], 0) == 0);
		px[i] = (tc_proxy){"127.0.0.1", s[i].port};
	}
	tc_request_list l;
	tc_request_list_init(&l);
	tc_err err;
	TU_REQUIRE(tc_purge_url(NULL, (tc_str){"/x", 2}, 1, &l, &err) == TC_OK);
	tc_send_result res[N];
	TU_CHECK(ts_send(NULL, px, N, &l, res) == 0);
	TU_CHECK(ts_is(&res[0], TC_SEND_BAD_RESPONSE, 0, "not an HTTP response"));
	TU_CHECK(ts_is(&res[1], TC_SEND_OK, 204, "HTTP 204 No Content"));
	TU_CHECK(ts_is(&res[2], TC_SEND_OK, 200, "HTTP 200 OK"));
	TU_CHECK(ts_is(&res[3], TC_SEND_BAD_RESPONSE, 503, "HTTP 503 Backend?? fetch failed"));
	TU_CHECK(ts_is(&res[4], TC_SEND_BAD_RESPONSE, 0, "connection closed without an answer"));
	TU_CHECK(ts_is(&res[5], TC_SEND_OK, 200, "HTTP 200 OK"));
	TU_CHECK(ts_is(&res[6], TC_SEND_BAD_RESPONSE, 200,
		"connection closed before the end of the response headers"));
	for (int i = 0; i < N; i++) {
		ts_stop(&s[i]);
	}
	TU_CHECK(strstr(s[1].heads, "GET /x HTTP/1.1\r\n") &&
			 strstr(s[1].heads, "Cache-Control: no-cache\r\n"));
	tc_request_list_free(&l);
}

static void send_connect_timeout(void)
{
	/* Backlog 0 and one connection waiting to be accepted: Linux drops further SYNs, so a
	 * connect hangs as it would to a dead host, without leaving the loopback. */
	unsigned port = 0;
	int lfd = ts_listen(0, &port);
	TU_REQUIRE(lfd >= 0);
	int fillers[2] = {-1, -1};
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons((uint16_t)port);
	for (int i = 0; i < 2; i++) {
		fillers[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		connect(fillers[i], (struct sockaddr *)&a, sizeof(a));
	}
	/* Wait (bounded) until the first filler's handshake is done and it fills the queue. */
	struct pollfd done = {fillers[0], POLLOUT, 0};
	TU_CHECK(poll(&done, 1, 5000) == 1);
	tc_proxy px[] = {{"127.0.0.1", port}};
	tc_request_list l;
	tc_request_list_init(&l);
	tc_err err;
	TU_REQUIRE(tc_purge_url(NULL, (tc_str){"/x", 2}, 0, &l, &err) == TC_OK);
	tc_send_options o = {200, 3000, 0};
	tc_send_result res[1];
	TU_CHECK(ts_send(&o, px, 1, &l, res) == 0);
	TU_CHECK(ts_is(&res[0], TC_SEND_UNREACHABLE, 0, "connect timed out after 200 ms"));
	for (int i = 0; i < 2; i++) {
		close(fillers[i]);
	}
	close(lfd);
	tc_request_list_free(&l);
}

static void send_names(void)
{
	ts_server ok;
	TU_REQUIRE(ts_start(&ok, TS_OK, 0) == 0);
	tc_proxy px[] = {
		{"localhost", ok.port}, {"127.0.0.1", 0}, {"", 80}, {NULL, 80}, {"[127.0.0.1]", ok.port}};
	tc_request_list l;
	tc_request_list_init(&l);
	tc_err err;
	TU_REQUIRE(tc_purge_url(NULL, (tc_str){"/x", 2}, 0, &l, &err) == TC_OK);
	tc_send_result res[5];
	TU_CHECK(ts_send(NULL, px, 5, &l, res) == 0);
	TU_CHECK(ts_is(&res[0], TC_SEND_OK, 200, "HTTP 200 OK"));
	TU_CHECK(ts_is(&res[1], TC_SEND_UNREACHABLE, 0, "invalid port 0"));
	TU_CHECK(ts_is(&res[2], TC_SEND_UNREACHABLE, 0, "proxy has no host"));
	TU_CHECK(ts_is(&res[3], TC_SEND_UNREACHABLE, 0, "proxy has no host"));
	TU_CHECK(ts_is(&res[4], TC_SEND_OK, 200, "HTTP 200 OK"));
	ts_stop(&ok);
	char want[64];
	snprintf(want, sizeof(want), "Host: localhost:%u\r\n", ok.port);
	TU_CHECK(strstr(ok.heads, want) != NULL);
	/* Nothing to send: nothing done. */
	TU_EQ(tc_http_send(NULL, px, 0, l.items, l.count, res, &err), TC_OK);
	tc_request_list_free(&l);
}

static volatile sig_atomic_t ts_pipes;
static void ts_on_pipe(int sig)
{
	(void)sig;
	ts_pipes++;
}

static void send_no_sigpipe(void)
{
	/* Writing a large request to a proxy that resets the connection: the run must never
	 * raise SIGPIPE, and must leave the signal mask as it found it. */
	struct sigaction sa, old;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = ts_on_pipe;
	sigaction(SIGPIPE, &sa, &old);
	ts_pipes = 0;
	ts_server rst;
	TU_REQUIRE(ts_start(&rst, TS_RESET, 0) == 0);
	size_t big = 4 << 20;
	char *value = malloc(big + 1);
	TU_REQUIRE(value != NULL);
	memset(value, 'v', big);
	value[big] = '\0';
	tc_http_header h = {"X-Big", value};
	tc_http_request req = {"BAN", "/", NULL, &h, 1};
	tc_proxy px[] = {{"127.0.0.1", rst.port}};
	tc_send_result res[1];
	tc_err err;
	for (int i = 0; i < 5; i++) {
		TU_CHECK(tc_http_send(NULL, px, 1, &req, 1, res, &err) == TC_OK);
		TU_CHECK(res[0].outcome == TC_SEND_BAD_RESPONSE || res[0].outcome == TC_SEND_UNREACHABLE);
	}
	ts_stop(&rst);
	free(value);
	TU_EQ(ts_pipes, 0);
	sigset_t now;
	pthread_sigmask(SIG_SETMASK, NULL, &now);
	TU_CHECK(!sigismember(&now, SIGPIPE));
	sigaction(SIGPIPE, &old, NULL);
}

static const tc_delay_item *td_find(const tc_delay_queue *q, const char *target, size_t proxy)
{
	for (size_t i = 0; i < q->count; i++) {
		if (q->items[i].proxy == proxy && strcmp(q->items[i].req.target, target) == 0) {
			return &q->items[i];
		}
	}
	return NULL;
}

/* The second-send queue (tc_delay.c) on made-up clock values: coalescing, the planned extra
 * send after the last first send, failures kept, retry limits. */
static void send_delay_queue(void)
{
	ts_server ok, bad;
	TU_REQUIRE(ts_start(&ok, TS_OK, 0) == 0);
	TU_REQUIRE(ts_start(&bad, TS_400, 0) == 0);
	tc_proxy px[] = {{"127.0.0.1", ok.port}, {"127.0.0.1", bad.port}};
	tc_request_list l;
	tc_request_list_init(&l);
	tc_err err;
	TU_REQUIRE(tc_purge_url(NULL, (tc_str){"/a", 2}, 0, &l, &err) == TC_OK);
	TU_REQUIRE(tc_purge_url(NULL, (tc_str){"/b", 2}, 0, &l, &err) == TC_OK);
	tc_delay_queue q;
	tc_delay_init(&q);
	const double d = 2.0;
	tc_send_options o = {1000, 5000, 64};
	size_t sent = 9, failed = 9;
	/* /a to proxy 0 three times within the delay: one copy, due 2 s after the first */
	TU_CHECK(tc_delay_add(&q, &l.items[0], 0, 100, d, &err) == TC_OK);
	TU_CHECK(tc_delay_add(&q, &l.items[0], 0, 100.5, d, &err) == TC_OK);
	TU_CHECK(tc_delay_add(&q, &l.items[0], 0, 101, d, &err) == TC_OK);
	TU_CHECK(tc_delay_add(&q, &l.items[0], 1, 100, d, &err) == TC_OK);
	TU_CHECK(tc_delay_add(&q, &l.items[1], 0, 103, d, &err) == TC_OK);
	TU_EQ(q.count, 3);
	TU_CHECK(tc_delay_next_due(&q) == 102);
	TU_CHECK(tc_delay_send_due(&q, &o, px, 2, 101.9, d, &sent, &failed, NULL, NULL, &err) == TC_OK);
	TU_CHECK(sent == 0 && failed == 0);
	/* 102: /a reaches proxy 0 but its last first send (101) needs one more at 103; proxy 1
	 * answers 400: kept with one failure */
	TU_CHECK(tc_delay_send_due(&q, &o, px, 2, 102, d, &sent, &failed, NULL, NULL, &err) == TC_OK);
	TU_CHECK(sent == 1 && failed == 1);
	TU_EQ(q.count, 3);
	const tc_delay_item *a0 = td_find(&q, "/a", 0), *a1 = td_find(&q, "/a", 1);
	TU_REQUIRE(a0 && a1);
	TU_CHECK(a0->due == 103);
	TU_EQ(a1->failures, 1);
	/* 103: /a to proxy 0 is done; /b (due 105) waits; proxy 1 fails again */
	TU_CHECK(tc_delay_send_due(&q, &o, px, 2, 103, d, &sent, &failed, NULL, NULL, &err) == TC_OK);
	TU_CHECK(sent == 1 && failed == 1);
	TU_EQ(q.count, 2);
	TU_CHECK(td_find(&q, "/a", 0) == NULL);
	TU_EQ(tc_delay_reschedule_failed(&q, 104, 2), 1);
	TU_EQ(q.count, 1);
	/* a first send after the copy was due covers it: planned from that send */
	TU_CHECK(tc_delay_add(&q, &l.items[1], 0, 106, d, &err) == TC_OK);
	TU_EQ(q.count, 1);
	TU_CHECK(tc_delay_next_due(&q) == 108);
	ts_stop(&ok);
	ts_stop(&bad);
	TU_EQ(ok.conns, 2);
	TU_EQ(bad.conns, 2);
	tc_delay_free(&q);
	TU_CHECK(tc_delay_next_due(&q) == -1);
	tc_request_list_free(&l);
}

void tu_suite_http_send(void)
{
	tu_label = "http send";
	TU_RUN(send_mixed);
	TU_RUN(send_parallel);
	TU_RUN(send_total_timeout);
	TU_RUN(send_odd_answers);
	TU_RUN(send_connect_timeout);
	TU_RUN(send_names);
	TU_RUN(send_no_sigpipe);
	TU_RUN(send_delay_queue);
	tu_label = "";
}
