/* Write tickets of the Redis backend: the epochs hash, its bump and its checks
 * (redis_ticket.h). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "redis_ticket.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tc_alloc.h"
#include "epoch_slot.h"
#include "redis_scripts.h"

char *tc_redis_epochs_key(const char *prefix, size_t plen)
{
	char *k = tc_malloc(plen + sizeof("#epochs"));
	if (k) {
		memcpy(k, prefix, plen);
		memcpy(k + plen, "#epochs", sizeof("#epochs"));
	}
	return k;
}

void tc_redis_epoch_field(char *buf, char ns, tc_str name)
{
	snprintf(buf, 8, "%u", tc_epoch_slot(ns, name));
}

/* Decimal slot field names of id and tags into f (1 + ntags rows). */
static void rt_fields(char (*f)[8], tc_str id, const tc_str *tags, size_t ntags)
{
	snprintf(f[0], 8, "%u", tc_epoch_slot('i', id));
	for (size_t i = 0; i < ntags; i++) {
		snprintf(f[1 + i], 8, "%u", tc_epoch_slot('t', tags[i]));
	}
}

tc_status tc_redis_bump(tc_redis_link *l, const char *ekey, char ns, const tc_str *names, size_t n,
	int whole, tc_err *err)
{
	size_t argc = 4 + n + (whole ? 1 : 0);
	const char **argv = tc_malloc(argc * sizeof(*argv));
	size_t *lens = tc_malloc(argc * sizeof(*lens));
	char(*f)[8] = tc_malloc((n ? n : 1) * sizeof(*f));
	tc_status st;
	if (!argv || !lens || !f) {
		st = tc_err_set(err, TC_ERR_NOMEM, "out of memory bumping invalidation epochs");
		goto out;
	}
	int c = 3;
	argv[c] = ekey;
	lens[c++] = strlen(ekey);
	if (whole) {
		argv[c] = "f";
		lens[c++] = 1;
	}
	for (size_t i = 0; i < n; i++) {
		snprintf(f[i], sizeof(f[i]), "%u", tc_epoch_slot(ns, names[i]));
		argv[c] = f[i];
		lens[c++] = strlen(f[i]);
	}
	redisReply *r;
	st = tc_redis_script_run(l, TC_RS_BUMP, c, argv, lens, 1, &r, err);
	if (st == TC_OK) {
		if (r->type != REDIS_REPLY_STRING) {
			st = tc_redis_reply_error(l, r, "bumping invalidation epochs", err);
		}
		freeReplyObject(r);
	}
out:
	tc_free((void *)argv);
	tc_free(lens);
	tc_free(f);
	return st;
}

/* A decimal epoch reply (string or integer); 0 for nil. -1 when it is neither. */
static int rt_parse(const redisReply *r, uint64_t *out)
{
	if (r->type == REDIS_REPLY_NIL) {
		*out = 0;
		return 0;
	}
	if (r->type == REDIS_REPLY_INTEGER && r->integer >= 0) {
		*out = (uint64_t)r->integer;
		return 0;
	}
	if (r->type != REDIS_REPLY_STRING || r->len == 0 || r->len > 20) {
		return -1;
	}
	char buf[24];
	memcpy(buf, r->str, r->len);
	buf[r->len] = '\0';
	char *end;
	errno = 0;
	unsigned long long v = strtoull(buf, &end, 10);
	if (errno || *end || buf[0] == '-') {
		return -1;
	}
	*out = v;
	return 0;
}

tc_status tc_redis_ticket(tc_redis_link *l, const char *ekey, uint64_t *ticket, tc_err *err)
{
	const char *argv[] = {"HGET", ekey, "c"};
	size_t lens[] = {4, strlen(ekey), 1};
	redisReply *r;
	tc_status st = tc_redis_command(l, TC_REDIS_IDEMPOTENT, 3, argv, lens, &r, err);
	if (st != TC_OK) {
		return st;
	}
	if (rt_parse(r, ticket) != 0) {
		st = tc_redis_reply_error(l, r, "reading the invalidation epoch", err);
	}
	freeReplyObject(r);
	return st;
}

