/* Several commands in one round trip, with the retry rules of tc_redis_command (redis_conn.h)
 * applied to the whole pipeline: used for set's MULTI/EXEC (redis_set.c) and the batched reads
 * of getByTag (redis_by_tag.c). */
#ifndef TC_REDIS_PIPE_H
#define TC_REDIS_PIPE_H

#include "redis_conn.h"

typedef struct {
	int argc;
	const char **argv;
	const size_t *lens;
} tc_redis_cmd;

/* Sends the n commands in one write, then reads their n replies into replies[] (the caller
 * frees each with freeReplyObject; all NULL on failure). Error replies are replies. TC_ERR_IO
 * when the connection failed, which is then closed. The retry rule of tc_redis_command applies
 * to the whole pipeline: when a connection that was open before the call breaks (not a
 * timeout), it runs once more on a new connection if none of it can have run (the connection
 * broke before the first command, or the EXEC of a MULTI ... EXEC pipeline, was written whole)
 * or if flags has TC_REDIS_IDEMPOTENT (a MULTI/EXEC ran whole or not at all, so for an
 * idempotent transaction or reads a second run is safe). A cluster link follows a MOVED that
 * refused the whole pipeline (its first reply, or a queued command's under an EXECABORT) and
 * sends it again to the new node; an ASK, or a redirection after part of it ran, is
 * TC_ERR_IO naming it. lens may be NULL (strlen). */
tc_status tc_redis_pipeline(tc_redis_link *l, unsigned flags, size_t n, const tc_redis_cmd *cmds,
	redisReply **replies, tc_err *err);

#endif
