/* MemcachedBackend: talking to one server (handles, errors, multi-gets, counters) and the
 * checked read: an entry is live only when its generation and every tag version it stored
 * still match the server's counters. */
/* getaddrinfo, struct addrinfo (POSIX; -std=c11 hides them otherwise) */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <netdb.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "../tc_alloc.h"
#include "../tc_strlist.h"
#include "memcached_int.h"

/* libmemcached's last error text, without the object address and source position it adds. */
static void last_error(mc_server *s, char *out, size_t size)
{
	const char *why = memcached_last_error_message(s->mc);
	why = why ? why : "";
	if (why[0] == '(' && strstr(why, ") ")) {
		why = strstr(why, ") ") + 2;
	}
	size_t n = strlen(why);
	const char *cut = strstr(why, ",  host:");
	if (!cut) {
		cut = strstr(why, " -> ");
	}
	n = cut ? (size_t)(cut - why) : n;
	snprintf(out, size, "%.*s", (int)n, why);
}

static int unreachable(memcached_return_t rc)
{
	return rc == MEMCACHED_CONNECTION_FAILURE || rc == MEMCACHED_SERVER_MARKED_DEAD ||
	       rc == MEMCACHED_SERVER_TEMPORARILY_DISABLED || rc == MEMCACHED_TIMEOUT ||
	       rc == MEMCACHED_HOST_LOOKUP_FAILURE || rc == MEMCACHED_ERRNO || rc == MEMCACHED_READ_FAILURE ||
	       rc == MEMCACHED_WRITE_FAILURE || rc == MEMCACHED_UNKNOWN_READ_FAILURE ||
	       rc == MEMCACHED_CONNECTION_SOCKET_CREATE_FAILURE;
}

static int connect_failure(memcached_return_t rc)
{
	return rc == MEMCACHED_CONNECTION_FAILURE || rc == MEMCACHED_SERVER_MARKED_DEAD ||
	       rc == MEMCACHED_SERVER_TEMPORARILY_DISABLED || rc == MEMCACHED_HOST_LOOKUP_FAILURE ||
	       rc == MEMCACHED_ERRNO || rc == MEMCACHED_CONNECTION_SOCKET_CREATE_FAILURE;
}

static int try_connect(int fd, const struct sockaddr *sa, socklen_t len, unsigned ms)
{
	struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)); /* bounds connect() too */
	int ok = connect(fd, sa, len) == 0;
	int e = errno;
	close(fd);
	errno = e;
	return ok;
}

/* Why s cannot be reached, in the system's words: libmemcached reports a server that failed
 * once as "disabled until timed retry" and keeps the cause (refused, no such name, no socket)
 * to itself, so one plain connect tells it. Empty when the connect works. */
static void probe(const mc_server *s, char *out, size_t size)
{
	out[0] = 0;
	if (s->port == 0) {
		struct sockaddr_un un = {.sun_family = AF_UNIX};
		snprintf(un.sun_path, sizeof(un.sun_path), "%s", s->host);
		int fd = socket(AF_UNIX, SOCK_STREAM, 0);
		if (fd >= 0 && !try_connect(fd, (struct sockaddr *)&un, sizeof(un), s->connect_ms)) {
			snprintf(out, size, "%s", strerror(errno));
		}
		return;
	}
	char port[12];
	snprintf(port, sizeof(port), "%u", s->port);
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *ai = NULL;
	int gai = getaddrinfo(s->host, port, &hints, &ai);
	if (gai != 0) {
		snprintf(out, size, "name lookup of \"%s\" failed: %s", s->host, gai_strerror(gai));
		return;
	}
	int e = 0;
	for (struct addrinfo *p = ai; p; p = p->ai_next) {
		int fd = socket(p->ai_family, p->ai_socktype, p->ai_protocol);
		if (fd < 0) {
			e = errno;
		} else if (try_connect(fd, p->ai_addr, p->ai_addrlen, s->connect_ms)) {
			e = 0;
			break;
		} else {
			e = errno;
		}
	}
	freeaddrinfo(ai);
	if (e) {
		snprintf(out, size, "%s", e == EINPROGRESS || e == EAGAIN ? "connect timed out" : strerror(e));
	}
}

