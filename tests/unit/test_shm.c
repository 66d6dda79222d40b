/* SharedMemoryBackend core: size classes, the block allocator (split, coalescing, free lists
 * after a random sequence and under eviction), eviction with tags, a changing size mix,
 * oversize refusal, recovery state after a reset, lock-free reads racing a writer process.
 * Segments live in a fresh temporary directory. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
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

static uint32_t shm_rand(uint32_t *s);

static uint32_t shm_seed(const char *what)
{
	uint32_t seed = getenv("TU_SHM_SEED") ? (uint32_t)strtoul(getenv("TU_SHM_SEED"), NULL, 10)
	                                      : (uint32_t)time(NULL) ^ (uint32_t)getpid();
	seed |= 1;
	printf("%s: seed %u (replay with TU_SHM_SEED=%u)\n", what, seed, seed);
	fflush(stdout);
	return seed;
}

static shm_block *shm_blk_at(shm_backend *sb, uint64_t room)
{
	return SHM_AT(sb, room - SHM_BLOCK_HDR, shm_block);
}

/* Blocks straight from the allocator (no entries, so nothing is ever evicted): a free block is
 * split for a smaller one, a freed block merges with free neighbours on both sides, a block
 * freed at the top goes back above bump, and after a random sequence of allocations and frees
 * (each block's bytes checked before it is freed) the blocks and free lists are sound. */
static void shm_allocator_blocks(void)
{
	tc_backend *b = shm_open_ns("alloc", "a:alloc", 1 << 20);
	TU_REQUIRE(b);
	shm_backend *sb = (shm_backend *)b;
	shm_header *h = SHM_HDR(sb);
	tc_err err;
	TU_REQUIRE(tc_shm_lock(sb, 1, &err) == 0);
	/* split */
	uint64_t a = tc_shm_alloc(sb, 1000, SHM_TAGHEAD), guard = tc_shm_alloc(sb, 100, SHM_TAGHEAD);
	TU_REQUIRE(a && guard);
	TU_EQ(shm_blk_at(sb, a)->size, 1024); /* 1000 + header, rounded to 16 */
	TU_CHECK(tc_shm_free(h, a) == a - SHM_BLOCK_HDR);
	TU_EQ(h->free_blocks, 1);
	uint64_t c = tc_shm_alloc(sb, 200, SHM_TAGHEAD);
	TU_EQ(c, a);
	TU_EQ(shm_blk_at(sb, c)->size, 224);
	shm_block *rest = SHM_AT(sb, a - SHM_BLOCK_HDR + 224, shm_block);
	TU_EQ(rest->inuse, SHM_FREE);
	TU_EQ(rest->size, 800);
	TU_CHECK(tc_shm_heap_check(sb) == NULL);
	/* coalesce with both neighbours */
	uint64_t p = tc_shm_alloc(sb, 3000, SHM_TAGHEAD), q = tc_shm_alloc(sb, 5000, SHM_TAGHEAD);
	/* top: too big for the 800 bytes left free, so it comes from above bump */
	uint64_t r = tc_shm_alloc(sb, 7000, SHM_TAGHEAD), top = tc_shm_alloc(sb, 2000, SHM_TAGHEAD);
	TU_REQUIRE(p && q && r && top);
	uint64_t psz = shm_blk_at(sb, p)->size, qsz = shm_blk_at(sb, q)->size, rsz = shm_blk_at(sb, r)->size;
	uint64_t before = h->free_blocks;
	tc_shm_free(h, p);
	tc_shm_free(h, r);
	TU_EQ(h->free_blocks, before + 2);
	TU_CHECK(tc_shm_free(h, q) == p - SHM_BLOCK_HDR);
	TU_EQ(h->free_blocks, before + 1);
	TU_EQ(shm_blk_at(sb, p)->size, psz + qsz + rsz);
	TU_EQ(tc_shm_largest_free(h) >= psz + qsz + rsz, 1);
	TU_CHECK(tc_shm_heap_check(sb) == NULL);
	/* the top block goes back above bump, with the free block before it */
	TU_EQ(tc_shm_free(h, top), 0);
	TU_EQ(h->bump, p - SHM_BLOCK_HDR);
	tc_shm_free(h, c);
	tc_shm_free(h, guard);
	TU_EQ(h->bump, h->arena);
	TU_EQ(h->free_blocks, 0);
	TU_EQ(h->used_bytes, 0);
	TU_CHECK(tc_shm_heap_check(sb) == NULL);
	/* a random sequence */
	uint32_t s = shm_seed("shm_allocator_blocks");
	enum { LIVE = 400 };
	uint64_t live[LIVE] = {0}, len[LIVE] = {0};
	long allocs = 0, fails = 0, bad = 0;
	for (int i = 0; i < 40000; i++) {
		unsigned k = shm_rand(&s) % LIVE;
		if (live[k]) {
			const unsigned char *m = SHM_AT(sb, live[k], unsigned char);
			for (uint64_t j = 0; j < len[k]; j++) {
				bad += m[j] != (unsigned char)(k + j);
			}
			tc_shm_free(h, live[k]);
			live[k] = 0;
		} else {
			len[k] = 1 + (shm_rand(&s) % 1000) * (shm_rand(&s) % 2 ? 1 : 20) + shm_rand(&s) % 16;
			live[k] = tc_shm_alloc(sb, len[k], SHM_TAGHEAD);
			if (!live[k]) {
				fails++;
				continue;
			}
			allocs++;
			unsigned char *m = SHM_AT(sb, live[k], unsigned char);
			for (uint64_t j = 0; j < len[k]; j++) {
				m[j] = (unsigned char)(k + j);
			}
		}
		if (i % 200 == 0) {
			const char *why = tc_shm_heap_check(sb);
			if (why) {
				fprintf(stderr, "step %d: %s (seed printed above)\n", i, why);
				TU_REQUIRE(why == NULL);
			}
		}
	}
	TU_EQ(bad, 0);
	TU_CHECK(allocs > 10000);
	TU_CHECK(tc_shm_heap_check(sb) == NULL);
	for (unsigned k = 0; k < LIVE; k++) {
		if (live[k]) {
			tc_shm_free(h, live[k]);
		}
	}
	TU_CHECK(tc_shm_heap_check(sb) == NULL);
	TU_EQ(h->bump, h->arena);
	TU_EQ(h->used_bytes, 0);
	TU_EQ(h->blocks, 0);
	TU_EQ(h->free_blocks, 0);
	tc_shm_unlock(sb);
	(void)fails;
	tc_backend_destroy(b);
}

