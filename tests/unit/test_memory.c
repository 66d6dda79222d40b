/* TransientMemoryBackend: the shared semantics plus what is specific to memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tu.h"

void tu_suite_semantics(tc_backend *(*open)(int64_t), void (*close)(tc_backend *));

static tc_backend *mem_open(int64_t default_lifetime)
{
	tc_memory_options o = {.default_lifetime = default_lifetime};
	tc_backend *b = NULL;
	tc_err err;
	if (tc_memory_backend_new(&o, &b, &err) != TC_OK) {
		fprintf(stderr, "  memory backend: %s\n", err.msg);
	}
	return b;
}

static void mem_close(tc_backend *b)
{
	tc_backend_destroy(b);
}

static void mem_unsupported(void)
{
	tc_backend *b = mem_open(0);
	TU_REQUIRE(b);
	tc_err err;
	const char *path = "x";
	TU_EQ(tu_set_kind(b, "code", "return 1;", 9, "", 0, TC_KIND_PHP), TC_OK);
	TU_EQ(b->ops->php_path(b, TC_STR_LIT("code"), &path, &err), TC_ERR_UNSUPPORTED);
	TU_EQ(b->ops->freeze(b, &err), TC_ERR_UNSUPPORTED);
	TU_EQ(b->ops->is_frozen(b), 0);
	TU_EQ(b->ops->caps & (TC_CAP_PHP | TC_CAP_FREEZE), 0);
	TU_EQ(b->ops->caps & TC_CAP_TAGS, TC_CAP_TAGS);
	mem_close(b);
}

/* Bindings keep decoded copies keyed by this version: it must change on every write and
 * vanish with the entry. */
static void mem_versions(void)
{
	tc_backend *b = mem_open(0);
	TU_REQUIRE(b);
	uint64_t v1 = 0, v2 = 0, v3 = 0;
	TU_EQ(tc_memory_backend_version(b, TC_STR_LIT("k"), &v1), TC_MISS);
	TU_EQ(tu_set(b, "k", "one", "", 0), TC_OK);
	TU_EQ(tc_memory_backend_version(b, TC_STR_LIT("k"), &v1), TC_OK);
	TU_EQ(tc_memory_backend_version(b, TC_STR_LIT("k"), &v2), TC_OK);
	TU_EQ(v1, v2);
	TU_EQ(tu_set(b, "k", "one", "", 0), TC_OK);
	TU_EQ(tc_memory_backend_version(b, TC_STR_LIT("k"), &v3), TC_OK);
	TU_CHECK(v3 != v1);
	tc_err err;
	TU_EQ(b->ops->remove(b, TC_STR_LIT("k"), &err), TC_OK);
	TU_EQ(tc_memory_backend_version(b, TC_STR_LIT("k"), &v3), TC_MISS);
	tu_fake_clock(1700000000);
	TU_EQ(tu_set(b, "e", "x", "", 10), TC_OK);
	TU_EQ(tc_memory_backend_version(b, TC_STR_LIT("e"), &v3), TC_OK);
	tu_time += 11;
	TU_EQ(tc_memory_backend_version(b, TC_STR_LIT("e"), &v3), TC_MISS);
	tu_real_clock();
	mem_close(b);
}

static void mem_many_entries(void)
{
	tc_backend *b = mem_open(0);
	TU_REQUIRE(b);
	char id[32];
	for (int i = 0; i < 20000; i++) {
		snprintf(id, sizeof(id), "e%d", i);
		if (tu_set(b, id, id, i % 100 == 0 ? "hundred all" : "all", 0) != TC_OK) {
			TU_CHECK(!"set failed");
			break;
		}
	}
	TU_CHECK(tu_get_is(b, "e19999", "e19999", 6));
	TU_EQ(tu_flush_tags(b, "hundred"), 200);
	TU_EQ(tu_get_is(b, "e100", "e100", 4), 0);
	TU_CHECK(tu_get_is(b, "e101", "e101", 4));
	TU_EQ(tu_flush_tags(b, "all hundred"), 19800);
	tu_ids ids;
	TU_EQ(tu_list(b, &ids), TC_OK);
	TU_EQ(ids.count, 0);
	mem_close(b);
}

