/* The bus message format (src/bus/tc_bus_codec.c, tc_bus_decode.c): round trips of every op,
 * canonical bytes, every prefix and extension of a valid encoding refused, and the caps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tu.h"
#include "../../src/bus/tc_bus.h"
#include "../../src/bus/tc_bus_int.h"
#include "../../src/tc_alloc.h"

static tc_bus_msg mk(tc_bus_op op, int persistent, const char *cache, const char *entry,
	const char *const *args, size_t nargs)
{
	tc_bus_msg m;
	memset(&m, 0, sizeof(m));
	m.op = op;
	m.persistent = persistent;
	if (cache) {
		m.has_cache = 1;
		m.cache = (tc_str){cache, strlen(cache)};
	}
	m.entry = entry ? (tc_str){entry, strlen(entry)} : (tc_str){"", 0};
	tc_strlist_init(&m.args);
	for (size_t i = 0; i < nargs; i++) {
		tc_strlist_add(&m.args, args[i], strlen(args[i]));
	}
	return m;
}

static int msg_equal(const tc_bus_msg *a, const tc_bus_msg *b)
{
	if (a->op != b->op || !a->persistent != !b->persistent || !a->has_cache != !b->has_cache ||
		a->entry.len != b->entry.len || memcmp(a->entry.ptr, b->entry.ptr, a->entry.len) ||
		a->args.count != b->args.count) {
		return 0;
	}
	if (a->has_cache && (a->cache.len != b->cache.len || memcmp(a->cache.ptr, b->cache.ptr, a->cache.len))) {
		return 0;
	}
	size_t pa = 0, pb = 0;
	tc_str x, y;
	while (tc_strlist_next(&a->args, &pa, &x)) {
		if (!tc_strlist_next(&b->args, &pb, &y) || x.len != y.len || memcmp(x.ptr, y.ptr, x.len)) {
			return 0;
		}
	}
	return 1;
}

static const char *const tags[] = {"a", "tag-b", "", "with\0nul", "ü"};

/* One message of each op, with the fields that op uses. */
static size_t samples(tc_bus_msg *m)
{
	size_t n = 0;
	m[n++] = mk(TC_BUS_FLUSH_ALL, 0, NULL, NULL, NULL, 0);
	m[n++] = mk(TC_BUS_FLUSH_ALL, 1, NULL, NULL, NULL, 0);
	m[n++] = mk(TC_BUS_FLUSH_CACHE, 0, "pages", NULL, NULL, 0);
	m[n++] = mk(TC_BUS_FLUSH_TAGS, 0, NULL, NULL, tags, 5);
	m[n++] = mk(TC_BUS_FLUSH_TAGS, 0, "pages", NULL, tags, 2);
	m[n++] = mk(TC_BUS_REMOVE, 0, "pages", "entry:1", NULL, 0);
	m[n++] = mk(TC_BUS_PURGE_TAGS, 0, NULL, NULL, tags, 3);
	m[n++] = mk(TC_BUS_PURGE_LOCATIONS, 0, NULL, NULL, tags, 1);
	m[n++] = mk(TC_BUS_PURGE_URLS, 0, NULL, NULL, (const char *const[]){"http://a/x?y=1"}, 1);
	m[n++] = mk(TC_BUS_BAN_PATH, 0, "", "^/news/.*", (const char *const[]){"a.example", "b"}, 2);
	m[n++] = mk(TC_BUS_BAN_PATH, 0, "text/html", "^/", NULL, 0);
	m[n++] = mk(TC_BUS_BAN_PATH, 0, NULL, "^/", NULL, 0);
	return n;
}

static void free_all(tc_bus_msg *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		tc_strlist_free(&m[i].args);
	}
}

static void bus_op_names(void)
{
	for (int op = TC_BUS_FLUSH_ALL; op <= TC_BUS_BAN_PATH; op++) {
		const char *name = tc_bus_op_name((tc_bus_op)op);
		TU_REQUIRE(name != NULL);
		TU_EQ(tc_bus_op_from_name(name, strlen(name)), op);
	}
	TU_CHECK(tc_bus_op_name((tc_bus_op)0) == NULL);
	TU_CHECK(tc_bus_op_name((tc_bus_op)9) == NULL);
	TU_EQ(tc_bus_op_from_name("flushall", 8), 0);
	TU_EQ(tc_bus_op_from_name("flushAllx", 9), 0);
	TU_EQ(tc_bus_op_from_name("flushByTags", 11), TC_BUS_FLUSH_TAGS);
}

