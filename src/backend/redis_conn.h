/* Redis connections of the Redis backend: lazy connect, AUTH and SELECT, timeouts, one
 * command or a short pipeline at a time, and the process-wide pool of persistent
 * connections.
 *
 * Pipelines (several commands, one write, their replies read back) are tc_redis_pipeline,
 * redis_pipe.h.
 *
 * A backend holds a tc_redis_link (where to connect and how); the connection itself is
 * either owned by the link or, for persistent links, kept in the pool and looked up on each
 * call, so no backend ever holds a pointer into the pool. Any I/O failure or timeout frees
 * the connection (and drops it from the pool): the next call connects again.
 *
 * Connections the server closed (a restart, its idle `timeout`, CLIENT KILL, a failover) are
 * noticed before use: a connection idle for a millisecond or more that is readable (EOF, a
 * reset, stray bytes) is replaced by a new one, with one poll() and no round trip. A command whose connection
 * breaks anyway is repeated once on a new connection when that is safe (see
 * tc_redis_command); a timeout never is, as the server may be alive but slow.
 *
 * A link of a Redis Cluster or of Sentinels carries a topology: its node is looked up
 * (redis_cluster.c, redis_sentinel.c) before its first connection and after any dropped one,
 * and its error replies are inspected for redirections (redis_route.c). A link without one
 * runs exactly as before. */
#ifndef TC_REDIS_CONN_H
#define TC_REDIS_CONN_H

#include <hiredis/hiredis.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "../tc_status.h"

/* A node address of a cluster or a sentinel set. */
typedef struct {
	char *host;
	unsigned port;
} tc_redis_addr;

enum { TC_REDIS_CLUSTER = 1, TC_REDIS_SENTINEL = 2 };

/* How a cluster or sentinel link finds its node (redis_cluster.c, redis_sentinel.c). The link
 * owns it; nothing in it is shared, so threads and forks need no lock. Persistent links also
 * share the node last resolved with the process (redis_route.c, under a lock of its own). */
typedef struct tc_redis_topology {
	int kind;              /* TC_REDIS_CLUSTER or TC_REDIS_SENTINEL */
	tc_redis_addr *seeds;  /* the configured seed nodes, or the sentinels */
	size_t nseeds;
	tc_redis_addr *known;  /* cluster: the nodes of the last slot map, asked before the seeds */
	size_t nknown;
	char *tag;             /* the cache's key prefix: its slot, and its name in messages */
	char *service;         /* sentinel: the master name */
	char *sentinel_password; /* sentinel: AUTH for the sentinels, NULL when none */
	unsigned slot;         /* cluster: the cache's slot */
	int stale;             /* find the node again before the next connection */
	int replica_seen;      /* sentinel: the last node connected to said it is no master */
	unsigned long resolved;   /* times the node was looked up */
	unsigned long redirected; /* MOVED and ASK followed */
	char *shared_key;      /* persistent links: the topology's key in the process's memory of
							* resolved nodes (redis_route.c), malloc'd on first use */
} tc_redis_topology;

typedef struct tc_redis_link {
	char *host;    /* host name, IP or unix socket path (leading '/') */
	unsigned port; /* ignored for sockets */
	unsigned database;
	char *password; /* NULL when no AUTH */
	unsigned connect_timeout_ms;
	unsigned read_timeout_ms;
	int persistent;
	char where[300];   /* "host:port" or the socket path, for messages */
	redisContext *own; /* the connection of a non-persistent link */
	unsigned long own_gen; /* the process generation that opened it (forks bump it) */
	uint64_t replied_ns;        /* when a reply last arrived (monotonic clock), 0 before */
	unsigned long closed_found; /* connections found closed before use, then replaced */
	unsigned long retried;      /* commands repeated after their connection broke */
	tc_redis_topology *topo;    /* NULL for one server (hostname, port) */
} tc_redis_link;

