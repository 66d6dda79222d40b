/* RedisBackend's set and write tickets: one script stores an entry and moves its tag
 * memberships (redis_scripts.c); set_ticketed adds the ticket check to that same script
 * (redis_ticket.h). Payloads of TC_REDIS_STAGE_MIN bytes or more do not pass through Lua: one
 * MULTI, sent as one pipeline, stages them with HSET P:s:<id>, runs the script (which renames
 * the staging hash onto the entry) and DELs the staging hash; see rb_store_staged. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "../tc_strlist.h"
#include "redis_backend.h"
#include "../zlib_codec.h"
#include "redis_pipe.h"
#include "redis_ticket.h"

/* Payloads from this size on are staged rather than passed to the script. Lua copies each
 * argument into a Lua string and HSET copies it back (the server time of the script grows by
 * about 1.3 us per KB); a staged write sends five commands instead of one, in one write with
 * its five replies read back at once (tc_redis_pipeline). Measured on loopback with 3 tags
 * (best of 7 x 500 sets, compression off): the two tie up to 4 KB (about 58 us each), staging
 * wins from 8 KB on (65 against 66-72 us, at 16 KB 63-70 against 79-89 us). */
#ifndef TC_REDIS_STAGE_MIN /* -D to measure the crossing */
#define TC_REDIS_STAGE_MIN 4096
#endif

/* The staged write: MULTI, HSET staging, the script (EVALSHA, or EVAL with the source after
 * NOSCRIPT), DEL staging, EXEC. MULTI makes the four one step for every other client, a
 * connection lost before EXEC leaves nothing (Redis discards an unfinished MULTI), and the DEL
 * drops the staging hash whatever the script answered (frozen, stale ticket, NOSCRIPT).
 * script_argv[3..argc) holds the script's keys and arguments; hset_argv the staging HSET.
 * Returns TC_OK with *r the script's reply (the caller frees it). */
