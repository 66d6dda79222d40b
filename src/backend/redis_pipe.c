/* Pipelines over tc_redis_append / tc_redis_read with one retry, as tc_redis_command does for
 * a single command. redis_conn.c does not say how far a failed pipeline got nor whether its
 * connection was opened by this call, so the rule here is drawn from what is visible: a
 * failure while appending (connecting, out of memory) is final; a failure while reading is
 * repeated once unless it was a timeout (a paused server would double the wait). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "redis_pipe.h"

#include <string.h>

static void rp_free(size_t n, redisReply **replies)
{
	for (size_t i = 0; i < n; i++) {
		if (replies[i]) {
			freeReplyObject(replies[i]);
			replies[i] = NULL;
		}
	}
}

/* 0: done or a final failure; 1: failed while reading, worth one more try. */
static int rp_once(tc_redis_link *l, size_t n, const tc_redis_cmd *cmds, redisReply **replies,
	tc_status *st, tc_err *err)
{
	for (size_t i = 0; i < n; i++) {
		replies[i] = NULL;
	}
	for (size_t i = 0; i < n; i++) {
		*st = tc_redis_append(l, cmds[i].argc, cmds[i].argv, cmds[i].lens, err);
		if (*st != TC_OK) {
			/* A half-appended pipeline must not be sent with the next command. */
			tc_redis_link_drop(l);
			return 0;
		}
	}
	for (size_t i = 0; i < n; i++) {
		*st = tc_redis_read(l, &replies[i], err);
		if (*st != TC_OK) {
			rp_free(n, replies);
			return strstr(err->msg, " timed out after ") == NULL;
		}
	}
	return 0;
}

tc_status tc_redis_pipeline(tc_redis_link *l, unsigned flags, size_t n, const tc_redis_cmd *cmds,
	redisReply **replies, tc_err *err)
{
	tc_status st;
	if (rp_once(l, n, cmds, replies, &st, err) && (flags & TC_REDIS_IDEMPOTENT)) {
		l->retried++;
		rp_once(l, n, cmds, replies, &st, err);
	}
	return st;
}
