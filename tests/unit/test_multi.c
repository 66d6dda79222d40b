/* MultiBackend core: the shared semantics over a chain of memory backends, then failover,
 * back-off, the stale-data rule and error reports with a child whose failures are switched on
 * and off (a memory backend behind a wrapper) and a clock the test moves. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tu.h"
#include "../../src/backend/multi.h"

void tu_suite_semantics(tc_backend *(*open)(int64_t), void (*close)(tc_backend *));

/* ---- a child that fails on demand ------------------------------------------------------- */

typedef struct {
	tc_backend base;
	tc_backend *inner;
	int fail; /* every operation fails with TC_ERR_IO while set */
	int fail_set;    /* only set fails (a store that refuses writes but still deletes) */
	int alloc_fail;  /* get allocates through the sink, then fails */
	int ids_direct;  /* find/list hand "x" to the callback without asking the inner store */
	int calls;
} flaky;

#define FLAKY(b) ((flaky *)(b))
#define FAIL_IF(b)                                                                     \
	do {                                                                               \
		FLAKY(b)->calls++;                                                             \
		if (FLAKY(b)->fail) {                                                          \
			return tc_err_set(err, TC_ERR_IO, "injected failure");                     \
		}                                                                              \
	} while (0)

static tc_status fk_set(tc_backend *b, tc_str id, tc_str data, const tc_str *tags, size_t ntags,
                        int64_t lifetime, tc_kind kind, tc_err *err)
{
	FAIL_IF(b);
	if (FLAKY(b)->fail_set) {
		return tc_err_set(err, TC_ERR_IO, "injected write refusal");
	}
	return FLAKY(b)->inner->ops->set(FLAKY(b)->inner, id, data, tags, ntags, lifetime, kind, err);
}
static tc_status fk_get(tc_backend *b, tc_str id, const tc_sink *sink, tc_err *err)
{
	FAIL_IF(b);
	if (FLAKY(b)->alloc_fail) {
		char *p = sink->alloc(sink->ud, 4);
		if (p) {
			memcpy(p, "half", 4);
		}
		return tc_err_set(err, TC_ERR_IO, "injected failure after alloc");
	}
	return FLAKY(b)->inner->ops->get(FLAKY(b)->inner, id, sink, err);
}
static tc_status fk_has(tc_backend *b, tc_str id, tc_err *err)
{
	FAIL_IF(b);
	return FLAKY(b)->inner->ops->has(FLAKY(b)->inner, id, err);
}
static tc_status fk_remove(tc_backend *b, tc_str id, tc_err *err)
{
	FAIL_IF(b);
	return FLAKY(b)->inner->ops->remove(FLAKY(b)->inner, id, err);
}
static tc_status fk_flush(tc_backend *b, tc_err *err)
{
	FAIL_IF(b);
	return FLAKY(b)->inner->ops->flush(FLAKY(b)->inner, err);
}
static tc_status fk_flush_by_tags(tc_backend *b, const tc_str *tags, size_t ntags, size_t *count,
                                  tc_err *err)
{
	*count = 0;
	FAIL_IF(b);
	return FLAKY(b)->inner->ops->flush_by_tags(FLAKY(b)->inner, tags, ntags, count, err);
}
static tc_status fk_find(tc_backend *b, tc_str tag, tc_id_cb cb, void *ud, tc_err *err)
{
	FAIL_IF(b);
	if (FLAKY(b)->ids_direct) {
		cb(ud, "x", 1);
		return TC_OK;
	}
	return FLAKY(b)->inner->ops->find_ids_by_tag(FLAKY(b)->inner, tag, cb, ud, err);
}
static tc_status fk_gc(tc_backend *b, tc_err *err)
{
	FAIL_IF(b);
	return FLAKY(b)->inner->ops->collect_garbage(FLAKY(b)->inner, err);
}
static tc_status fk_list(tc_backend *b, tc_id_cb cb, void *ud, tc_err *err)
{
	FAIL_IF(b);
	if (FLAKY(b)->ids_direct) {
		cb(ud, "x", 1);
		return TC_OK;
	}
	return FLAKY(b)->inner->ops->list_ids(FLAKY(b)->inner, cb, ud, err);
}
static void fk_destroy(tc_backend *b)
{
	tc_backend_destroy(FLAKY(b)->inner);
	tc_free(b);
}

