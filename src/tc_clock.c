/* Wall clock for expiry, replaceable by tests. */
#include "tc_clock.h"

#include <time.h>

/* Not time(): on Linux it reads the coarse clock, updated once per tick, so just after a second
 * begins it can still answer the second before, while PHP's time() (gettimeofday) already
 * answers the new one: an entry set then got an expiry a second short of time() + lifetime. */
static int64_t tc_clock_time(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0) {
		return (int64_t)time(NULL);
	}
	return (int64_t)ts.tv_sec;
}

static tc_clock_fn tc_clock_current = tc_clock_time;

int64_t tc_now(void)
{
	return tc_clock_current();
}

void tc_set_clock(tc_clock_fn clock)
{
	tc_clock_current = clock ? clock : tc_clock_time;
}

int64_t tc_expiry_for(int64_t lifetime)
{
	if (lifetime == 0) {
		return 0;
	}
	if (lifetime < 0) {
		return -1;
	}
	int64_t now = tc_now();
	if (lifetime > INT64_MAX - now) {
		return -1;
	}
	return now + lifetime;
}

int tc_is_expired(int64_t expiry)
{
	/* Time has whole seconds: an entry set at 12.9 s with lifetime 1 would vanish 0.1 s later
	 * if it expired when now reaches expiry. Expiring once now passes it guarantees at least
	 * `lifetime` seconds (at most one more), as Flow does. */
	return expiry != 0 && tc_now() > expiry;
}
