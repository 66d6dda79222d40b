/* MultiBackend core: a chain of child backends tried in order (multi.h).
 *
 * Health per child: failed_until (no call before that time), failures (consecutive, for the
 * exponential back-off) and dirty. A child that did not take a set has the id removed from it
 * at once (disown), since the mark below dies with the chain object while other processes may
 * read the child's store. A child is dirty when it missed a mutation it could not make up for: a
 * set it could neither take nor remove, a remove or flush that failed on it or skipped it in
 * back-off. What a dirty child holds may be older than what the chain holds, so it answers
 * nothing and takes nothing until a flush of it succeeds; that flush is tried before the child
 * is used again. This is what keeps a failover from serving stale data. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../tc_alloc.h"
#include "../tc_strlist.h"
#include "multi.h"

typedef struct {
	tc_backend *core;
	const char *name;
	void (*release)(void *owner);
	void *owner;
	int64_t failed_until; /* ms on the chain's clock; 0 = never failed */
	unsigned failures;
	int dirty;
	tc_err last;          /* the error that started the current back-off */
} mchild;

typedef struct {
	tc_backend base;
	tc_backend_ops ops; /* per chain: the capabilities depend on the children */
	tc_multi_options o;
	size_t n;
	mchild *c;
} multi;

/* What an operation collected about the children it could not use, for the final error. */
typedef struct {
	char msg[sizeof(((tc_err *)0)->msg)];
	size_t len;
	size_t failed;
} mreport;