tc_status mcb_fail(mc_server *s, memcached_return_t rc, const char *what, tc_err *err)
{
	/* the last error message says more (the server's own words, errno) when it is about this failure */
	const char *code = memcached_strerror(s->mc, rc);
	char why[256];
	last_error(s, why, sizeof(why));
	int more = why[0] && strcmp(why, code) != 0 && strcmp(why, "SUCCESS") != 0;
	if (connect_failure(rc)) {
		char cause[200];
		probe(s, cause, sizeof(cause));
		if (cause[0]) {
			/* the cause replaces libmemcached's repetitions of the code */
			snprintf(why, sizeof(why), "%s", cause);
			more = 1;
			code = "cannot connect";
		}
	}
	tc_err_set(err, TC_ERR_IO, "MemcachedBackend: %s on memcached server %s failed: %s%s%s%s", what,
	           s->name, code, more ? ": " : "", more ? why : "",
	           unreachable(rc) ? " (is memcached running there and reachable?)" : "");
	if (unreachable(rc)) {
		/* a fresh handle: libmemcached would keep the server disabled for a while, and a
		 * restarted server (empty: only misses) is safe to use at once */
		mc_server fresh = *s;
		if (mcb_server_open(&fresh)) {
			mcb_server_close(s);
			s->mc = fresh.mc;
			s->pid = fresh.pid;
		} else if (fresh.mc) {
			memcached_free(fresh.mc);
		}
	}
	return TC_ERR_IO;
}

void mcb_item_key(mc_backend *b, mc_item *it, char kind, tc_str name, tc_str suffix)
{
	it->klen = tc_mc_key(it->key, b->ns, kind, name, suffix);
	it->val = NULL;
	it->vlen = 0;
}

void mcb_items_free(mc_item *it, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		tc_free(it[i].val);
		it[i].val = NULL;
	}
}

mc_server *mcb_pick(mc_backend *b, tc_str id)
{
	if (b->nsrv == 1) {
		return &b->srv[0];
	}
	char key[TC_MC_KEY_MAX + 1];
	size_t n = tc_mc_key(key, b->ns, TC_MC_ENTRY, id, MCB_NONE);
	uint32_t pos = memcached_generate_hash(b->ring, key, n);
	return &b->srv[pos < b->nsrv ? b->ring_map[pos] : 0];
}

void mcb_noreply(mc_server *s, int on)
{
	memcached_behavior_set(s->mc, MEMCACHED_BEHAVIOR_NOREPLY, on ? 1 : 0);
}

/* Sends a multi-get without waiting for its answer (mcb_mget_fetch reads it). */
tc_status mcb_mget_send(mc_server *s, mc_item *it, size_t n, const char *what, tc_err *err)
{
	const char **keys = tc_malloc(n * sizeof(*keys));
	size_t *lens = tc_malloc(n * sizeof(*lens));
	for (size_t i = 0; i < n; i++) {
		keys[i] = it[i].key;
		lens[i] = it[i].klen;
		it[i].val = NULL;
	}
	memcached_return_t rc = memcached_mget(s->mc, keys, lens, n);
	tc_free(keys);
	tc_free(lens);
	return rc == MEMCACHED_SUCCESS ? TC_OK : mcb_fail(s, rc, what, err);
}

/* Reads the answer to mcb_mget_send: the items found get their values. */
tc_status mcb_mget_fetch(mc_server *s, mc_item *it, size_t n, const char *what, tc_err *err)
{
	memcached_return_t rc;
	memcached_result_st *r;
	size_t hint = 0;
	while ((r = memcached_fetch_result(s->mc, NULL, &rc)) != NULL) {
		const char *k = memcached_result_key_value(r);
		size_t kl = memcached_result_key_length(r);
		/* results mostly come back in request order: start looking after the last match */
		for (size_t j = 0; j < n; j++) {
			mc_item *t = &it[(hint + j) % n];
			if (!t->val && t->klen == kl && memcmp(t->key, k, kl) == 0) {
				t->vlen = memcached_result_length(r);
				t->val = tc_malloc(t->vlen + 1);
				memcpy(t->val, memcached_result_value(r), t->vlen);
				t->val[t->vlen] = 0;
				hint = (hint + j + 1) % n;
				break;
			}
		}
		memcached_result_free(r);
	}
	if (rc != MEMCACHED_END && rc != MEMCACHED_SUCCESS && rc != MEMCACHED_NOTFOUND) {
		mcb_items_free(it, n);
		return mcb_fail(s, rc, what, err);
	}
	return TC_OK;
}

