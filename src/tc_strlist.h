/* A growable list of short strings in one buffer. Listing operations collect identifiers
 * here first and call the caller's callback afterwards, so no directory handle or lock is
 * held while foreign code (PHP) runs. */
#ifndef TC_STRLIST_H
#define TC_STRLIST_H

#include <stddef.h>
#include <string.h>

#include "tc_status.h"
#include "tc_types.h"

typedef struct tc_strlist {
	char *buf; /* each item: its length as size_t, its bytes, a NUL */
	size_t len;
	size_t cap;
	size_t count;
} tc_strlist;

void tc_strlist_init(tc_strlist *l);
void tc_strlist_free(tc_strlist *l);
/* Returns 0, or -1 when out of memory. */
int tc_strlist_add(tc_strlist *l, const char *s, size_t len);
/* Iteration: start with *pos = 0; returns 1 and sets *item while there are more. */
int tc_strlist_next(const tc_strlist *l, size_t *pos, tc_str *item);
/* Calls cb for each item (NUL-terminated) until it returns non-zero. */
void tc_strlist_each(const tc_strlist *l, tc_id_cb cb, void *ud);

/* 1 when s is one of the n strings of list (byte-wise), else 0. For short lists (the tags of
 * one entry are usually a handful); tc_str_unique() is the one to use on a whole tag list.
 * Inline, so a backend needs no extra object to link. */
static inline int tc_str_in(const tc_str *list, size_t n, tc_str s)
{
	for (size_t i = 0; i < n; i++) {
		if (list[i].len == s.len && (s.len == 0 || memcmp(list[i].ptr, s.ptr, s.len) == 0)) {
			return 1;
		}
	}
	return 0;
}

/* Drops repeated strings from list[0..n) in place, keeping each first occurrence in order;
 * returns how many are left. Linear: a caller's tag list can hold tens of thousands of tags,
 * and a scan per tag made refusing 70,000 of them take seconds. Never fails: without memory for
 * its hash table it falls back to the scan. */
size_t tc_str_unique(tc_str *list, size_t n);

#endif