static const tc_backend_ops flaky_ops = {
	.name = "flaky",
	.caps = TC_CAP_TAGS | TC_CAP_LIFETIME | TC_CAP_ITER,
	.set = fk_set, .get = fk_get, .has = fk_has, .remove = fk_remove, .flush = fk_flush,
	.flush_by_tags = fk_flush_by_tags, .find_ids_by_tag = fk_find, .collect_garbage = fk_gc,
	.list_ids = fk_list, .destroy = fk_destroy,
};

/* The same child without tags: a capability the chain must not offer. */
static const tc_backend_ops flaky_notags_ops = {
	.name = "flaky-notags",
	.caps = TC_CAP_LIFETIME,
	.set = fk_set, .get = fk_get, .has = fk_has, .remove = fk_remove, .flush = fk_flush,
	.flush_by_tags = fk_flush_by_tags, .find_ids_by_tag = fk_find, .collect_garbage = fk_gc,
	.list_ids = fk_list, .destroy = fk_destroy,
};

static tc_backend *mem(int64_t default_lifetime)
{
	tc_memory_options o = {.default_lifetime = default_lifetime};
	tc_backend *b = NULL;
	tc_err err;
	return tc_memory_backend_new(&o, &b, &err) == TC_OK ? b : NULL;
}

static flaky *flaky_new(void)
{
	flaky *f = tc_calloc(1, sizeof(*f));
	f->base.ops = &flaky_ops;
	f->inner = mem(0);
	return f;
}

/* ---- the clock and the warnings ------------------------------------------------------------ */

static int64_t fake_ms;
static int64_t fake_clock(void *ud)
{
	(void)ud;
	return fake_ms;
}

typedef struct {
	int count;
	size_t pos;
	char op[64];
	int64_t retry_ms;
} warnings;

static void on_warn(void *ud, size_t pos, const char *name, const char *op, const tc_err *err,
                    int64_t retry_ms)
{
	warnings *w = ud;
	(void)name, (void)err;
	w->count++;
	w->pos = pos;
	snprintf(w->op, sizeof(w->op), "%s", op);
	w->retry_ms = retry_ms;
}

/* A chain of two memory children for the shared semantics. */
static tc_backend *chain_open(int64_t default_lifetime)
{
	tc_multi_child c[2] = {{.core = mem(default_lifetime), .name = "A"},
	                       {.core = mem(default_lifetime), .name = "B"}};
	tc_multi_options o = {.caps = TC_CAP_TAGS | TC_CAP_LIFETIME};
	tc_backend *b = NULL;
	tc_err err;
	if (tc_multi_backend_new(&o, c, 2, &b, &err) != TC_OK) {
		fprintf(stderr, "  multi backend: %s\n", err.msg);
	}
	return b;
}

static void chain_close(tc_backend *b)
{
	tc_backend_destroy(b);
}

/* chain of [flaky f1, memory m2] (or flaky, flaky) with the fake clock, retry 1000 ms. */
static tc_backend *pair(flaky *f1, tc_backend *second, warnings *w, int first_only, int debug)
{
	tc_multi_child c[2] = {{.core = &f1->base, .name = "Flaky"}, {.core = second, .name = "Second"}};
	tc_multi_options o = {.caps = TC_CAP_TAGS | TC_CAP_LIFETIME, .retry_ms = 1000,
	                      .now_ms = fake_clock, .warn = on_warn, .warn_ud = w,
	                      .first_only = first_only, .debug = debug};
	tc_backend *b = NULL;
	tc_err err;
	return tc_multi_backend_new(&o, c, 2, &b, &err) == TC_OK ? b : NULL;
}

static void multi_writes_all_reads_first(void)
{
	warnings w = {0};
	flaky *f = flaky_new();
	tc_backend *m2 = mem(0);
	tc_backend *b = pair(f, m2, &w, 0, 0);
	TU_REQUIRE(b);
	TU_EQ(b->ops->caps & (TC_CAP_TAGS | TC_CAP_LIFETIME), TC_CAP_TAGS | TC_CAP_LIFETIME);
	TU_EQ(tu_set(b, "a", "1", "t", 0), TC_OK);
	TU_CHECK(tu_get_is(f->inner, "a", "1", 1));
	TU_CHECK(tu_get_is(m2, "a", "1", 1));
	/* Only in the second: the first answers with a miss, and that is the chain's answer. */
	TU_EQ(tu_set(m2, "only2", "x", "", 0), TC_OK);
	tu_buf out;
	TU_EQ(tu_get(b, "only2", &out), TC_MISS);
	TU_EQ(w.count, 0);
	tc_backend_destroy(b);
}

