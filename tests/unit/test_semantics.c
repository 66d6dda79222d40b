/* Cache semantics every tagged backend with lifetimes must show (file, memory, Redis).
 * Backends whose store keeps time itself (Redis) cannot follow the fake clock: for them
 * the expiry checks run on real time with 1- and 2-second lifetimes. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tu.h"

static tc_backend *(*sem_open)(int64_t default_lifetime);
static void (*sem_close)(tc_backend *b);
static int sem_flags;

static void sem_sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) != 0) {
	}
}

static void sem_round_trip(void)
{
	tc_backend *b = sem_open(0);
	TU_REQUIRE(b);
	TU_EQ(tu_set(b, "a", "hello", "", TC_LIFETIME_DEFAULT), TC_OK);
	TU_CHECK(tu_get_is(b, "a", "hello", 5));
	tc_err err;
	TU_EQ(b->ops->has(b, TC_STR_LIT("a"), &err), TC_OK);
	TU_EQ(b->ops->has(b, TC_STR_LIT("nope"), &err), TC_MISS);
	tu_buf out;
	TU_EQ(tu_get(b, "nope", &out), TC_MISS);
	TU_EQ(out.calls, 0);
	tu_buf_free(&out);
	TU_EQ(tu_set(b, "a", "second value", "", TC_LIFETIME_DEFAULT), TC_OK);
	TU_CHECK(tu_get_is(b, "a", "second value", 12));
	sem_close(b);
}

static void sem_binary_and_empty(void)
{
	tc_backend *b = sem_open(0);
	TU_REQUIRE(b);
	const char bin[] = "a\0b\nc\r\n\0?>\xff\xfe<?php";
	TU_EQ(tu_set_kind(b, "bin", bin, sizeof(bin), "t", 0, TC_KIND_DATA), TC_OK);
	TU_CHECK(tu_get_is(b, "bin", bin, sizeof(bin)));
	TU_EQ(tu_set_kind(b, "empty", "", 0, "t", 0, TC_KIND_DATA), TC_OK);
	tu_buf out;
	TU_EQ(tu_get(b, "empty", &out), TC_OK);
	TU_EQ(out.len, 0);
	TU_EQ(out.calls, 1);
	tu_buf_free(&out);
	/* Larger than the first read of a file entry. */
	size_t big = 300000;
	char *p = malloc(big);
	for (size_t i = 0; i < big; i++) {
		p[i] = (char)(i * 7 + 3);
	}
	TU_EQ(tu_set_kind(b, "big", p, big, "t u", 0, TC_KIND_DATA), TC_OK);
	TU_CHECK(tu_get_is(b, "big", p, big));
	/* Just around the 4 KiB boundary. */
	for (size_t len = 4000; len < 4200; len += 7) {
		TU_EQ(tu_set_kind(b, "edge", p, len, "t", 0, TC_KIND_DATA), TC_OK);
		TU_CHECK(tu_get_is(b, "edge", p, len));
	}
	free(p);
	sem_close(b);
}

static void sem_identifier_charset(void)
{
	tc_backend *b = sem_open(0);
	TU_REQUIRE(b);
	char longid[251];
	memset(longid, 'x', 250);
	longid[250] = '\0';
	TU_EQ(tu_set(b, longid, "v", longid, 0), TC_OK);
	TU_CHECK(tu_get_is(b, longid, "v", 1));
	tu_ids ids;
	TU_EQ(tu_find(b, longid, &ids), TC_OK);
	TU_EQ(ids.count, 1);
	TU_EQ(tu_set(b, "a%b&c_d-e", "w", "t%1&_-", 0), TC_OK);
	TU_CHECK(tu_get_is(b, "a%b&c_d-e", "w", 1));
	TU_EQ(tu_find(b, "t%1&_-", &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "a%b&c_d-e") == 0);
	sem_close(b);
}

