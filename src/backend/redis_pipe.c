/* Pipelines: the connection looked up once, every command appended, one write, every reply
 * read with plain redisGetReply (replies already buffered cost no system call), under the
 * retry rule of tc_redis_command and, on a cluster link, MOVED followed by sending the whole
 * pipeline again when none of it ran; on a cluster or sentinel link READONLY (a demoted primary)
 * likewise after looking the primary up again. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "redis_pipe.h"

#include <hiredis/sds.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "redis_cluster.h"
#include "redis_conn_internal.h"

/* Redirections followed for one pipeline, as for one command (redis_cluster.c). */
#define RP_MAX_HOPS 5

/* How far a pipeline got before its connection failed (as rc_failure in redis_conn.c). */
typedef enum { RP_UNSENT, RP_SENT, RP_FINAL } rp_failure;

static void rp_free(size_t n, redisReply **replies)
{
	for (size_t i = 0; i < n; i++) {
		if (replies[i]) {
			freeReplyObject(replies[i]);
			replies[i] = NULL;
		}
	}
}

static int rp_name_is(const tc_redis_cmd *c, const char *name)
{
	size_t len = strlen(name);
	if (c->argc < 1) {
		return 0;
	}
	size_t got = c->lens ? c->lens[0] : strlen(c->argv[0]);
	return got == len && strncasecmp(c->argv[0], name, len) == 0;
}

static int rp_status_is(const redisReply *r, const char *s)
{
	return r->type == REDIS_REPLY_STATUS && strcmp(r->str, s) == 0;
}

/* The n commands over c: append, one write, n replies. On failure *how says how far it got;
 * replies[] is then all NULL. */
static tc_status rp_exchange(tc_redis_link *l, redisContext *c, int multi, size_t n,
	const tc_redis_cmd *cmds, redisReply **replies, rp_failure *how, tc_err *err)
{
	size_t first = 0;
	*how = RP_FINAL;
	for (size_t i = 0; i < n; i++) {
		if (redisAppendCommandArgv(c, cmds[i].argc, cmds[i].argv, cmds[i].lens) != REDIS_OK) {
			return tc_rc_ctx_error(l, c, "write", err);
		}
		if (i == 0) {
			first = sdslen(c->obuf);
		}
	}
	size_t sent;
	tc_status st = tc_rc_flush(l, c, &sent, err);
	if (st != TC_OK) {
		/* Redis runs a command once all of it has arrived: nothing ran when the first command
		 * did not arrive whole, nor in a MULTI whose EXEC (the last command) did not. */
		*how = !tc_rc_broken(c) ? RP_FINAL : multi || sent < first ? RP_UNSENT : RP_SENT;
		return st;
	}
	for (size_t i = 0; i < n; i++) {
		void *r = NULL;
		if (redisGetReply(c, &r) != REDIS_OK || !r) {
			*how = tc_rc_broken(c) ? RP_SENT : RP_FINAL;
			rp_free(i, replies);
			return tc_rc_ctx_error(l, c, "read", err);
		}
		replies[i] = r;
	}
	return TC_OK;
}

/* A cluster link's pipeline refused by a node that does not serve the cache's slot: its first
 * reply is the redirection, or, for MULTI ... EXEC, EXEC answers EXECABORT and a queued
 * command's reply is the redirection (then nothing ran). The same for READONLY (a primary of a
 * sentinel set or a cluster demoted under an open connection). 1 when the link now points at
 * the node a MOVED names (or is to look its primary up again after READONLY) and the pipeline
 * is to be sent again; 0 with *st TC_OK when the replies stand, or *st an error (replies freed)
 * for an ASK, a pipeline part of which ran, or too many hops. */
