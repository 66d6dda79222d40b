/* Redis Cluster for the Redis backend: key slots, redirections, the slot map (see
 * redis_cluster.h). The pure parts (CRC16, addresses, MOVED/ASK, CLUSTER SLOTS) are unit
 * tested in tests/unit/test_redis_cluster.c. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* nanosleep */
#endif
#include "redis_cluster.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../tc_alloc.h"
#include "redis_conn_internal.h"

unsigned tc_redis_crc16(const char *s, size_t len)
{
	unsigned crc = 0;
	for (size_t i = 0; i < len; i++) {
		crc ^= (unsigned)(unsigned char)s[i] << 8;
		for (int b = 0; b < 8; b++) {
			crc = (crc & 0x8000u) ? ((crc << 1) ^ 0x1021u) : (crc << 1);
			crc &= 0xffffu;
		}
	}
	return crc;
}

unsigned tc_redis_key_slot(const char *key, size_t len)
{
	const char *open = memchr(key, '{', len);
	if (open) {
		size_t from = (size_t)(open - key) + 1;
		const char *close = memchr(key + from, '}', len - from);
		if (close && close > key + from) {
			return tc_redis_crc16(key + from, (size_t)(close - key) - from) & (TC_REDIS_SLOTS - 1);
		}
	}
	return tc_redis_crc16(key, len) & (TC_REDIS_SLOTS - 1);
}

static int rcl_port(const char *s, size_t len, unsigned *port)
{
	unsigned v = 0;
	if (len == 0 || len > 5) {
		return 0;
	}
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return 0;
		}
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (v < 1 || v > 65535) {
		return 0;
	}
	*port = v;
	return 1;
}

static int rcl_copy(const char *s, size_t len, char *host, size_t hcap)
{
	if (len >= hcap || memchr(s, '\0', len)) {
		return 0;
	}
	memcpy(host, s, len);
	host[len] = '\0';
	return 1;
}

int tc_redis_host_ok(const char *s, size_t len)
{
	if (len == 0 || len > 255 || s[0] == '/') {
		return 0; /* a leading '/' would make hiredis open a unix socket */
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= ' ' || c == '[' || c == ']' || c == '/' || c == 0x7f) {
			return 0;
		}
	}
	return 1;
}

int tc_redis_parse_port(const char *s, size_t len, unsigned *port)
{
	return rcl_port(s, len, port);
}

int tc_redis_parse_addr(const char *s, size_t len, char *host, size_t hcap, unsigned *port)
{
	if (len && s[0] == '[') {
		const char *close = memchr(s, ']', len);
		if (!close || close == s + 1 || (size_t)(close - s) + 1 >= len || close[1] != ':') {
			return 0;
		}
		size_t hlen = (size_t)(close - s) - 1;
		size_t plen = len - hlen - 3;
		return tc_redis_host_ok(s + 1, hlen) && rcl_copy(s + 1, hlen, host, hcap) &&
			   memchr(host, ':', hlen) && rcl_port(close + 2, plen, port);
	}
	const char *colon = memchr(s, ':', len);
	/* one ':' only: a bare IPv6 literal is ambiguous ("::1:6379") and needs brackets */
	if (!colon || colon == s || memchr(colon + 1, ':', len - (size_t)(colon - s) - 1)) {
		return 0;
	}
	size_t hlen = (size_t)(colon - s);
	return tc_redis_host_ok(s, hlen) && rcl_copy(s, hlen, host, hcap) &&
		   rcl_port(colon + 1, len - hlen - 1, port);
}

