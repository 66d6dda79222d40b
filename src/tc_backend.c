/* Shared backend plumbing. */
#include "tc_backend.h"

void tc_backend_report_corrupt(tc_backend *b, tc_str id, const char *reason)
{
	if (b && b->on_corrupt) {
		b->on_corrupt(b->on_corrupt_ud, id, reason);
	}
}
