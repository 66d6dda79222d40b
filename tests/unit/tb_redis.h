/* A redis-server of its own for the bus tests (test_bus_stream.c, test_bus_outbox.c): started
 * on a free loopback port in a temp dir, killed by PID. */
#ifndef TB_REDIS_H
#define TB_REDIS_H

#include <hiredis/hiredis.h>
#include <sys/types.h>

#include "../../src/backend/redis_conn.h"

typedef struct {
	pid_t pid;
	unsigned port;
	char *dir;
	redisContext *raw;
} tb_server;

/* 0 when started; -1 (with a note on stderr) when redis-server is missing or failed. */
int tb_start(tb_server *s);
void tb_stop(tb_server *s);
/* A link to it (1 s timeouts, not persistent). */
int tb_link(tb_server *s, tc_redis_link *l);
/* A raw command's integer reply, or -1000000. */
long long tb_int(tb_server *s, const char *fmt, ...);

#endif
