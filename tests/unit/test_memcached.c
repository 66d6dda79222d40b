/* MemcachedBackend's pure parts: key building and hashing, the entry header with its version
 * stamp (decoded from every truncation without reading past the end), counters, server
 * addresses; and the errors of a backend whose server does not answer. */
#include <stdio.h>
#include <stdlib.h>

#include "tu.h"
#include "../../src/backend/memcached.h"
#include "../../src/backend/memcached_codec.h"

static tc_str S(const char *s)
{
	return (tc_str){s, strlen(s)};
}

static void mc_keys(void)
{
	char k[TC_MC_KEY_MAX + 1], k2[TC_MC_KEY_MAX + 1];
	size_t n = tc_mc_key(k, S("app:Pages"), TC_MC_ENTRY, S("id1"), S(""));
	TU_EQ(n, strlen("tc:app:Pages:e:id1"));
	TU_CHECK(strcmp(k, "tc:app:Pages:e:id1") == 0);
	n = tc_mc_key(k, S("app:Pages"), TC_MC_GEN, S(""), S(""));
	TU_CHECK(strcmp(k, "tc:app:Pages:g") == 0);
	n = tc_mc_key(k, S("a:b"), TC_MC_INDEX, S("tag"), S("00000000000000ff"));
	TU_CHECK(strcmp(k, "tc:a:b:i:tag:00000000000000ff") == 0);

	/* exactly at the limit stays readable, one byte more is hashed */
	char name[260];
	size_t fixed = strlen("tc:a:b:e:");
	memset(name, 'x', sizeof(name));
	n = tc_mc_key(k, S("a:b"), TC_MC_ENTRY, (tc_str){name, TC_MC_KEY_MAX - fixed}, S(""));
	TU_EQ(n, TC_MC_KEY_MAX);
	TU_CHECK(memcmp(k, "tc:a:b:e:xx", 11) == 0);
	n = tc_mc_key(k, S("a:b"), TC_MC_ENTRY, (tc_str){name, TC_MC_KEY_MAX - fixed + 1}, S(""));
	TU_EQ(n, 47);
	TU_CHECK(memcmp(k, "tc:h:e:", 7) == 0);
	TU_EQ(strlen(k), 47);
	for (size_t i = 7; i < 47; i++) {
		TU_CHECK((k[i] >= '0' && k[i] <= '9') || (k[i] >= 'a' && k[i] <= 'f'));
	}
	/* the same long parts give the same key; any difference another */
	tc_mc_key(k2, S("a:b"), TC_MC_ENTRY, (tc_str){name, TC_MC_KEY_MAX - fixed + 1}, S(""));
	TU_CHECK(strcmp(k, k2) == 0);
	name[3] = 'y';
	tc_mc_key(k2, S("a:b"), TC_MC_ENTRY, (tc_str){name, TC_MC_KEY_MAX - fixed + 1}, S(""));
	TU_CHECK(strcmp(k, k2) != 0);
	tc_mc_key(k2, S("a:b"), TC_MC_TAG, (tc_str){name, TC_MC_KEY_MAX - fixed + 1}, S(""));
	TU_CHECK(memcmp(k2, "tc:h:t:", 7) == 0);
	/* the longest parts the rules allow (250-byte app, cache, name) */
	char big[251];
	memset(big, 'A', 250);
	big[250] = 0;
	char ns[502];
	snprintf(ns, sizeof(ns), "%s:%s", big, big);
	n = tc_mc_key(k, S(ns), TC_MC_INDEX, S(big), S("0123456789abcdef"));
	TU_EQ(n, 47);
	/* no key has a space or a control character */
	for (size_t i = 0; i < n; i++) {
		TU_CHECK(k[i] > ' ' && k[i] < 0x7f);
	}
}

