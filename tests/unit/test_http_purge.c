/* Building invalidation requests (src/http/tc_purge.c and friends): regex quoting checked by
 * compiling the header with regcomp, byte-exact splitting, xkey rules, header injection,
 * URL purges and serialisation. No network. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../../src/http/tc_http_int.h"
#include "../../src/tc_alloc.h"
#include "../../src/tc_map.h"
#include "tu.h"

static tc_str S(const char *s)
{
	return (tc_str){s, strlen(s)};
}

static const char *hp_header(const tc_http_request *r, const char *name)
{
	for (size_t i = 0; i < r->nheaders; i++) {
		if (strcmp(r->headers[i].name, name) == 0) {
			return r->headers[i].value;
		}
	}
	return NULL;
}

/* Does the ban header value (a regex) match the comma list? */
static int hp_matches(const char *regex, const char *list)
{
	regex_t re;
	if (regcomp(&re, regex, REG_EXTENDED | REG_NOSUB) != 0) {
		return -1;
	}
	int m = regexec(&re, list, 0, NULL, 0) == 0;
	regfree(&re);
	return m;
}

#define META_TAG "a\\^$.|?*+()[]{}/z"

static void http_quote_metacharacters(void)
{
	char out[64];
	tc_str v = S(META_TAG);
	char *end = tc_regex_quote_into(out, v);
	*end = '\0';
	TU_CHECK(strcmp(out, "a\\\\\\^\\$\\.\\|\\?\\*\\+\\(\\)\\[\\]\\{\\}/z") == 0);
	TU_EQ(tc_regex_quoted_len(v), strlen(out));

	tc_str tags[] = {S("post-1"), S(META_TAG)};
	tc_request_list l;
	tc_request_list_init(&l);
	tc_err err;
	TU_REQUIRE(tc_purge_tags(NULL, tags, 2, &l, &err) == TC_OK);
	TU_REQUIRE(l.count == 1);
	TU_CHECK(strcmp(l.items[0].method, "BAN") == 0);
	TU_CHECK(strcmp(l.items[0].target, "/") == 0);
	TU_CHECK(l.items[0].host == NULL);
	const char *re = hp_header(&l.items[0], "X-Cache-Tags");
	TU_REQUIRE(re != NULL);
	TU_CHECK(strncmp(re, "(^|,)(", 6) == 0);
	TU_EQ(hp_matches(re, "post-1"), 1);
	TU_EQ(hp_matches(re, "x,post-1,y"), 1);
	TU_EQ(hp_matches(re, "post-1,y"), 1);
	TU_EQ(hp_matches(re, "post-10"), 0);
	TU_EQ(hp_matches(re, "x,post-10,y"), 0);
	TU_EQ(hp_matches(re, "xpost-1"), 0);
	TU_EQ(hp_matches(re, "foo," META_TAG), 1);
	TU_EQ(hp_matches(re, META_TAG ",bar"), 1);
	/* Each metacharacter must be literal: variants of the tag never match. */
	TU_EQ(hp_matches(re, "a"), 0);
	TU_EQ(hp_matches(re, "az"), 0);
	TU_EQ(hp_matches(re, "a\\^$.|?*+()[]{}/zz"), 0);
	TU_EQ(hp_matches(re, "a\\^$x|?*+()[]{}/z"), 0);
	TU_EQ(hp_matches(re, "a\\^$.|?*+()[]{/z"), 0);
	tc_request_list_free(&l);

	/* The meta tag alone, anchored, matches exactly itself. */
	char anchored[80];
	snprintf(anchored, sizeof(anchored), "^%s$", out);
	TU_EQ(hp_matches(anchored, META_TAG), 1);
	TU_EQ(hp_matches(anchored, "a\\\\^$.|?*+()[]{}/z"), 0);
}

/* Tag i: varied lengths and metacharacters, multibyte UTF-8, so bytes != characters. */
static void hp_tag(char *buf, size_t size, int i)
{
	switch (i % 3) {
	case 0:
		snprintf(buf, size, "t.%05d", i);
		break;
	case 1:
		snprintf(buf, size, "\xc3\xbc-%05d", i);
		break;
	default:
		snprintf(buf, size, "tag-%05d", i);
		break;
	}
}

