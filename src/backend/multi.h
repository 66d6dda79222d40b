/* MultiBackend core: a chain of backends tried in order, with per-child health.
 *
 * Writes go to every healthy child (or to the first healthy one), reads come from the first
 * child that answers, removals reach every child and report every failure at the end. A child
 * that did not take a set has the id removed at once (for other processes too); a child that
 * fails is skipped for a back-off, and a child that missed a mutation it could not make up for
 * is flushed before it serves or takes anything again, so it never serves what the chain has
 * replaced or removed (TECHNOTES.md, "MultiBackend", also for the limit across processes). */
#ifndef TC_BACKEND_MULTI_H
#define TC_BACKEND_MULTI_H

#include <stddef.h>
#include <stdint.h>

#include "../tc_backend.h"

/* One child: its core (owned by the chain from tc_multi_backend_new on) and what to release
 * once that core is destroyed (e.g. the binding's parsed options of the child). */
typedef struct {
	tc_backend *core;
	const char *name;              /* class name for messages; must outlive the chain */
	void (*release)(void *owner);  /* optional */
	void *owner;
} tc_multi_child;

/* A child was skipped: pos is 1-based, op the failed operation ("get", "flush", ...),
 * retry_ms the back-off before it is tried again (0 = next call). */
typedef void (*tc_multi_warn_cb)(void *ud, size_t pos, const char *name, const char *op,
                                 const tc_err *err, int64_t retry_ms);

typedef struct {
	int first_only;       /* set writes to the first healthy child only (default: every child) */
	int debug;            /* a child's error is returned (the first, once every child was tried)
	                         instead of skipping the child */
	int no_backoff;       /* a failed child is tried again on the next call */
	int64_t retry_ms;     /* back-off after the first failure (default 10000), doubled per
	                         further consecutive failure up to 64 times that */
	unsigned caps;        /* TC_CAP_TAGS / TC_CAP_LIFETIME offered when every child has them */
	int64_t (*now_ms)(void *ud); /* monotonic milliseconds (default: CLOCK_MONOTONIC) */
	void *clock_ud;
	tc_multi_warn_cb warn; /* optional */
	void *warn_ud;
	void (*warn_free)(void *warn_ud); /* optional: called when the chain is destroyed (also
	                                     when tc_multi_backend_new fails) */
} tc_multi_options;

#define TC_MULTI_DEFAULT_RETRY_MS 10000

/* Takes ownership of the n children (also on failure: they are destroyed then). n >= 1. */
tc_status tc_multi_backend_new(const tc_multi_options *opts, const tc_multi_child *children,
                               size_t n, tc_backend **out, tc_err *err);

/* Ends every child's back-off now (an operator fixed the store): each is tried on the next
 * call, a child that needs a flush still gets it before it serves. */
void tc_multi_backend_retry(tc_backend *b);

/* Health of child pos (0-based), for tests and diagnostics: *name its name, *failures consecutive failures,
 * *needs_flush whether it must be flushed before it serves again, *retry_in_ms how long its
 * back-off still lasts (0 = usable now). TC_ERR_ARG when b is not a chain or pos is out of range. */
tc_status tc_multi_backend_health(tc_backend *b, size_t pos, const char **name, unsigned *failures,
                                  int *needs_flush, int64_t *retry_in_ms);

/* The first child lacking capability cap (*pos 1-based) and its name, to say which child took
 * it away; NULL when b is not a chain or every child has it. */
const char *tc_multi_backend_without(tc_backend *b, unsigned cap, size_t *pos);

#endif
