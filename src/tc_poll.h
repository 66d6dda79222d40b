/* Polling with a growing pause: how a compute-lock waiter (file, Redis, shared memory) waits
 * for a holder it cannot be woken by. */
#ifndef TC_POLL_H
#define TC_POLL_H

#include <stdint.h>

#include "tc_status.h"

/* One attempt: TC_MISS means "busy, try again later"; anything else ends the polling. */
typedef tc_status (*tc_poll_fn)(void *ctx, tc_err *err);

/* Calls fn at once, then again after a pause doubling from 1 ms up to max_pause_ms, until it
 * returns anything but TC_MISS or timeout_ms have passed (then TC_MISS; 0 = one attempt).
 * max_pause_ms is how late a waiter may notice a released or dead holder. */
tc_status tc_poll_until(unsigned timeout_ms, unsigned max_pause_ms, tc_poll_fn fn, void *ctx,
                        tc_err *err);

/* Milliseconds of CLOCK_MONOTONIC: the same clock for every process of the machine. */
uint64_t tc_monotonic_ms(void);

#endif