/* One round trip: the items found get their values (the caller frees them with mcb_items_free). */
tc_status mcb_mget(mc_server *s, mc_item *it, size_t n, tc_err *err)
{
	if (n == 0) {
		return TC_OK;
	}
	tc_status st = mcb_mget_send(s, it, n, "reading", err);
	return st != TC_OK ? st : mcb_mget_fetch(s, it, n, "reading", err);
}

tc_status mcb_get1(mc_server *s, mc_item *it, tc_err *err)
{
	return mcb_mget(s, it, 1, err);
}

/* The counters' values (it[] as read by a multi-get), creating the missing ones with fresh
 * values: one more round trip when any is missing, none otherwise. */
tc_status mcb_counters_ensure(mc_server *s, mc_item *it, size_t n, uint64_t *v, tc_err *err)
{
	size_t *miss = tc_malloc((n + 1) * sizeof(*miss));
	mc_item *re = tc_malloc((n + 1) * sizeof(*re));
	tc_status st = TC_OK;
	for (int attempt = 0;; attempt++) {
		size_t m = 0;
		for (size_t i = 0; i < n; i++) {
			if (!it[i].val || !tc_mc_parse_counter(it[i].val, it[i].vlen, &v[i])) {
				miss[m++] = i;
			}
		}
		if (m == 0) {
			break;
		}
		if (attempt == 3 && it[miss[0]].val) {
			st = tc_err_set(err, TC_ERR_IO, "MemcachedBackend: version counter %s on memcached server %s holds "
			                "no number (\"%.*s\") even after being overwritten three times: something else "
			                "writes to this cache's keys (use another applicationIdentifier)", it[miss[0]].key,
			                s->name, (int)(it[miss[0]].vlen < 40 ? it[miss[0]].vlen : 40), it[miss[0]].val);
			break;
		}
		if (attempt == 3) {
			st = tc_err_set(err, TC_ERR_IO, "MemcachedBackend: version counter %s on memcached server %s "
			                "was evicted as fast as it was created (memory far too small?)", it[miss[0]].key, s->name);
			break;
		}
		/* one flight: an add of a fresh value to each missing counter, unanswered, then a read of
		 * them. memcached runs a connection's commands in order, so the read returns the value
		 * each counter really has: ours, or a concurrent creator's when its add came first (an
		 * add never overwrites). A counter still missing (evicted at once, or the server had no
		 * memory for it) gets another attempt. */
		mcb_noreply(s, 1);
		memcached_return_t rc = MEMCACHED_SUCCESS;
		for (size_t j = 0; j < m && rc == MEMCACHED_SUCCESS; j++) {
			mc_item *c = &it[miss[j]];
			char num[24];
			int len = snprintf(num, sizeof(num), "%llu", (unsigned long long)tc_mc_fresh_counter());
			/* a counter that is there but no number (written by something else) would stop an add
			 * for good: it is overwritten. Safe: no entry can carry the fresh value, and every
			 * entry checked against the unreadable one was a miss already */
			rc = c->val ? memcached_set(s->mc, c->key, c->klen, num, (size_t)len, 0, 0)
			            : memcached_add(s->mc, c->key, c->klen, num, (size_t)len, 0, 0);
			tc_free(c->val);
			c->val = NULL;
			re[j] = *c;
		}
		mcb_noreply(s, 0);
		if (rc != MEMCACHED_SUCCESS) {
			st = mcb_fail(s, rc, "creating a version counter", err);
			break;
		}
		if ((st = mcb_mget(s, re, m, err)) != TC_OK) {
			break;
		}
		for (size_t j = 0; j < m; j++) {
			it[miss[j]].val = re[j].val;
			it[miss[j]].vlen = re[j].vlen;
		}
	}
	tc_free(miss);
	tc_free(re);
	return st;
}

/* Increments counters on every server in one flight. Per server the increments go out
 * unanswered (noreply) but the last, whose answer proves the others were done too (memcached
 * runs a connection's commands in order); with several servers, where libmemcached would wait
 * for each answer in turn, all of them go out unanswered, followed by a read of the same
 * counters, sent to every server before any answer is awaited. An increment cannot fail but for
 * a missing counter, which needs none (missing already reads as changed). */