static void http_split_ten_thousand(void)
{
	enum { N = 10000, LIMIT = 7500 };
	static char store[N][16];
	static tc_str tags[2 * N];
	for (int i = 0; i < N; i++) {
		hp_tag(store[i], sizeof(store[i]), i);
	}
	for (int i = 0; i < N; i++) {
		tags[i] = S(store[i]);
		tags[N + i] = S(store[(i * 7) % N]); /* every tag a second time, in another order */
	}
	/* The greedy minimum, computed independently: bytes of "X-Cache-Tags: (^|,)(...)(,|$)". */
	size_t expect = 0, line = 0;
	for (int i = 0; i < N; i++) {
		size_t cost = strlen(store[i]) + (i % 3 == 0); /* the '.' gets a backslash */
		if (expect && line + 1 + cost <= LIMIT) {
			line += 1 + cost;
		} else {
			expect++;
			line = strlen("X-Cache-Tags: (^|,)(") + cost + strlen(")(,|$)");
		}
	}
	tc_purge_options o = {TC_TAGS_BAN, 0, NULL, LIMIT, NULL};
	tc_request_list l;
	tc_request_list_init(&l);
	tc_err err;
	tc_status st = tc_purge_tags(&o, tags, 2 * N, &l, &err);
	if (st != TC_OK) {
		fprintf(stderr, "  %s\n", err.msg);
	}
	TU_REQUIRE(st == TC_OK);
	TU_EQ(l.count, expect);
	TU_CHECK(l.count > 1);

	tc_map seen;
	tc_map_init(&seen);
	size_t total = 0;
	for (size_t r = 0; r < l.count; r++) {
		/* the tags, and "any" for X-Host, X-Url and X-Content-Type (FOS's VCL needs them) */
		TU_REQUIRE(l.items[r].nheaders == 4);
		TU_CHECK(strcmp(hp_header(&l.items[r], "X-Host"), ".*") == 0 &&
				 strcmp(hp_header(&l.items[r], "X-Url"), ".*") == 0 &&
				 strcmp(hp_header(&l.items[r], "X-Content-Type"), ".*") == 0);
		const char *v = hp_header(&l.items[r], "X-Cache-Tags");
		TU_REQUIRE(v != NULL);
		size_t vlen = strlen(v);
		TU_CHECK(strlen("X-Cache-Tags: ") + vlen <= LIMIT);
		TU_REQUIRE(
			vlen > 12 && strncmp(v, "(^|,)(", 6) == 0 && strcmp(v + vlen - 6, ")(,|$)") == 0);
		/* Unquote and collect the alternatives. */
		char tag[32];
		size_t t = 0;
		for (size_t i = 6; i <= vlen - 6; i++) {
			if (i == vlen - 6 || v[i] == '|') {
				int created = 0;
				TU_CHECK(tc_map_upsert(&seen, tag, t, &created) != NULL && created);
				total++;
				t = 0;
			} else {
				if (v[i] == '\\') {
					i++;
				}
				if (t < sizeof(tag)) {
					tag[t++] = v[i];
				}
			}
		}
	}
	TU_EQ(total, N);
	TU_EQ(seen.count, N);
	for (int i = 0; i < N; i++) {
		TU_CHECK(tc_map_find(&seen, store[i], strlen(store[i])) != NULL);
	}
	tc_map_destroy(&seen, NULL);
	tc_request_list_free(&l);

	/* 10,000 copies of one tag: one request. */
	for (int i = 0; i < 2 * N; i++) {
		tags[i] = S("same");
	}
	TU_REQUIRE(tc_purge_tags(&o, tags, 2 * N, &l, &err) == TC_OK);
	TU_EQ(l.count, 1);
	TU_CHECK(strcmp(hp_header(&l.items[0], "X-Cache-Tags"), "(^|,)(same)(,|$)") == 0);
	tc_request_list_free(&l);
}

