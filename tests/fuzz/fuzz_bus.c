/* Fuzz target: the bus decoder (src/bus/tc_bus_decode.c). Arbitrary bytes decoded as a batch
 * and as a message never crash or leak; whatever decodes encodes back to exactly the same
 * bytes (the format is canonical) and decodes again to an equal value. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/bus/tc_bus.h"
#include "../../src/tc_alloc.h"

#define FAIL(...) (fprintf(stderr, __VA_ARGS__), fputc('\n', stderr), abort())

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data;
	tc_err err;
	tc_bus_batch b;
	if (tc_bus_batch_decode(p, size, &b, &err) == TC_OK) {
		char *out;
		size_t len;
		if (tc_bus_batch_encode(&b, &out, &len, &err) != TC_OK) {
			FAIL("decoded batch does not encode: %s", err.msg);
		}
		if (len != size || memcmp(out, p, size) != 0) {
			FAIL("batch of %zu bytes re-encodes to %zu other bytes", size, len);
		}
		tc_bus_batch again;
		if (tc_bus_batch_decode(out, len, &again, &err) != TC_OK || again.n != b.n) {
			FAIL("re-encoded batch does not decode alike");
		}
		tc_bus_batch_free(&again);
		tc_free(out);
		tc_bus_batch_free(&b);
	} else if (err.code != TC_ERR_CORRUPT || !strstr(err.msg, "offset")) {
		FAIL("batch refused without naming an offset: %s", err.msg);
	} else if (b.msgs || b.own_app || b.n) {
		FAIL("failed batch decode left something allocated");
	}
	tc_bus_msg m;
	if (tc_bus_msg_decode(p, size, &m, &err) == TC_OK) {
		char *out;
		size_t len;
		if (tc_bus_msg_encode(&m, &out, &len, &err) != TC_OK) {
			FAIL("decoded message does not encode: %s", err.msg);
		}
		if (len != size || memcmp(out, p, size) != 0) {
			FAIL("message of %zu bytes re-encodes to %zu other bytes", size, len);
		}
		tc_free(out);
		tc_bus_msg_free(&m);
	} else if (err.code != TC_ERR_CORRUPT || m.own || m.args.buf) {
		FAIL("failed message decode: %s", err.msg);
	}
	return 0;
}
