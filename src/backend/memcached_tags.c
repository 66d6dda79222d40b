/* MemcachedBackend's tag index: a best-effort list of identifiers per tag version, for
 * findIdentifiersByTag and the counts flushByTag returns. It may be evicted at any time;
 * correctness never depends on it (flushByTag moves the tag's version counter). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tc_alloc.h"
#include "../tc_strlist.h"
#include "memcached_int.h"

/* Best effort, unanswered (memcached's noreply): per tag an add of an empty list, which does
 * nothing when the list exists, then the append of the identifier's line. A lost line only
 * makes the lossy list lossier; nothing waits for these, so they cost no round trip. */
void mcb_index_add(mc_backend *b, mc_server *s, const tc_str *tags, const uint64_t *versions, size_t n, tc_str id)
{
	char hex[17], line[TC_MC_KEY_MAX + 2];
	memcpy(line, id.ptr, id.len);
	line[id.len] = '\n';
	mcb_noreply(s, 1);
	for (size_t i = 0; i < n; i++) {
		snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)versions[i]);
		mc_item it;
		mcb_item_key(b, &it, TC_MC_INDEX, tags[i], (tc_str){hex, 16});
		if (memcached_add(s->mc, it.key, it.klen, "", 0, 0, 0) != MEMCACHED_SUCCESS ||
		    memcached_append(s->mc, it.key, it.klen, line, id.len + 1, 0, 0) != MEMCACHED_SUCCESS) {
			break; /* could not even send: the next operation on s reports the server */
		}
	}
	mcb_noreply(s, 0);
}

static int cmp_str(const void *a, const void *b)
{
	const tc_str *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->ptr, y->ptr, n);
	return c ? c : (x->len > y->len) - (x->len < y->len);
}

typedef struct {
	const tc_str *ids;
	const tc_str *tags;
	size_t ntags;
	tc_strlist *out;
} ids_ctx;

/* A live entry is listed when it carries one of the tags (a list may hold an identifier whose
 * entry was written again without the tag). */
static tc_status visit_id(void *ud, size_t i, const tc_mc_entry *e)
{
	ids_ctx *c = ud;
	const char *p = e->tags;
	int carries = 0;
	for (size_t t = 0; !carries && t < e->ntags; t++) {
		tc_str name;
		uint64_t v;
		tc_mc_next_tag(&p, &name, &v);
		carries = tc_str_in(c->tags, c->ntags, name);
	}
	if (!carries) {
		return TC_OK;
	}
	return tc_strlist_add(c->out, c->ids[i].ptr, c->ids[i].len) == 0 ? TC_OK : TC_ERR_NOMEM;
}

/* The live entries of s carrying any of tags, as far as the tags' lists of identifiers still
 * know them: one multi-get of the counters, one of the lists, then the entries checked in
 * multi-gets of READ_BATCH (two round trips each), whatever the number of tags. */
static tc_status tag_ids(mc_backend *b, mc_server *s, const tc_str *tags, size_t ntags, tc_strlist *out, tc_err *err)
{
	mc_item *it = tc_malloc(ntags * sizeof(*it));
	for (size_t t = 0; t < ntags; t++) {
		mcb_item_key(b, &it[t], TC_MC_TAG, tags[t], MCB_NONE);
	}
	size_t nl = 0, n = 0, cap = 16;
	tc_str *ids = tc_malloc(cap * sizeof(*ids));
	uint64_t *ver = tc_malloc(ntags * sizeof(*ver));
	int *have = tc_calloc(ntags, sizeof(*have));
	tc_status st = mcb_mget(s, it, ntags, err);
	for (size_t t = 0; st == TC_OK && t < ntags; t++) {
		have[t] = it[t].val && tc_mc_parse_counter(it[t].val, it[t].vlen, &ver[t]);
	}
	mcb_items_free(it, ntags);
	for (size_t t = 0; st == TC_OK && t < ntags; t++) {
		if (have[t]) { /* a tag without counter has no live entry on s */
			char hex[17];
			snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)ver[t]);
			mcb_item_key(b, &it[nl++], TC_MC_INDEX, tags[t], (tc_str){hex, 16});
		}
	}
	tc_free(ver);
	tc_free(have);
	if (st == TC_OK) {
		st = mcb_mget(s, it, nl, err);
	}
	for (size_t l = 0; st == TC_OK && l < nl; l++) {
		for (char *p = it[l].val, *end = p ? p + it[l].vlen : p; p && p < end;) {
			char *eol = memchr(p, '\n', (size_t)(end - p));
			if (!eol) {
				break; /* a line cut short: ignore it */
			}
			if (eol > p && eol - p <= TC_MC_KEY_MAX) {
				if (n == cap) {
					ids = tc_realloc(ids, (cap *= 2) * sizeof(*ids));
				}
				ids[n++] = (tc_str){p, (size_t)(eol - p)};
			}
			p = eol + 1;
		}
	}
	qsort(ids, n, sizeof(*ids), cmp_str);
	size_t u = 0;
	for (size_t i = 0; i < n; i++) {
		if (u == 0 || cmp_str(&ids[u - 1], &ids[i]) != 0) {
			ids[u++] = ids[i];
		}
	}
	for (size_t i = 0; st == TC_OK && i < u; i += READ_BATCH) {
		ids_ctx c = {ids + i, tags, ntags, out};
		st = mcb_read(b, s, ids + i, u - i < READ_BATCH ? u - i : READ_BATCH, MCB_NONE, visit_id, &c, err);
	}
	if (st == TC_ERR_NOMEM) {
		tc_err_set(err, st, "MemcachedBackend: out of memory listing tag \"%.*s\"", (int)tags[0].len, tags[0].ptr);
	}
	tc_free(ids);
	mcb_items_free(it, nl);
	tc_free(it);
	return st;
}