static void http_split_exact_fit(void)
{
	/* "H: (^|,)(aaaa|bbbb)(,|$)" is 24 bytes: it fits a limit of 24 and splits under 23. */
	tc_str tags[] = {S("aaaa"), S("bbbb")};
	tc_purge_options o = {TC_TAGS_BAN, 0, "H", 24, NULL};
	tc_request_list l;
	tc_request_list_init(&l);
	tc_err err;
	TU_REQUIRE(tc_purge_tags(&o, tags, 2, &l, &err) == TC_OK);
	TU_EQ(l.count, 1);
	o.header_limit = 23;
	TU_REQUIRE(tc_purge_tags(&o, tags, 2, &l, &err) == TC_OK);
	TU_EQ(l.count, 3);
	TU_CHECK(strcmp(hp_header(&l.items[1], "H"), "(^|,)(aaaa)(,|$)") == 0);
	TU_CHECK(strcmp(hp_header(&l.items[2], "H"), "(^|,)(bbbb)(,|$)") == 0);
	/* One value that cannot fit alone is refused, naming it; the list is unchanged. */
	o.header_limit = 18;
	TU_EQ(tc_purge_tags(&o, tags, 2, &l, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "\"aaaa\"") && strstr(err.msg, "header limit of 18"));
	TU_EQ(l.count, 3);
	tc_request_list_free(&l);
}

static void http_xkey(void)
{
	tc_str tags[] = {S("a"), S("b.c"), S("a"), S("d")};
	tc_purge_options o = {TC_TAGS_XKEY, 0, NULL, 0, "www.example.com"};
	tc_request_list l;
	tc_request_list_init(&l);
	tc_err err;
	TU_REQUIRE(tc_purge_tags(&o, tags, 4, &l, &err) == TC_OK);
	TU_REQUIRE(l.count == 1);
	TU_CHECK(strcmp(l.items[0].method, "PURGEKEYS") == 0);
	TU_CHECK(strcmp(l.items[0].host, "www.example.com") == 0);
	TU_CHECK(strcmp(hp_header(&l.items[0], "xkey-purge"), "a b.c d") == 0);
	o.soft = 1;
	TU_REQUIRE(tc_purge_locations(&o, tags, 1, &l, &err) == TC_OK);
	TU_CHECK(strcmp(hp_header(&l.items[1], "xkey-softpurge"), "a") == 0);
	/* "xkey-purge: " is 12 bytes: under 17, "a b.c" fits, "d" goes on. */
	o.soft = 0;
	o.header_limit = 17;
	TU_REQUIRE(tc_purge_tags(&o, tags, 4, &l, &err) == TC_OK);
	TU_REQUIRE(l.count == 4);
	TU_CHECK(strcmp(hp_header(&l.items[2], "xkey-purge"), "a b.c") == 0);
	TU_CHECK(strcmp(hp_header(&l.items[3], "xkey-purge"), "d") == 0);
	o.header_limit = 0;
	const char *bad[] = {"a b", "a,b", "a\tb"};
	for (int i = 0; i < 3; i++) {
		tc_str t[] = {S("fine"), S(bad[i])};
		TU_EQ(tc_purge_tags(&o, t, 2, &l, &err), TC_ERR_ARG);
		TU_CHECK(strstr(err.msg, "a tag may not contain commas, whitespace or NUL") != NULL);
	}
	TU_CHECK(strstr(err.msg, "\"a\\tb\"") != NULL);
	tc_str empty[] = {S("")};
	TU_EQ(tc_purge_tags(&o, empty, 1, &l, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "empty") != NULL);
	TU_EQ(l.count, 4);
	tc_request_list_free(&l);
}

