/* Redis Sentinel for the Redis backend: asks the sentinels, in order, for the current primary
 * of a service and points a link at it. The connection handshake then checks with ROLE that
 * the node is a master (redis_conn.c), so a link never writes to a replica. */
#ifndef TC_REDIS_SENTINEL_H
#define TC_REDIS_SENTINEL_H

#include <stddef.h>

#include "../tc_status.h"
#include "redis_conn.h"


/* Points l at the primary the first answering sentinel names. */
tc_status tc_redis_sentinel_resolve(tc_redis_link *l, tc_err *err);

#endif
