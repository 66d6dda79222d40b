/* Wall-clock time for expiry. Expiry is absolute Unix seconds so long-running workers see
 * entries expire; unit tests replace the clock to step through time without sleeping. */
#ifndef TC_CLOCK_H
#define TC_CLOCK_H

#include <stdint.h>

typedef int64_t (*tc_clock_fn)(void);

int64_t tc_now(void);
/* NULL restores the wall clock (the same second as PHP's time()). */
void tc_set_clock(tc_clock_fn clock);

/* Absolute expiry for a lifetime in seconds (0 = never, returned as 0).
 * Returns -1 when now + lifetime would overflow. */
int64_t tc_expiry_for(int64_t lifetime);
/* 1 when an entry with this expiry is no longer visible: now > expiry, so an entry lives at
 * least its lifetime and less than one second more. */
int tc_is_expired(int64_t expiry);

#endif