tc_status mcb_counters_bump(mc_backend *b, char kind, const tc_str *names, size_t n, int *failed, tc_err *err)
{
	if (n == 0) {
		return TC_OK;
	}
	const char *what = kind == TC_MC_GEN ? "flushing the cache" : "flushing a tag";
	int one = b->nsrv == 1;
	mc_item *it = tc_malloc(b->nsrv * n * sizeof(*it));
	tc_status first = TC_OK;
	tc_err scratch;
	for (size_t i = 0; i < b->nsrv; i++) {
		mc_server *s = &b->srv[i];
		mc_item *si = it + i * n;
		memcached_return_t rc = MEMCACHED_SUCCESS;
		for (size_t t = 0; t < n; t++) {
			mcb_item_key(b, &si[t], kind, names[t], MCB_NONE);
			if (rc == MEMCACHED_SUCCESS || rc == MEMCACHED_NOTFOUND || rc == MEMCACHED_CLIENT_ERROR) {
				uint64_t v;
				mcb_noreply(s, !one || t + 1 < n);
				rc = memcached_increment(s->mc, si[t].key, si[t].klen, 1, &v);
			}
		}
		mcb_noreply(s, 0);
		tc_err *e = first == TC_OK ? err : &scratch;
		/* CLIENT_ERROR: the counter is no number (written by something else); every entry reads
		 * it as changed already, like a missing one, and the next write replaces it */
		tc_status st = rc != MEMCACHED_SUCCESS && rc != MEMCACHED_NOTFOUND && rc != MEMCACHED_CLIENT_ERROR
		               ? mcb_fail(s, rc, what, e)
		               : one ? TC_OK : mcb_mget_send(s, si, n, what, e);
		failed[i] = st != TC_OK;
		first = first == TC_OK ? st : first;
	}
	for (size_t i = 0; !one && i < b->nsrv; i++) {
		if (!failed[i]) {
			tc_status st = mcb_mget_fetch(&b->srv[i], it + i * n, n, what, first == TC_OK ? err : &scratch);
			failed[i] = st != TC_OK;
			first = first == TC_OK ? st : first;
			mcb_items_free(it + i * n, n);
		}
	}
	tc_free(it);
	return first;
}

memcached_return_t mcb_add_server(memcached_st *mc, const char *host, unsigned port)
{
	return port ? memcached_server_add(mc, host, (in_port_t)port) : memcached_server_add_unix_socket(mc, host);
}

/* (Re)creates s's handle; 0 when libmemcached cannot (out of memory). */
int mcb_server_open(mc_server *s)
{
	s->mc = memcached_create(NULL);
	s->pid = getpid();
	if (!s->mc || mcb_add_server(s->mc, s->host, s->port) != MEMCACHED_SUCCESS) {
		return 0;
	}
	memcached_behavior_set(s->mc, MEMCACHED_BEHAVIOR_TCP_NODELAY, 1);
	memcached_behavior_set(s->mc, MEMCACHED_BEHAVIOR_CONNECT_TIMEOUT, s->connect_ms);
	memcached_behavior_set(s->mc, MEMCACHED_BEHAVIOR_POLL_TIMEOUT, s->read_ms);
	memcached_behavior_set(s->mc, MEMCACHED_BEHAVIOR_RCV_TIMEOUT, (uint64_t)s->read_ms * 1000);
	memcached_behavior_set(s->mc, MEMCACHED_BEHAVIOR_SND_TIMEOUT, (uint64_t)s->read_ms * 1000);
	return 1;
}

/* Handles inherited over fork, kept for good. memcached_free would send "quit" over the
 * socket the parent still uses (its next operation then fails) and libmemcached gives no way
 * to reach the descriptor to close only our copy; the process's exit closes it without a word.
 * Kept reachable from here so that they count as held, not lost. */
typedef struct abandoned {
	struct abandoned *next;
	memcached_st *mc;
} abandoned;
static abandoned *abandoned_list;
static pthread_mutex_t abandoned_lock = PTHREAD_MUTEX_INITIALIZER;

void mcb_server_close(mc_server *s)
{
	if (!s->mc) {
		return;
	}
	if (s->pid == getpid()) {
		memcached_free(s->mc);
	} else {
		abandoned *a = malloc(sizeof(*a));
		if (a) { /* else lost for good, which is as harmless */
			a->mc = s->mc;
			pthread_mutex_lock(&abandoned_lock);
			a->next = abandoned_list;
			abandoned_list = a;
			pthread_mutex_unlock(&abandoned_lock);
		}
	}
	s->mc = NULL;
}

