/* Identifier rule, clock, error context, allocator hook and tag de-duplication. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tu.h"
#include "../../src/tc_alloc.h"
#include "../../src/tc_clock.h"
#include "../../src/tc_ident.h"
#include "../../src/tc_strlist.h"

static void core_ident_rule(void)
{
	char s[260];
	memset(s, 'a', sizeof(s));
	TU_CHECK(tc_ident_valid(s, 250));
	TU_CHECK(!tc_ident_valid(s, 251));
	TU_CHECK(tc_ident_valid(s, 1));
	TU_CHECK(!tc_ident_valid(s, 0));
	TU_CHECK(!tc_ident_valid("", 0));
	TU_CHECK(tc_ident_valid("azAZ09_%-&", 10));
	TU_CHECK(tc_ident_valid("%", 1));
	TU_CHECK(tc_ident_valid("&", 1));
	TU_CHECK(tc_ident_valid("_", 1));
	TU_CHECK(tc_ident_valid("-", 1));
	const char *bad[] = {"a/b", "a.b", ".", "..", "a:b", "a b", "a\tb", "\xc3\xa9", "a\\b",
	                     "a?b", "a>b", "a*b", "a+b", "a=b", "a'b", "a\"b", "a,b", "a|b"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		TU_CHECK(!tc_ident_valid(bad[i], strlen(bad[i])));
	}
	TU_CHECK(!tc_ident_valid("a\0b", 3));
	TU_CHECK(!tc_ident_valid(NULL, 1));
}

static void core_clock(void)
{
	tu_fake_clock(1000);
	TU_EQ(tc_now(), 1000);
	TU_EQ(tc_expiry_for(0), 0);
	TU_EQ(tc_expiry_for(10), 1010);
	TU_EQ(tc_expiry_for(INT64_MAX), -1);
	TU_EQ(tc_expiry_for(INT64_MAX - 1000), INT64_MAX);
	TU_EQ(tc_expiry_for(-1), -1);
	TU_CHECK(!tc_is_expired(0));
	TU_CHECK(!tc_is_expired(1001));
	TU_CHECK(!tc_is_expired(1000)); /* lives at least its lifetime: expired once now passes it */
	TU_CHECK(tc_is_expired(999));
	tu_real_clock();
	TU_CHECK(tc_now() > 1600000000);
}

static void core_err(void)
{
	tc_err err;
	tc_err_clear(&err);
	TU_EQ(err.code, TC_OK);
	TU_EQ(err.msg[0], '\0');
	TU_EQ(tc_err_set(&err, TC_ERR_ARG, "value %d is bad", 7), TC_ERR_ARG);
	TU_EQ(err.code, TC_ERR_ARG);
	TU_CHECK(strcmp(err.msg, "value 7 is bad") == 0);
	TU_EQ(tc_err_errno(&err, TC_ERR_IO, EACCES, "cannot create directory %s", "/x/y"), TC_ERR_IO);
	char want[256];
	snprintf(want, sizeof(want), "cannot create directory /x/y: %s", strerror(EACCES));
	TU_CHECK(strcmp(err.msg, want) == 0);
	/* A long message is cut, never overflows. */
	char longs[2000];
	memset(longs, 'x', sizeof(longs) - 1);
	longs[sizeof(longs) - 1] = '\0';
	tc_err_errno(&err, TC_ERR_IO, ENOENT, "%s", longs);
	TU_EQ(strlen(err.msg), sizeof(err.msg) - 1);
	TU_EQ(tc_err_set(NULL, TC_ERR_IO, "ignored"), TC_ERR_IO);
}

static int core_allocs;
static void *core_malloc(size_t n)
{
	core_allocs++;
	return malloc(n);
}
static void *core_realloc(void *p, size_t n)
{
	core_allocs++;
	return realloc(p, n);
}
static void *core_fail_malloc(size_t n)
{
	(void)n;
	return NULL;
}

static void core_allocator_hook(void)
{
	tc_allocator a = {core_malloc, core_realloc, free};
	tc_set_allocator(&a);
	core_allocs = 0;
	char *s = tc_strndup("hello world", 5);
	TU_CHECK(s && strcmp(s, "hello") == 0);
	s = tc_realloc(s, 100);
	int *z = tc_calloc(10, sizeof(int));
	TU_CHECK(z && z[9] == 0);
	TU_EQ(core_allocs, 3);
	TU_CHECK(tc_calloc((size_t)-1, 16) == NULL);
	tc_free(s);
	tc_free(z);
	tc_free(NULL);
	/* Memory backend creation fails cleanly without memory. */
	tc_allocator none = {core_fail_malloc, core_realloc, free};
	tc_set_allocator(&none);
	tc_backend *b = NULL;
	tc_err err;
	tc_err_clear(&err);
	TU_EQ(tc_memory_backend_new(NULL, &b, &err), TC_ERR_NOMEM);
	TU_CHECK(b == NULL);
	tc_set_allocator(NULL);
	s = tc_strndup("x", 1);
	TU_CHECK(s != NULL);
	tc_free(s);
}

/* tc_str_unique against the scan it replaced, on random lists (tokens from a small pool, so
 * repeats abound; the empty string too), hashed (more than 16) and scanned, and with no memory
 * for the hash table. The seed is printed; TAGCACHE_SEED replays it. */
static void core_str_unique(void)
{
	const char *env = getenv("TAGCACHE_SEED");
	unsigned seed = env ? (unsigned)strtoul(env, NULL, 10) : (unsigned)time(NULL);
	printf("core_str_unique: seed %u (TAGCACHE_SEED=%u replays it)\n", seed, seed);
	srand(seed);
	static char pool[64][8];
	for (int i = 0; i < 64; i++) {
		snprintf(pool[i], sizeof(pool[i]), "%.*s%d", i % 3, "ab", i);
	}
	pool[0][0] = '\0';
	static tc_str list[3000], want[3000];
	for (int round = 0; round < 200; round++) {
		size_t n = round < 100 ? (size_t)(rand() % 40) : (size_t)(rand() % 3000);
		size_t distinct = 1 + (size_t)(rand() % 64);
		for (size_t i = 0; i < n; i++) {
			const char *p = pool[rand() % distinct];
			list[i] = (tc_str){p, strlen(p)};
		}
		size_t nw = 0;
		for (size_t i = 0; i < n; i++) {
			if (!tc_str_in(want, nw, list[i])) {
				want[nw++] = list[i];
			}
		}
		int failing = round % 10 == 9;
		tc_allocator none = {core_fail_malloc, core_realloc, free};
		if (failing) {
			tc_set_allocator(&none);
		}
		size_t nu = tc_str_unique(list, n);
		tc_set_allocator(NULL);
		TU_EQ(nu, nw);
		for (size_t i = 0; i < nu && i < nw; i++) {
			TU_CHECK(list[i].ptr == want[i].ptr);
		}
	}
	/* 70,000 distinct tags: the hashed path keeps them all, in order. */
	static char names[70000][8];
	static tc_str many[70000];
	for (size_t i = 0; i < 70000; i++) {
		snprintf(names[i], sizeof(names[i]), "t%zu", i);
		many[i] = (tc_str){names[i], strlen(names[i])};
	}
	TU_EQ(tc_str_unique(many, 70000), 70000);
	TU_CHECK(many[69999].ptr == names[69999]);
}

void tu_suite_core(void)
{
	TU_RUN(core_ident_rule);
	TU_RUN(core_clock);
	TU_RUN(core_err);
	TU_RUN(core_allocator_hook);
	TU_RUN(core_str_unique);
}