static void http_locations_ban(void)
{
	tc_str ids[] = {S("42"), S("4.2")};
	tc_purge_options o = {TC_TAGS_BAN, 0, "X-Other", 0, NULL};
	tc_request_list l;
	tc_request_list_init(&l);
	tc_err err;
	/* Location ids travel in the tag header, marked, so FOS's VCL (which knows only the tag
	 * header) matches them and tagcache's VCL tests X-Location-Id instead. */
	TU_REQUIRE(tc_purge_locations(&o, ids, 2, &l, &err) == TC_OK);
	TU_REQUIRE(l.count == 1);
	TU_CHECK(strcmp(hp_header(&l.items[0], "X-Other"), "(^|,)(42|4\\.2)(,|$)") == 0);
	TU_CHECK(strcmp(hp_header(&l.items[0], "X-Tagcache-Location-Ban"), "1") == 0);
	TU_CHECK(hp_header(&l.items[0], "X-Location-Id") == NULL);
	TU_REQUIRE(tc_purge_tags(&o, ids, 1, &l, &err) == TC_OK);
	TU_CHECK(strcmp(hp_header(&l.items[1], "X-Other"), "(^|,)(42)(,|$)") == 0);
	TU_CHECK(hp_header(&l.items[1], "X-Tagcache-Location-Ban") == NULL);
	o.tags_header = "Bad Header";
	TU_EQ(tc_purge_tags(&o, ids, 1, &l, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "\"Bad Header\"") && strstr(err.msg, "token"));
	TU_REQUIRE(tc_purge_tags(NULL, NULL, 0, &l, &err) == TC_OK);
	TU_EQ(l.count, 2);
	tc_request_list_free(&l);
}

/* One tag rule in both modes (ban mode let blanks and commas through: a blank broke the ban
 * on Varnish, a comma made a tag that no comma-separated tag header can carry). */
static void http_tag_rule(void)
{
	const char *bad[] = {"a b", "a,b", "a\tb", "a\vb", "a\fb", ","};
	for (int mode = TC_TAGS_BAN; mode <= TC_TAGS_XKEY; mode++) {
		tc_purge_options o = {(tc_tag_mode)mode, 0, NULL, 0, NULL};
		tc_request_list l;
		tc_request_list_init(&l);
		tc_err err;
		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			tc_str t[] = {S("fine"), S(bad[i])};
			TU_EQ(tc_purge_tags(&o, t, 2, &l, &err), TC_ERR_ARG);
			TU_CHECK(strstr(err.msg, "tag \"") == err.msg);
			TU_CHECK(strstr(err.msg, "a tag may not contain commas, whitespace or NUL") != NULL);
			TU_EQ(tc_purge_locations(&o, t, 2, &l, &err), TC_ERR_ARG);
			TU_CHECK(strstr(err.msg, "location id \"") == err.msg);
		}
		TU_EQ(l.count, 0);
		/* and the same rule, called directly, as ext/ does for the response tagger */
		TU_EQ(tc_http_check_tag(S("a,b"), "Tag", &err), TC_ERR_ARG);
		TU_CHECK(strstr(err.msg, "Tag \"a,b\" contains a comma at byte 1") == err.msg);
		TU_EQ(tc_http_check_tag(S("a.b|c(d)"), "Tag", &err), TC_OK);
		tc_request_list_free(&l);
	}
}

static void http_injection(void)
{
	tc_request_list l;
	tc_request_list_init(&l);
	tc_err err;
	tc_str crlf[] = {S("ok"), S("a\r\nX-Evil: 1")};
	TU_EQ(tc_purge_tags(NULL, crlf, 2, &l, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "\"a\\r\\nX-Evil: 1\"") != NULL);
	TU_CHECK(strstr(err.msg, "carriage return") != NULL);
	tc_str lf[] = {S("a\nb")};
	TU_EQ(tc_purge_tags(NULL, lf, 1, &l, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "line feed") != NULL);
	tc_str nul[] = {{"a\0b", 3}};
	TU_EQ(tc_purge_locations(NULL, nul, 1, &l, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "\"a\\0b\"") && strstr(err.msg, "location id"));
	/* A long value is cut in the message. */
	char big[600];
	memset(big, 'x', sizeof(big));
	big[sizeof(big) - 1] = '\n';
	tc_str longv[] = {{big, sizeof(big)}};
	TU_EQ(tc_purge_tags(NULL, longv, 1, &l, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "...\"") != NULL && strlen(err.msg) < 400); /* 600 bytes cut to 80 */
	/* The Host option follows the same rules. */
	tc_purge_options o = {TC_TAGS_BAN, 0, NULL, 0, "a.example\r\nX: y"};
	tc_str ok[] = {S("ok")};
	TU_EQ(tc_purge_tags(&o, ok, 1, &l, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "host") != NULL);
	TU_EQ(l.count, 0);
	tc_request_list_free(&l);
}

