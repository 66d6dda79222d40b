/* Fuzz target: the page cache's record decoder (src/page/tc_page_record.c), which reads what a
 * storage hands back and must turn anything but a record it wrote into a miss. Arbitrary bytes
 * never crash; whatever decodes encodes back to exactly the same bytes (so nothing in a record
 * is ignored, and no two encodings decode alike). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/page/tc_page_record.h"

#define FAIL(...) (fprintf(stderr, __VA_ARGS__), fputc('\n', stderr), abort())

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static tc_page_record r; /* 8 KiB of header slots: not on the stack */
	const char *why = NULL;
	memset(&r, 0, sizeof(r));
	if (tc_page_record_decode((const char *)data, size, &r, &why) != 0) {
		if (!why || !*why) {
			FAIL("refused without a reason");
		}
		return 0;
	}
	size_t n = tc_page_record_size(&r);
	if (n != size) {
		FAIL("record of %zu bytes re-encodes to %zu bytes", size, n);
	}
	char *out = malloc(n ? n : 1);
	if (!out) {
		abort();
	}
	tc_page_record_encode(&r, out);
	if (memcmp(out, data, n) != 0) {
		FAIL("record of %zu bytes re-encodes to other bytes", size);
	}
	free(out);
	return 0;
}
