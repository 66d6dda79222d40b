/* Lua scripts of the Redis backend. Each runs atomically on the server, so the entry hash
 * and the tag sets never disagree for another client.
 *
 * Keys (P is the cache's prefix): P:e:<id> entry hash (d payload, k kind, t space-separated
 * tags, z "1" and n original length when d is zlib-compressed), P:t:<tag> set of ids,
 * P:frozen. An id is a member of P:t:<tag> whenever its live entry carries tag; members whose
 * entry is gone are harmless (every reader checks the entry's t) and gc removes them. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "redis_scripts.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "redis_sha1.h"

/* tags_of: the t field of an entry, nil when there is no entry (or a key of another type).
 * carries: ' t1 t2 ':find(' tag ', 1, true), as tags never contain blanks. */
#define TC_LUA_HELPERS                                                           \
	"local function tags_of(ek)\n"                                               \
	"  local t = redis.pcall('HGET', ek, 't')\n"                                 \
	"  if type(t) == 'string' then return t end\n"                               \
	"  return nil\n"                                                             \
	"end\n"                                                                      \
	"local function carries(t, tag)\n"                                           \
	"  return string.find(' ' .. t .. ' ', ' ' .. tag .. ' ', 1, true) ~= nil\n" \
	"end\n"

/* First line of every script that writes after a non-deterministic command (TIME, SPOP,
 * SSCAN). Redis 3.2 to 4 replicate a script by its source and refuse such a write ("Write
 * commands not allowed after non deterministic commands") unless the script first switches to
 * replicating its effects; Redis 5 always does (the call is a no-op there, deprecated but
 * accepted on 7). It must come before the first write. Not tested: that needs a Redis before 5,
 * and the suite runs the system's redis-server. */
#define TC_LUA_EFFECTS "redis.replicate_commands()\n"

/* bump(epochs key, fields...): a new invalidation epoch (redis_ticket.h): the counter c plus
 * one, then every field given set to it. A hash that does not exist yet starts at the
 * server's clock in microseconds with its floor f there, so a ticket taken before the keys
 * were wiped is older than every epoch after. Returns the epoch. Epochs are written with
 * '%.0f' (all 16 digits: tostring() would round them to 14 and compare wrongly). */
#define TC_LUA_BUMP                                                                    \
	"local function bump(ek, fields)\n"                                                \
	"  local e\n"                                                                      \
	"  if redis.call('HEXISTS', ek, 'c') == 0 then\n"                                  \
	"    local t = redis.call('TIME')\n"                                               \
	"    e = string.format('%.0f', tonumber(t[1]) * 1000000 + tonumber(t[2]))\n"      \
	"    redis.call('HSET', ek, 'c', e, 'f', e)\n"                                     \
	"  else\n"                                                                         \
	"    e = string.format('%.0f', redis.call('HINCRBY', ek, 'c', 1))\n"              \
	"  end\n"                                                                          \
	"  for _, f in ipairs(fields) do redis.call('HSET', ek, f, e) end\n"               \
	"  return e\n"                                                                     \
	"end\n"

/* First lines of every script that uses a Redis 7.0 feature (EXPIRE ... GT), before any write:
 * an older server would run the script's writes up to that command and then fail, leaving an
 * entry whose tag sets kept an old TTL. redis.REDIS_VERSION_NUM exists only from 7.0 on and
 * costs no redis.call, so its absence is the test. The C side (tc_redis_version_error) turns
 * the marker into a BackendException naming the server and its version. */
#define TC_LUA_NEEDS_7                                                                     \
	"local vnum = redis.REDIS_VERSION_NUM\n"                                               \
	"if not vnum or vnum < 0x070000 then\n"                                                \
	"  return redis.error_reply('" TC_REDIS_OLD_ERROR " ' .. (redis.REDIS_VERSION or '?'))\n" \
	"end\n"