static void http_ban_headers(void)
{
	tc_request_list l;
	tc_request_list_init(&l);
	tc_err err;
	tc_http_header h[] = {{"X-Url", "^/a"}, {"X-Host", ""}};
	TU_REQUIRE(tc_purge_ban(NULL, h, 2, &l, &err) == TC_OK);
	TU_REQUIRE(l.count == 1);
	TU_CHECK(strcmp(l.items[0].method, "BAN") == 0);
	TU_EQ(l.items[0].nheaders, 2);
	TU_CHECK(strcmp(hp_header(&l.items[0], "X-Url"), "^/a") == 0);
	tc_http_header badname[] = {{"X Url", "a"}};
	TU_EQ(tc_purge_ban(NULL, badname, 1, &l, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "\"X Url\"") != NULL);
	tc_http_header colon[] = {{"X-Url:", "a"}};
	TU_EQ(tc_purge_ban(NULL, colon, 1, &l, &err), TC_ERR_ARG);
	tc_http_header badvalue[] = {{"X-Url", "a\r\nHost: evil"}};
	TU_EQ(tc_purge_ban(NULL, badvalue, 1, &l, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "X-Url") && strstr(err.msg, "CR, LF or NUL"));
	tc_http_header framing[] = {{"content-length", "5"}};
	TU_EQ(tc_purge_ban(NULL, framing, 1, &l, &err), TC_ERR_ARG);
	TU_EQ(tc_purge_ban(NULL, h, 0, &l, &err), TC_ERR_ARG);
	TU_EQ(l.count, 1);
	tc_request_list_free(&l);
}

static void http_ban_path(void)
{
	tc_request_list l;
	tc_request_list_init(&l);
	tc_err err;
	tc_str hosts[] = {S("example.com"), S("b.example.com")};
	TU_REQUIRE(
		tc_purge_ban_path(NULL, S("^/news/.*"), S("text/html"), hosts, 2, &l, &err) == TC_OK);
	TU_REQUIRE(l.count == 2);
	TU_CHECK(strcmp(hp_header(&l.items[0], "X-Url"), "^/news/.*") == 0);
	TU_CHECK(strcmp(hp_header(&l.items[0], "X-Content-Type"), "text/html") == 0);
	TU_CHECK(strcmp(hp_header(&l.items[0], "X-Host"), "^example\\.com$") == 0);
	TU_CHECK(strcmp(hp_header(&l.items[1], "X-Host"), "^b\\.example\\.com$") == 0);
	TU_EQ(hp_matches(hp_header(&l.items[0], "X-Host"), "example.com"), 1);
	TU_EQ(hp_matches(hp_header(&l.items[0], "X-Host"), "exampleXcom"), 0);
	TU_REQUIRE(tc_purge_ban_path(NULL, S("^/"), S(""), NULL, 0, &l, &err) == TC_OK);
	TU_REQUIRE(l.count == 3);
	/* What is not given is "any": FOS's VCL builds every ban from all three. */
	TU_EQ(l.items[2].nheaders, 3);
	TU_CHECK(strcmp(hp_header(&l.items[2], "X-Content-Type"), ".*") == 0);
	TU_CHECK(strcmp(hp_header(&l.items[2], "X-Host"), ".*") == 0);
	/* Varnish splits a ban on whitespace: such a value is refused, not sent broken. */
	tc_str blankhost[] = {S("a b")};
	TU_EQ(tc_purge_ban_path(NULL, S("^/a b"), S(""), NULL, 0, &l, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "\"^/a b\"") && strstr(err.msg, "whitespace"));
	TU_EQ(tc_purge_ban_path(NULL, S("^/"), S("text/html; charset"), NULL, 0, &l, &err), TC_ERR_ARG);
	TU_EQ(tc_purge_ban_path(NULL, S("^/"), S(""), blankhost, 1, &l, &err), TC_ERR_ARG);
	TU_EQ(tc_purge_ban_path(NULL, S("^/\t"), S(""), NULL, 0, &l, &err), TC_ERR_ARG);
	/* The lines added for FOS's VCL obey the header limit like the others (found by fuzz_purge). */
	tc_request_list t;
	tc_request_list_init(&t);
	tc_purge_options tiny = {TC_TAGS_BAN, 0, "H", 17, NULL};
	TU_EQ(tc_purge_ban_path(&tiny, S("^/"), S(""), NULL, 0, &t, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "\"X-Content-Type: .*\"") && strstr(err.msg, "17 bytes"));
	tc_str one[] = {S("a")};
	TU_EQ(tc_purge_tags(&tiny, one, 1, &t, &err), TC_ERR_ARG);
	tiny.header_limit = 25;
	TU_REQUIRE(tc_purge_tags(&tiny, one, 1, &t, &err) == TC_OK);
	TU_EQ(tc_purge_locations(&tiny, one, 1, &t, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "X-Tagcache-Location-Ban") != NULL);
	TU_EQ(t.count, 1);
	tc_request_list_free(&t);
	TU_EQ(tc_purge_ban_path(NULL, S(""), S(""), NULL, 0, &l, &err), TC_ERR_ARG);
	tc_str badhost[] = {S("ok"), S("a\nb")};
	TU_EQ(tc_purge_ban_path(NULL, S("^/"), S(""), badhost, 2, &l, &err), TC_ERR_ARG);
	TU_EQ(l.count, 3);
	tc_request_list_free(&l);
}