static void bus_msg_round_trip(void)
{
	tc_bus_msg m[16];
	size_t n = samples(m);
	tc_err err;
	for (size_t i = 0; i < n; i++) {
		char *p, *q;
		size_t len, qlen;
		TU_REQUIRE(tc_bus_msg_encode(&m[i], &p, &len, &err) == TC_OK);
		tc_bus_msg d;
		TU_REQUIRE(tc_bus_msg_decode(p, len, &d, &err) == TC_OK);
		TU_CHECK(msg_equal(&m[i], &d));
		TU_CHECK(d.cache.ptr[d.cache.len] == '\0' && d.entry.ptr[d.entry.len] == '\0');
		TU_REQUIRE(tc_bus_msg_encode(&d, &q, &qlen, &err) == TC_OK);
		TU_CHECK(qlen == len && memcmp(p, q, len) == 0);
		/* Different messages give different bytes. */
		for (size_t j = 0; j < i; j++) {
			char *o;
			size_t olen;
			TU_REQUIRE(tc_bus_msg_encode(&m[j], &o, &olen, &err) == TC_OK);
			TU_CHECK(olen != len || memcmp(o, p, len) != 0);
			tc_free(o);
		}
		tc_bus_msg_free(&d);
		tc_free(p);
		tc_free(q);
	}
	free_all(m, n);
}

/* Every prefix, every extension by one byte, and every single-byte change: refused, or (for a
 * change) decoded to something that encodes back to exactly the changed bytes. */
static void bus_msg_malformed(void)
{
	tc_bus_msg m[16];
	size_t n = samples(m);
	tc_err err;
	for (size_t i = 0; i < n; i++) {
		char *p;
		size_t len;
		TU_REQUIRE(tc_bus_msg_encode(&m[i], &p, &len, &err) == TC_OK);
		char *buf = malloc(len + 1);
		for (size_t k = 0; k < len; k++) {
			tc_bus_msg d;
			memcpy(buf, p, k);
			TU_EQ(tc_bus_msg_decode(buf, k, &d, &err), TC_ERR_CORRUPT);
			TU_CHECK(strstr(err.msg, "offset") != NULL);
			TU_CHECK(d.own == NULL && d.args.buf == NULL);
		}
		memcpy(buf, p, len);
		buf[len] = 0;
		tc_bus_msg d;
		TU_EQ(tc_bus_msg_decode(buf, len + 1, &d, &err), TC_ERR_CORRUPT);
		TU_CHECK(strstr(err.msg, "trailing") != NULL);
		for (size_t k = 0; k < len; k++) {
			for (unsigned bit = 0; bit < 8; bit++) {
				memcpy(buf, p, len);
				buf[k] ^= (char)(1u << bit);
				if (tc_bus_msg_decode(buf, len, &d, &err) == TC_OK) {
					char *q;
					size_t qlen;
					TU_CHECK(tc_bus_msg_encode(&d, &q, &qlen, &err) == TC_OK && qlen == len &&
						memcmp(q, buf, len) == 0);
					tc_free(q);
					tc_bus_msg_free(&d);
				}
			}
		}
		free(buf);
		tc_free(p);
	}
	free_all(m, n);
	/* Unknown version, unknown op, unknown flag, missing cache. */
	tc_bus_msg d;
	TU_EQ(tc_bus_msg_decode("\x02\x01\x00\0\0\0\0\0\0\0\0", 11, &d, &err), TC_ERR_CORRUPT);
	TU_CHECK(strstr(err.msg, "version") && strstr(err.msg, "offset 0"));
	TU_EQ(tc_bus_msg_decode("\x01\x01\x00\0\0\0\0\0\0\0\0", 11, &d, &err), TC_OK);
	tc_bus_msg_free(&d);
	TU_EQ(tc_bus_msg_decode("\x01\x09\x00\0\0\0\0\0\0\0\0", 11, &d, &err), TC_ERR_CORRUPT);
	TU_CHECK(strstr(err.msg, "op") && strstr(err.msg, "offset 1"));
	TU_EQ(tc_bus_msg_decode("\x01\x00\x00\0\0\0\0\0\0\0\0", 11, &d, &err), TC_ERR_CORRUPT);
	TU_EQ(tc_bus_msg_decode("\x01\x01\x04\0\0\0\0\0\0\0\0", 11, &d, &err), TC_ERR_CORRUPT);
	TU_CHECK(strstr(err.msg, "flags") && strstr(err.msg, "offset 2"));
	TU_EQ(tc_bus_msg_decode("\x01\x02\x00\0\0\0\0\0\0\0\0", 11, &d, &err), TC_ERR_CORRUPT);
	/* An empty cache name only for banPath. */
	TU_EQ(tc_bus_msg_decode("\x01\x02\x02\0\0\0\0\0\0\0\0\0\0\0\0", 15, &d, &err), TC_ERR_CORRUPT);
	TU_EQ(tc_bus_msg_decode("\x01\x08\x02\0\0\0\0\0\0\0\0\0\0\0\0", 15, &d, &err), TC_OK);
	TU_CHECK(d.has_cache && d.cache.len == 0);
	tc_bus_msg_free(&d);
	/* More arguments than bytes, and more than the cap. */
	TU_EQ(tc_bus_msg_decode("\x01\x03\x00\0\0\0\0\0\0\0\x05", 11, &d, &err), TC_ERR_CORRUPT);
	TU_EQ(tc_bus_msg_decode("\x01\x03\x00\0\0\0\0\xff\xff\xff\xff", 11, &d, &err), TC_ERR_CORRUPT);
}

