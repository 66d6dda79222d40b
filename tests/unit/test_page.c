/* The page cache's plain-C parts (src/page): key field encoding, glob matching, query
 * normalisation, and the stored record's round trip and strict decoder (every truncation,
 * extension and flipped version or flag refused). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tu.h"
#include "../../src/page/tc_page_key.h"
#include "../../src/page/tc_page_record.h"

static int norm_is(const char *q, const char *const *globs, size_t nglobs, const char *want)
{
	tc_str g[8];
	for (size_t i = 0; i < nglobs; i++) {
		g[i] = (tc_str){globs[i], strlen(globs[i])};
	}
	tc_page_buf b = {0};
	int ok = tc_page_normalise_query(q, strlen(q), g, nglobs, &b) == 0 && b.len == strlen(want) &&
	         (b.len == 0 || memcmp(b.data, want, b.len) == 0);
	if (!ok) {
		fprintf(stderr, "normalise(%s) = %.*s, want %s\n", q, (int)b.len, b.data ? b.data : "", want);
	}
	tc_page_buf_free(&b);
	return ok;
}

static void test_page_glob(void)
{
	TU_CHECK(tc_page_glob("utm_*", 5, "utm_source", 10));
	TU_CHECK(tc_page_glob("utm_*", 5, "utm_", 4));
	TU_CHECK(!tc_page_glob("utm_*", 5, "xutm_a", 6));
	TU_CHECK(tc_page_glob("*id", 3, "fbclid", 6));
	TU_CHECK(tc_page_glob("a?c", 3, "abc", 3));
	TU_CHECK(!tc_page_glob("a?c", 3, "ac", 2));
	TU_CHECK(tc_page_glob("*", 1, "", 0));
	TU_CHECK(!tc_page_glob("gclid", 5, "gclid2", 6));
	TU_CHECK(tc_page_glob("a*b*c", 5, "axxbyybzc", 9));
}

static void test_page_normalise(void)
{
	const char *utm[] = {"utm_*", "fbclid"};
	TU_CHECK(norm_is("b=2&a=1", NULL, 0, "a=1&b=2"));
	TU_CHECK(norm_is("a=1&b=2", NULL, 0, "a=1&b=2"));
	TU_CHECK(norm_is("x[]=2&a=0&x[]=1", NULL, 0, "a=0&x[]=2&x[]=1")); /* same name: order kept */
	TU_CHECK(norm_is("utm_source=x&p=1&fbclid=y", utm, 2, "p=1"));
	TU_CHECK(norm_is("utm%5Fsource=x&p=1", utm, 2, "p=1")); /* encoded names are ignored alike */
	TU_CHECK(norm_is("&&p=1&&", NULL, 0, "p=1"));
	TU_CHECK(norm_is("", NULL, 0, ""));
	TU_CHECK(norm_is("utm_a=1", utm, 2, ""));
	TU_CHECK(norm_is("flag&a=1", NULL, 0, "a=1&flag"));
}

static void test_page_fields(void)
{
	/* "ab"+"c" and "a"+"bc" must encode differently. */
	tc_page_buf x = {0}, y = {0};
	tc_page_buf_field(&x, "ab", 2);
	tc_page_buf_field(&x, "c", 1);
	tc_page_buf_field(&y, "a", 1);
	tc_page_buf_field(&y, "bc", 2);
	TU_CHECK(x.len != y.len || memcmp(x.data, y.data, x.len) != 0);
	TU_CHECK(x.len == 7 && memcmp(x.data, "2:ab1:c", 7) == 0);
	tc_page_buf_free(&x);
	tc_page_buf_free(&y);
}

static tc_page_record sample(void)
{
	tc_page_record r;
	memset(&r, 0, sizeof(r));
	r.flags = TC_PAGE_FLAG_USER_VARIANT;
	r.status = 200;
	r.created = 1700000000;
	r.expires = 1700003600;
	r.url = TC_STR_LIT("https://example.com/a?b=1");
	r.etag = TC_STR_LIT("\"abc\"");
	r.last_modified = TC_STR_LIT("Tue, 14 Nov 2023 22:13:20 GMT");
	r.nheaders = 2;
	r.headers[0] = TC_STR_LIT("Content-Type: text/html");
	r.headers[1] = TC_STR_LIT("X-A: b");
	r.body = TC_STR_LIT("<p>hello</p>");
	return r;
}

static int str_eq(tc_str a, tc_str b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

static void test_page_record_round_trip(void)
{
	tc_page_record r = sample(), d;
	size_t n = tc_page_record_size(&r);
	TU_REQUIRE(n > 0);
	char *buf = malloc(n);
	tc_page_record_encode(&r, buf);
	const char *why = NULL;
	TU_REQUIRE(tc_page_record_decode(buf, n, &d, &why) == 0);
	TU_CHECK(d.flags == r.flags && d.status == 200 && d.created == r.created && d.expires == r.expires);
	TU_CHECK(str_eq(d.url, r.url) && str_eq(d.etag, r.etag) && str_eq(d.last_modified, r.last_modified));
	TU_CHECK(d.nheaders == 2 && str_eq(d.headers[0], r.headers[0]) && str_eq(d.headers[1], r.headers[1]));
	TU_CHECK(str_eq(d.body, r.body));
	free(buf);
}

static void test_page_record_strict(void)
{
	tc_page_record r = sample(), d;
	size_t n = tc_page_record_size(&r);
	char *buf = malloc(n + 1);
	tc_page_record_encode(&r, buf);
	const char *why;
	for (size_t cut = 0; cut < n; cut++) { /* every prefix refused */
		TU_CHECK(tc_page_record_decode(buf, cut, &d, &why) == -1);
	}
	buf[n] = 'x'; /* an extension refused */
	TU_CHECK(tc_page_record_decode(buf, n + 1, &d, &why) == -1);
	buf[4] = 2; /* unknown version */
	TU_CHECK(tc_page_record_decode(buf, n, &d, &why) == -1);
	buf[4] = TC_PAGE_RECORD_VERSION;
	buf[5] = 8; /* unknown flag */
	TU_CHECK(tc_page_record_decode(buf, n, &d, &why) == -1);
	buf[5] = 0;
	TU_CHECK(tc_page_record_decode(buf, n, &d, &why) == 0);
	free(buf);

	/* A header line with a line break (a smuggled header) is refused. */
	r.headers[1] = TC_STR_LIT("X-A: b\r\nSet-Cookie: s=1");
	n = tc_page_record_size(&r);
	buf = malloc(n);
	tc_page_record_encode(&r, buf);
	TU_CHECK(tc_page_record_decode(buf, n, &d, &why) == -1);
	free(buf);

	/* A marker carries no response. */
	r = sample();
	r.flags = TC_PAGE_FLAG_USER_MARKER;
	n = tc_page_record_size(&r);
	buf = malloc(n);
	tc_page_record_encode(&r, buf);
	TU_CHECK(tc_page_record_decode(buf, n, &d, &why) == -1);
	free(buf);
	r.nheaders = 0;
	r.body = TC_STR_LIT("");
	n = tc_page_record_size(&r);
	buf = malloc(n);
	tc_page_record_encode(&r, buf);
	TU_CHECK(tc_page_record_decode(buf, n, &d, &why) == 0 && d.flags == TC_PAGE_FLAG_USER_MARKER);
	free(buf);
}

void tu_suite_page(void)
{
	TU_RUN(test_page_glob);
	TU_RUN(test_page_normalise);
	TU_RUN(test_page_fields);
	TU_RUN(test_page_record_round_trip);
	TU_RUN(test_page_record_strict);
}