static void sem_reset_drops_old_tags(void)
{
	tc_backend *b = sem_open(0);
	TU_REQUIRE(b);
	TU_EQ(tu_set(b, "a", "1", "t1 t2", 0), TC_OK);
	TU_EQ(tu_set(b, "a", "2", "t2 t3", 0), TC_OK);
	tu_ids ids;
	TU_EQ(tu_find(b, "t1", &ids), TC_OK);
	TU_EQ(ids.count, 0);
	TU_EQ(tu_find(b, "t2", &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "a") == 0);
	TU_EQ(tu_find(b, "t3", &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "a") == 0);
	TU_EQ(tu_flush_tags(b, "t1"), 0);
	TU_CHECK(tu_get_is(b, "a", "2", 1));
	/* Same tags again: still found. */
	TU_EQ(tu_set(b, "a", "3", "t3 t2", 0), TC_OK);
	TU_EQ(tu_find(b, "t2", &ids), TC_OK);
	TU_EQ(ids.count, 1);
	/* No tags at all: gone from every tag. */
	TU_EQ(tu_set(b, "a", "4", "", 0), TC_OK);
	TU_EQ(tu_find(b, "t2", &ids), TC_OK);
	TU_EQ(ids.count, 0);
	TU_EQ(tu_flush_tags(b, "t2 t3"), 0);
	TU_CHECK(tu_get_is(b, "a", "4", 1));
	sem_close(b);
}

static void sem_duplicate_tags_collapse(void)
{
	tc_backend *b = sem_open(0);
	TU_REQUIRE(b);
	TU_EQ(tu_set(b, "a", "1", "t t t u t", 0), TC_OK);
	tu_ids ids;
	TU_EQ(tu_find(b, "t", &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "a") == 0);
	TU_EQ(tu_set(b, "a", "1", "u u", 0), TC_OK);
	TU_EQ(tu_find(b, "t", &ids), TC_OK);
	TU_EQ(ids.count, 0);
	TU_EQ(tu_flush_tags(b, "u u"), 1);
	TU_EQ(tu_get_is(b, "a", "1", 1), 0);
	sem_close(b);
}

static void sem_overlapping_flush_counts_once(void)
{
	tc_backend *b = sem_open(0);
	TU_REQUIRE(b);
	TU_EQ(tu_set(b, "a", "1", "x y", 0), TC_OK);
	TU_EQ(tu_set(b, "b", "1", "y z", 0), TC_OK);
	TU_EQ(tu_set(b, "c", "1", "z", 0), TC_OK);
	TU_EQ(tu_set(b, "d", "1", "w", 0), TC_OK);
	TU_EQ(tu_set(b, "e", "1", "", 0), TC_OK);
	TU_EQ(tu_flush_tags(b, "x y z"), 3);
	tu_ids ids;
	TU_EQ(tu_list(b, &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "d e") == 0);
	TU_EQ(tu_flush_tags(b, "x y z"), 0);
	TU_EQ(tu_flush_tags(b, "nosuchtag"), 0);
	TU_EQ(tu_flush_tags(b, "w w"), 1);
	TU_EQ(tu_list(b, &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "e") == 0);
	sem_close(b);
}

static void sem_remove(void)
{
	tc_backend *b = sem_open(0);
	TU_REQUIRE(b);
	tc_err err;
	TU_EQ(tu_set(b, "a", "1", "t", 0), TC_OK);
	TU_EQ(b->ops->remove(b, TC_STR_LIT("a"), &err), TC_OK);
	TU_EQ(b->ops->remove(b, TC_STR_LIT("a"), &err), TC_MISS);
	TU_EQ(b->ops->remove(b, TC_STR_LIT("never"), &err), TC_MISS);
	TU_EQ(b->ops->has(b, TC_STR_LIT("a"), &err), TC_MISS);
	tu_ids ids;
	TU_EQ(tu_find(b, "t", &ids), TC_OK);
	TU_EQ(ids.count, 0);
	TU_EQ(tu_flush_tags(b, "t"), 0);
	sem_close(b);
}

static void sem_flush_and_list(void)
{
	tc_backend *b = sem_open(0);
	TU_REQUIRE(b);
	tc_err err;
	tu_ids ids;
	TU_EQ(tu_list(b, &ids), TC_OK);
	TU_EQ(ids.count, 0);
	TU_EQ(tu_set(b, "c", "1", "t", 0), TC_OK);
	TU_EQ(tu_set(b, "a", "1", "t u", 0), TC_OK);
	TU_EQ(tu_set(b, "b", "1", "", 0), TC_OK);
	TU_EQ(tu_list(b, &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "a b c") == 0);
	TU_EQ(b->ops->flush(b, &err), TC_OK);
	TU_EQ(tu_list(b, &ids), TC_OK);
	TU_EQ(ids.count, 0);
	TU_EQ(tu_find(b, "t", &ids), TC_OK);
	TU_EQ(ids.count, 0);
	TU_EQ(b->ops->has(b, TC_STR_LIT("a"), &err), TC_MISS);
	TU_EQ(b->ops->flush(b, &err), TC_OK);
	/* Usable after a flush. */
	TU_EQ(tu_set(b, "a", "again", "t", 0), TC_OK);
	TU_CHECK(tu_get_is(b, "a", "again", 5));
	TU_EQ(tu_find(b, "t", &ids), TC_OK);
	TU_EQ(ids.count, 1);
	sem_close(b);
}

