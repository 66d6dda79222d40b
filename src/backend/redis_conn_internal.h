/* Connection internals shared by redis_conn.c and redis_route.c (cluster and sentinel
 * routing); not for the backend's operations, which use redis_conn.h. */
#ifndef TC_REDIS_CONN_INTERNAL_H
#define TC_REDIS_CONN_INTERNAL_H

#include "redis_conn.h"

/* Describes the failure recorded in c; phase: "connect", "read" or "write". */
tc_status tc_rc_ctx_error(tc_redis_link *l, const redisContext *c, const char *phase, tc_err *err);
/* Writes what is appended, reads one reply. */
tc_status tc_rc_recv(tc_redis_link *l, redisContext *c, redisReply **reply, tc_err *err);
/* A new connection to l's node with the handshake (AUTH, SELECT, ROLE for sentinel links). */
tc_status tc_rc_connect(tc_redis_link *l, redisContext **out, tc_err *err);
/* The live connection of l, looking its node up first when in doubt. */
tc_status tc_rc_ctx(tc_redis_link *l, redisContext **out, tc_err *err);

/* redis_route.c: the pipeline of a cluster or sentinel link. */
tc_status tc_rc_topo_append(tc_redis_link *l, redisContext *c, int argc, const char **argv,
	const size_t *argvlen, tc_err *err);
tc_status tc_rc_topo_read(tc_redis_link *l, redisReply **reply, tc_err *err);

#endif
