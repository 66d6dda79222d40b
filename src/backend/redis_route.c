/* The parts of the Redis connections that only cluster and sentinel links use: pipelines
 * sent again after a MOVED, moving a link to another node, and the one-off connections that
 * ask seeds, sentinels and the node an ASK names. Kept apart from redis_conn.c, which the
 * single-server path runs through. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <stdio.h>
#include <string.h>

#include "../tc_alloc.h"
#include "redis_cluster.h"
#include "redis_conn_internal.h"

/* A cluster link keeps a copy of the pipeline's commands, so a MOVED can send them again. */
tc_status tc_rc_topo_append(tc_redis_link *l, redisContext *c, int argc, const char **argv,
	const size_t *argvlen, tc_err *err)
{
	tc_redis_topology *t = l->topo;
	if (t->pipe_read >= t->pipe_n) {
		t->pipe_len = 0; /* a new pipeline */
		t->pipe_n = t->pipe_read = 0;
	}
	char *cmd = NULL;
	int len = redisFormatCommandArgv(&cmd, argc, argv, argvlen);
	if (len < 0) {
		return tc_err_set(err, TC_ERR_NOMEM, "Redis at %s: out of memory for a command", l->where);
	}
	if (t->pipe_len + (size_t)len > t->pipe_cap) {
		size_t cap = (t->pipe_len + (size_t)len) * 2;
		char *p = tc_realloc(t->pipe, cap);
		if (!p) {
			redisFreeCommand(cmd);
			return tc_err_set(err, TC_ERR_NOMEM, "Redis at %s: out of memory for a command", l->where);
		}
		t->pipe = p;
		t->pipe_cap = cap;
	}
	memcpy(t->pipe + t->pipe_len, cmd, (size_t)len);
	t->pipe_len += (size_t)len;
	int ok = redisAppendFormattedCommand(c, cmd, (size_t)len) == REDIS_OK;
	redisFreeCommand(cmd);
	if (!ok) {
		tc_status st = tc_rc_ctx_error(l, c, "write", err);
		tc_redis_link_drop(l);
		return st;
	}
	t->pipe_n++;
	return TC_OK;
}

/* The first reply of a cluster link's pipeline is a redirection: no command of it ran on that
 * node (they all name keys of the cache's slot), so after reading the others' replies the
 * pipeline goes again to the node MOVED names. Sent again only when no reply says a command
 * ran (keyless commands answer OK or QUEUED, harmless to repeat); an ASK is reported. */
tc_status tc_rc_topo_read(tc_redis_link *l, redisReply **reply, tc_err *err)
{
	tc_redis_topology *t = l->topo;
	for (unsigned hops = 0; t->pipe_read == 0 && (*reply)->type == REDIS_REPLY_ERROR; hops++) {
		int ask;
		unsigned slot, port;
		char host[256];
		redisReply *r = *reply;
		if (!tc_redis_parse_redirect(r->str, r->len, &ask, &slot, host, sizeof(host), &port)) {
			break;
		}
		redisContext *c;
		tc_status st = tc_rc_ctx(l, &c, err);
		int ran = 0;
		for (unsigned i = 1; st == TC_OK && i < t->pipe_n; i++) {
			redisReply *x;
			st = tc_rc_recv(l, c, &x, err);
			if (st == TC_OK) {
				ran |= x->type != REDIS_REPLY_ERROR &&
					   !(x->type == REDIS_REPLY_STATUS &&
						   (strcmp(x->str, "OK") == 0 || strcmp(x->str, "QUEUED") == 0));
				freeReplyObject(x);
			}
		}
		if (st == TC_OK && (ask || ran || hops >= 4)) {
			st = tc_err_set(err, TC_ERR_IO,
				"Redis at %s: %.*s for cache %s: %s", l->where, (int)r->len, r->str, t->tag,
				ran ? "part of the pipeline ran, so it is not sent again"
					: "the slot is moving and the pipeline did not run; try again");
		}
		freeReplyObject(r);
		*reply = NULL;
		if (st == TC_OK) {
			l->topo->redirected++;
			st = tc_redis_link_retarget(l, host[0] ? host : l->host, port, err);
		}
		if (st == TC_OK) {
			st = tc_rc_ctx(l, &c, err);
		}
		if (st == TC_OK && redisAppendFormattedCommand(c, t->pipe, t->pipe_len) != REDIS_OK) {
			st = tc_rc_ctx_error(l, c, "write", err);
		}
		if (st == TC_OK) {
			st = tc_rc_recv(l, c, reply, err);
		}
		if (st != TC_OK) {
			tc_redis_link_drop(l);
			return st;
		}
	}
	t->pipe_read++;
	return TC_OK;
}

tc_status tc_redis_link_retarget(tc_redis_link *l, const char *host, unsigned port, tc_err *err)
{
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
