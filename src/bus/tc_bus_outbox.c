/* The per-proxy outboxes of failed purges: a sorted set per proxy whose order is the order
 * the purges failed in, so a proxy that comes back receives them in that order.
 *
 * Scores: ms * TC_BUS_OUTBOX_SCALE, raised to the set's top score + 1 when that is higher,
 * one step per new member (a Lua script, so concurrent adders interleave whole). Plain ms
 * would tie within a millisecond, and Redis orders ties by the member's bytes, not by time.
 * 1024 steps per ms keep scores exact in a double (below 2^53) for centuries; more adds in
 * one ms than that only push first_ms a little later. A member already waiting keeps its
 * score (coalescing: one purge per distinct message). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tc_bus_int.h"
#include "../tc_alloc.h"

#define SCALE 1024u

static const char add_lua[] =
	"local top = redis.call('ZREVRANGE', KEYS[1], 0, 0, 'WITHSCORES')\n"
	"local s = tonumber(ARGV[1])\n"
	"if top[2] and tonumber(top[2]) + 1 > s then s = tonumber(top[2]) + 1 end\n"
	"local added = 0\n"
	"for i = 2, #ARGV do\n"
	"  if not redis.call('ZSCORE', KEYS[1], ARGV[i]) then\n"
	"    redis.call('ZADD', KEYS[1], string.format('%.0f', s), ARGV[i])\n"
	"    s = s + 1\n"
	"    added = added + 1\n"
	"  end\n"
	"end\n"
	"return added\n";

/* KEYS: outbox, dead list, state; ARGV: bound score, proxy, limit. Returns how many moved. */
static const char expire_lua[] =
	"local m = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))\n"
	"if #m == 0 then return 0 end\n"
	"for i = 1, #m do\n"
	"  redis.call('LPUSH', KEYS[2], m[i])\n"
	"  redis.call('ZREM', KEYS[1], m[i])\n"
	"end\n"
	"redis.call('LTRIM', KEYS[2], 0, 999)\n"
	"local a, n, d = '0', '0', 0\n"
	"local cur = redis.call('HGET', KEYS[3], ARGV[2])\n"
	"if cur then\n"
	"  local x, y, z = string.match(cur, '^(%d+) (%d+) (%d+)$')\n"
	"  if x then a, n, d = x, y, tonumber(z) end\n"
	"end\n"
	"redis.call('HSET', KEYS[3], ARGV[2], a .. ' ' .. n .. ' ' .. string.format('%.0f', d + #m))\n"
	"return #m\n";

static const char state_lua[] =
	"local d = '0'\n"
	"local cur = redis.call('HGET', KEYS[1], ARGV[1])\n"
	"if cur then d = string.match(cur, '^%d+ %d+ (%d+)$') or '0' end\n"
	"redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ' ' .. ARGV[3] .. ' ' .. d)\n"
	"return 1\n";

/* "<stream><mid><proxy>" into a malloc'd key (NULL after setting err). */
static char *key_of(tc_bus_stream *s, const char *mid, const char *proxy, tc_err *err)
{
	if (proxy && !*proxy) {
		tc_err_set(err, TC_ERR_ARG, "bus outbox: the proxy name must not be empty");
		return NULL;
	}
	size_t n = strlen(s->stream) + strlen(mid) + (proxy ? strlen(proxy) : 0) + 1;
	char *k = tc_malloc(n);
	if (!k) {
		tc_err_set(err, TC_ERR_NOMEM, "bus outbox: out of memory");
		return NULL;
	}
	snprintf(k, n, "%s%s%s", s->stream, mid, proxy ? proxy : "");
	return k;
}

char *tc_bus_outbox_key(tc_bus_stream *s, const char *mid, const char *proxy, tc_err *err)
{
	return key_of(s, mid, proxy, err);
}

