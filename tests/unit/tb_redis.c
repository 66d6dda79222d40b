/* A redis-server of the unit tests' own (test_redis.c, test_bus_stream.c, test_bus_outbox.c):
 * started on a free loopback port (or a unix socket) in a temp dir, killed by PID, restartable
 * on the same port and directory to test reconnects. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "tb_redis.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "tu.h"

static void tb_sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) != 0) {
	}
}

const char *tb_binary(void)
{
	const char *env = getenv("TAGCACHE_REDIS_SERVER");
	if (env && *env) {
		return access(env, X_OK) == 0 ? env : NULL;
	}
	static char path[4096];
	const char *p = getenv("PATH");
	if (!p) {
		p = "/usr/local/bin:/usr/bin:/bin";
	}
	while (*p) {
		const char *e = strchr(p, ':');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n && n < sizeof(path) - 20) {
			snprintf(path, sizeof(path), "%.*s/redis-server", (int)n, p);
			if (access(path, X_OK) == 0) {
				return path;
			}
		}
		p += n;
		if (*p == ':') {
			p++;
		}
	}
	return NULL;
}

/* A loopback port held for this process: the socket stays bound (SO_REUSEADDR, never listening,
 * never closed), so nothing else is handed the port, connections to it are refused until
 * redis-server (which sets SO_REUSEADDR too) listens on it: no bind-close-reuse race. */
unsigned tb_free_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int one = 1;
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0) {
		return 0;
	}
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t len = sizeof(a);
	unsigned port = 0;
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 &&
		getsockname(fd, (struct sockaddr *)&a, &len) == 0) {
		port = ntohs(a.sin_port);
	}
	return port;
}

redisContext *tb_client(const tb_server *s)
{
	struct timeval tv = {1, 0};
	redisContext *c = s->port ? redisConnectWithTimeout("127.0.0.1", (int)s->port, tv)
							  : redisConnectUnixWithTimeout(s->sock, tv);
	if (c && c->err) {
		redisFree(c);
		return NULL;
	}
	if (c && s->password[0]) {
		redisReply *r = redisCommand(c, "AUTH %s", s->password);
		if (r) {
			freeReplyObject(r);
		}
	}
	return c;
}

int tb_start(tb_server *s)
{
	const char *bin = tb_binary();
	if (!bin) {
		fprintf(stderr, "  redis-server not found (set TAGCACHE_REDIS_SERVER to its path)\n");
		return -1;
	}
	if (!s->dir) {
		s->dir = tu_tempdir();
	}
	if (!s->port && !s->sock[0]) {
		s->port = tb_free_port();
	}
	char port[16];
	snprintf(port, sizeof(port), "%u", s->port);
	const char *argv[20];
	int n = 0;
	argv[n++] = bin;
	argv[n++] = "--port";
	argv[n++] = port;
	argv[n++] = "--bind";
	argv[n++] = "127.0.0.1";
	argv[n++] = "--save";
	argv[n++] = "";
	argv[n++] = "--appendonly";
	argv[n++] = "no";
	argv[n++] = "--dir";
	argv[n++] = s->dir;
	argv[n++] = "--daemonize";
	argv[n++] = "no";
	if (s->sock[0]) {
		argv[n++] = "--unixsocket";
		argv[n++] = s->sock;
	}
	if (s->password[0]) {
		argv[n++] = "--requirepass";
		argv[n++] = s->password;
	}
	argv[n] = NULL;
	pid_t pid = fork();
	if (pid < 0) {
		return -1;
	}
	if (pid == 0) {
#ifdef __linux__
		prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
		char log[4096];
		snprintf(log, sizeof(log), "%s/redis.log", s->dir);
		FILE *f = freopen(log, "a", stdout);
		(void)f;
		dup2(STDOUT_FILENO, STDERR_FILENO);
		execv(bin, (char *const *)argv);
		_exit(127);
	}
	s->pid = pid;
	for (int i = 0; i < 500; i++) {
		int status;
		if (waitpid(pid, &status, WNOHANG) == pid) {
			s->pid = 0;
			fprintf(stderr, "  redis-server exited at start; see %s/redis.log\n", s->dir);
			return -1;
		}
		redisContext *c = tb_client(s);
		if (c) {
			redisReply *r = redisCommand(c, "PING");
			int ok = r && r->type == REDIS_REPLY_STATUS;
			if (r) {
				freeReplyObject(r);
			}
			if (ok) {
				s->raw = c;
				return 0;
			}
			redisFree(c);
		}
		tb_sleep_ms(10);
	}
	fprintf(stderr, "  redis-server did not answer PING in 5 s\n");
	return -1;
}

void tb_kill(tb_server *s)
{
	if (s->raw) {
		redisFree(s->raw);
		s->raw = NULL;
	}
	if (s->pid > 0) {
		kill(s->pid, SIGKILL);
		waitpid(s->pid, NULL, 0);
		s->pid = 0;
	}
}

void tb_stop(tb_server *s)
{
	tb_kill(s);
	if (s->dir) {
		tu_rmtree(s->dir);
	}
	memset(s, 0, sizeof(*s));
}

redisReply *tb_raw(tb_server *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	redisReply *r = s->raw ? redisvCommand(s->raw, fmt, ap) : NULL;
	va_end(ap);
	return r;
}

long long tb_int(tb_server *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	redisReply *r = s->raw ? redisvCommand(s->raw, fmt, ap) : NULL;
	va_end(ap);
	long long v = r && r->type == REDIS_REPLY_INTEGER ? r->integer : -1000000;
	if (r) {
		freeReplyObject(r);
	}
	return v;
}

int tb_link(tb_server *s, tc_redis_link *l)
{
	tc_err err;
	return tc_redis_link_init(l, "127.0.0.1", s->port, 0, NULL, 1000, 1000, 0, &err) == TC_OK ? 0 : -1;
}
