/* The parts of the Redis connections that only cluster and sentinel links use: moving a link
 * to another node, and the one-off connections that ask seeds, sentinels and the node an ASK
 * names, and the process's memory of the node each topology resolved to (shared by persistent
 * links). Kept apart from redis_conn.c, which the single-server path runs through. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tc_alloc.h"
#include "redis_cluster.h"
#include "redis_conn_internal.h"
#include "redis_sentinel.h"

/* The node last resolved for a topology, kept for the process so that persistent backends
 * (one new backend object per request under php-fpm) do not ask the map or the sentinels over
 * a one-off connection each time. Keyed by the topology (rr_key: kind, sorted seeds or
 * sentinels, the slot or the service) and the process generation, so a forked child never
 * trusts what its parent learnt after the fork; forgotten after an error (a failed
 * connection, READONLY, CLUSTERDOWN), replaced after a MOVED. Nodes live for the process:
 * malloc, not the tc_alloc hook. A lock of its own, taken around fork as the pool's is. */
typedef struct rr_known {
	struct rr_known *next;
	unsigned long gen;
	char *key;
	char *host;
	unsigned port;
} rr_known;

#define RR_MAX_KNOWN 256 /* topologies remembered; the oldest goes first */

static rr_known *rr_list;
static pthread_mutex_t rr_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t rr_atfork_once = PTHREAD_ONCE_INIT;
static void rr_lock_for_fork(void)
{
	pthread_mutex_lock(&rr_lock);
}
static void rr_unlock_after_fork(void)
{
	pthread_mutex_unlock(&rr_lock);
}
static void rr_register_atfork(void)
{
	pthread_atfork(rr_lock_for_fork, rr_unlock_after_fork, rr_unlock_after_fork);
}

static int rr_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "C|a:1|b:2|#slot" or "S|a:1|b:2|service": the same seeds in any order name one topology.
 * NULL when out of memory (the link then simply asks the servers). */
static char *rr_key(const tc_redis_topology *t)
{
	char **parts = calloc(t->nseeds ? t->nseeds : 1, sizeof(*parts));
	size_t len = 32 + (t->service ? strlen(t->service) : 0);
	int ok = parts != NULL;
	for (size_t i = 0; ok && i < t->nseeds; i++) {
		size_t n = strlen(t->seeds[i].host) + 8;
		ok = (parts[i] = malloc(n)) != NULL;
		if (ok) {
			snprintf(parts[i], n, "%s:%u", t->seeds[i].host, t->seeds[i].port);
			len += n + 1;
		}
	}
	char *key = ok ? malloc(len) : NULL;
	if (key) {
		qsort(parts, t->nseeds, sizeof(*parts), rr_cmp);
		size_t at = (size_t)snprintf(key, len, "%c", t->kind == TC_REDIS_CLUSTER ? 'C' : 'S');
		for (size_t i = 0; i < t->nseeds; i++) {
			at += (size_t)snprintf(key + at, len - at, "|%s", parts[i]);
		}
		if (t->kind == TC_REDIS_CLUSTER) {
			snprintf(key + at, len - at, "|#%u", t->slot);
		} else {
			snprintf(key + at, len - at, "|%s", t->service ? t->service : "");
		}
	}
	for (size_t i = 0; parts && i < t->nseeds; i++) {
		free(parts[i]);
	}
	free(parts);
	return key;
}

static void rr_known_free(rr_known *k)
{
	free(k->key);
	free(k->host);
	free(k);
}

/* Under the lock: unlinks and returns the entry of key, freeing those of other generations and
 * any beyond the bound (room is left for the one about to be added). */
static rr_known *rr_take_locked(const char *key, unsigned long gen)
{
	rr_known *found = NULL, **pp = &rr_list;
	size_t n = 0;
	while (*pp) {
		rr_known *k = *pp;
		if (!found && k->gen == gen && strcmp(k->key, key) == 0) {
			*pp = k->next;
			found = k;
			continue;
		}
		if (k->gen != gen || n + 1 >= RR_MAX_KNOWN) {
			*pp = k->next;
			rr_known_free(k);
			continue;
		}
		n++;
		pp = &k->next;
	}
	return found;
}

/* Remembers (host, port) for key, or forgets key when host is NULL. */
static void rr_store(const char *key, const char *host, unsigned port)
{
	pthread_once(&rr_atfork_once, rr_register_atfork);
	unsigned long gen = tc_rc_generation();
	rr_known *k = NULL;
	if (host) {
		k = calloc(1, sizeof(*k));
		if (k && (!(k->key = strdup(key)) || !(k->host = strdup(host)))) {
			rr_known_free(k);
			k = NULL;
		}
		if (k) {
			k->gen = gen;
			k->port = port;
		}
	}
	pthread_mutex_lock(&rr_lock);
	rr_known *old = rr_take_locked(key, gen);
	if (k) {
		k->next = rr_list;
		rr_list = k;
	}
	pthread_mutex_unlock(&rr_lock);
	if (old) {
		rr_known_free(old);
	}
}

