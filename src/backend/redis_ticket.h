/* Write tickets of the Redis backend (tc_backend.h, TC_CAP_TICKET).
 *
 * One hash per cache, P#epochs (outside the P:* pattern that flush() unlinks, in the same
 * cluster slot as the other keys when P is a hash tag): field c the counter (a ticket is its
 * value; a missing hash reads as 0), f the epoch of the last flush(), and one field per slot
 * (epoch_slot.h) holding the epoch of the last flush of the tags / ids hashing there, so the
 * hash never holds more than TC_EPOCH_SLOTS + 2 fields however many tags are flushed.
 * flush_by_tags and flush run the bump script once before their first removal step, the
 * remove script bumps in the same step;
 * set_ticketed checks and writes in one script. Redis runs each script alone, so the bump
 * comes either before the check (the write drops) or after the write (the removal that
 * follows the bump removes it). */
#ifndef TC_REDIS_TICKET_H
#define TC_REDIS_TICKET_H

#include <stdint.h>

#include "../tc_types.h"
#include "redis_conn.h"

/* "P#epochs" (tc_free it). */
char *tc_redis_epochs_key(const char *prefix, size_t plen);

/* The epoch field of a tag ('t') or id ('i') into buf (8 bytes). */
void tc_redis_epoch_field(char *buf, char ns, tc_str name);
/* A new epoch for names (ns 't' tags, 'i' ids) or, when whole, the floor. */
tc_status tc_redis_bump(tc_redis_link *l, const char *ekey, char ns, const tc_str *names, size_t n,
	int whole, tc_err *err);
tc_status tc_redis_ticket(tc_redis_link *l, const char *ekey, uint64_t *ticket, tc_err *err);
tc_status tc_redis_check_ticket(tc_redis_link *l, const char *ekey, uint64_t ticket, tc_str id,
	const tc_str *tags, size_t ntags, tc_err *err);

/* What set_ticketed appends to set's arguments: fields, their count, the ticket. */
typedef struct {
	char (*fields)[8];
	char count[16];
	char ticket[24];
} tc_redis_ticket_args;

#define TC_REDIS_TICKET_EXTRA(ntags) (1 + (ntags) + 3)
/* Appends the ticket arguments after argv[argc - 1]; returns the new argc, or -1 when out of
 * memory. tc_redis_ticket_args_free afterwards. */
int tc_redis_ticket_append(tc_redis_ticket_args *a, const char **argv, size_t *lens, int argc,
	uint64_t ticket, tc_str id, const tc_str *tags, size_t ntags);
void tc_redis_ticket_args_free(tc_redis_ticket_args *a);
/* The message of a dropped write. */
tc_status tc_redis_stale(tc_str id, uint64_t ticket, tc_err *err);

#endif
