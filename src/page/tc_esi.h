/* ESI (Edge Side Includes 1.0, the subset proxies implement): a parser that turns a page into
 * text runs and includes, and an assembler that replaces each include with its fragment,
 * fetched through caller callbacks and assembled recursively. Plain C: no PHP, no I/O.
 *
 * Markup understood: <esi:include src=".." [alt=".."] [onerror="continue"]/>,
 * <esi:remove>..</esi:remove> (dropped), <esi:comment text=".."/> (dropped), and
 * <!--esi .. --> (the wrapper is dropped, its content is processed). Anything else starting
 * with "<esi:" or "</esi:" is an error naming the byte offset; all other bytes pass through
 * unchanged, so a page without ESI markup is returned byte for byte. */
#ifndef TC_ESI_H
#define TC_ESI_H

#include <stddef.h>

#include "../tc_status.h"

#define TC_ESI_MAX_DEPTH 32
#define TC_ESI_MAX_ATTR 8192 /* longest attribute value (src, alt) in bytes */

typedef enum { TC_ESI_TEXT, TC_ESI_INCLUDE } tc_esi_kind;

typedef struct {
	tc_esi_kind kind;
	size_t offset; /* where the segment starts in the parsed buffer */
	/* TEXT: a run of the parsed buffer (not copied). */
	const char *text;
	size_t len;
	/* INCLUDE: decoded attribute values (entities resolved), NUL-terminated, in doc->strs. */
	char *src;
	size_t src_len;
	char *alt; /* NULL without alt */
	size_t alt_len;
	int continue_on_error;
	size_t src_at, alt_at; /* where src and alt start in doc->strs (it moves while it grows) */
} tc_esi_seg;

typedef struct {
	tc_esi_seg *segs;
	size_t n, cap;
	size_t includes;
	char *strs; /* every decoded attribute value: one allocation, not one per value */
	size_t strs_len, strs_cap;
} tc_esi_doc;

/* Error detail beyond tc_err: where it happened. */
typedef struct {
	tc_err err;
	size_t offset; /* byte offset in the buffer that failed to parse */
} tc_esi_err;

/* Parses buf; on success doc holds the segments (text segments point into buf, which must
 * outlive doc). On malformed markup: TC_ERR_ARG, e->offset and a message naming the problem. */
tc_status tc_esi_parse(const char *buf, size_t len, tc_esi_doc *doc, tc_esi_err *e);
void tc_esi_doc_free(tc_esi_doc *doc);

/* Whether buf contains anything the parser would treat as markup. */
int tc_esi_has_markup(const char *buf, size_t len);

/* Copies src to dst (len bytes of room) when it has no markup: 1; 0 when it has (dst then
 * holds any bytes). One pass where the CPU allows: checking and copying read src once. */
int tc_esi_copy_plain(char *dst, const char *src, size_t len);

/* What fetch() reports. */
typedef enum {
	TC_ESI_FETCH_OK = 0,
	TC_ESI_FETCH_FAIL, /* this source failed (alt or onerror decide what follows) */
	TC_ESI_FETCH_ABORT /* stop assembling at once (the caller recorded why) */
} tc_esi_fetch_status;

typedef struct {
	const char *body;
	size_t len;
	void *handle; /* the caller's; passed back to accepted() and release() */
} tc_esi_fragment;

typedef struct {
	/* Fetches the fragment for src (NUL-terminated, src_len bytes). */
	tc_esi_fetch_status (*fetch)(void *ctx, const char *src, size_t src_len, int depth, tc_esi_fragment *out);
	/* Called once the fragment parsed cleanly (e.g. to store a freshly rendered one); non-zero
	 * aborts. May be NULL. */
	int (*accepted)(void *ctx, tc_esi_fragment *frag);
	/* Frees what fetch() returned (called for every TC_ESI_FETCH_OK). May be NULL. */
	void (*release)(void *ctx, tc_esi_fragment *frag);
	/* Appends assembled output; non-zero aborts. */
	int (*append)(void *ctx, const char *buf, size_t len);
	/* Optional (both or neither): room for len more bytes at the end of the output (NULL
	 * aborts), valid until the next callback; commit() keeps len bytes written there. Lets a
	 * fragment without markup be checked and copied in one pass. */
	char *(*reserve)(void *ctx, size_t len);
	void (*commit)(void *ctx, size_t len);
} tc_esi_ops;

typedef struct {
	int max_depth;       /* fragments nest at most this deep (1..TC_ESI_MAX_DEPTH) */
	size_t max_includes; /* includes resolved per assemble() call, all levels together */
} tc_esi_limits;

typedef enum {
	TC_ESI_DONE = 0,
	TC_ESI_ERROR, /* markup or an include failed: e says where and why */
	TC_ESI_ABORTED /* a callback aborted: the caller knows why */
} tc_esi_result;

/* Assembles buf: text is appended, each include fetched (src, then alt), parsed and
 * assembled in turn. A failed include with onerror="continue" is dropped. On TC_ESI_ERROR
 * e->err.msg names the src chain and the offset; e->offset is the offset in the innermost
 * buffer; *failed_src (when not NULL) is set to 1 when the error is a failed fetch (so the
 * caller can attach the fetch's own error). */
tc_esi_result tc_esi_assemble(const char *buf, size_t len, const tc_esi_limits *limits, const tc_esi_ops *ops,
							  void *ctx, tc_esi_err *e, int *failed_fetch);

#endif