static int sem_stop_after_one(void *ud, const char *id, size_t len)
{
	(void)id;
	(void)len;
	(*(int *)ud)++;
	return 1;
}

static void sem_callback_stops(void)
{
	tc_backend *b = sem_open(0);
	TU_REQUIRE(b);
	tc_err err;
	for (int i = 0; i < 5; i++) {
		char id[8];
		snprintf(id, sizeof(id), "k%d", i);
		TU_EQ(tu_set(b, id, "v", "t", 0), TC_OK);
	}
	int calls = 0;
	TU_EQ(b->ops->list_ids(b, sem_stop_after_one, &calls, &err), TC_OK);
	TU_EQ(calls, 1);
	calls = 0;
	TU_EQ(b->ops->find_ids_by_tag(b, TC_STR_LIT("t"), sem_stop_after_one, &calls, &err), TC_OK);
	TU_EQ(calls, 1);
	sem_close(b);
}

static void sem_expiry(void)
{
	tu_fake_clock(1700000000);
	tc_backend *b = sem_open(5);
	TU_REQUIRE(b);
	tc_err err;
	TU_EQ(tu_set(b, "ten", "1", "t", 10), TC_OK);
	TU_EQ(tu_set(b, "never", "1", "t", 0), TC_OK);
	TU_EQ(tu_set(b, "dflt", "1", "t", TC_LIFETIME_DEFAULT), TC_OK);
	tu_ids ids;
	tu_time += 5; /* now = start + 5: a lifetime lasts at least its seconds */
	TU_EQ(tu_list(b, &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "dflt never ten") == 0);
	tu_time += 1; /* now = start + 6: the default lifetime is over */
	TU_EQ(b->ops->has(b, TC_STR_LIT("dflt"), &err), TC_MISS);
	TU_EQ(tu_get_is(b, "dflt", "1", 1), 0);
	TU_EQ(tu_list(b, &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "never ten") == 0);
	TU_EQ(tu_find(b, "t", &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "never ten") == 0);
	tu_time += 4; /* start + 10 */
	TU_CHECK(tu_get_is(b, "ten", "1", 1));
	tu_time += 1;
	TU_EQ(b->ops->has(b, TC_STR_LIT("ten"), &err), TC_MISS);
	TU_EQ(tu_find(b, "t", &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "never") == 0);
	/* Removing an expired entry is a miss; flushing counts live entries only. */
	TU_EQ(b->ops->remove(b, TC_STR_LIT("ten"), &err), TC_MISS);
	TU_EQ(tu_flush_tags(b, "t"), 1);
	TU_EQ(tu_list(b, &ids), TC_OK);
	TU_EQ(ids.count, 0);
	/* An expired entry set again is live again. */
	TU_EQ(tu_set(b, "dflt", "2", "t", 100), TC_OK);
	TU_CHECK(tu_get_is(b, "dflt", "2", 1));
	sem_close(b);
}

/* sem_expiry on real time, for stores that keep time themselves. */
static void sem_expiry_store_clock(void)
{
	tc_backend *b = sem_open(1);
	TU_REQUIRE(b);
	tc_err err;
	TU_EQ(tu_set(b, "two", "1", "t", 2), TC_OK);
	TU_EQ(tu_set(b, "never", "1", "t", 0), TC_OK);
	TU_EQ(tu_set(b, "dflt", "1", "t", TC_LIFETIME_DEFAULT), TC_OK);
	tu_ids ids;
	TU_EQ(tu_list(b, &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "dflt never two") == 0);
	sem_sleep_ms(1200); /* the default lifetime is over */
	TU_EQ(b->ops->has(b, TC_STR_LIT("dflt"), &err), TC_MISS);
	TU_EQ(tu_get_is(b, "dflt", "1", 1), 0);
	TU_EQ(tu_list(b, &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "never two") == 0);
	TU_EQ(tu_find(b, "t", &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "never two") == 0);
	TU_CHECK(tu_get_is(b, "two", "1", 1));
	sem_sleep_ms(1000);
	TU_EQ(b->ops->has(b, TC_STR_LIT("two"), &err), TC_MISS);
	TU_EQ(tu_find(b, "t", &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "never") == 0);
	TU_EQ(b->ops->remove(b, TC_STR_LIT("two"), &err), TC_MISS);
	TU_EQ(tu_flush_tags(b, "t"), 1);
	TU_EQ(tu_list(b, &ids), TC_OK);
	TU_EQ(ids.count, 0);
	TU_EQ(tu_set(b, "dflt", "2", "t", 100), TC_OK);
	TU_CHECK(tu_get_is(b, "dflt", "2", 1));
	sem_close(b);
}