static void bus_msg_caps(void)
{
	tc_err err;
	char *p;
	size_t len;
	tc_bus_msg m = mk(TC_BUS_FLUSH_TAGS, 0, NULL, NULL, NULL, 0);
	for (unsigned i = 0; i < TC_BUS_MAX_ARGS; i++) {
		tc_strlist_add(&m.args, "t", 1);
	}
	TU_REQUIRE(tc_bus_msg_encode(&m, &p, &len, &err) == TC_OK);
	tc_bus_msg d;
	TU_EQ(tc_bus_msg_decode(p, len, &d, &err), TC_OK);
	TU_EQ(d.args.count, TC_BUS_MAX_ARGS);
	tc_bus_msg_free(&d);
	/* The count raised past the cap by hand: refused. */
	p[7] = 0;
	p[8] = 0x01;
	p[9] = (char)0x86;
	p[10] = (char)0xa1; /* 100001 */
	TU_EQ(tc_bus_msg_decode(p, len, &d, &err), TC_ERR_CORRUPT);
	TU_CHECK(strstr(err.msg, "100000") != NULL);
	tc_free(p);
	tc_strlist_add(&m.args, "t", 1);
	TU_EQ(tc_bus_msg_encode(&m, &p, &len, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "100001 arguments") != NULL);
	tc_strlist_free(&m.args);

	char *big = malloc(TC_BUS_MAX_STR + 2);
	memset(big, 'x', TC_BUS_MAX_STR + 1);
	big[TC_BUS_MAX_STR + 1] = 0;
	m = mk(TC_BUS_REMOVE, 0, "c", big, NULL, 0);
	TU_EQ(tc_bus_msg_encode(&m, &p, &len, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "65537 bytes") != NULL);
	m.entry.len = TC_BUS_MAX_STR;
	TU_REQUIRE(tc_bus_msg_encode(&m, &p, &len, &err) == TC_OK);
	p[1 + 2 + 4 + 1 + 2] = 0x01; /* entry length 65536 -> 65792 */
	TU_EQ(tc_bus_msg_decode(p, len, &d, &err), TC_ERR_CORRUPT);
	TU_CHECK(strstr(err.msg, "64 KiB") != NULL);
	tc_free(p);
	tc_strlist_add(&m.args, big, TC_BUS_MAX_STR + 1);
	m.entry.len = 0;
	TU_EQ(tc_bus_msg_encode(&m, &p, &len, &err), TC_ERR_ARG);
	tc_strlist_free(&m.args);
	/* 65 arguments of 64 KiB: over 4 MiB. */
	m = mk(TC_BUS_PURGE_URLS, 0, NULL, NULL, NULL, 0);
	for (int i = 0; i < 65; i++) {
		tc_strlist_add(&m.args, big, TC_BUS_MAX_STR);
	}
	TU_EQ(tc_bus_msg_encode(&m, &p, &len, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "at most 4194304") != NULL);
	tc_bus_batch b;
	tc_bus_batch_init(&b);
	TU_EQ(tc_bus_batch_add(&b, &m, &err), TC_ERR_ARG);
	tc_strlist_free(&m.args);
	/* A batch of five 3.9 MiB messages: over 16 MiB. */
	m = mk(TC_BUS_PURGE_URLS, 0, NULL, NULL, NULL, 0);
	for (int i = 0; i < 60; i++) {
		tc_strlist_add(&m.args, big, TC_BUS_MAX_STR);
	}
	for (int i = 0; i < 5; i++) {
		TU_REQUIRE(tc_bus_batch_add(&b, &m, &err) == TC_OK);
	}
	TU_EQ(tc_bus_batch_encode(&b, &p, &len, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "16777216") != NULL);
	tc_bus_batch_free(&b);
	tc_strlist_free(&m.args);
	free(big);
	/* Unknown op and an empty cache name are refused by the encoder too. */
	m = mk((tc_bus_op)42, 0, NULL, NULL, NULL, 0);
	TU_EQ(tc_bus_msg_encode(&m, &p, &len, &err), TC_ERR_ARG);
	m = mk(TC_BUS_FLUSH_CACHE, 0, "", NULL, NULL, 0);
	TU_EQ(tc_bus_msg_encode(&m, &p, &len, &err), TC_ERR_ARG);
	m = mk(TC_BUS_FLUSH_CACHE, 0, NULL, NULL, NULL, 0);
	TU_EQ(tc_bus_msg_encode(&m, &p, &len, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "flushCache") != NULL);
}

