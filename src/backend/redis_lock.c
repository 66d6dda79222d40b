/* Compute locks of the Redis backend: "<prefix>#lock:<id>" set with SET NX PX and a random
 * token, released by a compare-and-delete script so a holder whose lock expired never
 * deletes its successor's. A holder that dies keeps the lock until its PX expires, so the
 * takeover bound is the ttl. Waiters poll with a growing pause up to their timeout. The key is
 * outside "<prefix>:*", so flush() leaves held locks alone. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#define _DEFAULT_SOURCE
#include "redis_lock.h"

#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "redis_backend.h"
#include "../tc_poll.h"

#define TC_RLOCK_DEFAULT_TTL_MS 30000u
/* A waiter notices a released lock within this many milliseconds. */
#define TC_RLOCK_POLL_MAX_MS 50

static const char unlock_script[] =
	"if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

static char *lock_key(tc_redis_backend *rb, tc_str id, size_t *len)
{
	*len = rb->plen + sizeof("#lock:") - 1 + id.len;
	char *k = tc_malloc(*len + 1);
	if (k) {
		memcpy(k, rb->prefix, rb->plen);
		memcpy(k + rb->plen, "#lock:", sizeof("#lock:") - 1);
		memcpy(k + rb->plen + sizeof("#lock:") - 1, id.ptr, id.len);
		k[*len] = '\0';
	}
	return k;
}

static uint64_t random_token(void)
{
	uint64_t t = 0;
	if (getrandom(&t, sizeof(t), 0) != (ssize_t)sizeof(t)) {
		/* Unique enough to tell holders apart: pid and time never repeat together. */
		t = ((uint64_t)getpid() << 40) ^ tc_monotonic_ms() ^ (uint64_t)(uintptr_t)&t;
	}
	return t;
}

typedef struct {
	tc_redis_backend *rb;
	const char **argv;
	size_t *lens;
} rlock_try;

/* One SET NX for tc_poll_until: TC_OK set, TC_MISS held by another. */
static tc_status rlock_once(void *ctx, tc_err *err)
{
	rlock_try *t = ctx;
	redisReply *r;
	/* Not idempotent: a repeated SET NX would find our own token and report "held". */
	tc_status st = tc_redis_call(&t->rb->link, 6, t->argv, t->lens, &r, err);
	if (st != TC_OK) {
		return st;
	}
	int type = r->type;
	if (type != REDIS_REPLY_STATUS && type != REDIS_REPLY_NIL) {
		st = tc_redis_reply_error(&t->rb->link, r, "SET NX (compute lock)", err);
		freeReplyObject(r);
		return st;
	}
	freeReplyObject(r);
	return type == REDIS_REPLY_STATUS ? TC_OK : TC_MISS;
}

tc_status tc_redis_op_lock(tc_backend *b, tc_str id, unsigned timeout_ms, unsigned ttl_ms,
	uint64_t *token, tc_err *err)
{
	tc_redis_backend *rb = rb_of(b);
	size_t klen;
	char *key = lock_key(rb, id, &klen);
	if (!key) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory locking %.*s", (int)id.len, id.ptr);
	}
	char tok[17], ttl[16];
	uint64_t t = random_token();
	snprintf(tok, sizeof(tok), "%016llx", (unsigned long long)t);
	snprintf(ttl, sizeof(ttl), "%u", ttl_ms ? ttl_ms : TC_RLOCK_DEFAULT_TTL_MS);
	const char *argv[] = {"SET", key, tok, "NX", "PX", ttl};
	size_t lens[] = {3, klen, 16, 2, 2, strlen(ttl)};
	rlock_try rt = {rb, argv, lens};
	tc_status st = tc_poll_until(timeout_ms, TC_RLOCK_POLL_MAX_MS, rlock_once, &rt, err);
	if (st == TC_OK) {
		*token = t;
	}
	tc_free(key);
	return st;
}

tc_status tc_redis_op_unlock(tc_backend *b, tc_str id, uint64_t token, tc_err *err)
{
	tc_redis_backend *rb = rb_of(b);
	size_t klen;
	char *key = lock_key(rb, id, &klen);
	if (!key) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory unlocking %.*s", (int)id.len, id.ptr);
	}
	char tok[17];
	snprintf(tok, sizeof(tok), "%016llx", (unsigned long long)token);
	const char *argv[] = {"EVAL", unlock_script, "1", key, tok};
	size_t lens[] = {4, sizeof(unlock_script) - 1, 1, klen, 16};
	redisReply *r;
	/* Idempotent: deleting our own token twice deletes it once. */
	tc_status st = tc_redis_command_expect(&rb->link, TC_REDIS_IDEMPOTENT, 5, argv, lens,
		REDIS_REPLY_INTEGER, &r, err);
	if (st == TC_OK) {
		st = r->integer ? TC_OK : TC_MISS;
		freeReplyObject(r);
	}
	tc_free(key);
	return st;
}
