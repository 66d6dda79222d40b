/* The bus tests' redis-server (tb_redis.h). */
#define _GNU_SOURCE
#include "tb_redis.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tu.h"

static const char *tb_binary(void)
{
	static char path[4096];
	const char *p = getenv("PATH");
	for (p = p ? p : "/usr/bin:/bin"; *p;) {
		size_t n = strcspn(p, ":");
		snprintf(path, sizeof(path), "%.*s/redis-server", (int)n, p);
		if (n && access(path, X_OK) == 0) {
			return path;
		}
		p += n + (p[n] == ':');
	}
	return NULL;
}

/* The port stays bound by this process (never listening), so no one else gets it. */
static unsigned tb_free_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t len = sizeof(a);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
		bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
		getsockname(fd, (struct sockaddr *)&a, &len) != 0) {
		return 0;
	}
	return ntohs(a.sin_port);
}

int tb_start(tb_server *s)
{
	const char *bin = tb_binary();
	memset(s, 0, sizeof(*s));
	if (!bin) {
		fprintf(stderr, "  redis-server not found: bus Redis tests skipped\n");
		return -1;
	}
	s->port = tb_free_port();
	s->dir = tu_tempdir();
	char port[16];
	snprintf(port, sizeof(port), "%u", s->port);
	pid_t pid = fork();
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		char log[4096];
		snprintf(log, sizeof(log), "%s/redis.log", s->dir);
		if (freopen(log, "a", stdout)) {
			dup2(STDOUT_FILENO, STDERR_FILENO);
		}
		execl(bin, bin, "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly",
			"no", "--dir", s->dir, (char *)NULL);
		_exit(127);
	}
	s->pid = pid;
	for (int i = 0; pid > 0 && i < 500; i++) {
		struct timeval tv = {1, 0};
		redisContext *c = redisConnectWithTimeout("127.0.0.1", (int)s->port, tv);
		if (c && !c->err) {
			redisReply *r = redisCommand(c, "PING");
			int ok = r && r->type == REDIS_REPLY_STATUS;
			if (r) {
				freeReplyObject(r);
			}
			if (ok) {
				s->raw = c;
				return 0;
			}
		}
		if (c) {
			redisFree(c);
		}
		struct timespec ts = {0, 10000000};
		nanosleep(&ts, NULL);
	}
	fprintf(stderr, "  redis-server did not start; see %s/redis.log\n", s->dir);
	tb_stop(s);
	return -1;
}

void tb_stop(tb_server *s)
{
	if (s->raw) {
		redisFree(s->raw);
	}
	if (s->pid > 0) {
		kill(s->pid, SIGKILL);
		waitpid(s->pid, NULL, 0);
	}
	if (s->dir) {
		tu_rmtree(s->dir);
	}
	memset(s, 0, sizeof(*s));
}

int tb_link(tb_server *s, tc_redis_link *l)
{
	tc_err err;
	return tc_redis_link_init(l, "127.0.0.1", s->port, 0, NULL, 1000, 1000, 0, &err) == TC_OK ? 0 : -1;
}

long long tb_int(tb_server *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	redisReply *r = redisvCommand(s->raw, fmt, ap);
	va_end(ap);
	long long v = r && r->type == REDIS_REPLY_INTEGER ? r->integer : -1000000;
	if (r) {
		freeReplyObject(r);
	}
	return v;
}