static int mem_remove_during_walk(void *ud, const char *id, size_t len)
{
	tc_backend *b = ud;
	tc_err err;
	b->ops->remove(b, (tc_str){id, len}, &err);
	return 0;
}

static void mem_callback_may_modify(void)
{
	tc_backend *b = mem_open(0);
	TU_REQUIRE(b);
	tc_err err;
	TU_EQ(tu_set(b, "a", "1", "t", 0), TC_OK);
	TU_EQ(tu_set(b, "b", "1", "t", 0), TC_OK);
	TU_EQ(b->ops->find_ids_by_tag(b, TC_STR_LIT("t"), mem_remove_during_walk, b, &err), TC_OK);
	tu_ids ids;
	TU_EQ(tu_list(b, &ids), TC_OK);
	TU_EQ(ids.count, 0);
	mem_close(b);
}

/* Aux pointers (decoded copies in ext/) die with their entry: rewrite, remove, flush by tag,
 * collect garbage, flush and destroy each free it once; a stale version attaches nothing. */
static int aux_freed;

static void aux_dtor(void *aux)
{
	aux_freed++;
	free(aux);
}

static void *aux_new(void)
{
	return malloc(8);
}

static int attach(tc_backend *b, const char *id)
{
	uint64_t v = 0;
	void *aux = NULL;
	if (tc_memory_backend_aux(b, (tc_str){id, strlen(id)}, &v, &aux) != TC_OK) {
		return -1;
	}
	void *fresh = aux_new();
	if (tc_memory_backend_set_aux(b, (tc_str){id, strlen(id)}, v, fresh, aux_dtor) != TC_OK) {
		free(fresh);
		return -1;
	}
	return 0;
}

static void mem_aux_lifecycle(void)
{
	tc_backend *b = mem_open(0);
	TU_REQUIRE(b);
	tc_err err;
	aux_freed = 0;
	uint64_t v = 0;
	void *aux = (void *)1;
	TU_EQ(tu_set(b, "k", "one", "t", 0), TC_OK);
	TU_EQ(tc_memory_backend_aux(b, TC_STR_LIT("k"), &v, &aux), TC_OK);
	TU_CHECK(aux == NULL);
	/* stale version: not attached, stays the caller's */
	void *mine = aux_new();
	TU_EQ(tc_memory_backend_set_aux(b, TC_STR_LIT("k"), v + 1, mine, aux_dtor), TC_MISS);
	free(mine);
	TU_EQ(attach(b, "k"), 0);
	TU_EQ(tc_memory_backend_aux(b, TC_STR_LIT("k"), &v, &aux), TC_OK);
	TU_CHECK(aux != NULL);
	TU_EQ(attach(b, "k"), 0); /* replaces: the old one is freed */
	TU_EQ(aux_freed, 1);
	TU_EQ(tu_set(b, "k", "two", "t", 0), TC_OK); /* rewrite */
	TU_EQ(aux_freed, 2);
	TU_EQ(tc_memory_backend_aux(b, TC_STR_LIT("k"), &v, &aux), TC_OK);
	TU_CHECK(aux == NULL);
	TU_EQ(attach(b, "k"), 0);
	TU_EQ(b->ops->remove(b, TC_STR_LIT("k"), &err), TC_OK);
	TU_EQ(aux_freed, 3);
	TU_EQ(tu_set(b, "k", "x", "t", 0), TC_OK);
	TU_EQ(attach(b, "k"), 0);
	TU_EQ(tu_flush_tags(b, "t"), 1);
	TU_EQ(aux_freed, 4);
	tu_fake_clock(1700000000);
	TU_EQ(tu_set(b, "e", "x", "", 10), TC_OK);
	TU_EQ(attach(b, "e"), 0);
	tu_time += 11;
	TU_EQ(attach(b, "e"), -1); /* expired: nothing to attach to */
	TU_EQ(b->ops->collect_garbage(b, &err), TC_OK);
	TU_EQ(aux_freed, 5);
	tu_real_clock();
	TU_EQ(tu_set(b, "f", "x", "", 0), TC_OK);
	TU_EQ(attach(b, "f"), 0);
	TU_EQ(b->ops->flush(b, &err), TC_OK);
	TU_EQ(aux_freed, 6);
	TU_EQ(tu_set(b, "g", "x", "", 0), TC_OK);
	TU_EQ(attach(b, "g"), 0);
	mem_close(b);
	TU_EQ(aux_freed, 7);
}