/* KEYS: entry, frozen, staging hash, then one tag set per (distinct) new tag.
 * ARGV: tag key prefix, id, payload, kind, original length when compressed (else ""),
 *       lifetime in seconds (0 = unlimited), then the new tags in KEYS order.
 * Two ways in: inline (kind given) writes the payload from ARGV; staged (kind "") renames the
 * staging hash P:s:<id>, which the same MULTI filled just before (redis_set.c), onto the entry:
 * the payload never becomes a Lua string. The frozen check comes first either way; the DEL
 * queued after the script in that MULTI drops the staging hash whatever the script did.
 * Reading the old entry may only fail with WRONGTYPE (a key of another type, replaced); any
 * other error (an ACL refusing HMGET) ends the script before it writes.
 * An inline write over an old entry with tags and no compression fields overwrites d, k and t in
 * place (its TTL is then set or removed explicitly); any other old key is deleted first, so no
 * z/n of a compressed old value survives under a plain new one.
 * Memberships: the old entry's tags (its t, read before it is replaced) that the new one drops
 * are removed. Every new tag is SADDed, kept ones too: the old t says what the sets held when
 * it was written, not what they hold now (a tag set evicted under an LRU maxmemory policy,
 * as tag sets are never read, would otherwise stay lost for as long as the entry is re-set).
 * All SADDs come before the first TTL command, so the index is whole even if one fails.
 * A tag set lives at least as long as its longest-living member: an unlimited member makes it
 * persistent; SADD 0 (already a member) stretches its TTL with EXPIRE GT (one call; GT leaves
 * a set without TTL, a persistent one, alone); SADD 1 reads PTTL: a set this SADD created has
 * none (-1 with one member) and gets the entry's TTL, a shorter TTL is raised, a persistent
 * set with other members stays so. PTTL, because TTL rounds to the nearest second.
 * The body works on KEYS[1..nk] and ARGV[1..na]: set_ticketed passes more after those. */
#define TC_LUA_SET_BODY \
	"if redis.call('EXISTS', KEYS[2]) == 1 then\n" \
	"  return redis.error_reply('" TC_REDIS_FROZEN_ERROR " cache is frozen')\n" \
	"end\n" \
	"local id, ttl = ARGV[2], tonumber(ARGV[6])\n" \
	"local keep = {}\n" \
	"for i = 7, na do keep[ARGV[i]] = true end\n" \
	"local old = redis.pcall('HMGET', KEYS[1], 't', 'z')\n" \
	"local otags, plain = false, false\n" \
	"if old.err then\n" \
	"  if not string.find(old.err, 'WRONGTYPE', 1, true) then return old end\n" \
	"else\n" \
	"  otags = old[1]; plain = otags and not old[2]\n" \
	"end\n" \
	"if otags then\n" \
	"  for tag in string.gmatch(otags, '%S+') do\n" \
	"    if not keep[tag] then redis.call('SREM', ARGV[1] .. tag, id) end\n" \
	"  end\n" \
	"end\n" \
	"if ARGV[4] == '' then\n" \
	"  redis.call('RENAME', KEYS[3], KEYS[1])\n" \
	"else\n" \
	"  if plain then\n" \
	"    if ttl == 0 then redis.call('PERSIST', KEYS[1]) end\n" \
	"  else\n" \
	"    redis.call('DEL', KEYS[1])\n" \
	"  end\n" \
	"  local tags = table.concat(ARGV, ' ', 7, na)\n" \
	"  if ARGV[5] == '' then\n" \
	"    redis.call('HSET', KEYS[1], 'd', ARGV[3], 'k', ARGV[4], 't', tags)\n" \
	"  else\n" \
	"    redis.call('HSET', KEYS[1], 'd', ARGV[3], 'k', ARGV[4], 't', tags, 'z', '1', 'n', ARGV[5])\n" \
	"  end\n" \
	"end\n" \
	"if ttl > 0 then redis.call('EXPIRE', KEYS[1], ARGV[6]) end\n" \
	"local added = {}\n" \
	"for i = 4, nk do added[i] = redis.call('SADD', KEYS[i], id) == 1 end\n" \
	"for i = 4, nk do\n" \
	"  local k = KEYS[i]\n" \
	"  if ttl == 0 then\n" \
	"    redis.call('PERSIST', k)\n" \
	"  elseif not added[i] then\n" \
	"    redis.call('EXPIRE', k, ARGV[6], 'GT')\n" \
	"  else\n" \
	"    local left = redis.call('PTTL', k)\n" \
	"    if (left == -1 and redis.call('SCARD', k) == 1) or (left >= 0 and left < ttl * 1000) then\n" \
	"      redis.call('EXPIRE', k, ARGV[6])\n" \
	"    end\n" \
	"  end\n" \
	"end\n" \
	"return 1\n"