static int64_t mono_ms(void *ud)
{
	(void)ud;
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t now(multi *m)
{
	return m->o.now_ms(m->o.clock_ud);
}

static void report_add(mreport *r, size_t pos, const char *name, const char *what)
{
	r->failed++;
	if (r->len + 1 < sizeof(r->msg)) {
		int w = snprintf(r->msg + r->len, sizeof(r->msg) - r->len, "%s#%zu %s: %s", r->len ? "; " : "",
		                 pos, name, what);
		if (w > 0) {
			r->len += (size_t)w < sizeof(r->msg) - r->len ? (size_t)w : sizeof(r->msg) - r->len - 1;
		}
	}
}

/* The chain's error naming every child in r. */
static tc_status report_fail(multi *m, const mreport *r, const char *op, tc_err *err)
{
	return tc_err_set(err, TC_ERR_IO, "%s failed in %zu of %zu backends: %s", op, r->failed, m->n, r->msg);
}

/* Child i failed op with e: back-off (unless debug or no_backoff), warn. */
static void child_failed(multi *m, size_t i, const char *op, const tc_err *e, int mutation)
{
	mchild *c = &m->c[i];
	if (mutation) {
		c->dirty = 1;
	}
	if (m->o.debug) {
		return;
	}
	c->failures++;
	c->last = *e;
	int64_t delay = 0;
	if (!m->o.no_backoff) {
		unsigned shift = c->failures - 1 < 6 ? c->failures - 1 : 6;
		delay = m->o.retry_ms << shift;
		c->failed_until = now(m) + delay;
	}
	if (m->o.warn) {
		m->o.warn(m->o.warn_ud, i + 1, c->name, op, e, delay);
	}
}

static void child_ok(multi *m, size_t i)
{
	m->c[i].failures = 0;
	m->c[i].failed_until = 0;
}

/* Not in back-off. When it is, the reason goes to r (if given). */
static int reachable(multi *m, size_t i, mreport *r)
{
	mchild *c = &m->c[i];
	if (c->failed_until == 0 || now(m) >= c->failed_until) {
		return 1;
	}
	if (r) {
		char what[sizeof(c->last.msg) + 64];
		snprintf(what, sizeof(what), "skipped for another %lld ms after: %s",
		         (long long)(c->failed_until - now(m)), c->last.msg);
		report_add(r, i + 1, c->name, what);
	}
	return 0;
}

/* Reachable and clean: a dirty child is flushed first. 0 with the reason in r, or -1 with err
 * set when debug wants the error returned. */
static int usable(multi *m, size_t i, mreport *r, tc_err *err)
{
	if (!reachable(m, i, r)) {
		return 0;
	}
	mchild *c = &m->c[i];
	if (!c->dirty) {
		return 1;
	}
	tc_err e;
	tc_err_clear(&e);
	if (c->core->ops->flush(c->core, &e) != TC_OK) {
		child_failed(m, i, "flush (before serving again)", &e, 1);
		if (m->o.debug) {
			*err = e;
			return -1;
		}
		if (r) {
			report_add(r, i + 1, c->name, e.msg);
		}
		return 0;
	}
	c->dirty = 0;
	child_ok(m, i);
	return 1;
}

/* ---- reads: the first child that answers ------------------------------------------------ */

typedef enum { R_GET, R_HAS, R_FIND, R_LIST } rop;

typedef struct {
	rop op;
	tc_str id;
	const tc_sink *sink;
	tc_strlist *ids;
	int nomem;     /* collecting an identifier ran out of memory */
	int sink_used; /* a child allocated through the caller's sink */
} rargs;

static int collect(void *ud, const char *id, size_t len)
{
	rargs *a = ud;
	if (tc_strlist_add(a->ids, id, len)) {
		a->nomem = 1;
		return 1;
	}
	return 0;
}

/* The caller's sink, seen through a wrapper that records whether a child used it: a child that
 * fails after allocating leaves the caller holding that allocation, and a second child
 * allocating again would leak it, so such a read ends with the child's error. */
typedef struct {
	const tc_sink *inner;
	rargs *a;
} wsink;

static char *w_alloc(void *ud, size_t len)
{
	wsink *w = ud;
	w->a->sink_used = 1;
	return w->inner->alloc(w->inner->ud, len);
}

static char *w_alloc_seen(void *ud, size_t len, const char *head, size_t head_len)
{
	wsink *w = ud;
	w->a->sink_used = 1;
	return w->inner->alloc_seen(w->inner->ud, len, head, head_len);
}

static tc_status call_read(tc_backend *b, rargs *a, tc_err *err)
{
	switch (a->op) {
	case R_GET: {
		wsink w = {a->sink, a};
		tc_sink s = {w_alloc, &w, a->sink->alloc_seen ? w_alloc_seen : NULL};
		return b->ops->get(b, a->id, &s, err);
	}
	case R_HAS:
		return b->ops->has(b, a->id, err);
	case R_FIND:
		return b->ops->find_ids_by_tag(b, a->id, collect, a, err);
	case R_LIST:
		return b->ops->list_ids(b, collect, a, err);
	}
	return TC_ERR_ARG;
}

static const char *const rop_names[] = {"get", "has", "findIdentifiersByTag", "listIdentifiers"};

/* A miss of the first child that answers is the chain's miss: the others are not asked (a
 * later child may hold what the first one lost or had removed). */
static tc_status read_first(multi *m, rargs *a, tc_err *err)
{
	mreport r = {0};
	for (size_t i = 0; i < m->n; i++) {
		int u = usable(m, i, &r, err);
		if (u < 0) {
			return err->code;
		}
		if (!u) {
			continue;
		}
		tc_err e;
		tc_err_clear(&e);
		if (a->ids) {
			tc_strlist_free(a->ids);
			tc_strlist_init(a->ids);
		}
		tc_status st = call_read(m->c[i].core, a, &e);
		if (a->nomem) {
			return tc_err_set(err, TC_ERR_NOMEM, "out of memory collecting identifiers for %s",
			                  rop_names[a->op]);
		}
		if (st == TC_OK || st == TC_MISS) {
			child_ok(m, i);
			return st;
		}
		/* Out of memory here is ours (the sink, the id list), a bad argument the caller's:
		 * neither is the child's fault. */
		if (st == TC_ERR_NOMEM || st == TC_ERR_ARG || m->o.debug) {
			*err = e;
			return st;
		}
		child_failed(m, i, rop_names[a->op], &e, 0);
		if (a->sink_used) {
			return tc_err_set(err, e.code, "%s failed in #%zu %s after it began handing over the entry: %s",
			                  rop_names[a->op], i + 1, m->c[i].name, e.msg);
		}
		report_add(&r, i + 1, m->c[i].name, e.msg);
	}
	return report_fail(m, &r, rop_names[a->op], err);
}

static tc_status m_get(tc_backend *b, tc_str id, const tc_sink *sink, tc_err *err)
{
	rargs a = {.op = R_GET, .id = id, .sink = sink};
	return read_first((multi *)b, &a, err);
}

static tc_status m_has(tc_backend *b, tc_str id, tc_err *err)
{
	rargs a = {.op = R_HAS, .id = id};
	return read_first((multi *)b, &a, err);
}

/* Identifiers are collected first, so a child failing half-way through a listing hands
 * nothing to cb before the next child lists them all. */
static tc_status read_ids(multi *m, rop op, tc_str tag, tc_id_cb cb, void *ud, tc_err *err)
{
	tc_strlist ids;
	tc_strlist_init(&ids);
	rargs a = {.op = op, .id = tag, .ids = &ids};
	tc_status st = read_first(m, &a, err);
	if (st == TC_OK) {
		tc_strlist_each(&ids, cb, ud);
	}
	tc_strlist_free(&ids);
	return st == TC_MISS ? TC_OK : st;
}

static tc_status m_find_ids_by_tag(tc_backend *b, tc_str tag, tc_id_cb cb, void *ud, tc_err *err)
{
	return read_ids((multi *)b, R_FIND, tag, cb, ud, err);
}

static tc_status m_list_ids(tc_backend *b, tc_id_cb cb, void *ud, tc_err *err)
{
	return read_ids((multi *)b, R_LIST, (tc_str){"", 0}, cb, ud, err);
}

/* ---- writes ------------------------------------------------------------------------------- */

#define OLDER_COPY "it may still hold an older copy of the entry for other processes until it is flushed"

/* Child i did not take the set of id (set_err: its error, NULL when it was not asked). Its
 * older value must not be served, here or by another process reading the same store, and a
 * mark in this chain object dies with the request: so id is removed from it at once (a store
 * that refuses writes often still deletes). When that fails too, or the child is in back-off,
 * the set's success stands (availability is why chains exist) and the warning says what other
 * processes may still read. */
static void disown(multi *m, size_t i, tc_str id, const tc_err *set_err)
{
	mchild *c = &m->c[i];
	tc_err e;
	tc_err_clear(&e);
	int reached = reachable(m, i, NULL);
	if (reached) {
		tc_status st = c->core->ops->remove(c->core, id, &e);
		if (st == TC_OK || st == TC_MISS) {
			if (set_err) {
				child_failed(m, i, "set", set_err, 0);
			}
			return;
		}
	}
	tc_err w;
	if (!reached) {
		tc_err_set(&w, TC_ERR_IO, "not reached (in back-off after: %s); " OLDER_COPY, c->last.msg);
		c->dirty = 1;
		if (m->o.warn && !m->o.debug) {
			int64_t left = c->failed_until - now(m);
			m->o.warn(m->o.warn_ud, i + 1, c->name, "set", &w, left > 0 ? left : 0);
		}
		return;
	}
	tc_err_set(&w, e.code, "%s%sremoving the entry failed too (%s); " OLDER_COPY,
	           set_err ? set_err->msg : "", set_err ? "; " : "", e.msg);
	child_failed(m, i, set_err ? "set" : "remove (after a set elsewhere)", &w, 1);
}

static tc_status m_set(tc_backend *b, tc_str id, tc_str data, const tc_str *tags, size_t ntags,
                       int64_t lifetime, tc_kind kind, tc_err *err)
{
	multi *m = (multi *)b;
	mreport r = {0};
	size_t stored = 0;
	tc_status first = TC_OK; /* debug: the first child error, returned once every child was seen */
	for (size_t i = 0; i < m->n; i++) {
		mchild *c = &m->c[i];
		if (stored && m->o.first_only) {
			/* One child holds the entry: the others must not keep an older one. */
			disown(m, i, id, NULL);
			continue;
		}
		tc_err ue;
		tc_err_clear(&ue);
		int u = usable(m, i, &r, &ue);
		if (u < 0 && first == TC_OK) {
			first = ue.code;
			*err = ue;
		}
		if (u <= 0) {
			disown(m, i, id, NULL);
			continue;
		}
		tc_err e;
		tc_err_clear(&e);
		tc_status st = c->core->ops->set(c->core, id, data, tags, ntags, lifetime, kind, &e);
		if (st == TC_OK) {
			child_ok(m, i);
			stored++;
			continue;
		}
		/* The caller's error when nothing took the entry yet: every child keeps what it had. */
		if (st == TC_ERR_ARG && !stored && first == TC_OK) {
			*err = e;
			return st;
		}
		if (m->o.debug && first == TC_OK) {
			first = st;
			*err = e;
		}
		report_add(&r, i + 1, c->name, e.msg);
		disown(m, i, id, &e);
	}
	if (first != TC_OK) {
		return first;
	}
	/* Stored somewhere: the children that missed it were warned about. */
	return stored ? TC_OK : report_fail(m, &r, "set", err);
}

/* ---- removals: every child, every failure reported at the end ----------------------------- */

typedef enum { X_REMOVE, X_FLUSH, X_TAGS, X_GC } xop;

typedef struct {
	xop op;
	tc_str id;
	const tc_str *tags;
	size_t ntags;
	size_t count; /* flush_by_tags: the most any child removed */
	int removed;  /* remove: some child had the entry */
} xargs;

static const char *const xop_names[] = {"remove", "flush", "flushByTags", "collectGarbage"};

static tc_status call_removal(tc_backend *b, xargs *a, tc_err *err)
{
	size_t count = 0;
	tc_status st = TC_ERR_ARG;
	switch (a->op) {
	case X_REMOVE:
		st = b->ops->remove(b, a->id, err);
		a->removed |= st == TC_OK;
		return st == TC_MISS ? TC_OK : st;
	case X_FLUSH:
		return b->ops->flush(b, err);
	case X_TAGS:
		st = b->ops->flush_by_tags(b, a->tags, a->ntags, &count, err);
		a->count = count > a->count ? count : a->count;
		return st;
	case X_GC:
		return b->ops->collect_garbage(b, err);
	}
	return st;
}

static tc_status removal(multi *m, xargs *a, tc_err *err)
{
	mreport r = {0};
	tc_status first = TC_OK;
	int mutation = a->op != X_GC;
	for (size_t i = 0; i < m->n; i++) {
		mchild *c = &m->c[i];
		if (!reachable(m, i, &r)) {
			c->dirty |= mutation;
			continue;
		}
		/* A child that needs a flush is still asked: other processes may read its store,
		 * and removing from a stale store is always safe. */
		tc_err e;
		tc_err_clear(&e);
		tc_status st = call_removal(c->core, a, &e);
		if (st == TC_OK) {
			if (a->op == X_FLUSH) {
				c->dirty = 0;
			}
			child_ok(m, i);
			continue;
		}
		if (m->o.debug) {
			/* Every child is still tried (and marked); the first error is returned. */
			c->dirty |= mutation;
			if (first == TC_OK) {
				first = st;
				*err = e;
			}
			continue;
		}
		child_failed(m, i, xop_names[a->op], &e, mutation);
		report_add(&r, i + 1, c->name, e.msg);
	}
	if (first != TC_OK) {
		return first;
	}
	return r.failed ? report_fail(m, &r, xop_names[a->op], err) : TC_OK;
}

static tc_status m_remove(tc_backend *b, tc_str id, tc_err *err)
{
	xargs a = {.op = X_REMOVE, .id = id};
	tc_status st = removal((multi *)b, &a, err);
	return st != TC_OK ? st : a.removed ? TC_OK : TC_MISS;
}

static tc_status m_flush(tc_backend *b, tc_err *err)
{
	xargs a = {.op = X_FLUSH};
	return removal((multi *)b, &a, err);
}

static tc_status m_flush_by_tags(tc_backend *b, const tc_str *tags, size_t ntags, size_t *count,
                                 tc_err *err)
{
	xargs a = {.op = X_TAGS, .tags = tags, .ntags = ntags};
	tc_status st = removal((multi *)b, &a, err);
	*count = a.count;
	return st;
}

static tc_status m_collect_garbage(tc_backend *b, tc_err *err)
{
	xargs a = {.op = X_GC};
	return removal((multi *)b, &a, err);
}

/* ---- what a chain does not offer ----------------------------------------------------------- */

static tc_status m_freeze(tc_backend *b, tc_err *err)
{
	(void)b;
	return tc_err_set(err, TC_ERR_UNSUPPORTED, "a chain of backends cannot be frozen");
}

static int m_is_frozen(tc_backend *b)
{
	(void)b;
	return 0;
}

static tc_status m_php_path(tc_backend *b, tc_str id, const char **path, tc_err *err)
{
	(void)b, (void)id;
	*path = NULL;
	return tc_err_set(err, TC_ERR_UNSUPPORTED, "a chain of backends keeps no PHP entries");
}

static void m_destroy(tc_backend *b)
{
	multi *m = (multi *)b;
	for (size_t i = 0; i < m->n; i++) {
		tc_backend_destroy(m->c[i].core);
		if (m->c[i].release) {
			m->c[i].release(m->c[i].owner);
		}
	}
	if (m->o.warn_free) {
		m->o.warn_free(m->o.warn_ud);
	}
	tc_free(m->c);
	tc_free(m);
}

/* A child's corrupt entry is reported as the chain's. */
static void forward_corrupt(void *ud, tc_str id, const char *reason)
{
	tc_backend_report_corrupt(ud, id, reason);
}

static const tc_backend_ops multi_ops = {
	.name = "multi",
	.set = m_set,
	.get = m_get,
	.has = m_has,
	.remove = m_remove,
	.flush = m_flush,
	.flush_by_tags = m_flush_by_tags,
	.find_ids_by_tag = m_find_ids_by_tag,
	.collect_garbage = m_collect_garbage,
	.freeze = m_freeze,
	.is_frozen = m_is_frozen,
	.list_ids = m_list_ids,
	.php_path = m_php_path,
	.destroy = m_destroy,
};

static void destroy_children(const tc_multi_child *children, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		tc_backend_destroy(children[i].core);
		if (children[i].release) {
			children[i].release(children[i].owner);
		}
	}
}

