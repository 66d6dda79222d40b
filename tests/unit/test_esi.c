/* Unit tests of the ESI parser and assembler (src/page/tc_esi*.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tu.h"
#include "../../src/page/tc_esi.h"

/* A fragment store for the assembler: src "f<N>" is a fixed body, "fail*" fails. */
typedef struct {
	char out[4096];
	size_t len;
	int fetches, accepted, released;
	const char *bodies[8][2]; /* src, body */
} esi_ctx;

static tc_esi_fetch_status t_fetch(void *c, const char *src, size_t src_len, int depth, tc_esi_fragment *out)
{
	esi_ctx *x = c;
	x->fetches++;
	(void)depth;
	for (int i = 0; i < 8 && x->bodies[i][0]; i++) {
		if (strlen(x->bodies[i][0]) == src_len && memcmp(x->bodies[i][0], src, src_len) == 0) {
			out->body = x->bodies[i][1];
			out->len = strlen(out->body);
			return TC_ESI_FETCH_OK;
		}
	}
	return strncmp(src, "abort", 5) == 0 ? TC_ESI_FETCH_ABORT : TC_ESI_FETCH_FAIL;
}
static int t_accepted(void *c, tc_esi_fragment *f)
{
	(void)f;
	((esi_ctx *)c)->accepted++;
	return 0;
}
static void t_release(void *c, tc_esi_fragment *f)
{
	(void)f;
	((esi_ctx *)c)->released++;
}
static int t_append(void *c, const char *b, size_t n)
{
	esi_ctx *x = c;
	if (x->len + n >= sizeof x->out) {
		return 1;
	}
	memcpy(x->out + x->len, b, n);
	x->len += n;
	x->out[x->len] = '\0';
	return 0;
}
static const tc_esi_ops t_ops = {t_fetch, t_accepted, t_release, t_append, NULL, NULL};

static tc_esi_result run(esi_ctx *x, const char *page, int depth, tc_esi_err *e)
{
	tc_esi_limits lim = {depth, 100};
	x->len = 0;
	x->out[0] = '\0';
	return tc_esi_assemble(page, strlen(page), &lim, &t_ops, x, e, NULL);
}

static void esi_plain_passthrough(void)
{
	const char *page = "<html><esi <esi:x <!-- c --> </esi>&amp;</html>";
	TU_CHECK(!tc_esi_has_markup("<html><esi>", 11));
	/* Long enough for the wide copy; markup in the first blocks, straddling one, or at the end. */
	char big[300], copy[300];
	for (size_t at = 0; at + 7 <= sizeof big; at += 7) {
		memset(big, ':', sizeof big / 2); /* candidates that are not markup */
		memset(big + sizeof big / 2, '!', sizeof big - sizeof big / 2);
		TU_EQ(tc_esi_copy_plain(copy, big, sizeof big), 1);
		TU_CHECK(memcmp(copy, big, sizeof big) == 0);
		memcpy(big + at, "<esi:", 5);
		TU_EQ(tc_esi_copy_plain(copy, big, sizeof big), 0);
		memcpy(big + at, "<!--esi", 7);
		TU_EQ(tc_esi_copy_plain(copy, big, sizeof big), 0);
	}
	esi_ctx x = {0};
	tc_esi_err e;
	TU_EQ(run(&x, "<p>a < b</p>", 5, &e), TC_ESI_DONE);
	TU_CHECK(strcmp(x.out, "<p>a < b</p>") == 0);
	TU_CHECK(tc_esi_has_markup(page, strlen(page)));
	TU_EQ(run(&x, "", 5, &e), TC_ESI_DONE);
	TU_EQ(x.len, 0);
}

static void esi_include_nested_alt_continue(void)
{
	esi_ctx x = {.bodies = {{"/a", "A<esi:include src=\"/b\"/>a"}, {"/b", "B"}, {"/loop", "<esi:include src='/loop'/>"}}};
	tc_esi_err e;
	TU_EQ(run(&x, "<p><esi:include src=\"/a\"/>|<esi:include src=\"/x\" alt=\"/b\"/>|"
				  "<esi:include src='/x' onerror=\"continue\"/></p>", 5, &e), TC_ESI_DONE);
	TU_CHECK(strcmp(x.out, "<p>ABa|B|</p>") == 0);
	TU_EQ(x.accepted, x.released);
	TU_EQ(run(&x, "<esi:include src='/loop'/>", 3, &e), TC_ESI_ERROR);
	TU_CHECK(strstr(e.err.msg, "deeper than maxDepth 3") != NULL);
	TU_EQ(run(&x, "x<esi:include src='/nope'/>", 3, &e), TC_ESI_ERROR);
	TU_EQ(e.offset, 1);
	TU_CHECK(strstr(e.err.msg, "'/nope' at offset 1 of the page failed") != NULL);
	TU_EQ(run(&x, "<esi:include src='abort'/>", 3, &e), TC_ESI_ABORTED);
	TU_EQ(run(&x, "<esi:include src='/a&amp;b' onerror='continue'/>", 3, &e), TC_ESI_DONE);
}

static void esi_remove_comment_wrapper(void)
{
	esi_ctx x = {.bodies = {{"/b", "B"}}};
	tc_esi_err e;
	TU_EQ(run(&x, "1<esi:remove><esi:bogus></esi:remove>2<esi:comment text=\"x\"/>3<!--esi <esi:include src=\"/b\"/> -->4<esi:remove/>",
			  5, &e), TC_ESI_DONE);
	TU_CHECK(strcmp(x.out, "123 B 4") == 0);
}

static void esi_malformed(void)
{
	static const struct { const char *page; size_t offset; const char *msg; } cases[] = {
		{"ab<esi:include src=\"/x\"", 2, "unterminated <esi:include>"},
		{"<esi:include/>", 0, "without src"},
		{"<esi:include src=''/>", 18, "empty src"},
		{"xx<esi:try>", 2, "unsupported element <esi:try>"},
		{"<esi:remove>abc", 0, "unterminated <esi:remove>"},
		{"abc</esi:remove>", 3, "without an opening"},
		{"<esi:include src=\"/a\" foo=\"1\"/>", 22, "unknown attribute foo"},
		{"<esi:include src=\"/a\" onerror=\"abort\"/>", 31, "must be \"continue\""},
		{"<esi:include src=/a/>", 17, "must be quoted"},
		{"<esi:include src=\"/a\">", 21, "must be self-closing"},
		{"<!--esi <esi:include src='/a'/>", 0, "unterminated <!--esi"},
		{"<esi:include src='/a' src='/b'/>", 22, "duplicate attribute src"},
		{"<esi:>", 0, "missing element name"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tc_esi_doc doc;
		tc_esi_err e;
		TU_EQ(tc_esi_parse(cases[i].page, strlen(cases[i].page), &doc, &e), TC_ERR_ARG);
		if (e.offset != cases[i].offset || strstr(e.err.msg, cases[i].msg) == NULL) {
			fprintf(stderr, "case %zu: offset %zu, %s\n", i, e.offset, e.err.msg);
			TU_CHECK(0);
		}
	}
}

void tu_suite_esi(void)
{
	TU_RUN(esi_plain_passthrough);
	TU_RUN(esi_include_nested_alt_continue);
	TU_RUN(esi_remove_comment_wrapper);
	TU_RUN(esi_malformed);
}
