/* SharedMemoryBackend core: size classes, eviction with tags, the arena restart, oversize
 * refusal, recovery state after a reset. Segments live in a fresh temporary directory. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../src/backend/shm_layout.h"
#include "../../src/tc_shm.h"
#include "tu.h"

static char shm_dir[256];

static tc_backend *shm_open_ns(const char *file, const char *ns, uint64_t size)
{
	char path[400];
	snprintf(path, sizeof(path), "%s/%s", shm_dir, file);
	tc_shm_options o = {.segment = path, .size = size, .name_space = ns};
	tc_backend *b = NULL;
	tc_err err;
	tc_err_clear(&err);
	if (tc_shm_backend_new(&o, &b, &err) != TC_OK) {
		fprintf(stderr, "shm: %s\n", err.msg);
	}
	return b;
}

static void shm_classes(void)
{
	/* Every size fits its class, the class below is too small, waste stays under 25%. */
	for (uint64_t n = 1; n < (1u << 22); n = n * 3 / 2 + 1) {
		unsigned c;
		TU_REQUIRE(tc_shm_class_of(n, &c) == 0);
		uint64_t sz = tc_shm_class_size(c);
		TU_CHECK(sz >= n);
		TU_CHECK(c == 0 || tc_shm_class_size(c - 1) < n);
		TU_CHECK(n <= 64 || (sz - n) * 4 < sz);
	}
	unsigned c;
	TU_CHECK(tc_shm_class_of(UINT64_MAX / 2, &c) != 0);
}

static void shm_eviction_keeps_tags_sound(void)
{
	tc_backend *b = shm_open_ns("evict", "a:one", 1 << 20);
	TU_REQUIRE(b);
	char id[32], data[3000];
	memset(data, 'd', sizeof(data) - 1);
	data[sizeof(data) - 1] = 0;
	for (int i = 0; i < 2000; i++) {
		snprintf(id, sizeof(id), "e%d", i);
		TU_EQ(tu_set(b, id, data, i % 2 ? "odd all" : "even all", 0), TC_OK);
	}
	tc_shm_stats s;
	tc_err err;
	TU_EQ(tc_shm_backend_stats(b, &s, &err), TC_OK);
	TU_CHECK(s.evictions > 0);
	TU_EQ(s.orphan_tags, 0);
	TU_CHECK(s.cache_entries > 0 && s.cache_entries < 2000);
	/* The newest entry survived; the oldest went. */
	TU_CHECK(tu_get_is(b, "e1999", data, strlen(data)));
	tu_buf out;
	TU_EQ(tu_get(b, "e0", &out), TC_MISS);
	/* Flushing a tag removes exactly the live entries carrying it. */
	long odd = tu_flush_tags(b, "odd");
	TU_CHECK(odd > 0);
	TU_EQ(tc_shm_backend_stats(b, &s, &err), TC_OK);
	TU_EQ(s.orphan_tags, 0);
	TU_EQ(s.cache_tags, 2); /* even, all */
	TU_EQ(b->ops->flush(b, &err), TC_OK);
	TU_EQ(tc_shm_backend_stats(b, &s, &err), TC_OK);
	TU_EQ(s.entries, 0);
	TU_EQ(s.bytes_used, 0);
	TU_EQ(s.cache_tags, 0);
	tc_backend_destroy(b);
}

static void shm_arena_restarts_for_another_size_mix(void)
{
	tc_backend *b = shm_open_ns("mix", "a:mix", 1 << 20);
	TU_REQUIRE(b);
	char id[32];
	/* Fill with small entries, then ask for large ones: eviction must make room. */
	for (int i = 0; i < 20000; i++) {
		snprintf(id, sizeof(id), "s%d", i);
		TU_EQ(tu_set(b, id, "small", "t", 0), TC_OK);
	}
	size_t big = 300000;
	char *data = malloc(big + 1);
	TU_REQUIRE(data);
	memset(data, 'b', big);
	data[big] = 0;
	for (int i = 0; i < 4; i++) {
		snprintf(id, sizeof(id), "b%d", i);
		TU_EQ(tu_set(b, id, data, "t big", 0), TC_OK);
		TU_CHECK(tu_get_is(b, id, data, big));
	}
	tc_shm_stats s;
	tc_err err;
	TU_EQ(tc_shm_backend_stats(b, &s, &err), TC_OK);
	TU_EQ(s.orphan_tags, 0);
	free(data);
	/* Larger than the arena: refused, nothing else changes. */
	size_t huge = 1 << 20;
	data = malloc(huge);
	TU_REQUIRE(data);
	memset(data, 'h', huge);
	tc_err_clear(&err);
	tc_status st = b->ops->set(b, TC_STR_LIT("huge"), (tc_str){data, huge}, NULL, 0, 0,
	                           TC_KIND_DATA, &err);
	TU_EQ(st, TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "does not fit") != NULL);
	free(data);
	tc_backend_destroy(b);
}

static void shm_namespaces_apart(void)
{
	tc_backend *a = shm_open_ns("ns", "app:A", 1 << 20);
	tc_backend *b = shm_open_ns("ns", "app:B", 1 << 20);
	TU_REQUIRE(a && b);
	tc_err err;
	TU_EQ(tu_set(a, "k", "A", "t", 0), TC_OK);
	TU_EQ(tu_set(b, "k", "B", "t", 0), TC_OK);
	TU_EQ(tu_flush_tags(a, "t"), 1);
	TU_CHECK(tu_get_is(b, "k", "B", 1));
	TU_EQ(a->ops->flush(a, &err), TC_OK);
	TU_CHECK(tu_get_is(b, "k", "B", 1));
	/* A reset (what recovery does) drops entries and makes older tickets stale. */
	uint64_t t;
	TU_EQ(b->ops->ticket(b, &t, &err), TC_OK);
	tc_shm_reset(SHM_HDR((shm_backend *)b));
	tu_buf out;
	TU_EQ(tu_get(b, "k", &out), TC_MISS);
	TU_EQ(b->ops->check_ticket(b, t, TC_STR_LIT("k"), NULL, 0, &err), TC_STALE);
	tc_backend_destroy(a);
	tc_backend_destroy(b);
}

void tu_suite_shm(void)
{
	snprintf(shm_dir, sizeof(shm_dir), "%s/tagcache-unit-shm-XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(shm_dir)) {
		tu_fail(__FILE__, __LINE__, "mkdtemp");
		return;
	}
	TU_RUN(shm_classes);
	TU_RUN(shm_eviction_keeps_tags_sound);
	TU_RUN(shm_arena_restarts_for_another_size_mix);
	TU_RUN(shm_namespaces_apart);
	const char *files[] = {"evict", "mix", "ns"};
	char path[400];
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", shm_dir, files[i]);
		unlink(path);
	}
	rmdir(shm_dir);
}
