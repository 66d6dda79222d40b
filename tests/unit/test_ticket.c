/* Write tickets: the rules on the file and memory backends, the shared epochs file (slots,
 * replacement of a broken file), and the set/flush interleaving raced by two threads, each with
 * its own file backend object on one directory (as two processes would be). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tu.h"
#include "../../src/backend/epoch_slot.h"

static tc_str S(const char *s)
{
	return (tc_str){s, strlen(s)};
}

static tc_backend *open_file(const char *dir)
{
	tc_file_options o = {0};
	o.directory = dir;
	tc_backend *b = NULL;
	tc_err err;
	tc_err_clear(&err);
	if (tc_file_backend_new(&o, &b, &err) != TC_OK) {
		fprintf(stderr, "  file backend: %s\n", err.msg);
	}
	return b;
}

static tc_backend *open_memory(void)
{
	tc_backend *b = NULL;
	tc_err err;
	tc_err_clear(&err);
	tc_memory_backend_new(NULL, &b, &err);
	return b;
}

static uint64_t ticket_of(tc_backend *b)
{
	uint64_t t = 0;
	tc_err err;
	tc_err_clear(&err);
	TU_CHECK(b->ops->ticket(b, &t, &err) == TC_OK);
	return t;
}

static tc_status get_status(tc_backend *b, const char *id)
{
	tu_buf got;
	tc_status st = tu_get(b, id, &got);
	tu_buf_free(&got);
	return st;
}

static tc_status tset(tc_backend *b, const char *id, const char *data, const char *tag, uint64_t t)
{
	tc_err err;
	tc_err_clear(&err);
	tc_str tags[1] = {S(tag ? tag : "")};
	return b->ops->set_ticketed(b, S(id), S(data), tags, tag ? 1 : 0, 0, TC_KIND_DATA, t, &err);
}

/* The rules every backend with tickets keeps; other is a second handle on the same store. */
static void rules(tc_backend *b, tc_backend *other)
{
	tc_err err;
	tc_err_clear(&err);
	TU_REQUIRE(b && other && (b->ops->caps & TC_CAP_TICKET));
	uint64_t t = ticket_of(b);
	TU_EQ(tu_flush_tags(other, "news"), 0);
	TU_EQ(tset(b, "a", "x", "news", t), TC_STALE);
	TU_EQ(get_status(b, "a"), TC_MISS);
	TU_EQ(b->ops->check_ticket(b, t, S("a"), (tc_str[]){S("news")}, 1, &err), TC_STALE);
	TU_EQ(b->ops->check_ticket(b, t, S("a"), (tc_str[]){S("other")}, 1, &err), TC_OK);
	TU_EQ(tset(b, "a", "x", "other", t), TC_OK);
	TU_CHECK(tu_get_is(b, "a", "x", 1));
	t = ticket_of(b);
	other->ops->remove(other, S("a"), &err);
	TU_EQ(tset(b, "a", "y", NULL, t), TC_STALE);
	TU_EQ(get_status(b, "a"), TC_MISS);
	t = ticket_of(b);
	other->ops->flush(other, &err);
	TU_EQ(tset(b, "b", "y", NULL, t), TC_STALE);
	t = ticket_of(b);
	TU_EQ(tset(b, "b", "z", "news", t), TC_OK);
	TU_CHECK(tu_get_is(b, "b", "z", 1));
	/* a dropped write leaves the older entry and its tag */
	t = ticket_of(b);
	tu_flush_tags(other, "fresh");
	TU_EQ(tset(b, "b", "new", "fresh", t), TC_STALE);
	TU_CHECK(tu_get_is(b, "b", "z", 1));
	tu_ids ids;
	TU_EQ(tu_find(b, "news", &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "b") == 0);
	TU_EQ(tu_find(b, "fresh", &ids), TC_OK);
	TU_EQ(ids.count, 0);
}

static void test_rules_file(void)
{
	char *dir = tu_tempdir();
	tc_backend *a = open_file(dir), *b = open_file(dir);
	rules(a, b);
	tc_backend_destroy(a);
	tc_backend_destroy(b);
	tu_rmtree(dir);
}

static void test_rules_memory(void)
{
	tc_backend *m = open_memory();
	rules(m, m);
	tc_backend_destroy(m);
}

