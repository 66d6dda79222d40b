/* The parts of the Redis connections that only cluster and sentinel links use: moving a link
 * to another node, and the one-off connections that ask seeds, sentinels and the node an ASK
 * names. Kept apart from redis_conn.c, which the single-server path runs through. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <stdio.h>
#include <string.h>

#include "../tc_alloc.h"
#include "redis_cluster.h"
#include "redis_conn_internal.h"

/* The last guard before a server-given address reaches hiredis: the parsers refuse these
 * already, and a link of a topology never goes to a unix socket. */
static tc_status rr_host_check(const char *host, tc_err *err)
{
	if (!tc_redis_host_ok(host, strlen(host))) {
		return tc_err_set(err, TC_ERR_IO,
			"Redis: node address \"%.80s\" from the server refused: a host must be a name or "
			"an IP, never a socket path",
			host);
	}
	return TC_OK;
}

tc_status tc_redis_link_retarget(tc_redis_link *l, const char *host, unsigned port, tc_err *err)
{
	tc_status bad = rr_host_check(host, err);
	if (bad != TC_OK) {
		return bad;
	}
	char *h = tc_strndup(host, strlen(host));
	if (!h) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory for a Redis address");
	}
	if (l->own) {
		redisFree(l->own);
		l->own = NULL;
	}
	tc_free(l->host);
	l->host = h;
	l->port = port;
	l->replied_ns = 0;
	snprintf(l->where, sizeof(l->where), strchr(host, ':') ? "[%s]:%u" : "%s:%u", host, port);
	return TC_OK;
}

tc_status tc_redis_probe(const tc_redis_link *l, const char *host, unsigned port,
	const char *password, int asking, int argc, const char **argv, const size_t *argvlen,
	redisReply **reply, tc_err *err)
{
	*reply = NULL;
	tc_status bad = rr_host_check(host, err);
	if (bad != TC_OK) {
		return bad;
	}
	tc_redis_link p;
	memset(&p, 0, sizeof(p));
	p.host = (char *)host;
	p.port = port;
	p.password = password && *password ? (char *)password : NULL;
	p.connect_timeout_ms = l->connect_timeout_ms;
	p.read_timeout_ms = l->read_timeout_ms;
	snprintf(p.where, sizeof(p.where), strchr(host, ':') ? "[%s]:%u" : "%s:%u", host, port);
	*reply = NULL;
	size_t lens[8];
	if (!argvlen) {
		if (argc > 8) {
			return tc_err_set(err, TC_ERR_ARG, "a probe takes at most 8 arguments without lengths");
		}
		for (int i = 0; i < argc; i++) {
			lens[i] = strlen(argv[i]);
		}
		argvlen = lens;
	}
	redisContext *c;
	tc_status st = tc_rc_connect(&p, &c, err);
	if (st != TC_OK) {
		return st;
	}
	const char *a[] = {"ASKING"};
	size_t al[] = {6};
	if ((asking && redisAppendCommandArgv(c, 1, a, al) != REDIS_OK) ||
		redisAppendCommandArgv(c, argc, argv, argvlen) != REDIS_OK) {
		st = tc_rc_ctx_error(&p, c, "write", err);
	}
	for (int i = asking ? 0 : 1; st == TC_OK && i < 2; i++) {
		redisReply *r;
		st = tc_rc_recv(&p, c, &r, err);
		if (st == TC_OK && i == 1) {
			*reply = r;
		} else if (st == TC_OK) {
			freeReplyObject(r); /* ASKING's OK */
		}
	}
	redisFree(c);
	return st;
}
