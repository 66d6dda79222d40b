/* Redis connections: lazy connect, AUTH / SELECT, timeouts, error messages that name the
 * server, and the pool of persistent connections.
 *
 * The pool is a short list keyed by host, port, database, password, process generation and
 * thread: a forked child never talks over its parent's socket and two threads never share one.
 * Pool nodes live for the process, so they are allocated with malloc and not through the
 * tc_alloc hook (a binding may plug a per-request allocator there).
 *
 * Reconnects (see redis_conn.h) sit apart from the pool, in tc_rc_ctx_live and
 * tc_redis_command: the pool only ever hands out or drops a connection. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "redis_conn.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <hiredis/sds.h>

#include "../tc_alloc.h"
#include "../tc_backend.h"
#include "redis_cluster.h"
#include "redis_conn_internal.h"
#include "redis_sentinel.h"

typedef struct tc_redis_pooled {
	struct tc_redis_pooled *next;
	redisContext *ctx;
	unsigned long gen; /* rc_generation when it was opened */
	pthread_t thread;
	unsigned port;
	unsigned database;
	unsigned read_timeout_ms; /* what the socket is set to now */
	char *host;
	char *password; /* NULL when none */
} tc_redis_pooled;

static tc_redis_pooled *tc_redis_pool;
static pthread_mutex_t tc_redis_pool_lock = PTHREAD_MUTEX_INITIALIZER;

/* The process generation: bumped in every child a fork makes (before the child runs anything
 * else, and while it has a single thread), so a connection opened under another generation was
 * inherited and is never used. Comparing it costs nothing where getpid() is a system call per
 * command. The handlers are registered before the first connection is opened (tc_rc_connect):
 * a fork before that has nothing to tell apart. */
static unsigned long rc_generation = 1;

/* A fork while another thread holds the pool's lock would leave the child's copy locked for
 * good: the lock is taken around every fork and released on both sides. */
static pthread_once_t tc_redis_pool_atfork_once = PTHREAD_ONCE_INIT;
static void rc_pool_lock_for_fork(void)
{
	pthread_mutex_lock(&tc_redis_pool_lock);
}
static void rc_pool_unlock_after_fork(void)
{
	pthread_mutex_unlock(&tc_redis_pool_lock);
}
static void rc_child_after_fork(void)
{
	rc_generation++;
	pthread_mutex_unlock(&tc_redis_pool_lock);
}
unsigned long tc_rc_generation(void)
{
	return rc_generation;
}

static void rc_pool_register_atfork(void)
{
	pthread_atfork(rc_pool_lock_for_fork, rc_pool_unlock_after_fork, rc_child_after_fork);
}

static struct timeval rc_tv(unsigned ms)
{
	struct timeval tv;
	tv.tv_sec = (time_t)(ms / 1000);
	tv.tv_usec = (suseconds_t)((ms % 1000) * 1000);
	return tv;
}

static int rc_streq(const char *a, const char *b)
{
	if (!a || !b) {
		return a == b;
	}
	return strcmp(a, b) == 0;
}

tc_status tc_redis_link_init(tc_redis_link *l, const char *host, unsigned port, unsigned database,
	const char *password, unsigned connect_timeout_ms, unsigned read_timeout_ms, int persistent,
	tc_err *err)
{
	memset(l, 0, sizeof(*l));
	/* hiredis 0.14 copies a socket path into sun_path with strncpy and no check of its own: a
	 * longer path would silently name another socket, and one that fills sun_path leaves it
	 * without a terminating NUL. So one byte less than sun_path, plus room for the NUL. */
	size_t max_path = sizeof(((struct sockaddr_un *)0)->sun_path) - 2;
	if (host[0] == '/' && strlen(host) > max_path) {
		return tc_err_set(err, TC_ERR_ARG,
			"Redis socket path \"%.60s...\" is %zu bytes; a unix socket path has at most %zu",
			host, strlen(host), max_path);
	}
	l->host = tc_strndup(host, strlen(host));
	l->password = password && *password ? tc_strndup(password, strlen(password)) : NULL;
	if (!l->host || (password && *password && !l->password)) {
		tc_redis_link_free(l);
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory creating a Redis backend");
	}
	l->port = port;
	l->database = database;
	l->connect_timeout_ms = connect_timeout_ms;
	l->read_timeout_ms = read_timeout_ms;
	l->persistent = persistent;
	if (host[0] == '/') {
		snprintf(l->where, sizeof(l->where), "%s", host);
	} else if (strchr(host, ':')) {
		snprintf(l->where, sizeof(l->where), "[%s]:%u", host, port); /* IPv6 literal */
	} else {
		snprintf(l->where, sizeof(l->where), "%s:%u", host, port);
	}
	return TC_OK;
}

