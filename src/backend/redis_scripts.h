/* The Lua scripts of the Redis backend and how they are run: EVALSHA first, EVAL when the
 * server does not know the script yet (NOSCRIPT), which also caches it there. */
#ifndef TC_REDIS_SCRIPTS_H
#define TC_REDIS_SCRIPTS_H

#include "redis_conn.h"

typedef enum {
	TC_RS_SET,       /* store an entry, move its tag memberships, adjust tag set TTLs */
	TC_RS_REMOVE,    /* delete an entry and its memberships */
	TC_RS_FLUSH_TAG, /* one batch of flush_by_tags for one tag */
	TC_RS_FIND,      /* one SSCAN step of a tag set, keeping ids whose entries carry the tag */
	TC_RS_GC,        /* one SSCAN step of a tag set, dropping ids whose entries are gone */
	TC_RS_PERSIST,   /* freeze: drop the TTL of a batch of keys while the cache is frozen */
	TC_RS_SET_TICKETED, /* set unless a flush came after the write ticket (redis_ticket.c) */
	TC_RS_BUMP,      /* a new invalidation epoch for tags, ids or the whole cache */
	TC_RS_FETCH,     /* getByTag: the entries of a small tag set in one step */
	TC_RS_COUNT
} tc_redis_script;

/* Error replies of the scripts start with this word when the cache is frozen. */
#define TC_REDIS_FROZEN_ERROR "TAGCACHE_FROZEN"

/* Error replies of the scripts that need Redis 7.0 start with this word on an older server,
 * followed by the server's version when the script could read it. */
#define TC_REDIS_OLD_ERROR "TAGCACHE_NEEDS_7"

/* r is such a reply: TC_ERR_IO "Redis at <where>: RedisBackend needs Redis 7.0 or later (this
 * server is <version>)", the version asked with INFO server when the script could not read
 * it (such a server has no redis.REDIS_VERSION). */
tc_status tc_redis_version_error(tc_redis_link *l, const redisReply *r, tc_err *err);

/* Runs script s. argv[0], argv[1] and argv[2] (and their lengths) are filled in here
 * ("EVALSHA", sha, nkeys); the caller puts nkeys keys and then the arguments from argv[3] on.
 * TC_OK with *reply (any type, error replies included), or TC_ERR_IO. */
tc_status tc_redis_script_run(tc_redis_link *l, tc_redis_script s, int argc, const char **argv,
	size_t *argvlen, int nkeys, redisReply **reply, tc_err *err);

/* The SHA-1 Redis names script s by (40 hex digits), and its source: for callers that queue
 * a script inside a MULTI (redis_set.c) and handle NOSCRIPT themselves. */
const char *tc_redis_script_sha(tc_redis_script s);
const char *tc_redis_script_source(tc_redis_script s, size_t *len);

#endif