static const char tc_lua_set[] = TC_LUA_NEEDS_7 "local nk, na = #KEYS, #ARGV\n" TC_LUA_SET_BODY;

/* KEYS: those of set, then the epochs hash. ARGV: those of set, then the epoch fields of the
 * entry's id and tags (slot numbers), their count, the ticket. Returns 0 without writing when
 * the floor or one of those fields is newer than the ticket, or when the hash is gone although
 * the ticket came from it (the keys were wiped since: a flush too); else stores like set. */
static const char tc_lua_set_ticketed[] = TC_LUA_NEEDS_7
	"local ticket = tonumber(ARGV[#ARGV])\n"
	"local nf = tonumber(ARGV[#ARGV - 1])\n"
	"local nk, na = #KEYS - 1, #ARGV - 2 - nf\n"
	"local fields = {'c', 'f'}\n"
	"for i = na + 1, na + nf do fields[#fields + 1] = ARGV[i] end\n"
	"local v = redis.call('HMGET', KEYS[#KEYS], unpack(fields))\n"
	"if not v[1] then\n"
	"  if ticket ~= 0 then return 0 end\n"
	"else\n"
	"  for i = 2, #v do\n"
	"    if v[i] and tonumber(v[i]) > ticket then return 0 end\n"
	"  end\n"
	"end\n" TC_LUA_SET_BODY;

/* KEYS: the epochs hash. ARGV: fields to raise ("f" the floor, slot numbers). Returns the
 * new epoch (flush and flush_by_tags run it before their first removal step). */
static const char tc_lua_bump[] = TC_LUA_EFFECTS TC_LUA_BUMP "return bump(KEYS[1], ARGV)\n";

/* KEYS: entry, frozen, epochs hash. ARGV: tag key prefix, id, the epoch field of id.
 * Bumps id's epoch before removing (write tickets), all in one step. Returns 1 when an entry
 * was removed. */
static const char tc_lua_remove[] = TC_LUA_EFFECTS TC_LUA_BUMP
	"if redis.call('EXISTS', KEYS[2]) == 1 then\n"
	"  return redis.error_reply('" TC_REDIS_FROZEN_ERROR " cache is frozen')\n"
	"end\n"
	"bump(KEYS[3], {ARGV[3]})\n"
	"if redis.call('TYPE', KEYS[1]).ok ~= 'hash' then\n"
	"  return redis.call('UNLINK', KEYS[1])\n"
	"end\n"
	"local t = redis.call('HGET', KEYS[1], 't')\n"
	"if t then\n"
	"  for tag in string.gmatch(t, '%S+') do redis.call('SREM', ARGV[1] .. tag, ARGV[2]) end\n"
	"end\n"
	"return redis.call('UNLINK', KEYS[1])\n";

/* KEYS: tag set, frozen. ARGV: entry key prefix, tag key prefix, tag, batch size.
 * Pops up to batch ids; each whose entry carries the tag loses its entry and its other
 * memberships and is counted. Returns {removed, popped}: popped < batch means done. */