/* The remembered node of key into host (hcap bytes); 1 when there is one. */
static int rr_lookup(const char *key, char *host, size_t hcap, unsigned *port)
{
	pthread_once(&rr_atfork_once, rr_register_atfork);
	unsigned long gen = tc_rc_generation();
	int found = 0;
	pthread_mutex_lock(&rr_lock);
	for (rr_known *k = rr_list; k; k = k->next) {
		if (k->gen == gen && strcmp(k->key, key) == 0) {
			found = strlen(k->host) < hcap;
			if (found) {
				memcpy(host, k->host, strlen(k->host) + 1);
				*port = k->port;
			}
			break;
		}
	}
	pthread_mutex_unlock(&rr_lock);
	return found;
}

/* The key of l's topology when l shares what it learns (persistent links only), else NULL. */
static const char *rr_link_key(tc_redis_link *l)
{
	if (!l->persistent || !l->topo) {
		return NULL;
	}
	if (!l->topo->shared_key) {
		l->topo->shared_key = rr_key(l->topo);
	}
	return l->topo->shared_key;
}

tc_status tc_redis_topology_resolve(tc_redis_link *l, int *asked, tc_err *err)
{
	const char *key = rr_link_key(l);
	char host[256];
	unsigned port;
	*asked = 0;
	if (key && rr_lookup(key, host, sizeof(host), &port)) {
		tc_status st = tc_redis_link_retarget(l, host, port, err);
		if (st == TC_OK) {
			l->topo->stale = 0;
			return st;
		}
	}
	*asked = 1;
	tc_status st = l->topo->kind == TC_REDIS_CLUSTER ? tc_redis_cluster_resolve(l, err)
													 : tc_redis_sentinel_resolve(l, err);
	if (st == TC_OK && key) {
		rr_store(key, l->host, l->port);
	}
	return st;
}

void tc_redis_topology_failed(tc_redis_link *l)
{
	if (!l->topo) {
		return;
	}
	l->topo->stale = 1;
	const char *key = rr_link_key(l);
	if (key) {
		rr_store(key, NULL, 0);
	}
}

void tc_redis_topology_moved(tc_redis_link *l)
{
	const char *key = rr_link_key(l);
	if (key) {
		rr_store(key, l->host, l->port);
	}
}

void tc_redis_topology_forget_all(void)
{
	pthread_mutex_lock(&rr_lock);
	rr_known *k = rr_list;
	rr_list = NULL;
	pthread_mutex_unlock(&rr_lock);
	while (k) {
		rr_known *next = k->next;
		rr_known_free(k);
		k = next;
	}
}

/* The last guard before a server-given address reaches hiredis: the parsers refuse these
 * already, and a link of a topology never goes to a unix socket. */
static tc_status rr_host_check(const char *host, tc_err *err)
{
	if (!tc_redis_host_ok(host, strlen(host))) {
		return tc_err_set(err, TC_ERR_IO,
			"Redis: node address \"%.80s\" from the server refused: a host must be a name or "
			"an IP, never a socket path",
			host);
	}
	return TC_OK;
}

tc_status tc_redis_link_retarget(tc_redis_link *l, const char *host, unsigned port, tc_err *err)
{
	tc_status bad = rr_host_check(host, err);
	if (bad != TC_OK) {
		return bad;
	}
	char *h = tc_strndup(host, strlen(host));
	if (!h) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory for a Redis address");
	}
	if (l->own) {
		redisFree(l->own);
		l->own = NULL;
	}
	tc_free(l->host);
	l->host = h;
	l->port = port;
	l->replied_ns = 0;
	snprintf(l->where, sizeof(l->where), strchr(host, ':') ? "[%s]:%u" : "%s:%u", host, port);
	return TC_OK;
}

tc_status tc_redis_probe(const tc_redis_link *l, const char *host, unsigned port,
	const char *password, int asking, int argc, const char **argv, const size_t *argvlen,
	redisReply **reply, tc_err *err)
{
	*reply = NULL;
	tc_status bad = rr_host_check(host, err);
	if (bad != TC_OK) {
		return bad;
	}
	tc_redis_link p;
	memset(&p, 0, sizeof(p));
	p.host = (char *)host;
	p.port = port;
	p.password = password && *password ? (char *)password : NULL;
	p.connect_timeout_ms = l->connect_timeout_ms;
	p.read_timeout_ms = l->read_timeout_ms;
	snprintf(p.where, sizeof(p.where), strchr(host, ':') ? "[%s]:%u" : "%s:%u", host, port);
	*reply = NULL;
	size_t lens[8];
	if (!argvlen) {
		if (argc > 8) {
			return tc_err_set(err, TC_ERR_ARG, "a probe takes at most 8 arguments without lengths");
		}
		for (int i = 0; i < argc; i++) {
			lens[i] = strlen(argv[i]);
		}
		argvlen = lens;
	}
	redisContext *c;
	tc_status st = tc_rc_connect(&p, &c, err);
	if (st != TC_OK) {
		return st;
	}
	const char *a[] = {"ASKING"};
	size_t al[] = {6};
	if ((asking && redisAppendCommandArgv(c, 1, a, al) != REDIS_OK) ||
		redisAppendCommandArgv(c, argc, argv, argvlen) != REDIS_OK) {
		st = tc_rc_ctx_error(&p, c, "write", err);
	}
	for (int i = asking ? 0 : 1; st == TC_OK && i < 2; i++) {
		redisReply *r;
		st = tc_rc_recv(&p, c, &r, err);
		if (st == TC_OK && i == 1) {
			*reply = r;
		} else if (st == TC_OK) {
			freeReplyObject(r); /* ASKING's OK */
		}
	}
	redisFree(c);
	return st;
}
