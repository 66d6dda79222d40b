/* A growable list of short strings in one buffer. */
#include "tc_strlist.h"

#include <stdint.h>
#include <string.h>

#include "tc_alloc.h"

void tc_strlist_init(tc_strlist *l)
{
	memset(l, 0, sizeof(*l));
}

void tc_strlist_free(tc_strlist *l)
{
	tc_free(l->buf);
	memset(l, 0, sizeof(*l));
}

int tc_strlist_add(tc_strlist *l, const char *s, size_t len)
{
	size_t need = l->len + sizeof(size_t) + len + 1;
	if (need > l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 1024;
		while (cap < need) {
			cap *= 2;
		}
		char *p = tc_realloc(l->buf, cap);
		if (!p) {
			return -1;
		}
		l->buf = p;
		l->cap = cap;
	}
	memcpy(l->buf + l->len, &len, sizeof(size_t));
	memcpy(l->buf + l->len + sizeof(size_t), s, len);
	l->buf[need - 1] = '\0';
	l->len = need;
	l->count++;
	return 0;
}

int tc_strlist_next(const tc_strlist *l, size_t *pos, tc_str *item)
{
	if (*pos >= l->len) {
		return 0;
	}
	size_t len;
	memcpy(&len, l->buf + *pos, sizeof(size_t));
	item->ptr = l->buf + *pos + sizeof(size_t);
	item->len = len;
	*pos += sizeof(size_t) + len + 1;
	return 1;
}

void tc_strlist_each(const tc_strlist *l, tc_id_cb cb, void *ud)
{
	size_t pos = 0;
	tc_str item;
	while (tc_strlist_next(l, &pos, &item)) {
		if (cb(ud, item.ptr, item.len)) {
			break;
		}
	}
}

/* FNV-1a: the strings are tags, short and not chosen to collide with each other by anyone but
 * the caller itself, whose only loss would be its own speed. */
static size_t str_hash(tc_str s)
{
	uint64_t h = 14695981039346656037ULL;
	for (size_t i = 0; i < s.len; i++) {
		h = (h ^ (unsigned char)s.ptr[i]) * 1099511628211ULL;
	}
	return (size_t)(h ^ (h >> 32));
}

size_t tc_str_unique(tc_str *list, size_t n)
{
	size_t k = 0;
	size_t size = 16;
	while (size < 2 * n) {
		size *= 2;
	}
	/* slot: 0 when empty, else 1 + the kept position of the string hashed there */
	size_t *slots = n > 16 ? tc_calloc(size, sizeof(*slots)) : NULL;
	for (size_t i = 0; i < n; i++) {
		int seen;
		if (slots) {
			size_t at = str_hash(list[i]) & (size - 1);
			seen = 0;
			while (slots[at]) {
				tc_str o = list[slots[at] - 1];
				if (o.len == list[i].len && (o.len == 0 || memcmp(o.ptr, list[i].ptr, o.len) == 0)) {
					seen = 1;
					break;
				}
				at = (at + 1) & (size - 1);
			}
			if (!seen) {
				slots[at] = k + 1;
			}
		} else {
			seen = tc_str_in(list, k, list[i]);
		}
		if (!seen) {
			list[k++] = list[i];
		}
	}
	tc_free(slots);
	return k;
}
