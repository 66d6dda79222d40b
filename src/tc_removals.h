/* What a removal (flush, flushByTags, remove, collectGarbage) could not remove.
 * A removal records each failure here and goes on with the rest; at the end the record turns
 * into one TC_ERR_IO naming the first few failures and how many more there were, so nothing
 * that stayed behind is reported as removed (tc_backend.h, "removals"). */
#ifndef TC_REMOVALS_H
#define TC_REMOVALS_H

#include <stddef.h>

#include "tc_status.h"

/* How many failures the message names; the rest are counted. */
#define TC_REMOVALS_NAMED 3
/* Each named failure is cut to fit: the counts in front of the list stay readable. */
#define TC_REMOVALS_WHAT_MAX 80
#define TC_REMOVALS_REASON_MAX 128

typedef struct {
	const char *op;   /* the operation as users call it: "flushByTags", "flush", ... */
	size_t attempted; /* entries the operation tried to remove */
	size_t failed;    /* of those, the ones still there */
	size_t others;    /* failures that are not entries (a tag marker, a directory) */
	size_t named;
	size_t len;
	char list[320]; /* "what (path: reason), ..." of the first TC_REMOVALS_NAMED */
} tc_removals;

void tc_removals_init(tc_removals *r, const char *op);
/* One entry the operation tried to remove (call before tc_removals_entry_failed for it). */
static inline void tc_removals_attempt(tc_removals *r)
{
	r->attempted++;
}
/* Entry id (what) could not be removed: path is relative to the cache directory, errnum the
 * cause. */
void tc_removals_entry_failed(tc_removals *r, const char *what, size_t what_len, const char *path,
                              int errnum);
/* Same with a ready-made reason (an error message of a lower layer). */
void tc_removals_entry_failed_msg(tc_removals *r, const char *what, size_t what_len,
                                  const char *reason);
/* Something that is not an entry (a marker, a directory, a temporary file) stayed. */
void tc_removals_other_failed(tc_removals *r, const char *what, const char *path, int errnum);
void tc_removals_other_failed_msg(tc_removals *r, const char *what, const char *reason);
static inline int tc_removals_any(const tc_removals *r)
{
	return r->failed || r->others;
}
/* TC_OK when nothing failed; else TC_ERR_IO in err naming the failures. where names the
 * store ("cache in /x/y"). */
tc_status tc_removals_finish(const tc_removals *r, const char *where, tc_err *err);

#endif
