/* Freezing a Redis cache: the frozen marker, then TTLs dropped batch by batch (redis_freeze.h). */
#include "redis_freeze.h"

#include "../tc_alloc.h"
#include "redis_scripts.h"

tc_status tc_redis_mark_frozen(tc_redis_link *l, const char *frozen_key, size_t len, tc_err *err)
{
	const char *argv[] = {"SET", frozen_key, "1", "NX"};
	size_t lens[] = {3, len, 1, 2};
	redisReply *r;
	tc_status st = tc_redis_call(l, 4, argv, lens, &r, err);
	if (st != TC_OK) {
		return st;
	}
	if (r->type == REDIS_REPLY_NIL) {
		st = TC_ERR_FROZEN; /* not set: the marker was there */
	} else if (r->type != REDIS_REPLY_STATUS) {
		st = tc_redis_reply_error(l, r, "SET", err);
	}
	freeReplyObject(r);
	return st;
}

tc_status tc_redis_persist_keys(tc_redis_link *l, const char *frozen_key, size_t len,
	const redisReply *keys, tc_err *err)
{
	size_t n = keys->elements + 4;
	const char **argv = tc_malloc(n * sizeof(*argv));
	size_t *lens = tc_malloc(n * sizeof(*lens));
	tc_status st = TC_OK;
	if (!argv || !lens) {
		st = tc_err_set(err, TC_ERR_NOMEM, "out of memory freezing %s", frozen_key);
		goto out;
	}
	argv[3] = frozen_key;
	lens[3] = len;
	for (size_t i = 0; i < keys->elements; i++) {
		argv[i + 4] = keys->element[i]->str;
		lens[i + 4] = keys->element[i]->len;
	}
	redisReply *r;
	st = tc_redis_script_run(l, TC_RS_PERSIST, (int)n, argv, lens, (int)keys->elements + 1, &r, err);
	if (st == TC_OK) {
		if (r->type != REDIS_REPLY_INTEGER) {
			st = tc_redis_reply_error(l, r, "freeze", err);
		}
		freeReplyObject(r);
	}
out:
	tc_free((void *)argv);
	tc_free(lens);
	return st;
}