tc_status tc_redis_stale(tc_str id, uint64_t ticket, tc_err *err)
{
	return tc_err_set(err, TC_STALE,
		"entry \"%.*s\" was not stored: it, one of its tags or the cache was flushed after ticket "
		"%llu was taken",
		(int)id.len, id.ptr, (unsigned long long)ticket);
}

tc_status tc_redis_check_ticket(tc_redis_link *l, const char *ekey, uint64_t ticket, tc_str id,
	const tc_str *tags, size_t ntags, tc_err *err)
{
	/* HMGET key c f <id slot> <tag slots...>: the same rule as the set_ticketed script. */
	size_t argc = 5 + (id.len ? 1 : 0) + ntags;
	const char **argv = tc_malloc(argc * sizeof(*argv));
	size_t *lens = tc_malloc(argc * sizeof(*lens));
	char(*f)[8] = tc_malloc((1 + ntags) * sizeof(*f));
	tc_status st = TC_OK;
	if (!argv || !lens || !f) {
		st = tc_err_set(err, TC_ERR_NOMEM, "out of memory checking a write ticket");
		goto out;
	}
	rt_fields(f, id, tags, ntags);
	size_t c = 0;
	argv[c] = "HMGET", lens[c++] = 5;
	argv[c] = ekey, lens[c++] = strlen(ekey);
	argv[c] = "c", lens[c++] = 1;
	argv[c] = "f", lens[c++] = 1;
	for (size_t i = id.len ? 0 : 1; i < 1 + ntags; i++) {
		argv[c] = f[i], lens[c++] = strlen(f[i]);
	}
	redisReply *r;
	st = tc_redis_command_expect(
		l, TC_REDIS_IDEMPOTENT, (int)c, argv, lens, REDIS_REPLY_ARRAY, &r, err);
	if (st != TC_OK) {
		goto out;
	}
	uint64_t v;
	int stale = 0;
	for (size_t i = 0; i < r->elements && st == TC_OK && !stale; i++) {
		if (rt_parse(r->element[i], &v) != 0) {
			st = tc_redis_reply_error(l, r, "reading invalidation epochs", err);
		} else if (i == 0) {
			/* No hash although the ticket came from one: the keys were wiped since. */
			stale = r->element[0]->type == REDIS_REPLY_NIL && ticket != 0;
		} else {
			stale = v > ticket;
		}
	}
	freeReplyObject(r);
	if (st == TC_OK && stale) {
		st = tc_redis_stale(id, ticket, err);
	}
out:
	tc_free((void *)argv);
	tc_free(lens);
	tc_free(f);
	return st;
}

int tc_redis_ticket_append(tc_redis_ticket_args *a, const char **argv, size_t *lens, int argc,
	uint64_t ticket, tc_str id, const tc_str *tags, size_t ntags)
{
	a->fields = tc_malloc((1 + ntags) * sizeof(*a->fields));
	if (!a->fields) {
		return -1;
	}
	rt_fields(a->fields, id, tags, ntags);
	for (size_t i = 0; i < 1 + ntags; i++) {
		argv[argc] = a->fields[i];
		lens[argc++] = strlen(a->fields[i]);
	}
	snprintf(a->count, sizeof(a->count), "%zu", 1 + ntags);
	argv[argc] = a->count;
	lens[argc++] = strlen(a->count);
	snprintf(a->ticket, sizeof(a->ticket), "%llu", (unsigned long long)ticket);
	argv[argc] = a->ticket;
	lens[argc++] = strlen(a->ticket);
	return argc;
}

void tc_redis_ticket_args_free(tc_redis_ticket_args *a)
{
	tc_free(a->fields);
	a->fields = NULL;
}