/* Describes the failure recorded in c. phase: "connect", "read" or "write". */
tc_status tc_rc_ctx_error(
	tc_redis_link *l, const redisContext *c, const char *phase, tc_err *err)
{
	const char *why = c && c->errstr[0] ? c->errstr : "unknown error";
	unsigned ms = strcmp(phase, "connect") == 0 ? l->connect_timeout_ms : l->read_timeout_ms;
	int timed_out =
		c && c->err == REDIS_ERR_IO &&
		(strcmp(why, strerror(EAGAIN)) == 0 || strcmp(why, strerror(EWOULDBLOCK)) == 0 ||
			strcmp(why, strerror(ETIMEDOUT)) == 0 || strcmp(why, strerror(EINPROGRESS)) == 0);
	if (timed_out) {
		return tc_err_set(
			err, TC_ERR_IO, "Redis at %s: %s timed out after %u ms", l->where, phase, ms);
	}
	if (c && c->err == REDIS_ERR_EOF) {
		return tc_err_set(err, TC_ERR_IO, "Redis at %s: connection closed by the server", l->where);
	}
	return tc_err_set(err, TC_ERR_IO, "Redis at %s: %s", l->where, why);
}

/* 1 when the failure recorded in c means the server closed or reset the connection; not for
 * timeouts (a server alive but slow) nor protocol errors, after which a new connection would
 * fail the same way or double the wait. */
int tc_rc_broken(const redisContext *c)
{
	if (c->err == REDIS_ERR_EOF) {
		return 1;
	}
	if (c->err != REDIS_ERR_IO) {
		return 0;
	}
	static const int gone[] = {EPIPE, ECONNRESET, ECONNABORTED, ENOTCONN};
	for (size_t i = 0; i < sizeof(gone) / sizeof(gone[0]); i++) {
		if (strcmp(c->errstr, strerror(gone[i])) == 0) {
			return 1;
		}
	}
	return 0;
}

tc_status tc_redis_reply_error(tc_redis_link *l, const redisReply *r, const char *what, tc_err *err)
{
	if (r && r->type == REDIS_REPLY_ERROR) {
		/* Redis answers long commands of a client that has not authenticated with a protocol
		 * error instead of NOAUTH. */
		int noauth = strstr(r->str, "unauthenticated") != NULL;
		return tc_err_set(err, TC_ERR_IO, "Redis at %s: %s%s%.*s%s", l->where, what ? what : "",
			what ? ": " : "", (int)r->len, r->str,
			noauth ? " (the server requires a password)" : "");
	}
	return tc_err_set(err, TC_ERR_IO, "Redis at %s: unexpected reply%s%s (type %d)", l->where,
		what ? " to " : "", what ? what : "", r ? r->type : -1);
}

/* Writes everything appended so far with send(MSG_NOSIGNAL): a server that went away is an
 * error, never a SIGPIPE that ends PHP, and no signal mask is touched (those were three system
 * calls per command). SO_SNDTIMEO (redisSetTimeout) bounds each send; EAGAIN is that timeout.
 * A failure is recorded in c as hiredis records it, so messages and tc_rc_broken stay the same.
 * *sent: the bytes the kernel took before a failure. */