static const char tc_lua_flush_tag[] = TC_LUA_EFFECTS TC_LUA_HELPERS
	"if redis.call('EXISTS', KEYS[2]) == 1 then\n"
	"  return redis.error_reply('" TC_REDIS_FROZEN_ERROR " cache is frozen')\n"
	"end\n"
	"local ids = redis.call('SPOP', KEYS[1], ARGV[4])\n"
	"local removed = 0\n"
	"for _, id in ipairs(ids) do\n"
	"  local ek = ARGV[1] .. id\n"
	"  local t = tags_of(ek)\n"
	"  if t then\n"
	"    local others, hit = {}, false\n"
	"    for tag in string.gmatch(t, '%S+') do\n"
	"      if tag == ARGV[3] then hit = true else others[#others + 1] = tag end\n"
	"    end\n"
	"    if hit then\n"
	"      for _, tag in ipairs(others) do redis.call('SREM', ARGV[2] .. tag, id) end\n"
	"      redis.call('UNLINK', ek)\n"
	"      removed = removed + 1\n"
	"    end\n"
	"  end\n"
	"end\n"
	"return {removed, #ids}\n";

/* unread(v): a pcall read of an entry key found no entry on this node: nil (HGET), or an
 * error other than WRONGTYPE (a key of another type is no entry anywhere). The entry keys are
 * not declared in KEYS; Redis Cluster allows that as they share the tag set's slot. But while
 * that slot migrates, an entry already moved to the importing node is refused here ("non
 * local key"), and one not moved yet reads as nil on the importing node: the client reads
 * those again with commands that follow ASK and MOVED (redis_by_tag.c). */
#define TC_LUA_UNREAD                                                                       \
	"local function unread(v)\n"                                                            \
	"  if type(v) == 'table' and v.err then return string.sub(v.err, 1, 9) ~= 'WRONGTYPE' end\n" \
	"  return v == false\n"                                                                 \
	"end\n"

/* KEYS: tag set. ARGV: entry key prefix, tag, cursor, count, "1" on a cluster link (else "0").
 * Returns {next cursor, unread, ids whose entries carry the tag...}; unread lists, on a
 * cluster link only, the members whose entry this node could not read (TC_LUA_UNREAD). */
static const char tc_lua_find[] =
	TC_LUA_HELPERS TC_LUA_UNREAD
				   "local r = redis.call('SSCAN', KEYS[1], ARGV[3], 'COUNT', ARGV[4])\n"
				   "local miss = {}\n"
				   "local out = {r[1], miss}\n"
				   "for _, id in ipairs(r[2]) do\n"
				   "  local t = redis.pcall('HGET', ARGV[1] .. id, 't')\n"
				   "  if type(t) == 'string' then\n"
				   "    if carries(t, ARGV[2]) then out[#out + 1] = id end\n"
				   "  elseif ARGV[5] == '1' and unread(t) then miss[#miss + 1] = id end\n"
				   "end\n"
				   "return out\n";

/* KEYS: tag set. ARGV: entry key prefix, tag, batch size, byte budget, "1" on a cluster link
 * (else "0"). getByTag in one round trip: {1, unread, then id, d, z, n of each member whose
 * entry carries the tag}, unread listing on a cluster link the members whose entry this node
 * could not read (TC_LUA_UNREAD; in steady state only expired entries); {0} when the set has
 * more than batch members or their payloads (HSTRLEN d, summed before any is read) more than
 * budget bytes: the client then lists them with find and reads the entries in pipelined
 * batches, so no script holds the server for a huge tag or copies large payloads through Lua
 * strings (redis_by_tag.c says why the budget is what it is). Read-only. */
static const char tc_lua_fetch[] =
	TC_LUA_HELPERS TC_LUA_UNREAD
				   "if redis.call('SCARD', KEYS[1]) > tonumber(ARGV[3]) then return {0} end\n"
				   "local ids, budget, sum = redis.call('SMEMBERS', KEYS[1]), tonumber(ARGV[4]), 0\n"
				   "for _, id in ipairs(ids) do\n"
				   "  local n = redis.pcall('HSTRLEN', ARGV[1] .. id, 'd')\n"
				   "  if type(n) == 'number' then sum = sum + n end\n"
				   "  if sum > budget then return {0} end\n"
				   "end\n"
				   "local miss = {}\n"
				   "local out = {1, miss}\n"
				   "for _, id in ipairs(ids) do\n"
				   "  local v = redis.pcall('HMGET', ARGV[1] .. id, 't', 'd', 'z', 'n')\n"
				   "  if v.err then\n"
				   "    if ARGV[5] == '1' and unread(v) then miss[#miss + 1] = id end\n"
				   "  elseif type(v[1]) == 'string' then\n"
				   "    if carries(v[1], ARGV[2]) then\n"
				   "      local n = #out\n"
				   "      out[n + 1], out[n + 2], out[n + 3], out[n + 4] = id, v[2], v[3], v[4]\n"
				   "    end\n"
				   "  elseif ARGV[5] == '1' then miss[#miss + 1] = id end\n"
				   "end\n"
				   "return out\n";