/* Entries come from the configured allocator, and all of it goes back. */
static long counted_live;

static void *counted_malloc(size_t n)
{
	size_t *p = malloc(n + sizeof(size_t));
	if (!p) {
		return NULL;
	}
	*p = n;
	counted_live += (long)n;
	return p + 1;
}

static void *counted_realloc(void *ptr, size_t n)
{
	(void)ptr, (void)n;
	return NULL; /* unused by the memory backend */
}

static void counted_free(void *ptr)
{
	size_t *p = (size_t *)ptr - 1;
	counted_live -= (long)*p;
	free(p);
}

static void mem_allocator(void)
{
	static const tc_allocator counted = {counted_malloc, counted_realloc, counted_free};
	tc_memory_options o = {.default_lifetime = 0, .allocator = &counted};
	tc_backend *b = NULL;
	tc_err err;
	TU_REQUIRE(tc_memory_backend_new(&o, &b, &err) == TC_OK);
	counted_live = 0;
	static char big[100001];
	memset(big, 'x', sizeof(big) - 1);
	TU_EQ(tu_set(b, "a", big, "t1 t2", 0), TC_OK);
	TU_EQ(tu_set(b, "b", big, "t2", 0), TC_OK);
	TU_CHECK(counted_live >= 2 * (long)(sizeof(big) - 1));
	TU_EQ(tu_flush_tags(b, "t1"), 1);
	TU_CHECK(counted_live >= (long)(sizeof(big) - 1) && counted_live < 2 * (long)sizeof(big));
	tc_backend_destroy(b);
	TU_EQ(counted_live, 0);
}

/* Owned payloads: a refcounted buffer with a count the test can see. */
typedef struct {
	int refs;
	char bytes[16];
} owned_buf;

static void owned_retain(void *o)
{
	((owned_buf *)o)->refs++;
}

static void owned_release(void *o)
{
	((owned_buf *)o)->refs--;
}

static tc_status set_owned(tc_backend *b, const char *id, owned_buf *o, const char *t1,
                           const char *t2, const uint64_t *ticket)
{
	tc_str tags[] = {{t1, strlen(t1)}, {t2, strlen(t2)}};
	tc_err err;
	return tc_memory_backend_set_owned(b, (tc_str){id, strlen(id)},
	                                   (tc_str){o->bytes, strlen(o->bytes)}, o, tags, 2, 0,
	                                   ticket, &err);
}

/* The entry keeps the owner's bytes (same address), retains it once, releases it on every way
 * out (overwrite, remove, flush_by_tags, flush, destroy); a stale ticket retains nothing. */
static size_t tag_count(tc_backend *b, const char *tag)
{
	tu_ids ids;
	TU_EQ(tu_find(b, tag, &ids), TC_OK);
	return ids.count;
}