/* Names in one slot drop each other's writes, never store stale: find a colliding tag. */
static void test_slot_collision_drops(void)
{
	char other[32];
	unsigned want = tc_epoch_slot('t', S("news"));
	int found = 0;
	for (int i = 0; i < 1000000 && !found; i++) {
		snprintf(other, sizeof(other), "x%d", i);
		found = tc_epoch_slot('t', S(other)) == want;
	}
	TU_REQUIRE(found);
	char *dir = tu_tempdir();
	tc_backend *b = open_file(dir);
	uint64_t t = ticket_of(b);
	tu_flush_tags(b, other);
	TU_EQ(tset(b, "a", "x", "news", t), TC_STALE);
	tc_backend_destroy(b);
	tu_rmtree(dir);
}

/* The epochs file replaced by another writer (rename) is noticed; a short one is replaced. */
static void test_epochs_file_replaced(void)
{
	char *dir = tu_tempdir();
	tc_backend *b = open_file(dir);
	TU_REQUIRE(b);
	uint64_t t = ticket_of(b);
	char path[1024];
	snprintf(path, sizeof(path), "%s/epochs", dir);
	TU_CHECK(tu_write_file(path, "short", 5) == 0);
	TU_EQ(tset(b, "a", "x", NULL, t), TC_STALE); /* the new file's floor is newer */
	t = ticket_of(b);
	TU_EQ(tset(b, "a", "x", NULL, t), TC_OK);
	tc_backend_destroy(b);
	tu_rmtree(dir);
}

/* Two threads, two backend objects on one directory: the writer bumps a version and then
 * flushes tag T; the reader takes a ticket, reads the version, stores it tagged T. After each
 * flush returns, no readable value may be older than the version that flush was for. */
typedef struct {
	const char *dir;
	volatile int version;
	volatile int done;
	int stale;
	int stored, dropped;
} race;

static void *race_reader(void *p)
{
	race *r = p;
	tc_backend *b = open_file(r->dir);
	unsigned n = 0;
	while (b && !__atomic_load_n(&r->done, __ATOMIC_SEQ_CST)) {
		uint64_t t = ticket_of(b);
		char v[16];
		snprintf(v, sizeof(v), "%d", __atomic_load_n(&r->version, __ATOMIC_SEQ_CST));
		/* widen the window between the read and the write on a fixed pattern (no seed) */
		if (++n % 3 == 0) {
			usleep((useconds_t)(n * 37 % 200));
		}
		tset(b, "item", v, "T", t) == TC_OK ? r->stored++ : r->dropped++;
	}
	tc_backend_destroy(b);
	return NULL;
}

static void test_race_threads(void)
{
	race r = {0};
	char *dir = tu_tempdir();
	r.dir = dir;
	tc_backend *w = open_file(dir);
	TU_REQUIRE(w);
	pthread_t th;
	TU_REQUIRE(pthread_create(&th, NULL, race_reader, &r) == 0);
	for (int v = 1; v <= 1000; v++) {
		__atomic_store_n(&r.version, v, __ATOMIC_SEQ_CST);
		tu_flush_tags(w, "T");
		/* checked at once and again after a pause (a fixed pattern), so that a late write of
		 * a value read before this flush would be seen */
		for (int k = 0; k < 2; k++) {
			tu_buf got = {0};
			if (tu_get(w, "item", &got) == TC_OK) {
				char buf[16] = {0};
				memcpy(buf, got.buf, got.len < 15 ? got.len : 15);
				if (atoi(buf) < v) {
					r.stale++;
				}
			}
			tu_buf_free(&got);
			if (k == 0) {
				usleep((useconds_t)(v * 53 % 300));
			}
		}
	}
	__atomic_store_n(&r.done, 1, __ATOMIC_SEQ_CST);
	pthread_join(th, NULL);
	TU_EQ(r.stale, 0);
	TU_CHECK(r.stored > 0);
	tc_backend_destroy(w);
	tu_rmtree(dir);
}

void tu_suite_tickets(void)
{
	TU_RUN(test_rules_file);
	TU_RUN(test_rules_memory);
	TU_RUN(test_slot_collision_drops);
	TU_RUN(test_epochs_file_replaced);
	TU_RUN(test_race_threads);
}
