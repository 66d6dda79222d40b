/* Connection internals shared by redis_conn.c, redis_route.c (cluster and sentinel routing)
 * and redis_pipe.c (pipelines); not for the backend's operations, which use redis_conn.h. */
#ifndef TC_REDIS_CONN_INTERNAL_H
#define TC_REDIS_CONN_INTERNAL_H

#include "redis_conn.h"

/* Describes the failure recorded in c; phase: "connect", "read" or "write". */
tc_status tc_rc_ctx_error(tc_redis_link *l, const redisContext *c, const char *phase, tc_err *err);
/* Writes what is appended (send with MSG_NOSIGNAL); *sent: bytes taken before a failure. */
tc_status tc_rc_flush(tc_redis_link *l, redisContext *c, size_t *sent, tc_err *err);
/* 1 when the failure recorded in c means the server closed or reset the connection. */
int tc_rc_broken(const redisContext *c);
/* Notes that a reply arrived (drops the connection after a protocol error). */
void tc_rc_replied(tc_redis_link *l, const redisReply *r);
/* The connection for a new command or pipeline (see redis_conn.c); *reused: it was open. */
tc_status tc_rc_ctx_live(tc_redis_link *l, redisContext **out, int *reused, tc_err *err);
/* Writes what is appended, reads one reply. */
tc_status tc_rc_recv(tc_redis_link *l, redisContext *c, redisReply **reply, tc_err *err);
/* A new connection to l's node with the handshake (AUTH, SELECT, ROLE for sentinel links). */
tc_status tc_rc_connect(tc_redis_link *l, redisContext **out, tc_err *err);
/* The live connection of l, looking its node up first when in doubt. */
tc_status tc_rc_ctx(tc_redis_link *l, redisContext **out, tc_err *err);

/* The process generation (bumped in a forked child). */
unsigned long tc_rc_generation(void);

/* Points a cluster or sentinel link at its node: for a persistent link the node this process
 * resolved last for the same topology when there is one (*asked 0), else asks the map or the
 * sentinels (*asked 1) and remembers the answer (redis_route.c). */
tc_status tc_redis_topology_resolve(tc_redis_link *l, int *asked, tc_err *err);
/* The link's node failed (a connection, READONLY, CLUSTERDOWN): look it up before the next
 * connection, and the process forgets it for this topology. */
void tc_redis_topology_failed(tc_redis_link *l);
/* A MOVED pointed the link at another node: the process remembers that one. */
void tc_redis_topology_moved(tc_redis_link *l);
/* Forgets every remembered node (with the persistent pool, at shutdown). */
void tc_redis_topology_forget_all(void);

#endif