int tc_redis_parse_redirect(const char *s, size_t len, int *ask, unsigned *slot, char *host,
	size_t hcap, unsigned *port)
{
	size_t skip;
	if (len > 6 && memcmp(s, "MOVED ", 6) == 0) {
		*ask = 0;
		skip = 6;
	} else if (len > 4 && memcmp(s, "ASK ", 4) == 0) {
		*ask = 1;
		skip = 4;
	} else {
		return 0;
	}
	s += skip;
	len -= skip;
	const char *sp = memchr(s, ' ', len);
	if (!sp) {
		return 0;
	}
	unsigned v = 0;
	size_t slen = (size_t)(sp - s);
	if (slen == 0 || slen > 5) {
		return 0;
	}
	for (size_t i = 0; i < slen; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return 0;
		}
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (v >= TC_REDIS_SLOTS) {
		return 0;
	}
	const char *addr = sp + 1;
	size_t alen = len - slen - 1;
	const char *colon = NULL;
	for (size_t i = alen; i > 0; i--) {
		if (addr[i - 1] == ':') {
			colon = addr + i - 1;
			break;
		}
	}
	if (!colon) {
		return 0;
	}
	size_t hlen = (size_t)(colon - addr);
	if (hlen >= 2 && addr[0] == '[' && addr[hlen - 1] == ']') {
		addr++; /* "[v6]:port": hiredis takes the address without brackets */
		hlen -= 2;
	}
	/* the node may name any host: it must pass the rule of the options ("" = the node itself) */
	if ((hlen && !tc_redis_host_ok(addr, hlen)) || !rcl_copy(addr, hlen, host, hcap) ||
		!rcl_port(colon + 1, alen - (size_t)(colon + 1 - (sp + 1)), port)) {
		return 0;
	}
	*slot = v;
	return 1;
}

/* The host and port of one node entry [host, port, id, ...] of CLUSTER SLOTS. */
static int rcl_node(const redisReply *n, char *host, size_t hcap, unsigned *port)
{
	if (n->type != REDIS_REPLY_ARRAY || n->elements < 2 ||
		n->element[0]->type != REDIS_REPLY_STRING || n->element[1]->type != REDIS_REPLY_INTEGER ||
		n->element[1]->integer < 1 || n->element[1]->integer > 65535) {
		return 0;
	}
	/* "?" stands for a node whose address is not known yet; "" for the node that answered;
	 * any other host must pass the rule of the options (never a socket path) */
	const char *h = n->element[0]->str;
	size_t hl = n->element[0]->len;
	if (!rcl_copy(h, hl, host, hcap) || strcmp(host, "?") == 0 || (hl && !tc_redis_host_ok(h, hl))) {
		return 0;
	}
	*port = (unsigned)n->element[1]->integer;
	return 1;
}

int tc_redis_slots_owner(const redisReply *r, unsigned slot, char *host, size_t hcap, unsigned *port)
{
	if (!r || r->type != REDIS_REPLY_ARRAY) {
		return -1;
	}
	for (size_t i = 0; i < r->elements; i++) {
		const redisReply *range = r->element[i];
		if (range->type != REDIS_REPLY_ARRAY || range->elements < 3 ||
			range->element[0]->type != REDIS_REPLY_INTEGER ||
			range->element[1]->type != REDIS_REPLY_INTEGER) {
			return -1;
		}
		if ((long long)slot < range->element[0]->integer || (long long)slot > range->element[1]->integer) {
			continue;
		}
		return rcl_node(range->element[2], host, hcap, port) ? 1 : -1;
	}
	return 0;
}

static void rcl_addrs_free(tc_redis_addr *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		tc_free(a[i].host);
	}
	tc_free(a);
}

void tc_redis_topology_free(tc_redis_topology *t)
{
	if (!t) {
		return;
	}
	rcl_addrs_free(t->seeds, t->nseeds);
	rcl_addrs_free(t->known, t->nknown);
	tc_free(t->tag);
	tc_free(t->service);
	tc_free(t->sentinel_password);
	free(t->shared_key);
	tc_free(t);
}

tc_status tc_redis_topology_new(tc_redis_link *l, int kind, const char *const *list, size_t n,
	const char *what, tc_err *err)
{
	if (n == 0) {
		return tc_err_set(err, TC_ERR_ARG, "the Redis backend needs at least one %s", what);
	}
	tc_redis_topology *t = tc_calloc(1, sizeof(*t));
	if (!t || !(t->seeds = tc_calloc(n, sizeof(*t->seeds)))) {
		tc_free(t);
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory creating a Redis backend");
	}
	t->kind = kind;
	t->stale = 1;
	for (size_t i = 0; i < n; i++) {
		char host[256];
		unsigned port;
		if (!tc_redis_parse_addr(list[i], strlen(list[i]), host, sizeof(host), &port)) {
			tc_redis_topology_free(t);
			return tc_err_set(err, TC_ERR_ARG, "Redis %s \"%.80s\" must be " TC_REDIS_ADDR_RULE,
				what, list[i]);
		}
		t->seeds[i].host = tc_strndup(host, strlen(host));
		t->seeds[i].port = port;
		t->nseeds = i + 1;
		if (!t->seeds[i].host) {
			tc_redis_topology_free(t);
			return tc_err_set(err, TC_ERR_NOMEM, "out of memory creating a Redis backend");
		}
	}
	l->topo = t;
	return TC_OK;
}

