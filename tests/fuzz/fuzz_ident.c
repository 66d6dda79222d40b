/* Fuzz target: the identifier and tag rule (src/tc_ident.c), which keeps user strings safe
 * as file names and Redis keys. Invariant: tc_ident_valid agrees, for every prefix length of
 * the input, with a plain character-class reference of /^[a-zA-Z0-9_%\-&]{1,250}$/. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/tc_ident.h"

static int ref_valid(const unsigned char *s, size_t len)
{
	if (len < 1 || len > 250) {
		return 0;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = s[i];
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
				 c == '_' || c == '%' || c == '-' || c == '&';
		if (!ok) {
			return 0;
		}
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size copy, so reading one byte too far is an ASAN report. */
	char *buf = malloc(size ? size : 1);
	if (size) {
		memcpy(buf, data, size);
	}
	size_t step = size > 300 ? size / 64 + 1 : 1;
	for (size_t len = 0; len <= size; len += step) {
		int got = tc_ident_valid(len ? buf : (size ? buf : NULL), len);
		int want = ref_valid((const unsigned char *)buf, len);
		if (got != want) {
			fprintf(stderr, "tc_ident_valid(len %zu) = %d, reference says %d\n", len, got, want);
			abort();
		}
	}
	if (tc_ident_valid(NULL, size)) {
		abort();
	}
	free(buf);
	return 0;
}