static void mc_header(void)
{
	tc_str tags[2] = {S("t1"), S("tag-two")};
	uint64_t versions[2] = {42, UINT64_MAX};
	tc_str id = S("entry");
	const char *payload = "pay\0load";
	size_t plen = 8;
	size_t hlen = tc_mc_header_len(id, tags, 2);
	char *buf = malloc(hlen + plen);
	tc_mc_header_write(buf, TC_KIND_PHP, 0, 0x0123456789abcdefull, plen, id, tags, versions, 2);
	memcpy(buf + hlen, payload, plen);
	tc_mc_entry e;
	tc_err err;
	TU_EQ(tc_mc_decode(buf, hlen + plen, &e, &err), TC_OK);
	TU_EQ(e.kind, TC_KIND_PHP);
	TU_CHECK(e.generation == 0x0123456789abcdefull);
	TU_EQ(e.ntags, 2);
	TU_CHECK(e.id.len == 5 && memcmp(e.id.ptr, "entry", 5) == 0);
	TU_CHECK(e.payload.len == plen && memcmp(e.payload.ptr, payload, plen) == 0);
	const char *p = e.tags;
	tc_str name;
	uint64_t v;
	tc_mc_next_tag(&p, &name, &v);
	TU_CHECK(name.len == 2 && memcmp(name.ptr, "t1", 2) == 0 && v == 42);
	tc_mc_next_tag(&p, &name, &v);
	TU_CHECK(name.len == 7 && memcmp(name.ptr, "tag-two", 7) == 0 && v == UINT64_MAX);

	/* every truncation is corrupt, read from an exact-size copy so ASAN sees any overread */
	for (size_t cut = 0; cut < hlen + plen; cut++) {
		char *c = malloc(cut ? cut : 1);
		memcpy(c, buf, cut);
		TU_EQ(tc_mc_decode(c, cut, &e, &err), TC_ERR_CORRUPT);
		free(c);
	}
	buf[0] = 'X';
	TU_EQ(tc_mc_decode(buf, hlen + plen, &e, &err), TC_ERR_CORRUPT);
	buf[0] = 'T';
	buf[4] = 'Q'; /* kind */
	TU_EQ(tc_mc_decode(buf, hlen + plen, &e, &err), TC_ERR_CORRUPT);
	free(buf);

	/* no tags, empty payload, compressed flag keeps raw_len apart from the stored length */
	hlen = tc_mc_header_len(id, NULL, 0);
	buf = malloc(hlen + 3);
	tc_mc_header_write(buf, TC_KIND_DATA, TC_MC_ZLIB, 1, 1000, id, NULL, NULL, 0);
	memcpy(buf + hlen, "zzz", 3);
	TU_EQ(tc_mc_decode(buf, hlen + 3, &e, &err), TC_OK);
	TU_CHECK(e.flags == TC_MC_ZLIB && e.raw_len == 1000 && e.payload.len == 3 && e.ntags == 0);
	tc_mc_header_write(buf, TC_KIND_DATA, 0, 1, 0, id, NULL, NULL, 0);
	TU_EQ(tc_mc_decode(buf, hlen, &e, &err), TC_OK);
	TU_EQ(e.payload.len, 0);
	TU_EQ(tc_mc_decode(buf, hlen + 3, &e, &err), TC_ERR_CORRUPT); /* 3 bytes more than said */
	/* a compressed size beyond zlib's largest ratio (1032:1) is corrupt, not allocated */
	memcpy(buf + hlen, "zzz", 3);
	tc_mc_header_write(buf, TC_KIND_DATA, TC_MC_ZLIB, 1, 3 * 1032 + 64, id, NULL, NULL, 0);
	TU_EQ(tc_mc_decode(buf, hlen + 3, &e, &err), TC_OK);
	tc_mc_header_write(buf, TC_KIND_DATA, TC_MC_ZLIB, 1, 3 * 1032 + 65, id, NULL, NULL, 0);
	TU_EQ(tc_mc_decode(buf, hlen + 3, &e, &err), TC_ERR_CORRUPT);
	tc_mc_header_write(buf, TC_KIND_DATA, TC_MC_ZLIB, 1, UINT64_MAX, id, NULL, NULL, 0);
	TU_EQ(tc_mc_decode(buf, hlen + 3, &e, &err), TC_ERR_CORRUPT);
	free(buf);
}