static void http_url(void)
{
	tc_request_list l;
	tc_request_list_init(&l);
	tc_err err;
	tc_purge_options o = {TC_TAGS_BAN, 0, NULL, 0, "default.example"};
	TU_REQUIRE(tc_purge_url(&o, S("/a?b=1"), 0, &l, &err) == TC_OK);
	TU_REQUIRE(tc_purge_url(&o, S("http://Example.com:8080/p/q?x#frag"), 0, &l, &err) == TC_OK);
	TU_REQUIRE(tc_purge_url(NULL, S("HTTP://example.com"), 0, &l, &err) == TC_OK);
	TU_REQUIRE(tc_purge_url(NULL, S("http://example.com?x=1"), 1, &l, &err) == TC_OK);
	TU_REQUIRE(l.count == 4);
	TU_CHECK(strcmp(l.items[0].method, "PURGE") == 0);
	TU_CHECK(strcmp(l.items[0].target, "/a?b=1") == 0);
	TU_CHECK(strcmp(l.items[0].host, "default.example") == 0);
	TU_CHECK(strcmp(l.items[1].target, "/p/q?x") == 0);
	TU_CHECK(strcmp(l.items[1].host, "Example.com:8080") == 0);
	TU_CHECK(strcmp(l.items[2].target, "/") == 0);
	TU_CHECK(strcmp(l.items[2].host, "example.com") == 0);
	TU_CHECK(strcmp(l.items[3].method, "GET") == 0);
	TU_CHECK(strcmp(l.items[3].target, "/?x=1") == 0);
	TU_CHECK(strcmp(hp_header(&l.items[3], "Cache-Control"), "no-cache") == 0);

	TU_EQ(tc_purge_url(NULL, S("https://example.com/"), 0, &l, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "a proxy is purged over plain HTTP") != NULL);
	TU_EQ(tc_purge_url(NULL, S("ftp://example.com/"), 0, &l, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "\"ftp\"") != NULL);
	const char *bad[] = {"", "/a b", "/a\r\nX: 1", "/a\n", "example.com/a", "http:///a",
		"http://user@host/", "/\x7f"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		TU_EQ(tc_purge_url(NULL, S(bad[i]), 0, &l, &err), TC_ERR_ARG);
	}
	tc_str nul = {"/a\0b", 4};
	TU_EQ(tc_purge_url(NULL, nul, 0, &l, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "NUL") != NULL);
	TU_EQ(l.count, 4);
	tc_request_list_free(&l);
}

