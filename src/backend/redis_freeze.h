/* Freezing a Redis cache as Flow does: the marker is set once (a second freeze is an error),
 * then every key of the cache loses its TTL, so entries of a frozen cache never expire. */
#ifndef TC_REDIS_FREEZE_H
#define TC_REDIS_FREEZE_H

#include "redis_conn.h"

/* SET <frozen_key> 1 NX. TC_OK when this call froze the cache, TC_ERR_FROZEN (message left to
 * the caller) when it was frozen already, TC_ERR_IO otherwise. */
tc_status tc_redis_mark_frozen(tc_redis_link *l, const char *frozen_key, size_t len, tc_err *err);

/* PERSISTs the keys of one SCAN batch (an array reply) while <frozen_key> exists; one script,
 * so a flush that thaws the cache meanwhile is never undone. */
tc_status tc_redis_persist_keys(tc_redis_link *l, const char *frozen_key, size_t len,
	const redisReply *keys, tc_err *err);

#endif