static void mem_owned_payloads(void)
{
	static const tc_owner_ops ops = {owned_retain, owned_release};
	tc_memory_options o = {.owner_ops = &ops};
	tc_backend *b = NULL;
	tc_err err;
	TU_REQUIRE(tc_memory_backend_new(&o, &b, &err) == TC_OK);
	owned_buf x = {0, "payload-x"}, y = {0, "payload-y"}, z = {0, "payload-z"};
	TU_EQ(set_owned(b, "a", &x, "t1", "t2", NULL), TC_OK);
	TU_EQ(x.refs, 1);
	tc_str data;
	void *owner = NULL;
	TU_EQ(tc_memory_backend_peek(b, TC_STR_LIT("a"), &data, &owner), TC_OK);
	TU_CHECK(owner == &x && data.ptr == x.bytes && data.len == strlen(x.bytes));
	TU_CHECK(tu_get_is(b, "a", x.bytes, strlen(x.bytes)));
	/* overwrite with an overlapping tag: old released, tags moved */
	TU_EQ(set_owned(b, "a", &y, "t2", "t2", NULL), TC_OK);
	TU_EQ(x.refs, 0);
	TU_EQ(y.refs, 1);
	TU_EQ(tag_count(b, "t1"), 0);
	TU_EQ(tag_count(b, "t2"), 1);
	/* unchanged tags: rewritten in place, a new version, the old owner released */
	uint64_t v1 = 0, v2 = 0;
	TU_EQ(tc_memory_backend_version(b, TC_STR_LIT("a"), &v1), TC_OK);
	TU_EQ(set_owned(b, "a", &z, "t2", "t2", NULL), TC_OK);
	TU_EQ(tc_memory_backend_version(b, TC_STR_LIT("a"), &v2), TC_OK);
	TU_CHECK(v2 != v1 && z.refs == 1 && y.refs == 0);
	TU_CHECK(tu_get_is(b, "a", z.bytes, strlen(z.bytes)));
	TU_EQ(set_owned(b, "a", &z, "t2", "t2", NULL), TC_OK);
	TU_EQ(z.refs, 1);
	TU_EQ(set_owned(b, "a", &y, "t2", "t2", NULL), TC_OK);
	TU_CHECK(z.refs == 0 && y.refs == 1);
	TU_EQ(tag_count(b, "t2"), 1);
	TU_EQ(set_owned(b, "b", &x, "t1", "t3", NULL), TC_OK);
	TU_EQ(set_owned(b, "c", &x, "t3", "t3", NULL), TC_OK);
	TU_EQ(x.refs, 2);
	/* the same owner again: retained before the old entry releases it */
	TU_EQ(set_owned(b, "c", &x, "t3", "t1", NULL), TC_OK);
	TU_EQ(x.refs, 2);
	TU_EQ(tu_flush_tags(b, "t3"), 2);
	TU_EQ(x.refs, 0);
	TU_EQ(tag_count(b, "t1"), 0);
	uint64_t ticket = 0;
	TU_EQ(b->ops->ticket(b, &ticket, &err), TC_OK);
	TU_EQ(tu_flush_tags(b, "t9"), 0);
	TU_EQ(set_owned(b, "d", &z, "t9", "t1", &ticket), TC_STALE);
	TU_EQ(z.refs, 0);
	TU_EQ(b->ops->remove(b, TC_STR_LIT("a"), &err), TC_OK);
	TU_EQ(y.refs, 0);
	TU_EQ(set_owned(b, "a", &y, "t1", "t2", NULL), TC_OK);
	TU_EQ(set_owned(b, "b", &z, "t1", "t2", NULL), TC_OK);
	TU_EQ(b->ops->flush(b, &err), TC_OK);
	TU_CHECK(y.refs == 0 && z.refs == 0);
	TU_EQ(set_owned(b, "a", &y, "t1", "t2", NULL), TC_OK);
	tc_backend_destroy(b);
	TU_EQ(y.refs, 0);
	/* without owner_ops the bytes are copied and nothing is retained */
	b = mem_open(0);
	TU_REQUIRE(b != NULL);
	TU_EQ(set_owned(b, "a", &x, "t1", "t2", NULL), TC_OK);
	TU_EQ(x.refs, 0);
	TU_EQ(tc_memory_backend_peek(b, TC_STR_LIT("a"), &data, &owner), TC_OK);
	TU_CHECK(owner == NULL && data.ptr != x.bytes && memcmp(data.ptr, x.bytes, data.len) == 0);
	tc_backend_destroy(b);
}

void tu_suite_memory(void)
{
	tu_label = "memory";
	tu_suite_semantics(mem_open, mem_close);
	TU_RUN(mem_unsupported);
	TU_RUN(mem_versions);
	TU_RUN(mem_many_entries);
	TU_RUN(mem_callback_may_modify);
	TU_RUN(mem_aux_lifecycle);
	TU_RUN(mem_allocator);
	TU_RUN(mem_owned_payloads);
	tu_label = "";
}
