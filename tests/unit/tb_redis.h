/* A redis-server of the unit tests' own (test_redis.c, test_bus_stream.c, test_bus_outbox.c):
 * started on a free loopback port (or a unix socket) in a temp dir, killed by PID. */
#ifndef TB_REDIS_H
#define TB_REDIS_H

#include <hiredis/hiredis.h>
#include <sys/types.h>

#include "../../src/backend/redis_conn.h"

typedef struct {
	pid_t pid;
	unsigned port; /* 0: unix socket only */
	char *dir;
	char sock[200];    /* set before the first start for a unix socket */
	char password[32]; /* requirepass, "" for none */
	redisContext *raw; /* a plain client for inspecting keys */
} tb_server;

/* redis-server from TAGCACHE_REDIS_SERVER or PATH; NULL when missing. */
const char *tb_binary(void);
/* A loopback port held bound by this process (never listening), so no one else gets it. */
unsigned tb_free_port(void);
/* Starts a zeroed server, or restarts a killed one on the same port and directory. 0 when
 * it answers PING; -1 (with a note on stderr) when redis-server is missing or failed:
 * tb_stop() still frees what it made. */
int tb_start(tb_server *s);
/* Kills the process (SIGKILL: like a crash), keeping dir and port for a restart. */
void tb_kill(tb_server *s);
/* Kills it, removes its directory and zeroes s. */
void tb_stop(tb_server *s);
/* A new plain client (AUTH sent when a password is set), or NULL. */
redisContext *tb_client(const tb_server *s);
/* A raw command's reply (the caller frees it), or NULL. */
redisReply *tb_raw(tb_server *s, const char *fmt, ...);
/* A raw command's integer reply, or -1000000. */
long long tb_int(tb_server *s, const char *fmt, ...);
/* A link to it (1 s timeouts, not persistent). */
int tb_link(tb_server *s, tc_redis_link *l);

#endif