static void mc_counters(void)
{
	uint64_t v = 7;
	TU_CHECK(tc_mc_parse_counter("123", 3, &v) && v == 123);
	TU_CHECK(tc_mc_parse_counter("18446744073709551615", 20, &v) && v == UINT64_MAX);
	TU_CHECK(!tc_mc_parse_counter("18446744073709551616", 20, &v));
	TU_CHECK(tc_mc_parse_counter("99  ", 4, &v) && v == 99);
	TU_CHECK(!tc_mc_parse_counter("", 0, &v));
	TU_CHECK(!tc_mc_parse_counter("1a", 2, &v));
	TU_CHECK(!tc_mc_parse_counter("-1", 2, &v));
	TU_CHECK(!tc_mc_parse_counter("TCM1", 4, &v));
	uint64_t a = tc_mc_fresh_counter(), b = tc_mc_fresh_counter();
	TU_CHECK(a != b);
	TU_CHECK(a < (1ull << 63) && b < (1ull << 63));
}

static void mc_servers(void)
{
	char host[64];
	unsigned port = 9;
	TU_CHECK(tc_mc_parse_server("127.0.0.1:11222", 15, host, sizeof(host), &port) && port == 11222 &&
	         strcmp(host, "127.0.0.1") == 0);
	TU_CHECK(tc_mc_parse_server("cache", 5, host, sizeof(host), &port) && port == 11211 && strcmp(host, "cache") == 0);
	TU_CHECK(tc_mc_parse_server("[::1]:5", 7, host, sizeof(host), &port) && port == 5 && strcmp(host, "::1") == 0);
	TU_CHECK(tc_mc_parse_server("unix:///run/m.sock", 18, host, sizeof(host), &port) && port == 0 &&
	         strcmp(host, "/run/m.sock") == 0);
	TU_CHECK(tc_mc_parse_server("/run/m.sock", 11, host, sizeof(host), &port) && port == 0);
	const char *bad[] = {"", ":1", "h:", "h:0", "h:65536", "h:1x", "h:-1", "a b", "[::1", "[]:1", "[::1]x",
	                     "[zz]:1", "unix://", "unix://relsock", "unix://h:1", "h/x:1", "h:1234567"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		TU_CHECK(!tc_mc_parse_server(bad[i], strlen(bad[i]), host, sizeof(host), &port));
	}
	TU_CHECK(!tc_mc_parse_server("h\0st", 4, host, sizeof(host), &port));
	/* a host longer than the buffer is refused, never cut */
	char longhost[100];
	memset(longhost, 'h', sizeof(longhost));
	TU_CHECK(!tc_mc_parse_server(longhost, sizeof(longhost), host, sizeof(host), &port));
}

/* Port 1 of the loopback: nothing listens, so every operation is a clear TC_ERR_IO. */
static void mc_unreachable(void)
{
	const char *servers[] = {"127.0.0.1:1"};
	tc_memcached_options o = {.servers = servers, .nservers = 1, .name_space = "app:c", .connect_timeout_ms = 200,
	                          .read_timeout_ms = 200};
	tc_backend *b = NULL;
	tc_err err;
	TU_EQ(tc_memcached_backend_new(&o, &b, &err), TC_OK);
	TU_REQUIRE(b);
	TU_EQ(tu_set(b, "a", "1", "t", 0), TC_ERR_IO);
	tu_buf out;
	TU_EQ(tu_get(b, "a", &out), TC_ERR_IO);
	TU_EQ(out.calls, 0);
	TU_EQ(b->ops->has(b, TC_STR_LIT("a"), &err), TC_ERR_IO);
	TU_CHECK(strstr(err.msg, "127.0.0.1:1") != NULL);
	TU_EQ(b->ops->flush(b, &err), TC_ERR_IO);
	TU_EQ(tu_flush_tags(b, "t"), -1);
	TU_EQ(b->ops->collect_garbage(b, &err), TC_OK);
	TU_EQ(b->ops->freeze(b, &err), TC_ERR_UNSUPPORTED);
	tc_backend_destroy(b);

	const char *bad[] = {"127.0.0.1:1", "no such:1"};
	o.servers = bad;
	o.nservers = 2;
	TU_EQ(tc_memcached_backend_new(&o, &b, &err), TC_ERR_ARG);
	TU_CHECK(b == NULL && strstr(err.msg, "no such:1") != NULL);
	o.nservers = 0;
	TU_EQ(tc_memcached_backend_new(&o, &b, &err), TC_ERR_ARG);
}

void tu_suite_memcached(void)
{
	TU_RUN(mc_keys);
	TU_RUN(mc_header);
	TU_RUN(mc_counters);
	TU_RUN(mc_servers);
	TU_RUN(mc_unreachable);
}
