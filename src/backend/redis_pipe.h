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

/* Sends the n commands, then reads their n replies into replies[] (the caller frees each
 * with freeReplyObject; all NULL on failure). TC_ERR_IO when the connection failed, which is
 * then closed. When the connection breaks while the replies are read (not a timeout, not a
 * refused connect) and flags has TC_REDIS_IDEMPOTENT, the whole pipeline runs once more on a
 * new connection: a MULTI/EXEC either ran whole or not at all, so for an idempotent
 * transaction or reads a second run is safe. */
tc_status tc_redis_pipeline(tc_redis_link *l, unsigned flags, size_t n, const tc_redis_cmd *cmds,
	redisReply **replies, tc_err *err);

#endif