static void multi_failover_backoff_and_stale(void)
{
	warnings w = {0};
	tc_err err;
	fake_ms = 1000000;
	flaky *f = flaky_new();
	tc_backend *m2 = mem(0);
	tc_backend *b = pair(f, m2, &w, 0, 0);
	TU_REQUIRE(b);
	TU_EQ(tu_set(b, "a", "old", "t", 0), TC_OK);
	f->fail = 1;
	/* The first fails: warned, skipped, the second answers. */
	TU_CHECK(tu_get_is(b, "a", "old", 3));
	TU_EQ(w.count, 1);
	TU_EQ(w.pos, 1);
	TU_CHECK(strcmp(w.op, "get") == 0);
	TU_EQ(w.retry_ms, 1000);
	/* In back-off: not even called. */
	int calls = f->calls;
	TU_EQ(tu_set(b, "a", "new", "t", 0), TC_OK);
	TU_EQ(f->calls, calls);
	/* Warned: it may still hold "old" for other readers of its store. */
	TU_EQ(w.count, 2);
	TU_CHECK(strcmp(w.op, "set") == 0);
	const char *nm;
	unsigned failures;
	int dirty;
	int64_t retry_in;
	TU_EQ(tc_multi_backend_health(b, 0, &nm, &failures, &dirty, &retry_in), TC_OK);
	TU_EQ(failures, 1);
	TU_CHECK(strcmp(nm, "Flaky") == 0);
	TU_EQ(dirty, 1); /* it missed the write of "new" */
	TU_EQ(retry_in, 1000);
	/* The fault is gone but the back-off is not over: still skipped. */
	f->fail = 0;
	TU_CHECK(tu_get_is(b, "a", "new", 3));
	TU_EQ(f->calls, calls);
	/* Retried early: still flushed before it serves. */
	f->fail = 1;
	tc_multi_backend_retry(b);
	TU_CHECK(tu_get_is(b, "a", "new", 3));
	TU_EQ(f->calls, calls + 1);
	TU_EQ(w.count, 3);
	TU_CHECK(strcmp(w.op, "flush (before serving again)") == 0);
	TU_EQ(w.retry_ms, 2000);
	f->fail = 0;
	fake_ms += 1000;
	/* Back-off over: the first is flushed before it serves, so "old" never comes back. */
	fake_ms += 1000;
	TU_CHECK(tu_get_is(f->inner, "a", "old", 3));
	tu_buf out;
	TU_EQ(tu_get(b, "a", &out), TC_MISS);
	TU_EQ(tc_multi_backend_health(b, 0, &nm, &failures, &dirty, &retry_in), TC_OK);
	TU_EQ(failures, 0);
	TU_EQ(dirty, 0);
	TU_EQ(f->inner->ops->has(f->inner, TC_STR_LIT("a"), &err), TC_MISS);
	TU_EQ(w.count, 3);
	tc_backend_destroy(b);
}

static void multi_backoff_doubles(void)
{
	warnings w = {0};
	fake_ms = 5000;
	flaky *f = flaky_new();
	tc_backend *b = pair(f, mem(0), &w, 0, 0);
	TU_REQUIRE(b);
	f->fail = 1;
	tc_err err;
	TU_EQ(b->ops->has(b, TC_STR_LIT("x"), &err), TC_MISS);
	TU_EQ(w.retry_ms, 1000);
	fake_ms += 1000;
	TU_EQ(b->ops->has(b, TC_STR_LIT("x"), &err), TC_MISS);
	TU_EQ(w.retry_ms, 2000);
	fake_ms += 2000;
	TU_EQ(b->ops->has(b, TC_STR_LIT("x"), &err), TC_MISS);
	TU_EQ(w.retry_ms, 4000);
	for (int i = 0; i < 10; i++) {
		fake_ms += w.retry_ms;
		TU_EQ(b->ops->has(b, TC_STR_LIT("x"), &err), TC_MISS);
	}
	TU_EQ(w.retry_ms, 64000); /* capped */
	TU_EQ(w.count, 13);
	/* Reads miss nothing: the first is not dirty and serves again once healthy. */
	f->fail = 0;
	fake_ms += w.retry_ms;
	TU_EQ(tu_set(f->inner, "x", "1", "", 0), TC_OK);
	TU_EQ(b->ops->has(b, TC_STR_LIT("x"), &err), TC_OK);
	tc_backend_destroy(b);
}