tc_status tc_rc_flush(tc_redis_link *l, redisContext *c, size_t *sent, tc_err *err)
{
	size_t len = sdslen(c->obuf), off = 0;
	*sent = 0;
	while (off < len) {
		ssize_t n = send(c->fd, c->obuf + off, len - off, MSG_NOSIGNAL);
		if (n >= 0) {
			off += (size_t)n;
			continue;
		}
		if (errno == EINTR) {
			continue;
		}
		int e = errno;
		*sent = off;
		if (off <= INT_MAX) {
			sdsrange(c->obuf, (int)off, -1); /* what is left (the link is dropped anyway) */
		}
		c->err = REDIS_ERR_IO;
		snprintf(c->errstr, sizeof(c->errstr), "%s", strerror(e));
		return tc_rc_ctx_error(l, c, "write", err);
	}
	*sent = off;
	if (len > 65536) {
		/* as hiredis does, a large payload's buffer is not kept for the connection's life */
		sds empty = sdsempty();
		if (empty) {
			sdsfree(c->obuf);
			c->obuf = empty;
			return TC_OK;
		}
	}
	sdsclear(c->obuf);
	return TC_OK;
}

tc_status tc_rc_recv(tc_redis_link *l, redisContext *c, redisReply **reply, tc_err *err)
{
	void *r = NULL;
	*reply = NULL;
	size_t sent;
	tc_status st = tc_rc_flush(l, c, &sent, err);
	if (st != TC_OK) {
		return st;
	}
	if (redisGetReply(c, &r) != REDIS_OK || !r) {
		return tc_rc_ctx_error(l, c, "read", err);
	}
	*reply = r;
	return TC_OK;
}

/* AUTH and SELECT in one round trip. */
static tc_status rc_handshake(tc_redis_link *l, redisContext *c, tc_err *err)
{
	char db[16];
	int n = 0;
	if (l->password) {
		const char *argv[] = {"AUTH", l->password};
		size_t lens[] = {4, strlen(l->password)};
		if (redisAppendCommandArgv(c, 2, argv, lens) != REDIS_OK) {
			return tc_rc_ctx_error(l, c, "write", err);
		}
		n++;
	}
	if (l->database) {
		snprintf(db, sizeof(db), "%u", l->database);
		const char *argv[] = {"SELECT", db};
		size_t lens[] = {6, strlen(db)};
		if (redisAppendCommandArgv(c, 2, argv, lens) != REDIS_OK) {
			return tc_rc_ctx_error(l, c, "write", err);
		}
		n++;
	}
	/* a sentinel's answer may be stale (a failover under way): never write to a replica */
	int role = l->topo && l->topo->kind == TC_REDIS_SENTINEL;
	if (role) {
		const char *argv[] = {"ROLE"};
		size_t lens[] = {4};
		if (redisAppendCommandArgv(c, 1, argv, lens) != REDIS_OK) {
			return tc_rc_ctx_error(l, c, "write", err);
		}
		n++;
	}
	tc_status st = TC_OK;
	for (int i = 0; i < n; i++) {
		redisReply *r;
		tc_status rs = tc_rc_recv(l, c, &r, err);
		if (rs != TC_OK) {
			return rs;
		}
		if (role && i == n - 1 && st == TC_OK) {
			int master = r->type == REDIS_REPLY_ARRAY && r->elements > 0 &&
						 r->element[0]->type == REDIS_REPLY_STRING &&
						 strcmp(r->element[0]->str, "master") == 0;
			if (!master) {
				st = tc_err_set(err, TC_ERR_IO,
					"Redis at %s: not the primary of service \"%s\" (ROLE: %s)", l->where,
					l->topo->service,
					r->type == REDIS_REPLY_ARRAY && r->elements > 0 &&
							r->element[0]->type == REDIS_REPLY_STRING
						? r->element[0]->str
						: "no answer");
				l->topo->replica_seen = 1;
			}
		} else if (r->type == REDIS_REPLY_ERROR && st == TC_OK) {
			int is_auth = l->password && i == 0;
			if (is_auth) {
				st = tc_err_set(err, TC_ERR_IO, "Redis at %s: AUTH failed: %.*s", l->where,
					(int)r->len, r->str);
			} else {
				st = tc_err_set(err, TC_ERR_IO, "Redis at %s: SELECT %u failed: %.*s", l->where,
					l->database, (int)r->len, r->str);
			}
		}
		freeReplyObject(r);
	}
	return st;
}

