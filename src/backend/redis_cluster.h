/* Redis Cluster for the Redis backend: the key slot (CRC16 of the hash tag), node addresses,
 * the redirections MOVED and ASK, the slot map of CLUSTER SLOTS, and the resolver that points
 * a link at the primary owning its cache's slot.
 *
 * A cache keeps every key under one hash tag, so a cache is one slot on one node: the link
 * only needs that slot's primary, never the whole map. */
#ifndef TC_REDIS_CLUSTER_H
#define TC_REDIS_CLUSTER_H

#include <hiredis/hiredis.h>
#include <stddef.h>

#include "../tc_status.h"
#include "redis_conn.h"

#define TC_REDIS_SLOTS 16384u

/* CRC16 (XMODEM) as Redis Cluster uses it. */
unsigned tc_redis_crc16(const char *s, size_t len);
/* The slot of a key: of the text between the first '{' and the next '}' when not empty, else
 * of the whole key. */
unsigned tc_redis_key_slot(const char *key, size_t len);

/* "host:port" or "[v6]:port" (port 1..65535) into host (NUL-terminated, brackets removed).
 * 1 when well formed. The rule below is what messages quote. */
#define TC_REDIS_ADDR_RULE "\"host:port\" or \"[IPv6]:port\" with a port from 1 to 65535"
int tc_redis_parse_addr(const char *s, size_t len, char *host, size_t hcap, unsigned *port);
/* The host rule of tc_redis_parse_addr, which every node address a server sends (CLUSTER SLOTS,
 * MOVED, ASK, SENTINEL) passes too: 1 to 255 bytes, no leading '/' (never a unix socket), no
 * '/', brackets, spaces, control characters nor NUL. */
int tc_redis_host_ok(const char *s, size_t len);
/* A port "1".."65535", digits only (no sign, no trailing bytes). 1 when valid. */
int tc_redis_parse_port(const char *s, size_t len, unsigned *port);

/* An error reply "MOVED <slot> <host>:<port>" or "ASK ...": 1 and the parts when it is one.
 * Redis writes IPv6 hosts without brackets (the last ':' splits; brackets, when a node sends
 * them, are removed) and an empty host when the node does not know its own address: host is
 * then "". 0 as well for a host against tc_redis_host_ok. */
int tc_redis_parse_redirect(const char *s, size_t len, int *ask, unsigned *slot, char *host,
	size_t hcap, unsigned *port);

/* In a CLUSTER SLOTS reply, the primary serving slot: 1 with host (may be "" = the node that
 * answered) and port, 0 when no range holds the slot, -1 when the reply is malformed. */
int tc_redis_slots_owner(const redisReply *r, unsigned slot, char *host, size_t hcap, unsigned *port);

/* Gives l a topology of kind with list[n] parsed as addresses ("what" names them in messages). */
tc_status tc_redis_topology_new(tc_redis_link *l, int kind, const char *const *list, size_t n,
	const char *what, tc_err *err);
/* "a:1, b:2" into buf, for messages. */
void tc_redis_addrs_text(const tc_redis_addr *a, size_t n, char *buf, size_t cap);


/* Points l at the primary of its slot: asks the nodes of the last map, then the seeds. */
tc_status tc_redis_cluster_resolve(tc_redis_link *l, tc_err *err);

/* An error reply r of a cluster or sentinel link to argv: MOVED (retarget, send again), ASK
 * (ASKING and the command on the named node, once: *reply becomes that answer), TRYAGAIN
 * (send again after a short pause, a few times, then *st an error naming the migrating slot),
 * CLUSTERDOWN (find the node before the next
 * command), READONLY (a demoted primary: find the primary, send again: the write did not
 * run). 1 when the command is to be sent again (*reply freed); 0 when *reply (or *st) is the
 * answer. *hops bounds the redirections of one command. */
int tc_redis_topology_reply(tc_redis_link *l, int argc, const char **argv, const size_t *argvlen,
	redisReply **reply, unsigned *hops, tc_status *st, tc_err *err);

#endif