static void multi_removals_report_every_failure(void)
{
	warnings w = {0};
	tc_err err;
	fake_ms = 0;
	flaky *f1 = flaky_new(), *f2 = flaky_new();
	tc_backend *b = pair(f1, &f2->base, &w, 0, 0);
	TU_REQUIRE(b);
	TU_EQ(tu_set(b, "a", "1", "t", 0), TC_OK);
	TU_EQ(tu_set(b, "b", "1", "t", 0), TC_OK);
	f1->fail = 1;
	/* Both reached, the first failing does not stop the second. */
	size_t count = 99;
	tc_str tag = TC_STR_LIT("t");
	TU_EQ(b->ops->flush_by_tags(b, &tag, 1, &count, &err), TC_ERR_IO);
	TU_EQ(count, 2);
	TU_CHECK(strstr(err.msg, "#1 Flaky: injected failure") != NULL);
	TU_CHECK(strstr(err.msg, "1 of 2") != NULL);
	TU_EQ(f2->inner->ops->has(f2->inner, TC_STR_LIT("a"), &err), TC_MISS);
	/* The first missed the flush: it holds a and b still, and serves neither again. */
	TU_EQ(f1->inner->ops->has(f1->inner, TC_STR_LIT("a"), &err), TC_OK);
	/* A removal while the first is in back-off names it as skipped. */
	f2->fail = 1;
	TU_EQ(b->ops->flush(b, &err), TC_ERR_IO);
	TU_CHECK(strstr(err.msg, "#1 Flaky: skipped for another") != NULL);
	TU_CHECK(strstr(err.msg, "#2 Second: injected failure") != NULL);
	TU_CHECK(strstr(err.msg, "2 of 2") != NULL);
	/* Every child unusable: the caller gets the error. */
	tu_buf out;
	TU_EQ(tu_get(b, "a", &out), TC_ERR_IO);
	TU_EQ(tu_set(b, "a", "2", "", 0), TC_ERR_IO);
	/* Both come back: each is flushed before serving, nothing flushed comes back. */
	f1->fail = f2->fail = 0;
	fake_ms += 100000;
	TU_EQ(tu_get(b, "a", &out), TC_MISS);
	TU_EQ(tu_get(b, "b", &out), TC_MISS);
	TU_EQ(b->ops->collect_garbage(b, &err), TC_OK);
	tc_backend_destroy(b);
}

static void multi_first_only_and_debug(void)
{
	warnings w = {0};
	tc_err err;
	fake_ms = 0;
	flaky *f = flaky_new();
	tc_backend *m2 = mem(0);
	tc_backend *b = pair(f, m2, &w, 1, 0);
	TU_REQUIRE(b);
	TU_EQ(tu_set(m2, "a", "old", "", 0), TC_OK);
	TU_EQ(tu_set(b, "a", "new", "", 0), TC_OK);
	TU_CHECK(tu_get_is(f->inner, "a", "new", 3));
	/* Not written, but its older copy removed at once (another process may read that store). */
	TU_EQ(m2->ops->has(m2, TC_STR_LIT("a"), &err), TC_MISS);
	const char *nm;
	unsigned failures;
	int dirty;
	int64_t retry_in;
	TU_EQ(tc_multi_backend_health(b, 1, &nm, &failures, &dirty, &retry_in), TC_OK);
	TU_EQ(dirty, 0);
	TU_EQ(w.count, 0);
	/* The first fails: the second answers, and has nothing older. */
	TU_EQ(tu_set(m2, "b", "other", "", 0), TC_OK);
	f->fail = 1;
	tu_buf out;
	TU_EQ(tu_get(b, "a", &out), TC_MISS);
	TU_CHECK(tu_get_is(b, "b", "other", 5));
	tc_backend_destroy(b);

	/* debug: the child's own error, nothing skipped, no back-off. */
	f = flaky_new();
	b = pair(f, mem(0), &w, 0, 1);
	TU_REQUIRE(b);
	w.count = 0;
	f->fail = 1;
	TU_EQ(tu_get(b, "a", &out), TC_ERR_IO);
	TU_EQ(b->ops->has(b, TC_STR_LIT("a"), &err), TC_ERR_IO);
	TU_CHECK(strcmp(err.msg, "injected failure") == 0);
	TU_EQ(w.count, 0);
	f->fail = 0;
	TU_EQ(b->ops->has(b, TC_STR_LIT("a"), &err), TC_MISS);
	tc_backend_destroy(b);
}