tc_status tc_rc_connect(tc_redis_link *l, redisContext **out, tc_err *err)
{
	pthread_once(&tc_redis_pool_atfork_once, rc_pool_register_atfork);
	struct timeval ctv = rc_tv(l->connect_timeout_ms);
	redisContext *c = l->host[0] == '/' ? redisConnectUnixWithTimeout(l->host, ctv)
										: redisConnectWithTimeout(l->host, (int)l->port, ctv);
	*out = NULL;
	if (!c) {
		return tc_err_set(
			err, TC_ERR_NOMEM, "Redis at %s: out of memory for a connection", l->where);
	}
	if (c->err) {
		tc_status st = tc_rc_ctx_error(l, c, "connect", err);
		redisFree(c);
		return st;
	}
	struct timeval rtv = rc_tv(l->read_timeout_ms);
	if (redisSetTimeout(c, rtv) != REDIS_OK) {
		tc_status st = tc_rc_ctx_error(l, c, "connect", err);
		redisFree(c);
		return st;
	}
	tc_status st = rc_handshake(l, c, err);
	if (st != TC_OK) {
		redisFree(c);
		return st;
	}
	*out = c;
	return TC_OK;
}

static int rc_pooled_matches(
	const tc_redis_pooled *p, const tc_redis_link *l, unsigned long gen, pthread_t self)
{
	return p->gen == gen && pthread_equal(p->thread, self) && p->port == l->port &&
		   p->database == l->database && rc_streq(p->host, l->host) &&
		   rc_streq(p->password, l->password);
}

static void rc_pooled_free(tc_redis_pooled *p)
{
	if (p->ctx) {
		/* In a forked child this only closes our copy of the descriptor. */
		redisFree(p->ctx);
	}
	free(p->host);
	free(p->password);
	free(p);
}

/* Under the lock: unlinks the node matching l (and frees nodes inherited over fork). */
static tc_redis_pooled *rc_pool_take_locked(
	const tc_redis_link *l, unsigned long gen, pthread_t self)
{
	tc_redis_pooled *found = NULL;
	tc_redis_pooled **pp = &tc_redis_pool;
	while (*pp) {
		tc_redis_pooled *p = *pp;
		if (p->gen != gen) {
			*pp = p->next;
			rc_pooled_free(p);
			continue;
		}
		if (!found && rc_pooled_matches(p, l, gen, self)) {
			*pp = p->next;
			found = p;
			continue;
		}
		pp = &p->next;
	}
	return found;
}

static tc_redis_pooled *rc_pool_find(const tc_redis_link *l)
{
	unsigned long gen = rc_generation;
	pthread_t self = pthread_self();
	tc_redis_pooled *found = NULL;
	pthread_mutex_lock(&tc_redis_pool_lock);
	tc_redis_pooled **pp = &tc_redis_pool;
	while (*pp) {
		tc_redis_pooled *p = *pp;
		if (p->gen != gen) {
			*pp = p->next;
			rc_pooled_free(p);
			continue;
		}
		if (rc_pooled_matches(p, l, gen, self)) {
			found = p;
			break;
		}
		pp = &p->next;
	}
	pthread_mutex_unlock(&tc_redis_pool_lock);
	return found;
}

