/* The Redis backend's object and the helpers its files share: redis.c (reads, removals,
 * iteration, construction) and redis_set.c (set and the write tickets). */
#ifndef TC_REDIS_BACKEND_H
#define TC_REDIS_BACKEND_H

#include <stdint.h>
#include <string.h>

#include "../tc_alloc.h"
#include "../tc_backend.h"
#include "../tc_clock.h"
#include "redis_conn.h"
#include "redis_scripts.h"


/* Tags per set() kept on the stack before the argument vector is allocated. */
#define TC_REDIS_STACK_TAGS 16

typedef struct {
	tc_backend base;
	tc_redis_link link;
	char *prefix;     /* P */
	char *entry_pfx;  /* "P:e:" */
	char *tag_pfx;    /* "P:t:" */
	char *frozen_key; /* "P:frozen" */
	char *epochs_key; /* "P#epochs": write tickets (redis_ticket.h) */
	char *all_glob;   /* SCAN pattern of every key of the cache */
	char *entry_glob; /* ... of the entries */
	char *tag_glob;   /* ... of the tag sets */
	size_t plen;      /* strlen(P) */
	int64_t default_lifetime;
	unsigned batch;
	char batch_str[16];
	int level;
} tc_redis_backend;

static inline tc_redis_backend *rb_of(tc_backend *b)
{
	return (tc_redis_backend *)b;
}

static inline tc_status rb_frozen_error(tc_redis_backend *rb, tc_err *err)
{
	return tc_err_set(err, TC_ERR_FROZEN,
		"cache %s on Redis at %s is frozen: writes and removals are refused until "
		"flush() thaws it",
		rb->prefix, rb->link.where);
}

/* Maps a script's error reply: the frozen marker, or an I/O error naming the server. */
static inline tc_status rb_script_error(
	tc_redis_backend *rb, const redisReply *r, const char *what, tc_err *err)
{
	if (r->type == REDIS_REPLY_ERROR && r->str && strstr(r->str, TC_REDIS_FROZEN_ERROR)) {
		return rb_frozen_error(rb, err);
	}
	if (r->type == REDIS_REPLY_ERROR && r->str && strstr(r->str, TC_REDIS_OLD_ERROR)) {
		return tc_redis_version_error(&rb->link, r, err);
	}
	return tc_redis_reply_error(&rb->link, r, what, err);
}

/* "<pfx><name>" into a fresh NUL-terminated buffer (tc_free it). */
static inline char *rb_join(const char *pfx, size_t plen, const char *name, size_t nlen)
{
	char *k = tc_malloc(plen + nlen + 1);
	if (k) {
		memcpy(k, pfx, plen);
		if (nlen) {
			memcpy(k + plen, name, nlen);
		}
		k[plen + nlen] = '\0';
	}
	return k;
}

/* The largest lifetime Redis accepts: EXPIRE works in milliseconds since the epoch. */
static inline int64_t rb_max_lifetime(void)
{
	int64_t now = tc_now();
	return INT64_MAX / 1000 - (now > 0 ? now : 0) - 1;
}

static inline tc_status rb_resolve_lifetime(int64_t lifetime, int64_t dflt, int64_t *out, tc_err *err)
{
	if (lifetime == TC_LIFETIME_DEFAULT) {
		lifetime = dflt;
	}
	if (lifetime < 0) {
		return tc_err_set(err, TC_ERR_ARG, "lifetime %lld must be 0 (unlimited) or positive",
			(long long)lifetime);
	}
	if (lifetime > rb_max_lifetime()) {
		return tc_err_set(err, TC_ERR_ARG, "lifetime %lld is too large", (long long)lifetime);
	}
	*out = lifetime;
	return TC_OK;
}

/* redis.c: an entry's d, z, n fields into sink; find_ids_by_tag. getByTag (redis_by_tag.c). */
tc_status rb_decode(const redisReply *d, const redisReply *z, const redisReply *n,
	const tc_sink *sink, const char **why, tc_err *err);
tc_status rb_find_ids_by_tag(tc_backend *b, tc_str tag, tc_id_cb cb, void *ud, tc_err *err);
tc_status rb_get_by_tag(tc_backend *b, tc_str tag, const tc_entry_visitor *v, tc_err *err);
/* redis_by_tag.c: reads the members a script could not read (its "unread" array, on a cluster
 * link) where they are now, following ASK and MOVED; cb gets the HMGET reply (t, then d z n
 * when whole) of each whose entry carries tag. */
typedef tc_status (*rb_entry_cb)(
	tc_backend *b, void *ud, tc_str id, const redisReply *r, tc_err *err);
tc_status rb_read_unread(tc_backend *b, tc_str tag, const redisReply *miss, int whole,
	rb_entry_cb cb, void *ud, tc_err *err);

/* The set and write-ticket ops (redis_set.c). */
tc_status tc_redis_op_set(tc_backend *b, tc_str id, tc_str data, const tc_str *tags, size_t ntags,
	int64_t lifetime, tc_kind kind, tc_err *err);
tc_status tc_redis_op_set_ticketed(tc_backend *b, tc_str id, tc_str data, const tc_str *tags,
	size_t ntags, int64_t lifetime, tc_kind kind, uint64_t ticket, tc_err *err);
tc_status tc_redis_op_ticket(tc_backend *b, uint64_t *ticket, tc_err *err);
tc_status tc_redis_op_check_ticket(tc_backend *b, uint64_t ticket, tc_str id, const tc_str *tags,
	size_t ntags, tc_err *err);

#endif
