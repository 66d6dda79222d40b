/* MemcachedBackend's internals shared by its files: the backend and server structs, one
 * round trip helpers, counters, and the checked read every lookup goes through. */
#ifndef TC_MEMCACHED_INT_H
#define TC_MEMCACHED_INT_H

#include <libmemcached/memcached.h>
#include <sys/types.h>

#include "../tc_backend.h"
#include "memcached_codec.h"

/* Entries read per multi-get by findIdentifiersByTag and flushByTag. */
#define READ_BATCH 256
#define MCB_NONE ((tc_str){"", 0})

typedef struct {
	memcached_st *mc; /* this server alone */
	char *name;       /* "host:port" or the socket path, for messages */
	char *host;       /* host, or the socket path when port is 0 */
	unsigned port;
	unsigned connect_ms, read_ms;
	pid_t pid; /* the process that opened mc: a forked child must not talk over it */
} mc_server;

typedef struct {
	tc_backend base;
	memcached_st *ring; /* all servers, ketama: only picks the server of an entry */
	size_t *ring_map;   /* ring position -> index in srv */
	mc_server *srv;
	size_t nsrv;
	tc_str ns;
	int64_t default_lifetime;
	int compression;
} mc_backend;

typedef struct {
	char key[TC_MC_KEY_MAX + 1];
	size_t klen;
	char *val; /* NULL: not found */
	size_t vlen;
} mc_item;

/* A TC_ERR_IO naming the server and what failed; a server that could not be reached gets a
 * fresh handle, so the next operation tries it again at once. */
tc_status mcb_fail(mc_server *s, memcached_return_t rc, const char *what, tc_err *err);
void mcb_item_key(mc_backend *b, mc_item *it, char kind, tc_str name, tc_str suffix);
void mcb_items_free(mc_item *it, size_t n);
/* The server of an entry: the ketama ring's choice for its key. */
mc_server *mcb_pick(mc_backend *b, tc_str id);
/* Storage and counter commands of s go out unanswered (memcached's noreply) while on: only
 * for those whose failure costs at most an index line, or that a later read on the same
 * connection checks (memcached runs a connection's commands in order). */
void mcb_noreply(mc_server *s, int on);
/* One round trip: the items found get their values (the caller frees them with mcb_items_free). */
tc_status mcb_mget(mc_server *s, mc_item *it, size_t n, tc_err *err);
/* The same in two halves, so that several servers' reads can be in flight at once. */
tc_status mcb_mget_send(mc_server *s, mc_item *it, size_t n, const char *what, tc_err *err);
tc_status mcb_mget_fetch(mc_server *s, mc_item *it, size_t n, const char *what, tc_err *err);
tc_status mcb_get1(mc_server *s, mc_item *it, tc_err *err);
/* The values of n counters read by a multi-get (it[i].val), creating the missing ones. */
tc_status mcb_counters_ensure(mc_server *s, mc_item *it, size_t n, uint64_t *v, tc_err *err);
/* Increments the counters of kind named names on every server, in one flight; failed[i]
 * tells which servers failed; the first failure is returned, after every server was tried. */
tc_status mcb_counters_bump(mc_backend *b, char kind, const tc_str *names, size_t n, int *failed, tc_err *err);
size_t mcb_item_find(const mc_item *it, size_t n, const mc_item *key);
/* Called for each entry of a read that is live; a status other than TC_OK stops the read. */
typedef tc_status (*mc_visit)(void *ud, size_t i, const tc_mc_entry *e);
/* Reads ids (all kept on s) and calls visit for each live one carrying must_tag (if given). */
tc_status mcb_read(mc_backend *b, mc_server *s, const tc_str *ids, size_t n, tc_str must_tag,
                   mc_visit visit, void *ud, tc_err *err);
memcached_return_t mcb_add_server(memcached_st *mc, const char *host, unsigned port);
/* (Re)creates s's handle; 0 when libmemcached cannot (out of memory). */
int mcb_server_open(mc_server *s);
/* Frees s's handle; one inherited over fork is abandoned instead (see mcb_own). */
void mcb_server_close(mc_server *s);
/* Called first by every operation: after a fork, gives the child handles of its own. */
tc_status mcb_own(mc_backend *b, tc_err *err);

/* The tag index (memcached_tags.c). */
/* The entry's identifier appended to the lists of its tags' versions, unanswered. */
void mcb_index_add(mc_backend *b, mc_server *s, const tc_str *tags, const uint64_t *versions, size_t n, tc_str id);
tc_status mcb_flush_by_tags(tc_backend *base, const tc_str *tags, size_t ntags, size_t *count, tc_err *err);
tc_status mcb_find_ids_by_tag(tc_backend *base, tc_str tag, tc_id_cb cb, void *ud, tc_err *err);

#endif