/* The live connection of l's current node, connecting when there is none. */
static tc_status rc_ctx_node(tc_redis_link *l, redisContext **out, tc_err *err)
{
	if (!l->persistent) {
		if (l->own && l->own_gen != rc_generation) {
			/* Inherited over fork: never share the parent's stream. */
			redisFree(l->own);
			l->own = NULL;
		}
		if (!l->own) {
			tc_status st = tc_rc_connect(l, &l->own, err);
			if (st != TC_OK) {
				return st;
			}
			l->own_gen = rc_generation;
		}
		*out = l->own;
		return TC_OK;
	}
	tc_redis_pooled *p = rc_pool_find(l);
	if (p) {
		if (p->read_timeout_ms != l->read_timeout_ms) {
			if (redisSetTimeout(p->ctx, rc_tv(l->read_timeout_ms)) != REDIS_OK) {
				tc_status st = tc_rc_ctx_error(l, p->ctx, "connect", err);
				tc_redis_link_drop(l);
				return st;
			}
			p->read_timeout_ms = l->read_timeout_ms;
		}
		*out = p->ctx;
		return TC_OK;
	}
	redisContext *c;
	tc_status st = tc_rc_connect(l, &c, err);
	if (st != TC_OK) {
		return st;
	}
	p = calloc(1, sizeof(*p));
	if (p) {
		p->host = strdup(l->host);
		p->password = l->password ? strdup(l->password) : NULL;
	}
	if (!p || !p->host || (l->password && !p->password)) {
		if (p) {
			free(p->host);
			free(p->password);
			free(p);
		}
		redisFree(c);
		return tc_err_set(
			err, TC_ERR_NOMEM, "Redis at %s: out of memory for a connection", l->where);
	}
	p->ctx = c;
	p->gen = rc_generation;
	p->thread = pthread_self();
	p->port = l->port;
	p->database = l->database;
	p->read_timeout_ms = l->read_timeout_ms;
	pthread_mutex_lock(&tc_redis_pool_lock);
	p->next = tc_redis_pool;
	tc_redis_pool = p;
	pthread_mutex_unlock(&tc_redis_pool_lock);
	*out = c;
	return TC_OK;
}

/* The live connection of l. A cluster or sentinel link whose node is in doubt looks it up first;
 * a node a sentinel named that turns out to be a replica (a failover under way) makes it ask
 * again, a few times. A failed connection to a node known from before this call (e.g. a
 * persistent link whose pooled connection another backend dropped after a failover) sent
 * nothing: the node is looked up again and connected to once more, within the call. */
static tc_status rc_ctx_topo(tc_redis_link *l, int fresh, redisContext **out, tc_err *err)
{
	if (!l->topo) {
		return rc_ctx_node(l, out, err);
	}
	/* fresh: the node was asked of the servers within this call */
	for (int tries = 0;; tries++) {
		tc_status st;
		if (l->topo->stale) {
			int asked;
			st = tc_redis_topology_resolve(l, &asked, err);
			if (st != TC_OK) {
				return st;
			}
			fresh = asked;
		}
		l->topo->replica_seen = 0;
		st = rc_ctx_node(l, out, err);
		if (st == TC_OK) {
			return st;
		}
		tc_redis_topology_failed(l);
		if (!fresh && tries < 2) {
			continue; /* an address from before: ask the map or the sentinels now */
		}
		if (!l->topo->replica_seen || tries >= 2) {
			return st;
		}
		struct timespec pause = {0, 100000000}; /* the sentinels' view settles */
		nanosleep(&pause, NULL);
	}
}

tc_status tc_rc_ctx(tc_redis_link *l, redisContext **out, tc_err *err)
{
	return rc_ctx_topo(l, 0, out, err);
}

/* 1 when an idle connection can no longer carry a command: readable while no reply is due
 * means the server closed it (EOF), reset it or sent bytes nobody asked for, none of which a
 * command should be sent after. One poll() that does not wait: no round trip. */
