/* RedisBackend's set and write tickets: one script stores an entry and moves its tag
 * memberships (redis_scripts.c); set_ticketed adds the ticket check to that same script
 * (redis_ticket.h). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "../tc_strlist.h"
#include "redis_backend.h"
#include "../zlib_codec.h"
#include "redis_ticket.h"

/* set, and set_ticketed when ticket is not NULL. */
static tc_status rb_store(tc_backend *b, tc_str id, tc_str data, const tc_str *tags, size_t ntags,
	int64_t lifetime, tc_kind kind, const uint64_t *ticket, tc_err *err)
{
	tc_redis_backend *rb = rb_of(b);
	if (kind != TC_KIND_DATA && kind != TC_KIND_PHP) {
		return tc_err_set(err, TC_ERR_ARG, "entry kind %d is neither data nor PHP", (int)kind);
	}
	int64_t ttl = 0;
	tc_status st = rb_resolve_lifetime(lifetime, rb->default_lifetime, &ttl, err);
	if (st != TC_OK) {
		return st;
	}
	if (ntags > (size_t)(INT_MAX / 2 - 16)) {
		return tc_err_set(err, TC_ERR_ARG, "%zu tags on one entry are too many", ntags);
	}

	/* Distinct tags, first occurrence first. */
	tc_str stack_tags[TC_REDIS_STACK_TAGS];
	tc_str *utags = ntags <= TC_REDIS_STACK_TAGS ? stack_tags : tc_malloc(ntags * sizeof(tc_str));
	/* argv: EVALSHA sha numkeys | entry frozen tagkey... | tagpfx id data kind n ttl tag... */
	size_t argc_max = 3 + 2 + ntags + 6 + ntags + TC_REDIS_TICKET_EXTRA(ntags);
	const char *stack_argv[3 + 2 + 6 + 2 * TC_REDIS_STACK_TAGS + TC_REDIS_TICKET_EXTRA(TC_REDIS_STACK_TAGS)];
	size_t stack_lens[3 + 2 + 6 + 2 * TC_REDIS_STACK_TAGS + TC_REDIS_TICKET_EXTRA(TC_REDIS_STACK_TAGS)];
	tc_redis_ticket_args targs = {0};
	int small = ntags <= TC_REDIS_STACK_TAGS;
	const char **argv = small ? stack_argv : tc_malloc(argc_max * sizeof(*argv));
	size_t *lens = small ? stack_lens : tc_malloc(argc_max * sizeof(*lens));
	char *keys = NULL, *packed = NULL, *ek = NULL;
	if (!utags || !argv || !lens) {
		st = tc_err_set(err, TC_ERR_NOMEM, "out of memory storing %.*s", (int)id.len, id.ptr);
		goto out;
	}
	size_t nu = 0, keybytes = 0;
	for (size_t i = 0; i < ntags; i++) {
		if (!tc_str_in(utags, nu, tags[i])) {
			utags[nu++] = tags[i];
			keybytes += rb->plen + 3 + tags[i].len;
		}
	}
	ek = rb_join(rb->entry_pfx, rb->plen + 3, id.ptr, id.len);
	keys = tc_malloc(keybytes ? keybytes : 1);
	if (!ek || !keys) {
		st = tc_err_set(err, TC_ERR_NOMEM, "out of memory storing %.*s", (int)id.len, id.ptr);
		goto out;
	}

	tc_str payload = data;
	size_t packed_len = 0;
	char nbuf[32] = "";
	st = tc_zlib_deflate(rb->level, data, &packed, &packed_len, err);
	if (st == TC_OK) {
		payload = (tc_str){packed, packed_len};
		snprintf(nbuf, sizeof(nbuf), "%zu", data.len);
	} else if (st != TC_MISS) {
		goto out;
	}
	char ttlbuf[32];
	snprintf(ttlbuf, sizeof(ttlbuf), "%lld", (long long)ttl);
	char kindbuf[1] = {(char)kind};

	int argc = 3;
	argv[argc] = ek;
	lens[argc++] = rb->plen + 3 + id.len;
	argv[argc] = rb->frozen_key;
	lens[argc++] = rb->plen + 7;
	char *kp = keys;
	for (size_t i = 0; i < nu; i++) {
		memcpy(kp, rb->tag_pfx, rb->plen + 3);
		memcpy(kp + rb->plen + 3, utags[i].ptr, utags[i].len);
		argv[argc] = kp;
		lens[argc++] = rb->plen + 3 + utags[i].len;
		kp += rb->plen + 3 + utags[i].len;
	}
	if (ticket) {
		argv[argc] = rb->epochs_key;
		lens[argc++] = strlen(rb->epochs_key);
	}
	argv[argc] = rb->tag_pfx;
	lens[argc++] = rb->plen + 3;
	argv[argc] = id.ptr;
	lens[argc++] = id.len;
	argv[argc] = payload.len ? payload.ptr : "";
	lens[argc++] = payload.len;
	argv[argc] = kindbuf;
	lens[argc++] = 1;
	argv[argc] = nbuf;
	lens[argc++] = strlen(nbuf);
	argv[argc] = ttlbuf;
	lens[argc++] = strlen(ttlbuf);
	for (size_t i = 0; i < nu; i++) {
		argv[argc] = utags[i].ptr;
		lens[argc++] = utags[i].len;
	}

	if (ticket && (argc = tc_redis_ticket_append(&targs, argv, lens, argc, *ticket, id, utags, nu)) < 0) {
		st = tc_err_set(err, TC_ERR_NOMEM, "out of memory storing %.*s", (int)id.len, id.ptr);
		goto out;
	}
	redisReply *r;
	st = tc_redis_script_run(&rb->link, ticket ? TC_RS_SET_TICKETED : TC_RS_SET, argc, argv, lens,
		(int)(2 + nu + (ticket ? 1 : 0)), &r, err);
	if (st == TC_OK) {
		if (r->type != REDIS_REPLY_INTEGER) {
			st = rb_script_error(rb, r, "storing an entry", err);
		} else if (r->integer == 0) {
			st = tc_redis_stale(id, *ticket, err);
		}
		freeReplyObject(r);
	}
out:
	tc_redis_ticket_args_free(&targs);
	tc_free(packed);
	tc_free(keys);
	tc_free(ek);
	if (utags != stack_tags) {
		tc_free(utags);
	}
	if (argv != stack_argv) {
		tc_free((void *)argv);
	}
	if (lens != stack_lens) {
		tc_free(lens);
	}
	return st;
}

tc_status tc_redis_op_set(tc_backend *b, tc_str id, tc_str data, const tc_str *tags, size_t ntags,
	int64_t lifetime, tc_kind kind, tc_err *err)
{
	return rb_store(b, id, data, tags, ntags, lifetime, kind, NULL, err);
}

tc_status tc_redis_op_set_ticketed(tc_backend *b, tc_str id, tc_str data, const tc_str *tags,
	size_t ntags, int64_t lifetime, tc_kind kind, uint64_t ticket, tc_err *err)
{
	return rb_store(b, id, data, tags, ntags, lifetime, kind, &ticket, err);
}

tc_status tc_redis_op_ticket(tc_backend *b, uint64_t *ticket, tc_err *err)
{
	return tc_redis_ticket(&rb_of(b)->link, rb_of(b)->epochs_key, ticket, err);
}

tc_status tc_redis_op_check_ticket(tc_backend *b, uint64_t ticket, tc_str id, const tc_str *tags,
	size_t ntags, tc_err *err)
{
	return tc_redis_check_ticket(&rb_of(b)->link, rb_of(b)->epochs_key, ticket, id, tags, ntags, err);
}
