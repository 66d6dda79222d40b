/* Compute locks of the Redis backend (redis_lock.c). */
#ifndef TC_REDIS_LOCK_H
#define TC_REDIS_LOCK_H

#include "../tc_backend.h"

tc_status tc_redis_op_lock(tc_backend *b, tc_str id, unsigned timeout_ms, unsigned ttl_ms,
	uint64_t *token, tc_err *err);
tc_status tc_redis_op_unlock(tc_backend *b, tc_str id, uint64_t token, tc_err *err);

#endif
