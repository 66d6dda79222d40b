/* Redis Sentinel for the Redis backend (see redis_sentinel.h): the sentinels are asked in the
 * order given, each over a short connection of its own, as a lookup happens only on the first
 * connection and after a failure. */
#include "redis_sentinel.h"

#include <stdio.h>
#include <string.h>

#include "../tc_alloc.h"
#include "redis_cluster.h"

tc_status tc_redis_sentinel_attach(tc_redis_link *l, const char *const *sentinels, size_t n,
	const char *service, const char *password, tc_err *err)
{
	if (!service || !*service) {
		return tc_err_set(err, TC_ERR_ARG,
			"Redis sentinels need a service: the master name the sentinels monitor");
	}
	tc_status st = tc_redis_topology_new(l, TC_REDIS_SENTINEL, sentinels, n, "sentinel", err);
	if (st != TC_OK) {
		return st;
	}
	tc_redis_topology *t = l->topo;
	t->service = tc_strndup(service, strlen(service));
	t->tag = tc_strndup(service, strlen(service));
	if (password && *password) {
		t->sentinel_password = tc_strndup(password, strlen(password));
	}
	if (!t->service || !t->tag || (password && *password && !t->sentinel_password)) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory creating a Redis backend");
	}
	return TC_OK;
}

tc_status tc_redis_sentinel_resolve(tc_redis_link *l, tc_err *err)
{
	tc_redis_topology *t = l->topo;
	char last[sizeof(((tc_err *)0)->msg)] = "";
	t->resolved++;
	for (size_t i = 0; i < t->nseeds; i++) {
		const char *argv[] = {"SENTINEL", "get-master-addr-by-name", t->service};
		redisReply *r = NULL;
		tc_err e;
		tc_err_clear(&e);
		if (tc_redis_probe(l, t->seeds[i].host, t->seeds[i].port, t->sentinel_password, 0, 3, argv,
				NULL, &r, &e) != TC_OK) {
			snprintf(last, sizeof(last), "%s", e.msg);
			continue;
		}
		char host[256];
		unsigned port = 0;
		/* the sentinel may name any address: it passes the rule of the options (never a
		 * socket path, no NUL cutting the host short) and the port is digits only */
		int ok = r->type == REDIS_REPLY_ARRAY && r->elements == 2 &&
				 r->element[0]->type == REDIS_REPLY_STRING &&
				 r->element[1]->type == REDIS_REPLY_STRING && r->element[0]->len < sizeof(host) &&
				 tc_redis_host_ok(r->element[0]->str, r->element[0]->len) &&
				 tc_redis_parse_port(r->element[1]->str, r->element[1]->len, &port);
		if (!ok) {
			if (r->type == REDIS_REPLY_NIL) {
				snprintf(last, sizeof(last), "%s:%u does not know service \"%s\"",
					t->seeds[i].host, t->seeds[i].port, t->service);
			} else if (r->type == REDIS_REPLY_ERROR) {
				snprintf(last, sizeof(last), "%s:%u answered %.*s", t->seeds[i].host,
					t->seeds[i].port, (int)r->len, r->str);
			} else {
				snprintf(last, sizeof(last), "%s:%u answered no valid \"host\", \"port\" pair",
					t->seeds[i].host, t->seeds[i].port);
			}
			freeReplyObject(r);
			continue;
		}
		memcpy(host, r->element[0]->str, r->element[0]->len);
		host[r->element[0]->len] = '\0';
		freeReplyObject(r);
		tc_status st = tc_redis_link_retarget(l, host, port, err);
		if (st == TC_OK) {
			t->stale = 0;
		}
		return st;
	}
	char list[512];
	tc_redis_addrs_text(t->seeds, t->nseeds, list, sizeof(list));
	return tc_err_set(err, TC_ERR_IO,
		"Redis Sentinel: no sentinel named the primary of service \"%s\" (sentinels tried: %s; "
		"last: %s)",
		t->service, list, last);
}