static void multi_listing_after_failure(void)
{
	warnings w = {0};
	fake_ms = 0;
	flaky *f = flaky_new();
	tc_backend *b = pair(f, mem(0), &w, 0, 0);
	TU_REQUIRE(b);
	TU_EQ(tu_set(b, "a", "1", "t", 0), TC_OK);
	TU_EQ(tu_set(b, "b", "1", "t", 0), TC_OK);
	f->fail = 1;
	tu_ids ids;
	TU_EQ(tu_find(b, "t", &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "a b") == 0);
	TU_EQ(tu_list(b, &ids), TC_OK);
	TU_EQ(ids.count, 2);
	tc_backend_destroy(b);
}

static void multi_bad_input(void)
{
	tc_backend *b = NULL;
	tc_err err;
	tc_multi_options o = {0};
	TU_EQ(tc_multi_backend_new(&o, NULL, 0, &b, &err), TC_ERR_ARG);
	TU_CHECK(b == NULL);
	const char *nm;
	unsigned f;
	int d;
	int64_t r;
	tc_backend *m = mem(0);
	TU_EQ(tc_multi_backend_health(m, 0, &nm, &f, &d, &r), TC_ERR_ARG);
	tc_backend_destroy(m);
	/* Caps: a child without tags takes them away (the chain offers both; the second child
	 * truly lacks tags), and the chain names it. */
	flaky *notags = flaky_new();
	notags->base.ops = &flaky_notags_ops;
	tc_multi_child c[2] = {{.core = mem(0), .name = "Mem"}, {.core = &notags->base, .name = "NoTags"}};
	o.caps = TC_CAP_TAGS | TC_CAP_LIFETIME;
	TU_EQ(tc_multi_backend_new(&o, c, 2, &b, &err), TC_OK);
	TU_EQ(b->ops->caps & (TC_CAP_TAGS | TC_CAP_LIFETIME), TC_CAP_LIFETIME);
	size_t pos = 0;
	const char *without = tc_multi_backend_without(b, TC_CAP_TAGS, &pos);
	TU_CHECK(without && strcmp(without, "NoTags") == 0);
	TU_EQ(pos, 2);
	TU_CHECK(tc_multi_backend_without(b, TC_CAP_LIFETIME, &pos) == NULL);
	TU_EQ(tc_multi_backend_health(b, 2, &nm, &f, &d, &r), TC_ERR_ARG);
	tc_backend_destroy(b);
}

/* A child that refuses a set but still deletes: the id is removed from it at once, so its
 * older value is gone for every reader of its store, not only for this chain object. When the
 * removal fails too, the warning says what others may still read. */
static void multi_missed_set_removes_at_once(void)
{
	warnings w = {0};
	tc_err err;
	fake_ms = 0;
	flaky *f = flaky_new();
	tc_backend *m2 = mem(0);
	tc_backend *b = pair(f, m2, &w, 0, 0);
	TU_REQUIRE(b);
	TU_EQ(tu_set(b, "a", "old", "", 0), TC_OK);
	f->fail_set = 1;
	TU_EQ(tu_set(b, "a", "new", "", 0), TC_OK);
	TU_EQ(f->inner->ops->has(f->inner, TC_STR_LIT("a"), &err), TC_MISS);
	TU_CHECK(tu_get_is(m2, "a", "new", 3));
	TU_EQ(w.count, 1);
	TU_CHECK(strcmp(w.op, "set") == 0);
	/* Removing fails too: marked, and the warning names the older copy. */
	fake_ms += 100000;
	f->fail_set = 0;
	TU_EQ(tu_set(b, "c", "old", "", 0), TC_OK);
	f->fail = 1;
	fake_ms += 100000;
	TU_EQ(tu_set(b, "c", "new", "", 0), TC_OK);
	TU_EQ(w.count, 2);
	TU_CHECK(strcmp(w.op, "set") == 0);
	const char *nm;
	unsigned failures;
	int dirty;
	int64_t retry_in;
	TU_EQ(tc_multi_backend_health(b, 0, &nm, &failures, &dirty, &retry_in), TC_OK);
	TU_EQ(dirty, 1);
	/* In back-off: not called, still warned about. */
	int calls = f->calls;
	TU_EQ(tu_set(b, "c", "newer", "", 0), TC_OK);
	TU_EQ(f->calls, calls);
	TU_EQ(w.count, 3);
	tc_backend_destroy(b);
}