tc_status tc_multi_backend_new(const tc_multi_options *opts, const tc_multi_child *children,
                               size_t n, tc_backend **out, tc_err *err)
{
	*out = NULL;
	if (n == 0) {
		if (opts->warn_free) {
			opts->warn_free(opts->warn_ud);
		}
		return tc_err_set(err, TC_ERR_ARG, "a chain needs at least one backend");
	}
	multi *m = tc_calloc(1, sizeof(*m));
	mchild *c = m ? tc_calloc(n, sizeof(*c)) : NULL;
	if (!c) {
		tc_free(m);
		destroy_children(children, n);
		if (opts->warn_free) {
			opts->warn_free(opts->warn_ud);
		}
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory building a chain of backends");
	}
	m->o = *opts;
	if (m->o.retry_ms <= 0) {
		m->o.retry_ms = TC_MULTI_DEFAULT_RETRY_MS;
	}
	if (!m->o.now_ms) {
		m->o.now_ms = mono_ms;
	}
	m->ops = multi_ops;
	/* Tags and lifetimes only when every child keeps them. */
	unsigned caps = opts->caps & (TC_CAP_TAGS | TC_CAP_LIFETIME);
	for (size_t i = 0; i < n; i++) {
		c[i].core = children[i].core;
		c[i].name = children[i].name;
		c[i].release = children[i].release;
		c[i].owner = children[i].owner;
		caps &= children[i].core->ops->caps;
		c[i].core->on_corrupt = forward_corrupt;
		c[i].core->on_corrupt_ud = &m->base;
	}
	m->ops.caps = caps;
	m->base.ops = &m->ops;
	m->n = n;
	m->c = c;
	*out = &m->base;
	return TC_OK;
}