static int rc_idle_broken(const redisContext *c)
{
	if (c->err || c->fd < 0) {
		return 1;
	}
	if (c->reader && c->reader->pos < c->reader->len) {
		return 1; /* unread bytes already buffered */
	}
	struct pollfd p = {.fd = c->fd, .events = POLLIN, .revents = 0};
	int n;
	do {
		n = poll(&p, 1, 0);
	} while (n < 0 && errno == EINTR);
	return n > 0;
}

/* A connection that answered less than this ago skips the check before use: no restart fits
 * in the gap (a new redis-server takes longer to start), and a server that merely died is
 * reported either way. Back-to-back commands thus save a system call each; what is left to
 * the retry alone is a connection killed (CLIENT KILL) within the gap. */
#define RC_RECENT_NS 1000000u

static uint64_t rc_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int rc_idle(const tc_redis_link *l)
{
	return !l->replied_ns || rc_now_ns() - l->replied_ns >= RC_RECENT_NS;
}

/* The open connection of l, or NULL; never connects. */
static redisContext *rc_current(const tc_redis_link *l)
{
	if (!l->persistent) {
		return l->own && l->own_gen == rc_generation ? l->own : NULL;
	}
	tc_redis_pooled *p = rc_pool_find(l);
	return p ? p->ctx : NULL;
}

/* The connection for a new command or pipeline: the open one when it is idle and still
 * usable, else a new one. *reused says which, as only a failure of a connection that was
 * already open is worth one more try. */
tc_status tc_rc_ctx_live(tc_redis_link *l, redisContext **out, int *reused, tc_err *err)
{
	int asked = 0;
	if (l->topo && l->topo->stale) {
		/* the node first, so a pooled connection to it gets the check below too */
		tc_status st = tc_redis_topology_resolve(l, &asked, err);
		if (st != TC_OK) {
			return st;
		}
	}
	redisContext *c = rc_current(l);
	/* An empty write buffer (sds strings end in NUL; commands start with '*') means no
	 * pipeline is under way, so nothing may be readable. */
	if (c && c->obuf && c->obuf[0] == '\0' && rc_idle(l) && rc_idle_broken(c)) {
		tc_redis_link_drop(l);
		l->closed_found++;
		c = NULL;
	}
	*reused = c != NULL;
	return rc_ctx_topo(l, asked, out, err);
}

void tc_redis_link_drop(tc_redis_link *l)
{
	tc_redis_topology_failed(l);
	if (!l->persistent) {
		if (l->own) {
			redisFree(l->own);
			l->own = NULL;
		}
		return;
	}
	pthread_mutex_lock(&tc_redis_pool_lock);
	tc_redis_pooled *p = rc_pool_take_locked(l, rc_generation, pthread_self());
	pthread_mutex_unlock(&tc_redis_pool_lock);
	if (p) {
		rc_pooled_free(p);
	}
}

void tc_redis_link_free(tc_redis_link *l)
{
	if (l->own) {
		redisFree(l->own);
	}
	tc_free(l->host);
	tc_free(l->password);
	tc_redis_topology_free(l->topo);
	memset(l, 0, sizeof(*l));
}

/* A reply arrived: the connection is known alive now. The server closes the connection after
 * a protocol error, so that one is dropped. */
void tc_rc_replied(tc_redis_link *l, const redisReply *r)
{
	l->replied_ns = rc_now_ns();
	if (r->type == REDIS_REPLY_ERROR && r->len >= 18 &&
		memcmp(r->str, "ERR Protocol error", 18) == 0) {
		tc_redis_link_drop(l);
	}
}

/* How far one command got before its connection failed. */
typedef enum {
	RC_FAILED_UNSENT, /* broken before the whole command was written: it cannot have run */
	RC_FAILED_SENT,   /* broken after it was written: it may have run */
	RC_FAILED_FINAL   /* a timeout, a protocol error, no memory: trying again would not help */
} rc_failure;

