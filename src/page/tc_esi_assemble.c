/* The ESI assembler: text is appended, each include is fetched (src, then alt) through the
 * caller's callbacks, parsed and assembled recursively within the depth and include limits. */
#include <stdio.h>
#include <string.h>

#include "tc_esi.h"

typedef struct {
	const tc_esi_limits *lim;
	const tc_esi_ops *ops;
	void *ctx;
	tc_esi_err *e;
	int *failed_fetch;
	size_t includes;
} state;

static tc_esi_result doc_run(state *st, const tc_esi_doc *doc, int depth, const char *where);

/* "the page" or "fragment 'src'" for messages (src shortened). */
static void describe(char *out, size_t n, const char *where)
{
	if (where == NULL) {
		snprintf(out, n, "the page");
	} else {
		snprintf(out, n, "fragment '%.160s%s'", where, strlen(where) > 160 ? "..." : "");
	}
}

/* Fetches src, parses it, and assembles it at depth. TC_ESI_FETCH_FAIL: nothing appended. */
static tc_esi_result source(state *st, const char *src, size_t src_len, int depth, int *fetch_failed)
{
	tc_esi_fragment frag = {0};
	*fetch_failed = 0;
	tc_esi_fetch_status fs = st->ops->fetch(st->ctx, src, src_len, depth, &frag);
	if (fs == TC_ESI_FETCH_ABORT) {
		return TC_ESI_ABORTED;
	}
	if (fs == TC_ESI_FETCH_FAIL) {
		*fetch_failed = 1;
		return TC_ESI_ERROR;
	}
	tc_esi_doc doc;
	tc_esi_result r;
	char *room = NULL;
	if (st->ops->reserve != NULL && frag.len > 0 && (room = st->ops->reserve(st->ctx, frag.len)) == NULL) {
		r = TC_ESI_ABORTED;
	} else if (room != NULL && tc_esi_copy_plain(room, frag.body, frag.len)) {
		/* Copied already: kept once accepted (which appends nothing). */
		if (st->ops->accepted != NULL && st->ops->accepted(st->ctx, &frag) != 0) {
			r = TC_ESI_ABORTED;
		} else {
			st->ops->commit(st->ctx, frag.len);
			r = TC_ESI_DONE;
		}
	} else if (room == NULL && !tc_esi_has_markup(frag.body, frag.len)) {
		/* Most fragments are plain text: appended as they are, nothing to parse or allocate. */
		if (st->ops->accepted != NULL && st->ops->accepted(st->ctx, &frag) != 0) {
			r = TC_ESI_ABORTED;
		} else {
			r = frag.len > 0 && st->ops->append(st->ctx, frag.body, frag.len) != 0 ? TC_ESI_ABORTED : TC_ESI_DONE;
		}
	} else if (tc_esi_parse(frag.body, frag.len, &doc, st->e) != TC_OK) {
		char where[200];
		describe(where, sizeof where, src);
		char inner[sizeof st->e->err.msg];
		memcpy(inner, st->e->err.msg, sizeof inner);
		tc_err_set(&st->e->err, TC_ERR_ARG, "malformed ESI markup in %s %s", where, inner);
		r = TC_ESI_ERROR;
	} else {
		if (st->ops->accepted != NULL && st->ops->accepted(st->ctx, &frag) != 0) {
			r = TC_ESI_ABORTED;
		} else {
			r = doc_run(st, &doc, depth, src);
		}
		tc_esi_doc_free(&doc);
	}
	if (st->ops->release != NULL) {
		st->ops->release(st->ctx, &frag);
	}
	return r;
}

static tc_esi_result include(state *st, const tc_esi_seg *s, int depth, const char *where)
{
	char place[200]; /* described only for a message: snprintf costs more than an include */
	if (++st->includes > st->lim->max_includes) {
		st->e->offset = s->offset;
		describe(place, sizeof place, where);
		tc_err_set(&st->e->err, TC_ERR_ARG, "more than maxIncludes %zu ESI includes in one page (at '%.160s', offset %zu of %s)",
				   st->lim->max_includes, s->src, s->offset, place);
		return TC_ESI_ERROR;
	}
	if (depth + 1 > st->lim->max_depth) {
		if (s->continue_on_error) {
			return TC_ESI_DONE;
		}
		st->e->offset = s->offset;
		describe(place, sizeof place, where);
		tc_err_set(&st->e->err, TC_ERR_ARG, "ESI include '%.160s' at offset %zu of %s is nested deeper than maxDepth %d",
				   s->src, s->offset, place, st->lim->max_depth);
		return TC_ESI_ERROR;
	}
	int failed;
	tc_esi_result r = source(st, s->src, s->src_len, depth + 1, &failed);
	if (failed && s->alt != NULL) {
		r = source(st, s->alt, s->alt_len, depth + 1, &failed);
	}
	if (!failed) {
		return r;
	}
	if (s->continue_on_error) {
		return TC_ESI_DONE;
	}
	st->e->offset = s->offset;
	describe(place, sizeof place, where);
	if (s->alt != NULL) {
		tc_err_set(&st->e->err, TC_ERR_ARG, "ESI include '%.160s' at offset %zu of %s failed, and so did its alt '%.160s'",
				   s->src, s->offset, place, s->alt);
	} else {
		tc_err_set(&st->e->err, TC_ERR_ARG, "ESI include '%.160s' at offset %zu of %s failed", s->src, s->offset, place);
	}
	if (st->failed_fetch != NULL) {
		*st->failed_fetch = 1;
	}
	return TC_ESI_ERROR;
}

static tc_esi_result doc_run(state *st, const tc_esi_doc *doc, int depth, const char *where)
{
	for (size_t i = 0; i < doc->n; i++) {
		const tc_esi_seg *s = &doc->segs[i];
		if (s->kind == TC_ESI_TEXT) {
			if (st->ops->append(st->ctx, s->text, s->len) != 0) {
				return TC_ESI_ABORTED;
			}
			continue;
		}
		tc_esi_result r = include(st, s, depth, where);
		if (r != TC_ESI_DONE) {
			return r;
		}
	}
	return TC_ESI_DONE;
}

tc_esi_result tc_esi_assemble(const char *buf, size_t len, const tc_esi_limits *limits, const tc_esi_ops *ops,
							  void *ctx, tc_esi_err *e, int *failed_fetch)
{
	if (failed_fetch != NULL) {
		*failed_fetch = 0;
	}
	tc_esi_doc doc;
	if (tc_esi_parse(buf, len, &doc, e) != TC_OK) {
		char inner[sizeof e->err.msg];
		memcpy(inner, e->err.msg, sizeof inner);
		tc_err_set(&e->err, e->err.code, "malformed ESI markup %s", inner);
		return TC_ESI_ERROR;
	}
	state st = {.lim = limits, .ops = ops, .ctx = ctx, .e = e, .failed_fetch = failed_fetch};
	tc_esi_result r = doc_run(&st, &doc, 0, NULL);
	tc_esi_doc_free(&doc);
	return r;
}
