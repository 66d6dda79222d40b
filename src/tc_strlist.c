/* A growable list of short strings in one buffer. */
#include "tc_strlist.h"

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