static char *last_err;
static void on_warn_msg(void *ud, size_t pos, const char *name, const char *op, const tc_err *err,
                        int64_t retry_ms)
{
	(void)ud, (void)pos, (void)name, (void)op, (void)retry_ms;
	tc_free(last_err);
	last_err = tc_strndup(err->msg, strlen(err->msg));
}

static void multi_older_copy_warning(void)
{
	tc_err err;
	fake_ms = 0;
	flaky *f = flaky_new();
	tc_multi_child c[2] = {{.core = &f->base, .name = "Flaky"}, {.core = mem(0), .name = "Second"}};
	tc_multi_options o = {.caps = TC_CAP_TAGS | TC_CAP_LIFETIME, .now_ms = fake_clock, .warn = on_warn_msg};
	tc_backend *b = NULL;
	TU_EQ(tc_multi_backend_new(&o, c, 2, &b, &err), TC_OK);
	f->fail = 1;
	TU_EQ(tu_set(b, "a", "v", "", 0), TC_OK);
	TU_CHECK(last_err && strstr(last_err, "removing the entry failed too") != NULL);
	TU_CHECK(last_err && strstr(last_err, "older copy of the entry for other processes until it is flushed") != NULL);
	TU_EQ(tu_set(b, "a", "v", "", 0), TC_OK); /* in back-off now */
	TU_CHECK(last_err && strstr(last_err, "not reached (in back-off") != NULL);
	TU_CHECK(last_err && strstr(last_err, "older copy") != NULL);
	tc_free(last_err);
	last_err = NULL;
	tc_backend_destroy(b);
}

/* A child marked for a flush but reachable again still takes removals: its store may be read
 * by other processes. */
static void multi_removal_reaches_marked_child(void)
{
	warnings w = {0};
	tc_err err;
	fake_ms = 0;
	flaky *f = flaky_new();
	tc_backend *m2 = mem(0);
	tc_backend *b = pair(f, m2, &w, 0, 0);
	TU_REQUIRE(b);
	TU_EQ(tu_set(b, "a", "1", "t", 0), TC_OK);
	TU_EQ(tu_set(b, "k", "1", "t", 0), TC_OK);
	f->fail = 1;
	TU_EQ(tu_set(b, "b", "1", "", 0), TC_OK); /* missed, removing failed: marked */
	f->fail = 0;
	fake_ms += 100000;
	TU_EQ(b->ops->remove(b, TC_STR_LIT("a"), &err), TC_OK);
	TU_EQ(f->inner->ops->has(f->inner, TC_STR_LIT("a"), &err), TC_MISS);
	size_t count = 0;
	tc_str tag = TC_STR_LIT("t");
	TU_EQ(b->ops->flush_by_tags(b, &tag, 1, &count, &err), TC_OK);
	TU_EQ(f->inner->ops->has(f->inner, TC_STR_LIT("k"), &err), TC_MISS);
	/* A failure there is reported. */
	f->fail = 1;
	TU_EQ(b->ops->remove(b, TC_STR_LIT("b"), &err), TC_ERR_IO);
	TU_CHECK(strstr(err.msg, "#1 Flaky: injected failure") != NULL);
	tc_backend_destroy(b);
}

/* The caller's sink: one malloc per alloc, kept in one slot (as ext/'s sinks do). */
typedef struct {
	char *p;
	int allocs;
} slot_sink;
static char *slot_alloc(void *ud, size_t len)
{
	slot_sink *s = ud;
	s->allocs++;
	s->p = malloc(len + 1);
	return s->p;
}