/* Sets of random sizes with tags through a full segment (runs evicted, tag heads moved out of
 * them): blocks and free lists stay sound, no tag is orphaned, every set is readable. */
static void shm_allocator_under_eviction(void)
{
	tc_backend *b = shm_open_ns("allocev", "a:allocev", 1 << 20);
	TU_REQUIRE(b);
	shm_backend *sb = (shm_backend *)b;
	uint32_t s = shm_seed("shm_allocator_under_eviction");
	static char data[40000];
	memset(data, 'x', sizeof(data) - 1);
	char id[32], tags[64];
	tc_err err;
	long unreadable = 0;
	for (int i = 0; i < 6000; i++) {
		size_t n = 1 + (shm_rand(&s) % 2 ? shm_rand(&s) % 300 : shm_rand(&s) % 30000);
		data[n] = 0;
		snprintf(id, sizeof(id), "e%u", shm_rand(&s) % 3000);
		snprintf(tags, sizeof(tags), "t%u t%u", shm_rand(&s) % 40, shm_rand(&s) % 400);
		TU_EQ(tu_set(b, id, data, shm_rand(&s) % 3 ? tags : "", 0), TC_OK);
		unreadable += !tu_get_is(b, id, data, n);
		data[n] = 'x';
		if (i % 500 == 0) {
			TU_REQUIRE(tc_shm_lock(sb, 0, &err) == 0);
			const char *why = tc_shm_heap_check(sb);
			tc_shm_unlock(sb);
			if (why) {
				fprintf(stderr, "set %d: %s (seed printed above)\n", i, why);
				TU_REQUIRE(why == NULL);
			}
		}
	}
	TU_EQ(unreadable, 0);
	tc_shm_stats st;
	TU_EQ(tc_shm_backend_stats(b, &st, &err), TC_OK);
	TU_CHECK(st.evictions > 0);
	TU_EQ(st.orphan_tags, 0);
	/* most of the arena holds live blocks */
	TU_CHECK(st.bytes_used * 4 >= (st.bytes_used + st.bytes_free) * 3);
	TU_EQ(b->ops->flush(b, &err), TC_OK);
	TU_EQ(tc_shm_backend_stats(b, &st, &err), TC_OK);
	TU_EQ(st.bytes_used, 0);
	TU_EQ(st.free_blocks, 0);
	TU_EQ(st.largest_free_block, st.bytes_free);
	tc_backend_destroy(b);
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

static void shm_another_size_mix(void)
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

/* A sink that records what alloc_seen was told, and hands out a buffer. */
typedef struct {
	char head[TC_SINK_HEAD];
	size_t head_len, len;
	int seen, plain;
	char *buf;
} seen_sink;

static char *seen_alloc(void *ud, size_t len)
{
	seen_sink *s = ud;
	s->plain++;
	s->len = len;
	return s->buf = malloc(len ? len : 1);
}

static char *seen_alloc_seen(void *ud, size_t len, const char *head, size_t head_len)
{
	seen_sink *s = ud;
	s->seen++;
	s->len = len;
	s->head_len = head_len;
	memcpy(s->head, head, head_len);
	return s->buf = malloc(len ? len : 1);
}

/* alloc_seen gets the payload's first bytes as they are then written, on the stack-copy path
 * (small), the lock-free two-pass path and the mutex path (large); without it, alloc. */
static void shm_sink_sees_the_head(void)
{
	tc_backend *b = shm_open_ns("head", "app:H", 1 << 20);
	TU_REQUIRE(b);
	tc_err err;
	tc_err_clear(&err);
	size_t sizes[] = {0, 5, TC_SINK_HEAD, 4096, 4097, 50000};
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t len = sizes[i];
		char *v = malloc(len + 1);
		for (size_t j = 0; j < len; j++) {
			v[j] = (char)('a' + (j * 7 + i) % 26);
		}
		tc_str id = {"k", 1};
		TU_EQ(b->ops->set(b, id, (tc_str){v, len}, NULL, 0, 0, TC_KIND_DATA, &err), TC_OK);
		for (int locked = 0; locked < 2; locked++) {
			seen_sink ss = {0};
			tc_sink sink = {seen_alloc, &ss, seen_alloc_seen};
			shm_header *h = SHM_HDR((shm_backend *)b);
			if (locked) {
				__atomic_fetch_add(&h->seq, 1, __ATOMIC_RELEASE); /* odd: readers go to the mutex */
			}
			TU_EQ(b->ops->get(b, id, &sink, &err), TC_OK);
			if (locked) {
				__atomic_fetch_add(&h->seq, 1, __ATOMIC_RELEASE);
			}
			size_t want = len < TC_SINK_HEAD ? len : TC_SINK_HEAD;
			TU_EQ(ss.seen, 1);
			TU_EQ(ss.plain, 0);
			TU_EQ(ss.len, len);
			TU_EQ(ss.head_len, want);
			TU_CHECK(memcmp(ss.head, v, want) == 0);
			TU_CHECK(ss.buf && memcmp(ss.buf, v, len) == 0);
			free(ss.buf);
		}
		seen_sink ss = {0};
		tc_sink plain = {seen_alloc, &ss, NULL};
		TU_EQ(b->ops->get(b, id, &plain, &err), TC_OK);
		TU_EQ(ss.plain, 1);
		TU_CHECK(ss.buf && memcmp(ss.buf, v, len) == 0);
		free(ss.buf);
		free(v);
	}
	tc_backend_destroy(b);
}