static int rp_redirected(tc_redis_link *l, int multi, size_t n, redisReply **replies,
	unsigned *hops, tc_status *st, tc_err *err)
{
	const redisReply *why = NULL;
	int ran = 0;
	*st = TC_OK;
	if (multi) {
		const redisReply *x = replies[n - 1];
		if (x->type == REDIS_REPLY_ERROR && strncmp(x->str, "EXECABORT", 9) == 0) {
			for (size_t i = 1; i + 1 < n && !why; i++) {
				why = replies[i]->type == REDIS_REPLY_ERROR ? replies[i] : NULL;
			}
		}
	} else if (replies[0]->type == REDIS_REPLY_ERROR) {
		why = replies[0];
		/* all name keys of the cache's slot, so the others were refused too; keyless ones
		 * answer OK or QUEUED, harmless to repeat */
		for (size_t i = 1; i < n; i++) {
			const redisReply *x = replies[i];
			ran |= x->type != REDIS_REPLY_ERROR && !rp_status_is(x, "OK") &&
				   !rp_status_is(x, "QUEUED");
		}
	}
	if (why && why->len >= 8 && memcmp(why->str, "READONLY", 8) == 0 && !ran &&
		*hops < RP_MAX_HOPS) {
		/* a primary demoted under an open connection (a failover without CLIENT KILL) refused
		 * the write without running it: look the primary up again, send it all again */
		rp_free(n, replies);
		(*hops)++;
		tc_redis_link_drop(l);
		return 1;
	}
	int ask;
	unsigned slot, port;
	char host[256];
	if (!why || !tc_redis_parse_redirect(why->str, why->len, &ask, &slot, host, sizeof(host), &port)) {
		return 0;
	}
	if (ask || ran || *hops >= RP_MAX_HOPS) {
		/* An ASK (the slot migrating, some of the cache's keys moved already) is not followed:
		 * a pipeline's keys may sit on both nodes, which the importing node answers with
		 * TRYAGAIN anyway. Nothing ran; the error names the slot and says so. */
		*st = tc_err_set(err, TC_ERR_IO, "Redis at %s: %.*s for cache %s: %s", l->where,
			(int)why->len, why->str, l->topo->tag,
			ran ? "part of the pipeline ran, so it is not sent again"
			: ask ? "its slot is migrating to another node and the pipeline did not run; try "
					"again once the migration is over"
				  : "the slot keeps moving and the pipeline did not run; try again");
		rp_free(n, replies);
		return 0;
	}
	if (!host[0]) {
		snprintf(host, sizeof(host), "%s", l->host); /* the node that answered */
	}
	rp_free(n, replies);
	(*hops)++;
	l->topo->redirected++;
	*st = tc_redis_link_retarget(l, host, port, err);
	if (*st == TC_OK) {
		tc_redis_topology_moved(l);
	}
	return *st == TC_OK;
}

tc_status tc_redis_pipeline(tc_redis_link *l, unsigned flags, size_t n, const tc_redis_cmd *cmds,
	redisReply **replies, tc_err *err)
{
	int multi = n > 1 && rp_name_is(&cmds[0], "MULTI") && rp_name_is(&cmds[n - 1], "EXEC");
	unsigned hops = 0;
	for (size_t i = 0; i < n; i++) {
		replies[i] = NULL;
	}
	if (n == 0) {
		return TC_OK;
	}
	for (int attempt = 0;;) {
		redisContext *c;
		int reused;
		tc_status st = tc_rc_ctx_live(l, &c, &reused, err);
		if (st != TC_OK) {
			return st; /* a refused connect names the server; never repeated */
		}
		rp_failure how;
		st = rp_exchange(l, c, multi, n, cmds, replies, &how, err);
		if (st == TC_OK) {
			for (size_t i = 0; i < n; i++) {
				tc_rc_replied(l, replies[i]);
			}
			if (l->topo && rp_redirected(l, multi, n, replies, &hops, &st, err)) {
				continue; /* refused whole by a node that no longer serves the slot */
			}
			return st;
		}
		tc_redis_link_drop(l);
		int safe = how == RP_UNSENT || (how == RP_SENT && (flags & TC_REDIS_IDEMPOTENT));
		if (attempt > 0 || !reused || !safe) {
			return st;
		}
		attempt++;
		l->retried++;
	}
}