static tc_status run(tc_bus_stream *s, unsigned flags, int argc, const char **argv,
	const size_t *lens, int want, redisReply **r, const char *what, tc_err *err)
{
	tc_status st = tc_redis_command(s->link, flags, argc, argv, lens, r, err);
	if (st == TC_OK && (*r)->type != want) {
		st = tc_redis_reply_error(s->link, *r, what, err);
		freeReplyObject(*r);
		*r = NULL;
	}
	return st;
}

/* The command `head` (nhead arguments) with the members appended, run as idempotent (adding a
 * member already there or removing one gone changes nothing) and answering an integer.
 * `doing` names it in the out-of-memory message ("adding"), `what` in a reply error. */
static tc_status run_members(tc_bus_stream *s, const char *const *head, const size_t *head_lens, size_t nhead,
	size_t n, const char *const *members, const size_t *lens, const char *doing, const char *what, tc_err *err)
{
	const char **argv = tc_calloc(n + nhead, sizeof(*argv));
	size_t *alen = tc_calloc(n + nhead, sizeof(*alen));
	tc_status st;
	if (!argv || !alen) {
		st = tc_err_set(err, TC_ERR_NOMEM, "bus outbox: out of memory %s %zu members", doing, n);
	} else {
		memcpy(argv, head, nhead * sizeof(*argv));
		memcpy(alen, head_lens, nhead * sizeof(*alen));
		memcpy(argv + nhead, members, n * sizeof(*argv));
		memcpy(alen + nhead, lens, n * sizeof(*alen));
		redisReply *r;
		st = run(s, TC_REDIS_IDEMPOTENT, (int)(n + nhead), argv, alen, REDIS_REPLY_INTEGER, &r, what, err);
		if (st == TC_OK) {
			freeReplyObject(r);
		}
	}
	tc_free(argv);
	tc_free(alen);
	return st;
}

tc_status tc_bus_outbox_add(tc_bus_stream *s, const char *proxy, size_t n, const char *const *members,
	const size_t *lens, uint64_t now_ms, tc_err *err)
{
	char *key = key_of(s, ":outbox:", proxy, err);
	if (!key || n == 0) {
		tc_free(key);
		return key ? TC_OK : err->code;
	}
	char base[32];
	snprintf(base, sizeof(base), "%" PRIu64, now_ms * SCALE);
	const char *head[] = {"EVAL", add_lua, "1", key, base};
	size_t head_lens[] = {4, sizeof(add_lua) - 1, 1, strlen(key), strlen(base)};
	tc_status st = run_members(s, head, head_lens, 5, n, members, lens, "adding", "outbox add", err);
	tc_free(key);
	return st;
}

void tc_bus_outbox_items_free(tc_bus_outbox_item *it, size_t n)
{
	for (size_t i = 0; it && i < n; i++) {
		tc_free(it[i].member);
	}
	tc_free(it);
}

uint64_t tc_bus_outbox_score_ms(const char *score)
{
	double d = score ? strtod(score, NULL) : 0;
	return d > 0 ? (uint64_t)d / SCALE : 0;
}

tc_status tc_bus_outbox_peek(tc_bus_stream *s, const char *proxy, size_t max,
	tc_bus_outbox_item **items, size_t *n, tc_err *err)
{
	*items = NULL;
	*n = 0;
	char *key = key_of(s, ":outbox:", proxy, err);
	if (!key || max == 0) {
		tc_free(key);
		return key ? TC_OK : err->code;
	}
	char stop[24];
	snprintf(stop, sizeof(stop), "%zu", max - 1);
	const char *argv[] = {"ZRANGE", key, "0", stop, "WITHSCORES"};
	redisReply *r;
	tc_status st = run(s, TC_REDIS_IDEMPOTENT, 5, argv, NULL, REDIS_REPLY_ARRAY, &r, "outbox peek", err);
	tc_free(key);
	if (st != TC_OK) {
		return st;
	}
	size_t count = r->elements / 2;
	tc_bus_outbox_item *it = count ? tc_calloc(count, sizeof(*it)) : NULL;
	for (size_t i = 0; i < count && it; i++) {
		const redisReply *m = r->element[2 * i], *sc = r->element[2 * i + 1];
		if (m->type != REDIS_REPLY_STRING || sc->type != REDIS_REPLY_STRING) {
			tc_bus_outbox_items_free(it, i);
			st = tc_redis_reply_error(s->link, r, "outbox peek", err);
			freeReplyObject(r);
			return st;
		}
		it[i].member = tc_malloc(m->len ? m->len : 1);
		if (!it[i].member) {
			tc_bus_outbox_items_free(it, i);
			it = NULL;
			break;
		}
		memcpy(it[i].member, m->str, m->len);
		it[i].len = m->len;
		it[i].first_ms = tc_bus_outbox_score_ms(sc->str);
	}
	freeReplyObject(r);
	if (count && !it) {
		return tc_err_set(err, TC_ERR_NOMEM, "bus outbox: out of memory reading %zu members", count);
	}
	*items = it;
	*n = count;
	return TC_OK;
}

