/* Polling with a growing pause (tc_poll.h). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "tc_poll.h"

#include <errno.h>
#include <time.h>

uint64_t tc_monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void sleep_ms(unsigned ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
	}
}

tc_status tc_poll_until(unsigned timeout_ms, unsigned max_pause_ms, tc_poll_fn fn, void *ctx,
                        tc_err *err)
{
	uint64_t deadline = tc_monotonic_ms() + timeout_ms;
	/* Short at first (the holder may be nearly done), then capped. */
	unsigned pause = 1;
	if (max_pause_ms == 0) {
		max_pause_ms = 1;
	}
	for (;;) {
		tc_status st = fn(ctx, err);
		if (st != TC_MISS) {
			return st;
		}
		uint64_t now = tc_monotonic_ms();
		if (now >= deadline) {
			return TC_MISS;
		}
		unsigned left = (unsigned)(deadline - now);
		sleep_ms(pause < left ? pause : left);
		pause = pause * 2 > max_pause_ms ? max_pause_ms : pause * 2;
	}
}