tc_status tc_redis_cluster_attach(tc_redis_link *l, const char *const *seeds, size_t n,
	const char *tag, tc_err *err)
{
	if (l->database != 0) {
		return tc_err_set(err, TC_ERR_ARG,
			"Redis database %u cannot be used with a cluster: a cluster has only database 0",
			l->database);
	}
	tc_status st = tc_redis_topology_new(l, TC_REDIS_CLUSTER, seeds, n, "cluster seed node", err);
	if (st != TC_OK) {
		return st;
	}
	l->topo->tag = tc_strndup(tag, strlen(tag));
	if (!l->topo->tag) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory creating a Redis backend");
	}
	l->topo->slot = tc_redis_key_slot(tag, strlen(tag));
	return TC_OK;
}

/* "a:1, b:2" of addrs into buf, for messages. */
void tc_redis_addrs_text(const tc_redis_addr *a, size_t n, char *buf, size_t cap)
{
	size_t at = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && at + 1 < cap; i++) {
		int w = snprintf(buf + at, cap - at, strchr(a[i].host, ':') ? "%s[%s]:%u" : "%s%s:%u",
			i ? ", " : "", a[i].host, a[i].port);
		if (w < 0) {
			break;
		}
		at += (size_t)w;
	}
}

/* Keeps every node of the map as known, so a refresh after a failover asks the survivors. */
static void rcl_remember(tc_redis_topology *t, const redisReply *r, const char *asked)
{
	size_t cap = 0;
	for (size_t i = 0; i < r->elements; i++) {
		const redisReply *e = r->element[i];
		cap += e->type == REDIS_REPLY_ARRAY && e->elements > 2 ? e->elements - 2 : 0;
	}
	if (cap > 64) {
		cap = 64;
	}
	tc_redis_addr *known = cap ? tc_calloc(cap, sizeof(*known)) : NULL;
	size_t n = 0;
	for (size_t i = 0; known && i < r->elements; i++) {
		if (r->element[i]->type != REDIS_REPLY_ARRAY) {
			continue;
		}
		for (size_t j = 2; j < r->element[i]->elements && n < cap; j++) {
			char host[256];
			unsigned port;
			if (!rcl_node(r->element[i]->element[j], host, sizeof(host), &port)) {
				continue;
			}
			const char *h = host[0] ? host : asked;
			int dup = 0;
			for (size_t k = 0; k < n && !dup; k++) {
				dup = known[k].port == port && strcmp(known[k].host, h) == 0;
			}
			if (!dup && (known[n].host = tc_strndup(h, strlen(h)))) {
				known[n++].port = port;
			}
		}
	}
	if (!known) {
		return; /* out of memory: the seeds still work */
	}
	rcl_addrs_free(t->known, t->nknown);
	t->known = known;
	t->nknown = n;
}

tc_status tc_redis_cluster_resolve(tc_redis_link *l, tc_err *err)
{
	tc_redis_topology *t = l->topo;
	char last[sizeof(((tc_err *)0)->msg)] = "";
	t->resolved++;
	/* the nodes of the last map first (they follow a failover), then the seeds */
	for (int pass = 0; pass < 2; pass++) {
		tc_redis_addr *list = pass == 0 ? t->known : t->seeds;
		size_t n = pass == 0 ? t->nknown : t->nseeds;
		for (size_t i = 0; i < n; i++) {
			const char *argv[] = {"CLUSTER", "SLOTS"};
			redisReply *r = NULL;
			tc_err e;
			tc_err_clear(&e);
			if (tc_redis_probe(l, list[i].host, list[i].port, l->password, 0, 2, argv, NULL, &r, &e) !=
				TC_OK) {
				snprintf(last, sizeof(last), "%s", e.msg);
				continue;
			}
			char host[256];
			unsigned port = 0;
			int found = r->type == REDIS_REPLY_ERROR ? -1 : tc_redis_slots_owner(r, t->slot, host, sizeof(host), &port);
			if (found < 0) {
				snprintf(last, sizeof(last), "%s:%u answered CLUSTER SLOTS with %.*s", list[i].host,
					list[i].port, r->type == REDIS_REPLY_ERROR ? (int)r->len : 61,
					r->type == REDIS_REPLY_ERROR
						? r->str
						: "a malformed map (or a node address against the rule of hosts)");
				freeReplyObject(r);
				continue;
			}
			char asked[256];
			snprintf(asked, sizeof(asked), "%s", list[i].host);
			if (found == 0) {
				char seeds[512];
				tc_redis_addrs_text(t->seeds, t->nseeds, seeds, sizeof(seeds));
				freeReplyObject(r);
				return tc_err_set(err, TC_ERR_IO,
					"Redis Cluster: slot %u of cache %s has no node (map of %s:%u; seeds %s)",
					t->slot, t->tag, asked, list[i].port, seeds);
			}
			rcl_remember(t, r, asked);
			freeReplyObject(r);
			tc_status st = tc_redis_link_retarget(l, host[0] ? host : asked, port, err);
			if (st == TC_OK) {
				t->stale = 0;
			}
			return st;
		}
	}
	char seeds[512];
	tc_redis_addrs_text(t->seeds, t->nseeds, seeds, sizeof(seeds));
	return tc_err_set(err, TC_ERR_IO,
		"Redis Cluster: no node answered for slot %u of cache %s (seeds %s; last: %s)", t->slot,
		t->tag, seeds, last[0] ? last : "no node known");
}