/* KEYS: tag set, frozen. ARGV: entry key prefix, tag, cursor, count.
 * Drops members whose entry is gone or no longer carries the tag; returns the next cursor
 * ("0" when done, and at once when the cache is frozen: a frozen cache is read-only). */
static const char tc_lua_gc[] =
	TC_LUA_EFFECTS TC_LUA_HELPERS "if redis.call('EXISTS', KEYS[2]) == 1 then return '0' end\n"
				   "local r = redis.call('SSCAN', KEYS[1], ARGV[3], 'COUNT', ARGV[4])\n"
				   "for _, id in ipairs(r[2]) do\n"
				   "  local ek = ARGV[1] .. id\n"
				   "  local t = tags_of(ek)\n"
				   "  if not (t and carries(t, ARGV[2])) then redis.call('SREM', KEYS[1], id) end\n"
				   "end\n"
				   "return r[1]\n";

/* KEYS: frozen, then a batch of the cache's keys. Makes them persistent while the cache is
 * frozen (entries of a frozen cache never expire, as in Flow); nothing once a flush thawed it.
 * Returns how many keys it made persistent. */
static const char tc_lua_persist[] =
	"if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end\n"
	"local n = 0\n"
	"for i = 2, #KEYS do n = n + redis.call('PERSIST', KEYS[i]) end\n"
	"return n\n";

static const struct {
	const char *src;
	size_t len;
} tc_redis_sources[TC_RS_COUNT] = {
	[TC_RS_SET] = {tc_lua_set, sizeof(tc_lua_set) - 1},
	[TC_RS_REMOVE] = {tc_lua_remove, sizeof(tc_lua_remove) - 1},
	[TC_RS_FLUSH_TAG] = {tc_lua_flush_tag, sizeof(tc_lua_flush_tag) - 1},
	[TC_RS_FIND] = {tc_lua_find, sizeof(tc_lua_find) - 1},
	[TC_RS_GC] = {tc_lua_gc, sizeof(tc_lua_gc) - 1},
	[TC_RS_PERSIST] = {tc_lua_persist, sizeof(tc_lua_persist) - 1},
	[TC_RS_SET_TICKETED] = {tc_lua_set_ticketed, sizeof(tc_lua_set_ticketed) - 1},
	[TC_RS_BUMP] = {tc_lua_bump, sizeof(tc_lua_bump) - 1},
	[TC_RS_FETCH] = {tc_lua_fetch, sizeof(tc_lua_fetch) - 1},
};

/* The SHA-1 of each source, as Redis names it; computed once per process. */
static char tc_redis_shas[TC_RS_COUNT][41];
static pthread_once_t tc_redis_shas_once = PTHREAD_ONCE_INIT;

static void tc_redis_hash_scripts(void)
{
	for (int i = 0; i < TC_RS_COUNT; i++) {
		tc_redis_sha1_hex(tc_redis_sources[i].src, tc_redis_sources[i].len, tc_redis_shas[i]);
	}
}

/* Which scripts may run again after their connection broke once they may have reached the
 * server: set rewrites the whole entry and its memberships, so a second run leaves what the
 * first left; a flush_tag batch run again pops the next ids (only the count of the lost
 * reply is missed); find and gc change nothing or only drop dead members. remove is not
 * marked: its second run would answer "nothing removed" for an entry the first removed.
 * set_ticketed run again either stores the same entry again or, when a flush came between
 * the runs, answers "dropped": that flush bumped before removing, so it also removed what the
 * first run stored, and "dropped" is then what the cache holds. A second bump only makes
 * more tickets older, which drops writes, never stores a stale one. */