static uint32_t shm_rand(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* The value of write gen of key k: "kkkk:gggggggggg:" then bytes derived from both, so a
 * reader can tell a value that belongs to another key, another write or is torn. */
static void shm_value(char *buf, size_t len, unsigned k, uint32_t gen)
{
	char head[32];
	snprintf(head, sizeof(head), "%04u:%010u:", k, gen);
	memcpy(buf, head, 16);
	for (size_t i = 16; i < len; i++) {
		buf[i] = (char)('a' + (k * 7 + gen + i) % 26);
	}
}

static int shm_value_ok(const char *buf, size_t len, unsigned k)
{
	unsigned k2, gen;
	char want[20000], head[17];
	if (len < 16) {
		return 0;
	}
	memcpy(head, buf, 16); /* the payload has no NUL: scan a terminated copy */
	head[16] = 0;
	if (len > sizeof(want) || sscanf(head, "%4u:%10u:", &k2, &gen) != 2 || k2 != k) {
		return 0;
	}
	shm_value(want, len, k, gen);
	return memcmp(want, buf, len) == 0;
}

/* A writer process rewrites, removes and flushes keys (small, stack-sized and large values,
 * evicting all the time) while this process reads: every value read must be whole and belong
 * to its key. Random: the seed is printed; TU_SHM_SEED=<seed> replays the same sequences. */
static void shm_seqlock_reads_race_a_writer(void)
{
	uint32_t seed = shm_seed("shm_seqlock_reads_race_a_writer");
	tc_backend *b = shm_open_ns("race", "a:race", 1 << 20);
	TU_REQUIRE(b);
	enum { KEYS = 64 };
	pid_t w = fork();
	TU_REQUIRE(w >= 0);
	if (w == 0) {
		/* Never outlive the reader, whatever stops it. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() == 1) {
			_exit(0);
		}
		tc_backend *wb = shm_open_ns("race", "a:race", 1 << 20);
		uint32_t s = seed;
		static char buf[20000];
		tc_err err;
		for (uint32_t gen = 1; wb && gen < 5000000; gen++) {
			unsigned k = shm_rand(&s) % KEYS, op = shm_rand(&s) % 100;
			char id[16];
			snprintf(id, sizeof(id), "k%u", k);
			size_t len = op < 50 ? 16 + shm_rand(&s) % 200 : op < 80 ? 16 + shm_rand(&s) % 4080 : 4097 + shm_rand(&s) % 15000;
			if (op < 95) {
				shm_value(buf, len, k, gen);
				tc_str tag = TC_STR_LIT("t");
				wb->ops->set(wb, (tc_str){id, strlen(id)}, (tc_str){buf, len}, &tag, op % 2, 0,
				             TC_KIND_DATA, &err);
			} else if (op < 99) {
				wb->ops->remove(wb, (tc_str){id, strlen(id)}, &err);
			} else {
				size_t n;
				tc_str tag = TC_STR_LIT("t");
				wb->ops->flush_by_tags(wb, &tag, 1, &n, &err);
			}
		}
		_exit(0);
	}
	uint32_t s = seed * 2654435761u | 1;
	long hits = 0, bad = 0;
	for (int i = 0; i < 300000; i++) {
		unsigned k = shm_rand(&s) % KEYS;
		char id[16];
		snprintf(id, sizeof(id), "k%u", k);
		tu_buf out;
		tc_status st = tu_get(b, id, &out);
		if (st == TC_OK) {
			hits++;
			if (!shm_value_ok(out.buf, out.len, k)) {
				if (bad++ == 0) {
					fprintf(stderr, "key %u: a value of %zu bytes that is not its own (seed %u)\n", k, out.len, seed);
				}
			}
		} else {
			TU_CHECK(st == TC_MISS);
		}
		tu_buf_free(&out);
		tc_err err;
		st = b->ops->has(b, (tc_str){id, strlen(id)}, &err);
		TU_CHECK(st == TC_OK || st == TC_MISS);
	}
	kill(w, SIGKILL);
	int status;
	waitpid(w, &status, 0);
	TU_EQ(bad, 0);
	TU_CHECK(hits > 0);
	/* The writer died wherever it was, perhaps holding the mutex: the next write recovers. */
	TU_EQ(tu_set(b, "after", "whole", "", 0), TC_OK);
	TU_CHECK(tu_get_is(b, "after", "whole", 5));
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
	TU_RUN(shm_allocator_blocks);
	TU_RUN(shm_allocator_under_eviction);
	TU_RUN(shm_eviction_keeps_tags_sound);
	TU_RUN(shm_another_size_mix);
	TU_RUN(shm_namespaces_apart);
	TU_RUN(shm_sink_sees_the_head);
	TU_RUN(shm_seqlock_reads_race_a_writer);
	/* Every segment the tests made, whatever their names: the folder must go. */
	DIR *d = opendir(shm_dir);
	struct dirent *de;
	while (d && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) {
			unlinkat(dirfd(d), de->d_name, 0);
		}
	}
	if (d) {
		closedir(d);
	}
	TU_CHECK(rmdir(shm_dir) == 0);
}