typedef struct {
	tc_str s;
	size_t at;
} listed;

static int cmp_listed(const void *a, const void *b)
{
	const listed *x = a, *y = b;
	int c = cmp_str(&x->s, &y->s);
	return c ? c : (x->at > y->at) - (x->at < y->at);
}

/* The number of distinct identifiers in l, each given to cb (when not NULL) once, in the
 * order first listed: an entry found on two servers (one that was out of the list while the
 * entry was written again elsewhere) is one entry. */
static size_t each_distinct(const tc_strlist *l, tc_id_cb cb, void *ud)
{
	if (l->count == 0) {
		return 0;
	}
	listed *a = tc_malloc(l->count * sizeof(*a));
	tc_str *order = tc_malloc(l->count * sizeof(*order));
	char *keep = tc_calloc(l->count, 1);
	size_t n = 0, pos = 0, u = 0;
	while (tc_strlist_next(l, &pos, &order[n])) {
		a[n].s = order[n];
		a[n].at = n;
		n++;
	}
	qsort(a, n, sizeof(*a), cmp_listed);
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || cmp_str(&a[i - 1].s, &a[i].s) != 0) {
			keep[a[i].at] = 1;
			u++;
		}
	}
	for (size_t i = 0; cb && i < n; i++) {
		if (keep[i] && cb(ud, order[i].ptr, order[i].len)) {
			break;
		}
	}
	tc_free(a);
	tc_free(order);
	tc_free(keep);
	return u;
}

tc_status mcb_flush_by_tags(tc_backend *base, const tc_str *tags, size_t ntags, size_t *count,
                                  tc_err *err)
{
	mc_backend *b = (mc_backend *)base;
	*count = 0;
	if (mcb_own(b, err) != TC_OK) {
		return TC_ERR_NOMEM;
	}
	tc_status first = TC_OK;
	tc_strlist *ids = tc_malloc(b->nsrv * sizeof(*ids));
	int *failed = tc_calloc(b->nsrv, sizeof(*failed));
	int *unlisted = tc_calloc(b->nsrv, sizeof(*unlisted));
	*count = 0;
	/* who carries the tags is listed before the counters move, or the lists are gone */
	for (size_t i = 0; i < b->nsrv; i++) {
		tc_strlist_init(&ids[i]);
		tc_err e;
		tc_status st = tag_ids(b, &b->srv[i], tags, ntags, &ids[i], first == TC_OK ? err : &e);
		unlisted[i] = st != TC_OK;
		first = first == TC_OK ? st : first;
	}
	/* every server's counters, also those of a server that could not list: one flight */
	tc_err e;
	tc_status bs = mcb_counters_bump(b, TC_MC_TAG, tags, ntags, failed, first == TC_OK ? err : &e);
	first = first == TC_OK ? bs : first;
	for (size_t i = 0; i < b->nsrv; i++) {
		if (!unlisted[i] && !failed[i]) {
			*count += each_distinct(&ids[i], NULL, NULL);
		}
		tc_strlist_free(&ids[i]);
	}
	tc_free(ids);
	tc_free(failed);
	tc_free(unlisted);
	return first;
}

tc_status mcb_find_ids_by_tag(tc_backend *base, tc_str tag, tc_id_cb cb, void *ud, tc_err *err)
{
	mc_backend *b = (mc_backend *)base;
	if (mcb_own(b, err) != TC_OK) {
		return TC_ERR_NOMEM;
	}
	tc_strlist ids;
	tc_strlist_init(&ids);
	tc_status st = TC_OK;
	for (size_t i = 0; st == TC_OK && i < b->nsrv; i++) {
		st = tag_ids(b, &b->srv[i], &tag, 1, &ids, err);
	}
	if (st == TC_OK) {
		each_distinct(&ids, cb, ud);
	}
	tc_strlist_free(&ids);
	return st;
}