static void bus_batch_round_trip(void)
{
	tc_bus_msg m[16];
	size_t n = samples(m);
	tc_err err;
	tc_bus_batch b;
	tc_bus_batch_init(&b);
	b.app = (tc_str){"backend", 7};
	b.published_ms = 1700000000123ull;
	for (size_t i = 0; i < n; i++) {
		TU_REQUIRE(tc_bus_batch_add(&b, &m[i], &err) == TC_OK);
	}
	free_all(m, n);
	char *p, *q;
	size_t len, qlen;
	TU_REQUIRE(tc_bus_batch_encode(&b, &p, &len, &err) == TC_OK);
	tc_bus_batch d;
	TU_REQUIRE(tc_bus_batch_decode(p, len, &d, &err) == TC_OK);
	TU_EQ(d.n, n);
	TU_CHECK(d.app.len == 7 && memcmp(d.app.ptr, "backend", 7) == 0);
	TU_CHECK(d.published_ms == 1700000000123ull);
	for (size_t i = 0; i < n && i < d.n; i++) {
		TU_CHECK(msg_equal(&b.msgs[i], &d.msgs[i]));
	}
	TU_REQUIRE(tc_bus_batch_encode(&d, &q, &qlen, &err) == TC_OK);
	TU_CHECK(qlen == len && memcmp(p, q, len) == 0);
	tc_free(q);
	tc_bus_batch_free(&d);
	char *buf = malloc(len + 1);
	for (size_t k = 0; k < len; k++) {
		memcpy(buf, p, k);
		TU_EQ(tc_bus_batch_decode(buf, k, &d, &err), TC_ERR_CORRUPT);
		TU_CHECK(strstr(err.msg, "offset") != NULL && d.msgs == NULL && d.own_app == NULL);
	}
	memcpy(buf, p, len);
	buf[len] = 0;
	TU_EQ(tc_bus_batch_decode(buf, len + 1, &d, &err), TC_ERR_CORRUPT);
	for (size_t k = 0; k < len; k++) {
		memcpy(buf, p, len);
		buf[k] ^= 0x41;
		if (tc_bus_batch_decode(buf, len, &d, &err) == TC_OK) {
			TU_CHECK(tc_bus_batch_encode(&d, &q, &qlen, &err) == TC_OK && qlen == len &&
				memcmp(q, buf, len) == 0);
			tc_free(q);
			tc_bus_batch_free(&d);
		}
	}
	free(buf);
	tc_free(p);
	tc_bus_batch_free(&b);
	/* An empty batch; a message count larger than the bytes could hold. */
	tc_bus_batch_init(&b);
	TU_REQUIRE(tc_bus_batch_encode(&b, &p, &len, &err) == TC_OK);
	TU_EQ(len, 1 + 4 + 8 + 4);
	TU_REQUIRE(tc_bus_batch_decode(p, len, &d, &err) == TC_OK);
	TU_EQ(d.n, 0);
	tc_bus_batch_free(&d);
	p[len - 1] = 1;
	TU_EQ(tc_bus_batch_decode(p, len, &d, &err), TC_ERR_CORRUPT);
	tc_free(p);
	/* A message length pointing past the next message's start is refused. */
	m[0] = mk(TC_BUS_PURGE_TAGS, 0, NULL, NULL, tags, 1);
	TU_REQUIRE(tc_bus_batch_add(&b, &m[0], &err) == TC_OK);
	TU_REQUIRE(tc_bus_batch_add(&b, &m[0], &err) == TC_OK);
	tc_strlist_free(&m[0].args);
	TU_REQUIRE(tc_bus_batch_encode(&b, &p, &len, &err) == TC_OK);
	p[17 + 3] += 1;
	TU_EQ(tc_bus_batch_decode(p, len, &d, &err), TC_ERR_CORRUPT);
	tc_free(p);
	tc_bus_batch_free(&b);
}

void tu_suite_bus_codec(void)
{
	TU_RUN(bus_op_names);
	TU_RUN(bus_msg_round_trip);
	TU_RUN(bus_msg_malformed);
	TU_RUN(bus_msg_caps);
	TU_RUN(bus_batch_round_trip);
}