/* Copies what it needs from the arguments. */
tc_status tc_redis_link_init(tc_redis_link *l, const char *host, unsigned port, unsigned database,
	const char *password, unsigned connect_timeout_ms, unsigned read_timeout_ms, int persistent,
	tc_err *err);
/* Closes an owned connection; a pooled one stays in the pool. */
void tc_redis_link_free(tc_redis_link *l);

/* flags of tc_redis_command: running the command twice leaves the data as running it once
 * does, so it may be repeated even when it may have reached the server. */
#define TC_REDIS_IDEMPOTENT 1u

/* Sends one command and reads its reply. TC_OK with *reply set (the caller frees it with
 * freeReplyObject), including error replies; TC_ERR_IO when the connection failed, which
 * is then closed.
 * When a connection that was open before the call breaks (EOF or reset, not a timeout), the
 * command runs once more on a new connection if it cannot have run (the connection broke
 * before the whole command was written) or if flags has TC_REDIS_IDEMPOTENT. A new
 * connection that fails is reported, never retried. */
tc_status tc_redis_command(tc_redis_link *l, unsigned flags, int argc, const char **argv,
	const size_t *argvlen, redisReply **reply, tc_err *err);

/* Like tc_redis_command, but an error reply becomes TC_ERR_IO "Redis at <where>: <error>"
 * and a reply of another type than want (REDIS_REPLY_*, or -1 for any) TC_ERR_IO too. */
tc_status tc_redis_command_expect(tc_redis_link *l, unsigned flags, int argc, const char **argv,
	const size_t *argvlen, int want, redisReply **reply, tc_err *err);

/* tc_redis_command without TC_REDIS_IDEMPOTENT: repeated only when it cannot have run. */
tc_status tc_redis_call(tc_redis_link *l, int argc, const char **argv, const size_t *argvlen,
	redisReply **reply, tc_err *err);

/* tc_redis_command_expect without TC_REDIS_IDEMPOTENT. */
tc_status tc_redis_call_expect(tc_redis_link *l, int argc, const char **argv, const size_t *argvlen,
	int want, redisReply **reply, tc_err *err);

/* Formats an error reply or an unexpected reply as TC_ERR_IO naming the server. */
tc_status tc_redis_reply_error(
	tc_redis_link *l, const redisReply *r, const char *what, tc_err *err);

/* Closes the link's connection (pooled or owned), e.g. after a protocol surprise. A cluster or
 * sentinel link looks its node up again before the next connection. */
void tc_redis_link_drop(tc_redis_link *l);

/* Points l at another node (closing an owned connection to the old one; a pooled one stays in
 * the pool for other links). */
tc_status tc_redis_link_retarget(tc_redis_link *l, const char *host, unsigned port, tc_err *err);

/* One command to host:port over a connection of its own, closed afterwards (AUTH with
 * password when given, ASKING first when asking; l gives the timeouts): how the resolvers ask
 * seeds and sentinels, and how an ASK redirection is followed. argvlen NULL: strlen. */
tc_status tc_redis_probe(const tc_redis_link *l, const char *host, unsigned port,
	const char *password, int asking, int argc, const char **argv, const size_t *argvlen,
	redisReply **reply, tc_err *err);

/* Makes l a cluster link (redis_cluster.c): seeds[n] as "host:port" strings, tag the cache's
 * key prefix (its slot, and its name in messages). The database must be 0. */
tc_status tc_redis_cluster_attach(tc_redis_link *l, const char *const *seeds, size_t n,
	const char *tag, tc_err *err);
/* Makes l a sentinel link (redis_sentinel.c): sentinels[n] as "host:port" strings, service the
 * master name, password for the sentinels (NULL or "" when none). */
tc_status tc_redis_sentinel_attach(tc_redis_link *l, const char *const *sentinels, size_t n,
	const char *service, const char *password, tc_err *err);

/* Frees a topology (tc_redis_link_free does it for the link's own). */
void tc_redis_topology_free(tc_redis_topology *t);

#endif
