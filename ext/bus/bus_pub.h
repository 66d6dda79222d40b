/* Private header of the publisher (ext/bus/bus*.c): its options, the lists of clears waiting
 * (bus_pending.c), the keep directory (bus_keep.c) and how they meet at publish time. */
#ifndef TAGCACHE_BUS_PUB_H
#define TAGCACHE_BUS_PUB_H

#include "bus.h"
#include "zend_smart_str.h"
#include <sys/types.h>

/* Clears waiting: the messages in order (identical ones once, tag/location/URL clears of one
 * kind and target merged) and how many clear calls they hold. */
typedef struct {
	tc_bus_batch batch;
	HashTable index;  /* coalescing key => message index; merged args => true */
	size_t clears;
} tagcache_bus_list;

struct tagcache_bus_pub {
	zend_string *host;
	zend_long port;
	zend_long database;
	bool has_password;
	zend_long max_length;
	bool defer_request;
	bool keep;           /* onFailure "keep" */
	zend_string *keep_dir;
	char keep_prefix[40]; /* file name prefix of this server, database and stream in keep_dir */
	tagcache_bus_list pending; /* outside any transaction */
	tagcache_bus_list txn;     /* the outermost transaction, every level */
	int depth;
	pid_t pid;           /* the process the waiting clears belong to (see bus.c) */
};

/* bus_options.c */
bool tagcache_bus_parse_options(tagcache_bus_obj *b, HashTable *options);
void tagcache_bus_options_zval(tagcache_bus_obj *b, zval *out);

/* bus_pending.c */
void tagcache_bus_list_init(tagcache_bus_list *l);
void tagcache_bus_list_free(tagcache_bus_list *l);
void tagcache_bus_list_clear(tagcache_bus_list *l);
/* Adds m (counted as one clear). false with err on a limit or out of memory. */
bool tagcache_bus_list_add(tagcache_bus_list *l, const tc_bus_msg *m, tc_err *err);
/* Moves every message of from into to (counts added); from is left empty. */
bool tagcache_bus_list_move(tagcache_bus_list *to, tagcache_bus_list *from, tc_err *err);

/* bus_keep.c: kept batches of this server, database and stream. */
/* Checks the directory when it exists (owner, mode); creates it 0700 when create. */
tc_status tagcache_bus_keep_check(tagcache_bus_obj *b, bool create, tc_err *err);
/* Writes one encoded batch holding clears (tmp file, rename). */
tc_status tagcache_bus_keep_write(tagcache_bus_obj *b, const char *payload, size_t len, size_t clears, tc_err *err);
/* Kept batches, oldest first, with the lock held (fd in *lock, -1 when nothing kept). When
 * there are some but Redis does not answer a PING, none are read: TC_OK with *down set and err
 * saying why (while Redis is down each failing publish would otherwise read every kept file). */
typedef struct {
	char *path;    /* malloc'd */
	char *payload; /* malloc'd */
	size_t len;
	size_t clears;
} tagcache_bus_kept;
tc_status tagcache_bus_keep_load(tagcache_bus_obj *b, tagcache_bus_kept **kept, size_t *n, int *lock,
	bool *down, tc_err *err);
/* Deletes the files (after they were sent), frees the list, releases the lock. */
void tagcache_bus_keep_done(tagcache_bus_kept *kept, size_t n, int lock, bool sent);
/* Clears in kept files of this stream (0 when the directory is missing or unsafe). */
zend_long tagcache_bus_keep_count(tagcache_bus_obj *b);

/* bus.c: publishes the pending list (kept batches first); returns the clears sent or -1 with
 * err. With keep, a failure writes the list to the directory and returns 0 (*kept = clears). */
/* Publishes kept batches and the waiting clears. When that fails and `keep` is set, the waiting
 * clears are written to keepDirectory instead: returns 0 with *kept counted and err still
 * saying why Redis failed. -1 when they are neither published nor kept. */
zend_long tagcache_bus_publish_pending(tagcache_bus_obj *b, bool keep, size_t *kept, tc_err *err);

#endif