tc_status tc_bus_outbox_remove(tc_bus_stream *s, const char *proxy, size_t n,
	const char *const *members, const size_t *lens, tc_err *err)
{
	char *key = key_of(s, ":outbox:", proxy, err);
	if (!key || n == 0) {
		tc_free(key);
		return key ? TC_OK : err->code;
	}
	const char *head[] = {"ZREM", key};
	size_t head_lens[] = {4, strlen(key)};
	tc_status st = run_members(s, head, head_lens, 2, n, members, lens, "removing", "outbox remove", err);
	tc_free(key);
	return st;
}

tc_status tc_bus_outbox_expire(tc_bus_stream *s, const char *proxy, uint64_t before_ms,
	uint64_t *dropped, tc_err *err)
{
	*dropped = 0;
	char *key = key_of(s, ":outbox:", proxy, err);
	char *dead = key ? key_of(s, ":dead:", proxy, err) : NULL;
	char *state = dead ? key_of(s, ":outbox-state", NULL, err) : NULL;
	tc_status st = state ? TC_OK : err->code;
	char bound[32];
	snprintf(bound, sizeof(bound), "%" PRIu64, before_ms * SCALE);
	/* In steps of 1000, each one atomic, so a huge outbox never blocks the server long. */
	while (st == TC_OK) {
		const char *argv[] = {"EVAL", expire_lua, "3", key, dead, state, bound, proxy, "1000"};
		size_t lens[9];
		for (int i = 0; i < 9; i++) {
			lens[i] = strlen(argv[i]);
		}
		redisReply *r;
		/* Not idempotent: a repeat could count the drops twice. */
		st = run(s, 0, 9, argv, lens, REDIS_REPLY_INTEGER, &r, "outbox expire", err);
		if (st != TC_OK) {
			break;
		}
		long long moved = r->integer;
		freeReplyObject(r);
		*dropped += moved > 0 ? (uint64_t)moved : 0;
		if (moved < 1000) {
			break;
		}
	}
	tc_free(key);
	tc_free(dead);
	tc_free(state);
	return st;
}

tc_status tc_bus_outbox_state_set(tc_bus_stream *s, const char *proxy, uint64_t attempts,
	uint64_t next_ms, tc_err *err)
{
	if (!proxy || !*proxy) {
		return tc_err_set(err, TC_ERR_ARG, "bus outbox: the proxy name must not be empty");
	}
	char *state = key_of(s, ":outbox-state", NULL, err);
	if (!state) {
		return err->code;
	}
	char a[24], nx[24];
	snprintf(a, sizeof(a), "%" PRIu64, attempts);
	snprintf(nx, sizeof(nx), "%" PRIu64, next_ms);
	const char *argv[] = {"EVAL", state_lua, "1", state, proxy, a, nx};
	size_t lens[7];
	for (int i = 0; i < 7; i++) {
		lens[i] = strlen(argv[i]);
	}
	redisReply *r;
	tc_status st = run(s, TC_REDIS_IDEMPOTENT, 7, argv, lens, REDIS_REPLY_INTEGER, &r, "outbox state", err);
	if (st == TC_OK) {
		freeReplyObject(r);
	}
	tc_free(state);
	return st;
}