static void http_dedupe(void)
{
	tc_request_list l;
	tc_request_list_init(&l);
	tc_err err;
	tc_str t1[] = {S("a")};
	tc_purge_options other = {TC_TAGS_BAN, 0, NULL, 0, "h"};
	TU_REQUIRE(tc_purge_url(NULL, S("/a"), 0, &l, &err) == TC_OK);
	TU_REQUIRE(tc_purge_tags(NULL, t1, 1, &l, &err) == TC_OK);
	TU_REQUIRE(tc_purge_url(NULL, S("/a"), 0, &l, &err) == TC_OK);
	TU_REQUIRE(tc_purge_url(NULL, S("/a"), 1, &l, &err) == TC_OK);
	TU_REQUIRE(tc_purge_url(&other, S("/a"), 0, &l, &err) == TC_OK); /* other Host: kept */
	TU_REQUIRE(tc_purge_tags(NULL, t1, 1, &l, &err) == TC_OK);
	TU_REQUIRE(tc_purge_url(NULL, S("/b"), 0, &l, &err) == TC_OK);
	TU_REQUIRE(l.count == 7);
	tc_request_list_dedupe(&l);
	TU_REQUIRE(l.count == 5);
	TU_CHECK(strcmp(l.items[0].target, "/a") == 0 && strcmp(l.items[0].method, "PURGE") == 0);
	TU_CHECK(strcmp(l.items[1].method, "BAN") == 0);
	TU_CHECK(strcmp(l.items[2].method, "GET") == 0);
	TU_CHECK(l.items[3].host && strcmp(l.items[3].host, "h") == 0);
	TU_CHECK(strcmp(l.items[4].target, "/b") == 0);
	tc_request_list_free(&l);
	tc_request_list_dedupe(&l); /* empty list */
	TU_EQ(l.count, 0);
}

static void http_serialise(void)
{
	tc_request_list l;
	tc_request_list_init(&l);
	tc_err err;
	tc_str t[] = {S("x")};
	TU_REQUIRE(tc_purge_url(NULL, S("/a?b"), 0, &l, &err) == TC_OK);
	TU_REQUIRE(tc_purge_tags(NULL, t, 1, &l, &err) == TC_OK);
	TU_REQUIRE(tc_purge_url(NULL, S("http://site.example/p"), 1, &l, &err) == TC_OK);
	size_t len = 0;
	char *b = tc_http_request_bytes(&l.items[0], "127.0.0.1:6081", 0, &len);
	const char *want0 = "PURGE /a?b HTTP/1.1\r\nHost: 127.0.0.1:6081\r\nConnection: close\r\n\r\n";
	TU_CHECK(b && strcmp(b, want0) == 0 && len == strlen(want0));
	tc_free(b);
	b = tc_http_request_bytes(&l.items[1], "[::1]:80", 1, &len);
	const char *want1 = "BAN / HTTP/1.1\r\nHost: [::1]:80\r\nX-Cache-Tags: (^|,)(x)(,|$)\r\n"
						"X-Host: .*\r\nX-Url: .*\r\nX-Content-Type: .*\r\n\r\n";
	TU_CHECK(b && strcmp(b, want1) == 0 && len == strlen(want1));
	tc_free(b);
	b = tc_http_request_bytes(&l.items[2], "127.0.0.1:6081", 0, &len);
	const char *want2 = "GET /p HTTP/1.1\r\nHost: site.example\r\nCache-Control: no-cache\r\n"
						"Connection: close\r\n\r\n";
	TU_CHECK(b && strcmp(b, want2) == 0 && len == strlen(want2));
	tc_free(b);
	tc_request_list_free(&l);
}

void tu_suite_http_purge(void)
{
	tu_label = "http purge";
	TU_RUN(http_quote_metacharacters);
	TU_RUN(http_split_ten_thousand);
	TU_RUN(http_split_exact_fit);
	TU_RUN(http_xkey);
	TU_RUN(http_locations_ban);
	TU_RUN(http_tag_rule);
	TU_RUN(http_injection);
	TU_RUN(http_ban_headers);
	TU_RUN(http_ban_path);
	TU_RUN(http_url);
	TU_RUN(http_dedupe);
	TU_RUN(http_serialise);
	tu_label = "";
}