static void multi_read_after_alloc_fails(void)
{
	warnings w = {0};
	fake_ms = 0;
	flaky *f = flaky_new();
	tc_backend *b = pair(f, mem(0), &w, 0, 0);
	TU_REQUIRE(b);
	TU_EQ(tu_set(b, "a", "1", "", 0), TC_OK);
	f->alloc_fail = 1;
	slot_sink s = {0};
	tc_sink sink = {slot_alloc, &s, NULL};
	tc_err err;
	tc_err_clear(&err);
	/* The second child must not allocate again over what the first handed the caller. */
	TU_EQ(b->ops->get(b, TC_STR_LIT("a"), &sink, &err), TC_ERR_IO);
	TU_EQ(s.allocs, 1);
	TU_CHECK(strstr(err.msg, "#1 Flaky after it began handing over the entry") != NULL);
	free(s.p);
	tc_backend_destroy(b);
}

static void *fail_malloc(size_t n)
{
	(void)n;
	return NULL;
}
static void *fail_realloc(void *p, size_t n)
{
	(void)p, (void)n;
	return NULL;
}

static void multi_ids_out_of_memory(void)
{
	warnings w = {0};
	fake_ms = 0;
	flaky *f = flaky_new();
	tc_backend *b = pair(f, mem(0), &w, 0, 0);
	TU_REQUIRE(b);
	f->ids_direct = 1;
	tu_ids ids;
	TU_EQ(tu_list(b, &ids), TC_OK);
	TU_EQ(ids.count, 1);
	tc_allocator none = {fail_malloc, fail_realloc, free};
	tc_set_allocator(&none);
	tc_err err;
	tc_err_clear(&err);
	tc_status st = b->ops->list_ids(b, NULL, NULL, &err);
	tc_status st2 = b->ops->find_ids_by_tag(b, TC_STR_LIT("t"), NULL, NULL, &err);
	tc_set_allocator(NULL);
	TU_EQ(st, TC_ERR_NOMEM);
	TU_EQ(st2, TC_ERR_NOMEM);
	TU_CHECK(strstr(err.msg, "out of memory") != NULL);
	TU_EQ(w.count, 0); /* not the child's fault */
	tc_backend_destroy(b);
}

/* debug: every child is written or marked, then the first error is returned. */
static void multi_debug_finishes(void)
{
	warnings w = {0};
	tc_err err;
	fake_ms = 0;
	flaky *f = flaky_new();
	tc_backend *m2 = mem(0);
	tc_backend *b = pair(f, m2, &w, 0, 1);
	TU_REQUIRE(b);
	TU_EQ(tu_set(b, "k", "1", "", 0), TC_OK);
	f->fail = 1;
	TU_EQ(tu_set(b, "a", "1", "", 0), TC_ERR_IO);
	TU_CHECK(tu_get_is(m2, "a", "1", 1));
	const char *nm;
	unsigned failures;
	int dirty;
	int64_t retry_in;
	TU_EQ(tc_multi_backend_health(b, 0, &nm, &failures, &dirty, &retry_in), TC_OK);
	TU_EQ(dirty, 1);
	tc_err_clear(&err);
	TU_EQ(b->ops->remove(b, TC_STR_LIT("k"), &err), TC_ERR_IO);
	TU_CHECK(strcmp(err.msg, "injected failure") == 0);
	TU_EQ(m2->ops->has(m2, TC_STR_LIT("k"), &err), TC_MISS);
	tc_backend_destroy(b);
}

void tu_suite_multi(void)
{
	tu_label = "multi";
	tu_suite_semantics(chain_open, chain_close);
	tu_label = "";
	TU_RUN(multi_writes_all_reads_first);
	TU_RUN(multi_failover_backoff_and_stale);
	TU_RUN(multi_backoff_doubles);
	TU_RUN(multi_removals_report_every_failure);
	TU_RUN(multi_first_only_and_debug);
	TU_RUN(multi_listing_after_failure);
	TU_RUN(multi_bad_input);
	TU_RUN(multi_missed_set_removes_at_once);
	TU_RUN(multi_older_copy_warning);
	TU_RUN(multi_removal_reaches_marked_child);
	TU_RUN(multi_read_after_alloc_fails);
	TU_RUN(multi_ids_out_of_memory);
	TU_RUN(multi_debug_finishes);
}