void tc_multi_backend_retry(tc_backend *b)
{
	if (!b || b->ops->destroy != m_destroy) {
		return;
	}
	multi *m = (multi *)b;
	for (size_t i = 0; i < m->n; i++) {
		m->c[i].failed_until = 0;
	}
}

tc_status tc_multi_backend_health(tc_backend *b, size_t pos, const char **name, unsigned *failures,
                                  int *needs_flush, int64_t *retry_in_ms)
{
	if (!b || b->ops->destroy != m_destroy || pos >= ((multi *)b)->n) {
		return TC_ERR_ARG;
	}
	multi *m = (multi *)b;
	mchild *c = &m->c[pos];
	int64_t t = now(m);
	*name = c->name;
	*failures = c->failures;
	*needs_flush = c->dirty;
	*retry_in_ms = c->failed_until > t ? c->failed_until - t : 0;
	return TC_OK;
}

const char *tc_multi_backend_without(tc_backend *b, unsigned cap, size_t *pos)
{
	if (!b || b->ops->destroy != m_destroy) {
		return NULL;
	}
	multi *m = (multi *)b;
	for (size_t i = 0; i < m->n; i++) {
		if (!(m->c[i].core->ops->caps & cap)) {
			*pos = i + 1;
			return m->c[i].name;
		}
	}
	return NULL;
}