static unsigned rs_flags(tc_redis_script s)
{
	switch (s) {
	case TC_RS_SET:
	case TC_RS_FLUSH_TAG:
	case TC_RS_FIND:
	case TC_RS_GC:
	case TC_RS_PERSIST:
	case TC_RS_SET_TICKETED:
	case TC_RS_BUMP:
	case TC_RS_FETCH:
		return TC_REDIS_IDEMPOTENT;
	default:
		return 0;
	}
}

const char *tc_redis_script_sha(tc_redis_script s)
{
	pthread_once(&tc_redis_shas_once, tc_redis_hash_scripts);
	return tc_redis_shas[s];
}

const char *tc_redis_script_source(tc_redis_script s, size_t *len)
{
	*len = tc_redis_sources[s].len;
	return tc_redis_sources[s].src;
}

tc_status tc_redis_script_run(tc_redis_link *l, tc_redis_script s, int argc, const char **argv,
	size_t *argvlen, int nkeys, redisReply **reply, tc_err *err)
{
	pthread_once(&tc_redis_shas_once, tc_redis_hash_scripts);
	char numkeys[16];
	snprintf(numkeys, sizeof(numkeys), "%d", nkeys);
	argv[0] = "EVALSHA";
	argvlen[0] = 7;
	argv[1] = tc_redis_shas[s];
	argvlen[1] = 40;
	argv[2] = numkeys;
	argvlen[2] = strlen(numkeys);
	tc_status st = tc_redis_command(l, rs_flags(s), argc, argv, argvlen, reply, err);
	if (st != TC_OK) {
		return st;
	}
	redisReply *r = *reply;
	if (r->type == REDIS_REPLY_ERROR && r->len >= 8 && memcmp(r->str, "NOSCRIPT", 8) == 0) {
		/* First use on this server (or after SCRIPT FLUSH / a restart): send the source. */
		freeReplyObject(r);
		*reply = NULL;
		argv[0] = "EVAL";
		argvlen[0] = 4;
		argv[1] = tc_redis_sources[s].src;
		argvlen[1] = tc_redis_sources[s].len;
		st = tc_redis_command(l, rs_flags(s), argc, argv, argvlen, reply, err);
	}
	return st;
}

tc_status tc_redis_version_error(tc_redis_link *l, const redisReply *r, tc_err *err)
{
	const size_t mlen = sizeof(TC_REDIS_OLD_ERROR) - 1;
	char version[64] = "?";
	const char *m = r->str ? strstr(r->str, TC_REDIS_OLD_ERROR) : NULL;
	if (m && m[mlen] == ' ') {
		size_t n = strcspn(m + mlen + 1, " \r\n");
		if (n > 0 && n < sizeof(version)) {
			memcpy(version, m + mlen + 1, n);
			version[n] = '\0';
		}
	}
	if (strcmp(version, "?") == 0) {
		const char *argv[] = {"INFO", "server"};
		size_t lens[] = {4, 6};
		redisReply *info = NULL;
		tc_err ignored = {0};
		if (tc_redis_call(l, 2, argv, lens, &info, &ignored) == TC_OK && info &&
			info->type == REDIS_REPLY_STRING) {
			const char *v = strstr(info->str, "redis_version:");
			if (v) {
				v += 14;
				size_t n = strcspn(v, "\r\n");
				if (n > 0 && n < sizeof(version)) {
					memcpy(version, v, n);
					version[n] = '\0';
				}
			}
		}
		if (info) {
			freeReplyObject(info);
		}
	}
	return tc_err_set(err, TC_ERR_IO,
		"Redis at %s: RedisBackend needs Redis 7.0 or later (this server is %s)", l->where,
		strcmp(version, "?") == 0 ? "older, its version unknown" : version);
}
