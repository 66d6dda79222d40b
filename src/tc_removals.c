/* Collects what a removal could not remove and turns it into one error message. */
#include "tc_removals.h"

#include <stdio.h>
#include <string.h>

void tc_removals_init(tc_removals *r, const char *op)
{
	memset(r, 0, sizeof(*r));
	r->op = op;
}

static void tc_removals_name(tc_removals *r, const char *what, size_t what_len,
                             const char *reason)
{
	if (r->named >= TC_REMOVALS_NAMED || r->len >= sizeof(r->list) - 1) {
		return;
	}
	int n = snprintf(r->list + r->len, sizeof(r->list) - r->len, "%s%.*s (%.*s)",
	                 r->named ? ", " : "",
	                 (int)(what_len < TC_REMOVALS_WHAT_MAX ? what_len : TC_REMOVALS_WHAT_MAX), what,
	                 TC_REMOVALS_REASON_MAX, reason);
	if (n > 0) {
		r->len += (size_t)n;
		if (r->len >= sizeof(r->list)) {
			r->len = sizeof(r->list) - 1; /* truncated: the message ends there */
		}
	}
	r->named++;
}

static void tc_removals_reason(char *buf, size_t len, const char *path, int errnum)
{
	char ebuf[128];
	snprintf(buf, len, "%s: %s", path, tc_strerror(errnum, ebuf, sizeof(ebuf)));
}

void tc_removals_entry_failed(tc_removals *r, const char *what, size_t what_len, const char *path,
                              int errnum)
{
	char reason[TC_REMOVALS_REASON_MAX];
	tc_removals_reason(reason, sizeof(reason), path, errnum);
	tc_removals_entry_failed_msg(r, what, what_len, reason);
}

void tc_removals_entry_failed_msg(tc_removals *r, const char *what, size_t what_len,
                                  const char *reason)
{
	r->failed++;
	tc_removals_name(r, what, what_len, reason);
}

void tc_removals_other_failed(tc_removals *r, const char *what, const char *path, int errnum)
{
	char reason[TC_REMOVALS_REASON_MAX];
	tc_removals_reason(reason, sizeof(reason), path, errnum);
	tc_removals_other_failed_msg(r, what, reason);
}

void tc_removals_other_failed_msg(tc_removals *r, const char *what, const char *reason)
{
	r->others++;
	tc_removals_name(r, what, strlen(what), reason);
}

tc_status tc_removals_finish(const tc_removals *r, const char *where, tc_err *err)
{
	if (!tc_removals_any(r)) {
		return TC_OK;
	}
	size_t total = r->failed + r->others;
	char more[48] = "";
	if (total > r->named) {
		snprintf(more, sizeof(more), ", and %zu more", total - r->named);
	}
	if (r->failed) {
		return tc_err_set(err, TC_ERR_IO, "%s could not remove %zu of %zu %s of %s: %s%s",
		                  r->op, r->failed, r->attempted, r->attempted == 1 ? "entry" : "entries",
		                  where, r->list, more);
	}
	return tc_err_set(err, TC_ERR_IO, "%s could not remove everything of %s: %s%s", r->op, where,
	                  r->list, more);
}