static tc_status rb_store_staged(tc_redis_backend *rb, tc_redis_script s, int argc,
	const char **script_argv, size_t *script_lens, int nkeys, int hset_argc,
	const char **hset_argv, const size_t *hset_lens, redisReply **r, tc_err *err)
{
	static const char *multi[] = {"MULTI"}, *exec[] = {"EXEC"};
	static const size_t multi_len[] = {5}, exec_len[] = {4};
	const char *del[] = {"DEL", hset_argv[1]};
	size_t del_len[] = {3, hset_lens[1]};
	char numkeys[16];
	snprintf(numkeys, sizeof(numkeys), "%d", nkeys);
	script_argv[0] = "EVALSHA";
	script_lens[0] = 7;
	script_argv[1] = tc_redis_script_sha(s);
	script_lens[1] = 40;
	script_argv[2] = numkeys;
	script_lens[2] = strlen(numkeys);
	*r = NULL;
	for (int attempt = 0;; attempt++) {
		tc_redis_cmd cmds[5] = {
			{1, multi, multi_len},
			{hset_argc, hset_argv, hset_lens},
			{argc, script_argv, script_lens},
			{2, del, del_len},
			{1, exec, exec_len},
		};
		redisReply *rep[5];
		tc_status st = tc_redis_pipeline(&rb->link, TC_REDIS_IDEMPOTENT, 5, cmds, rep, err);
		if (st != TC_OK) {
			return st;
		}
		redisReply *x = rep[4];
		if (x->type != REDIS_REPLY_ARRAY || x->elements != 3) {
			/* EXECABORT (a queued command was refused, e.g. OOM) names the cause in the reply
			 * of that command. */
			const redisReply *why = x;
			for (int i = 1; i < 4 && why == x; i++) {
				if (rep[i]->type == REDIS_REPLY_ERROR) {
					why = rep[i];
				}
			}
			st = rb_script_error(rb, why, "storing an entry", err);
		} else {
			redisReply *sr = x->element[1];
			if (attempt == 0 && sr->type == REDIS_REPLY_ERROR && sr->len >= 8 &&
				memcmp(sr->str, "NOSCRIPT", 8) == 0) {
				/* First use on this server: the source once, which also caches it. */
				for (int i = 0; i < 5; i++) {
					freeReplyObject(rep[i]);
				}
				script_argv[0] = "EVAL";
				script_lens[0] = 4;
				script_argv[1] = tc_redis_script_source(s, &script_lens[1]);
				continue;
			}
			*r = sr;
			x->element[1] = NULL; /* now the caller's */
		}
		for (int i = 0; i < 5; i++) {
			freeReplyObject(rep[i]);
		}
		return st;
	}
}

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
	/* argv: EVALSHA sha numkeys | entry frozen staging tagkey... | tagpfx id data kind n ttl
	 * tag... */
	size_t argc_max = 3 + 3 + ntags + 6 + ntags + TC_REDIS_TICKET_EXTRA(ntags);
	const char *stack_argv[3 + 3 + 6 + 2 * TC_REDIS_STACK_TAGS + TC_REDIS_TICKET_EXTRA(TC_REDIS_STACK_TAGS)];
	size_t stack_lens[3 + 3 + 6 + 2 * TC_REDIS_STACK_TAGS + TC_REDIS_TICKET_EXTRA(TC_REDIS_STACK_TAGS)];
	tc_redis_ticket_args targs = {0};
	int small = ntags <= TC_REDIS_STACK_TAGS;
	const char **argv = small ? stack_argv : tc_malloc(argc_max * sizeof(*argv));
	size_t *lens = small ? stack_lens : tc_malloc(argc_max * sizeof(*lens));
	char *keys = NULL, *packed = NULL, *ek = NULL, *sk = NULL, *joined = NULL;
	if (!utags || !argv || !lens) {
		st = tc_err_set(err, TC_ERR_NOMEM, "out of memory storing %.*s", (int)id.len, id.ptr);
		goto out;
	}
	size_t nu = 0, keybytes = 0;
	if (ntags) {
		memcpy(utags, tags, ntags * sizeof(tc_str));
		nu = tc_str_unique(utags, ntags);
	}
	for (size_t i = 0; i < nu; i++) {
		keybytes += rb->plen + 3 + utags[i].len;
	}
	ek = rb_join(rb->entry_pfx, rb->plen + 3, id.ptr, id.len);
	sk = rb_join(rb->prefix, rb->plen, ":s:", 3);
	char *skid = sk ? rb_join(sk, rb->plen + 3, id.ptr, id.len) : NULL;
	tc_free(sk);
	sk = skid;
	keys = tc_malloc(keybytes ? keybytes : 1);
	if (!ek || !sk || !keys) {
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
	argv[argc] = sk;
	lens[argc++] = rb->plen + 3 + id.len;
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
	int staged = payload.len >= TC_REDIS_STAGE_MIN;
	argv[argc] = payload.len && !staged ? payload.ptr : "";
	lens[argc++] = staged ? 0 : payload.len;
	argv[argc] = kindbuf;
	lens[argc++] = staged ? 0 : 1; /* "": the payload is staged */
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
	tc_redis_script script = ticket ? TC_RS_SET_TICKETED : TC_RS_SET;
	int nkeys = (int)(3 + nu + (ticket ? 1 : 0));
	if (!staged) {
		st = tc_redis_script_run(&rb->link, script, argc, argv, lens, nkeys, &r, err);
	} else {
		/* The staging hash: d k t [z n], t the tags joined by blanks, as the script would. */
		size_t jlen = 0;
		for (size_t i = 0; i < nu; i++) {
			jlen += utags[i].len + 1;
		}
		joined = tc_malloc(jlen ? jlen : 1);
		if (!joined) {
			st = tc_err_set(err, TC_ERR_NOMEM, "out of memory storing %.*s", (int)id.len, id.ptr);
			goto out;
		}
		char *jp = joined;
		for (size_t i = 0; i < nu; i++) {
			if (i) {
				*jp++ = ' ';
			}
			memcpy(jp, utags[i].ptr, utags[i].len);
			jp += utags[i].len;
		}
		const char *hset[] = {"HSET", sk, "d", payload.len ? payload.ptr : "", "k", kindbuf, "t",
			joined, "z", "1", "n", nbuf};
		size_t hlens[] = {4, rb->plen + 3 + id.len, 1, payload.len, 1, 1, 1, (size_t)(jp - joined),
			1, 1, 1, strlen(nbuf)};
		st = rb_store_staged(rb, script, argc, argv, lens, nkeys, nbuf[0] ? 12 : 8, hset, hlens,
			&r, err);
	}
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
	tc_free(sk);
	tc_free(joined);
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