tc_status mcb_own(mc_backend *b, tc_err *err)
{
	pid_t pid = getpid();
	for (size_t i = 0; i < b->nsrv; i++) {
		mc_server *s = &b->srv[i];
		if (s->pid != pid || !s->mc) {
			mcb_server_close(s);
			if (!mcb_server_open(s)) {
				mcb_server_close(s);
				return tc_err_set(err, TC_ERR_NOMEM, "MemcachedBackend: out of memory opening memcached server %s",
				                  s->name);
			}
		}
	}
	return TC_OK;
}



size_t mcb_item_find(const mc_item *it, size_t n, const mc_item *key)
{
	for (size_t i = 0; i < n; i++) {
		if (it[i].klen == key->klen && memcmp(it[i].key, key->key, key->klen) == 0) {
			return i;
		}
	}
	return n;
}

/* Reads ids (all kept on s) and calls visit for each live one carrying must_tag (if given):
 * one multi-get for the entries and the generation, one for the tag counters they need. */
tc_status mcb_read(mc_backend *b, mc_server *s, const tc_str *ids, size_t n, tc_str must_tag,
                         mc_visit visit, void *ud, tc_err *err)
{
	mc_item *it = tc_malloc((n + 1) * sizeof(*it));
	for (size_t i = 0; i < n; i++) {
		mcb_item_key(b, &it[i], TC_MC_ENTRY, ids[i], MCB_NONE);
	}
	mcb_item_key(b, &it[n], TC_MC_GEN, MCB_NONE, MCB_NONE);
	tc_mc_entry *e = tc_malloc(n * sizeof(*e) + 1);
	mc_item *tk = NULL;
	size_t ntk = 0, captk = 0;
	uint64_t gen;
	tc_status st = mcb_mget(s, it, n + 1, err);
	if (st != TC_OK || !it[n].val || !tc_mc_parse_counter(it[n].val, it[n].vlen, &gen)) {
		goto done; /* no generation: nothing of this cache on s is live */
	}
	for (size_t i = 0; i < n; i++) {
		if (!it[i].val) {
			continue;
		}
		tc_err derr;
		int live = tc_mc_decode(it[i].val, it[i].vlen, &e[i], &derr) == TC_OK;
		if (!live) {
			tc_backend_report_corrupt(&b->base, ids[i], derr.msg);
		}
		/* another identifier under a hashed key, an older generation, a missing tag */
		live = live && e[i].id.len == ids[i].len && memcmp(e[i].id.ptr, ids[i].ptr, ids[i].len) == 0 &&
		       e[i].generation == gen;
		const char *p = live ? e[i].tags : NULL;
		int has_tag = must_tag.len == 0;
		for (size_t t = 0; live && t < e[i].ntags; t++) {
			tc_str name;
			uint64_t v;
			tc_mc_next_tag(&p, &name, &v);
			has_tag |= name.len == must_tag.len && memcmp(name.ptr, must_tag.ptr, name.len) == 0;
			if (ntk == captk) {
				captk = captk ? 2 * captk : 8;
				tk = tc_realloc(tk, captk * sizeof(*tk));
			}
			mcb_item_key(b, &tk[ntk], TC_MC_TAG, name, MCB_NONE);
			if (mcb_item_find(tk, ntk, &tk[ntk]) == ntk) {
				ntk++;
			}
		}
		if (!live || !has_tag) {
			tc_free(it[i].val);
			it[i].val = NULL;
		}
	}
	st = mcb_mget(s, tk, ntk, err);
	for (size_t i = 0; st == TC_OK && i < n; i++) {
		if (!it[i].val) {
			continue;
		}
		const char *p = e[i].tags;
		int live = 1;
		for (size_t t = 0; live && t < e[i].ntags; t++) {
			tc_str name;
			uint64_t v, cur;
			tc_mc_next_tag(&p, &name, &v);
			mc_item key;
			mcb_item_key(b, &key, TC_MC_TAG, name, MCB_NONE);
			size_t k = mcb_item_find(tk, ntk, &key);
			live = k < ntk && tk[k].val && tc_mc_parse_counter(tk[k].val, tk[k].vlen, &cur) && cur == v;
		}
		if (live) {
			st = visit(ud, i, &e[i]);
		}
	}
done:
	mcb_items_free(it, n + 1);
	mcb_items_free(tk, ntk);
	tc_free(it);
	tc_free(tk);
	tc_free(e);
	return st;
}

