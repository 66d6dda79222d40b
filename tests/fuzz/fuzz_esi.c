/* Fuzz target: the ESI parser and assembler (src/page/tc_esi*.c). Arbitrary bytes never crash
 * or leak; a buffer without ESI markup parses to itself byte for byte; whatever parses
 * assembles (includes resolved to a fixed body that is itself the input, so nesting and the
 * depth limit are exercised) or fails with a message. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/page/tc_esi.h"

#define FAIL(...) (fprintf(stderr, __VA_ARGS__), fputc('\n', stderr), abort())

typedef struct {
	const char *input;
	size_t input_len;
	size_t out_len;
} fz;

static tc_esi_fetch_status f_fetch(void *c, const char *src, size_t n, int depth, tc_esi_fragment *out)
{
	fz *x = c;
	(void)depth;
	if (n > 0 && src[0] == 'f') {
		return TC_ESI_FETCH_FAIL;
	}
	out->body = n > 0 && src[0] == 's' ? src : x->input; /* "s..." is its own body */
	out->len = out->body == src ? n : x->input_len;
	return TC_ESI_FETCH_OK;
}

static int f_append(void *c, const char *b, size_t n)
{
	fz *x = c;
	(void)b;
	x->out_len += n;
	return x->out_len > (1u << 24); /* bound the work on self-including inputs */
}

/* reserve/commit: the one-pass copy of plain fragments must assemble the same output. */
static char scratch[1u << 16];
static char *f_reserve(void *c, size_t n)
{
	(void)c;
	return n <= sizeof scratch ? scratch : NULL;
}

static void f_commit(void *c, size_t n)
{
	fz *x = c;
	x->out_len += n;
}

static const tc_esi_ops ops = {f_fetch, NULL, NULL, f_append, NULL, NULL};
static const tc_esi_ops ops_reserve = {f_fetch, NULL, NULL, f_append, f_reserve, f_commit};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data;
	tc_esi_doc doc;
	tc_esi_err e;
	if (tc_esi_parse(p, size, &doc, &e) == TC_OK) {
		size_t total = 0, off = 0;
		for (size_t i = 0; i < doc.n; i++) {
			if (doc.segs[i].offset < off || doc.segs[i].offset > size) {
				FAIL("segment %zu at offset %zu out of order", i, doc.segs[i].offset);
			}
			off = doc.segs[i].offset;
			if (doc.segs[i].kind == TC_ESI_TEXT) {
				total += doc.segs[i].len;
			} else if (doc.segs[i].src == NULL || doc.segs[i].src_len == 0) {
				FAIL("include without src");
			}
		}
		char *copy = malloc(size + 1);
		if (copy == NULL) {
			FAIL("out of memory");
		}
		int plain = tc_esi_copy_plain(copy, p, size);
		if (plain != !tc_esi_has_markup(p, size) || (plain && size > 0 && memcmp(copy, p, size) != 0)) {
			FAIL("tc_esi_copy_plain() disagrees with tc_esi_has_markup() or copied other bytes");
		}
		free(copy);
		if (!tc_esi_has_markup(p, size)) {
			if (total != size || (size > 0 && (doc.n != 1 || memcmp(doc.segs[0].text, p, size) != 0))) {
				FAIL("a buffer without markup did not parse to itself");
			}
		}
		tc_esi_doc_free(&doc);
		fz x = {p, size, 0};
		tc_esi_limits lim = {4, 64};
		tc_esi_result r = tc_esi_assemble(p, size, &lim, &ops, &x, &e, NULL);
		if (size <= sizeof scratch) {
			fz y = {p, size, 0};
			tc_esi_err e2;
			tc_esi_result r2 = tc_esi_assemble(p, size, &lim, &ops_reserve, &y, &e2, NULL);
			if (r2 != r || (r == TC_ESI_DONE && y.out_len != x.out_len)) {
				FAIL("assembling with reserve/commit gave %d (%zu bytes), without %d (%zu bytes)", (int)r2,
				     y.out_len, (int)r, x.out_len);
			}
		}
		if (r == TC_ESI_ERROR && e.err.msg[0] == '\0') {
			FAIL("error without a message");
		}
	} else {
		if (e.err.msg[0] == '\0' || e.offset > size) {
			FAIL("parse error without a message or offset %zu beyond %zu", e.offset, size);
		}
		if (!tc_esi_has_markup(p, size)) {
			FAIL("a buffer without markup failed to parse: %s", e.err.msg);
		}
	}
	return 0;
}
