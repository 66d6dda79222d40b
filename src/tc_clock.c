/* Wall clock for expiry, replaceable by tests. */
#include "tc_clock.h"

#include <time.h>

static int64_t tc_clock_time(void)
{
	return (int64_t)time(NULL);
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
	/* An entry is visible for exactly `lifetime` seconds: expired once now reaches expiry. */
	return expiry != 0 && tc_now() >= expiry;
}