static void sem_lifetime_errors(void)
{
	tu_fake_clock(1700000000);
	tc_backend *b = sem_open(0);
	TU_REQUIRE(b);
	tc_err err;
	tc_err_clear(&err);
	tc_status st = b->ops->set(b, TC_STR_LIT("a"), TC_STR_LIT("v"), NULL, 0, INT64_MAX,
	                           TC_KIND_DATA, &err);
	TU_EQ(st, TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "9223372036854775807") != NULL);
	st = b->ops->set(b, TC_STR_LIT("a"), TC_STR_LIT("v"), NULL, 0, -5, TC_KIND_DATA, &err);
	TU_EQ(st, TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "-5") != NULL);
	TU_EQ(b->ops->has(b, TC_STR_LIT("a"), &err), TC_MISS);
	sem_close(b);
}

static void sem_gc_removes_expired(void)
{
	tu_fake_clock(1700000000);
	tc_backend *b = sem_open(0);
	TU_REQUIRE(b);
	tc_err err;
	TU_EQ(tu_set(b, "old", "1", "t", 1), TC_OK);
	TU_EQ(tu_set(b, "new", "1", "t", 100), TC_OK);
	tu_time += 2;
	TU_EQ(b->ops->collect_garbage(b, &err), TC_OK);
	tu_ids ids;
	TU_EQ(tu_find(b, "t", &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "new") == 0);
	/* Moving the clock back would revive an entry gc had skipped: this one must be gone. */
	tu_time -= 2;
	TU_EQ(b->ops->has(b, TC_STR_LIT("old"), &err), TC_MISS);
	TU_EQ(b->ops->has(b, TC_STR_LIT("new"), &err), TC_OK);
	sem_close(b);
}

/* sem_gc_removes_expired on real time. */
static void sem_gc_store_clock(void)
{
	tc_backend *b = sem_open(0);
	TU_REQUIRE(b);
	tc_err err;
	TU_EQ(tu_set(b, "old", "1", "t", 1), TC_OK);
	TU_EQ(tu_set(b, "new", "1", "t", 100), TC_OK);
	sem_sleep_ms(1200);
	TU_EQ(b->ops->collect_garbage(b, &err), TC_OK);
	tu_ids ids;
	TU_EQ(tu_find(b, "t", &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "new") == 0);
	TU_EQ(b->ops->has(b, TC_STR_LIT("old"), &err), TC_MISS);
	TU_EQ(b->ops->has(b, TC_STR_LIT("new"), &err), TC_OK);
	sem_close(b);
}

void tu_suite_semantics_flags(tc_backend *(*open)(int64_t), void (*close)(tc_backend *),
                              int flags);

void tu_suite_semantics(tc_backend *(*open)(int64_t), void (*close)(tc_backend *))
{
	tu_suite_semantics_flags(open, close, 0);
}

void tu_suite_semantics_flags(tc_backend *(*open)(int64_t), void (*close)(tc_backend *),
                              int flags)
{
	sem_open = open;
	sem_close = close;
	sem_flags = flags;
	TU_RUN(sem_round_trip);
	TU_RUN(sem_binary_and_empty);
	TU_RUN(sem_identifier_charset);
	TU_RUN(sem_reset_drops_old_tags);
	TU_RUN(sem_duplicate_tags_collapse);
	TU_RUN(sem_overlapping_flush_counts_once);
	TU_RUN(sem_remove);
	TU_RUN(sem_flush_and_list);
	TU_RUN(sem_callback_stops);
	if (sem_flags & TU_SEM_STORE_CLOCK) {
		TU_RUN(sem_expiry_store_clock);
		TU_RUN(sem_lifetime_errors);
		TU_RUN(sem_gc_store_clock);
	} else {
		TU_RUN(sem_expiry);
		TU_RUN(sem_lifetime_errors);
		TU_RUN(sem_gc_removes_expired);
	}
}