/* One command over c: write it, read its reply. On failure *how says how far it got. */
static tc_status rc_exchange(tc_redis_link *l, redisContext *c, int argc, const char **argv,
	const size_t *argvlen, redisReply **reply, rc_failure *how, tc_err *err)
{
	*how = RC_FAILED_FINAL;
	if (redisAppendCommandArgv(c, argc, argv, argvlen) != REDIS_OK) {
		return tc_rc_ctx_error(l, c, "write", err);
	}
	size_t sent;
	tc_status st = tc_rc_flush(l, c, &sent, err);
	if (st != TC_OK) {
		/* Redis runs a command once all of it has arrived, and nothing more will. */
		*how = tc_rc_broken(c) ? RC_FAILED_UNSENT : RC_FAILED_FINAL;
		return st;
	}
	void *r = NULL;
	if (redisGetReply(c, &r) != REDIS_OK || !r) {
		*how = tc_rc_broken(c) ? RC_FAILED_SENT : RC_FAILED_FINAL;
		return tc_rc_ctx_error(l, c, "read", err);
	}
	*reply = r;
	return TC_OK;
}

tc_status tc_redis_command(tc_redis_link *l, unsigned flags, int argc, const char **argv,
	const size_t *argvlen, redisReply **reply, tc_err *err)
{
	*reply = NULL;
	unsigned hops = 0;
	for (int attempt = 0;;) {
		redisContext *c;
		int reused;
		tc_status st = tc_rc_ctx_live(l, &c, &reused, err);
		if (st != TC_OK) {
			return st; /* a refused connect names the server; never repeated */
		}
		rc_failure how;
		st = rc_exchange(l, c, argc, argv, argvlen, reply, &how, err);
		if (st == TC_OK) {
			tc_rc_replied(l, *reply);
			if (l->topo && (*reply)->type == REDIS_REPLY_ERROR &&
				tc_redis_topology_reply(l, argc, argv, argvlen, reply, &hops, &st, err)) {
				continue; /* redirected: it did not run */
			}
			return st;
		}
		tc_redis_link_drop(l);
		int safe = how == RC_FAILED_UNSENT ||
				   (how == RC_FAILED_SENT && (flags & TC_REDIS_IDEMPOTENT));
		if (attempt > 0 || !reused || !safe) {
			return st;
		}
		attempt++;
		l->retried++;
	}
}

tc_status tc_redis_command_expect(tc_redis_link *l, unsigned flags, int argc, const char **argv,
	const size_t *argvlen, int want, redisReply **reply, tc_err *err)
{
	tc_status st = tc_redis_command(l, flags, argc, argv, argvlen, reply, err);
	if (st != TC_OK) {
		return st;
	}
	if ((*reply)->type == REDIS_REPLY_ERROR || (want >= 0 && (*reply)->type != want)) {
		st = tc_redis_reply_error(l, *reply, argv[0], err);
		freeReplyObject(*reply);
		*reply = NULL;
	}
	return st;
}

tc_status tc_redis_call(tc_redis_link *l, int argc, const char **argv, const size_t *argvlen,
	redisReply **reply, tc_err *err)
{
	return tc_redis_command(l, 0, argc, argv, argvlen, reply, err);
}

tc_status tc_redis_call_expect(tc_redis_link *l, int argc, const char **argv, const size_t *argvlen,
	int want, redisReply **reply, tc_err *err)
{
	return tc_redis_command_expect(l, 0, argc, argv, argvlen, want, reply, err);
}

void tc_redis_close_persistent(void)
{
	pthread_mutex_lock(&tc_redis_pool_lock);
	tc_redis_pooled *p = tc_redis_pool;
	tc_redis_pool = NULL;
	pthread_mutex_unlock(&tc_redis_pool_lock);
	while (p) {
		tc_redis_pooled *next = p->next;
		rc_pooled_free(p);
		p = next;
	}
	tc_redis_topology_forget_all();
}