/* Redirections of one command before its error reply is the answer: a slot moves once per
 * migration, so more means a map in flux. */
#define RCL_MAX_HOPS 5

static int rcl_starts(const redisReply *r, const char *word)
{
	size_t n = strlen(word);
	return r->len >= n && memcmp(r->str, word, n) == 0 && (r->len == n || r->str[n] == ' ');
}

int tc_redis_topology_reply(tc_redis_link *l, int argc, const char **argv, const size_t *argvlen,
	redisReply **reply, unsigned *hops, tc_status *st, tc_err *err)
{
	redisReply *r = *reply;
	*st = TC_OK;
	if (*hops >= RCL_MAX_HOPS) {
		if (rcl_starts(r, "TRYAGAIN") && l->topo->kind == TC_REDIS_CLUSTER) {
			*st = tc_err_set(err, TC_ERR_IO,
				"Redis at %s: slot %u of cache %s is migrating to another node and this "
				"command's keys are split between the two (TRYAGAIN, %u tries): it did not run; "
				"such writes of the cache fail until the migration is over",
				l->where, l->topo->slot, l->topo->tag, *hops);
			freeReplyObject(r);
			*reply = NULL;
		}
		return 0; /* else the caller reports the error reply, which names it */
	}
	int ask;
	unsigned slot, port;
	char host[256];
	if (tc_redis_parse_redirect(r->str, r->len, &ask, &slot, host, sizeof(host), &port)) {
		if (!host[0]) {
			snprintf(host, sizeof(host), "%s", l->host); /* the node that answered */
		}
		(*hops)++;
		l->topo->redirected++;
		freeReplyObject(r);
		*reply = NULL;
		if (!ask) {
			*st = tc_redis_link_retarget(l, host, port, err);
			if (*st == TC_OK) {
				tc_redis_topology_moved(l);
			}
			return *st == TC_OK;
		}
		/* the slot is migrating and the key may be on the importing node already: ask it
		 * once; the slot's owner stays where it is until the migration ends (a MOVED) */
		*st = tc_redis_probe(l, host, port, l->password, 1, argc, argv, argvlen, reply, err);
		return 0;
	}
	if (rcl_starts(r, "TRYAGAIN")) {
		/* Keys of one command split by a migration under way: a multi-key command (a script
		 * declaring e:id, the tag sets and P:frozen) whose keys are partly moved, or partly
		 * absent (P:frozen usually is), is refused until the slot's migration is over, which
		 * is an operator's resharding, not moments. A few short waits cover a key being moved
		 * right then; after them the command fails with an error naming the slot. */
		(*hops)++;
		struct timespec pause = {0, 10000000L << *hops};
		nanosleep(&pause, NULL);
		freeReplyObject(r);
		*reply = NULL;
		return 1;
	}
	if (rcl_starts(r, "CLUSTERDOWN")) {
		tc_redis_link_drop(l); /* a failover under way: a fresh map before the next command */
		return 0;
	}
	if (rcl_starts(r, "READONLY")) {
		/* a primary demoted to replica refuses writes without running them */
		(*hops)++;
		tc_redis_link_drop(l);
		freeReplyObject(r);
		*reply = NULL;
		return 1;
	}
	return 0;
}
