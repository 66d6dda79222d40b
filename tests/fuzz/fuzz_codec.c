/* Fuzz target: the zlib payload codec (src/zlib_codec.c). Invariants:
 * - tc_zlib_inflate(tc_zlib_deflate(x)) == x for every level, and the compressed size is
 *   below the original and within tc_zlib_inflate_bound's reverse;
 * - arbitrary bytes inflated into an exact-size buffer of any recorded length never write
 *   past it (ASAN), and succeed only when zlib itself gives exactly that many bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "../../src/zlib_codec.h"
#include "../../src/tc_alloc.h"

#define FAIL(...) (fprintf(stderr, __VA_ARGS__), fputc('\n', stderr), abort())

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3) {
		return 0;
	}
	int level = data[0] % 11; /* 0 and 10 are out of range: must be refused (TC_MISS) */
	size_t want = (size_t)data[1] << 8 | data[2];
	data += 3;
	size -= 3;

	/* Round trip of the bytes themselves, and of a compressible blow-up of them. */
	for (int pass = 0; pass < 2; pass++) {
		size_t n = pass ? size * 8 : size;
		char *in = malloc(n ? n : 1);
		for (size_t i = 0; i < n; i++) {
			in[i] = (char)data[pass ? i / 8 : i];
		}
		char *z = NULL;
		size_t zlen = 0;
		tc_err err;
		tc_status st = tc_zlib_deflate(level, (tc_str){in, n}, &z, &zlen, &err);
		if (st == TC_OK) {
			if (level < 1 || level > 9 || n < TC_ZLIB_COMPRESS_MIN || zlen >= n || !z) {
				FAIL("deflate accepted level %d, %zu -> %zu bytes", level, n, zlen);
			}
			if (n > tc_zlib_inflate_bound(zlen)) {
				FAIL("inflate bound %zu below a real stream's %zu", tc_zlib_inflate_bound(zlen), n);
			}
			char *out = malloc(n);
			const char *why = NULL;
			if (tc_zlib_inflate(z, zlen, out, n, &why) != 0 || memcmp(out, in, n) != 0) {
				FAIL("round trip of %zu bytes at level %d failed: %s", n, level, why ? why : "differs");
			}
			/* The wrong recorded length is damage, in either direction. */
			if (tc_zlib_inflate(z, zlen, out, n - 1, &why) == 0) {
				FAIL("inflate into %zu bytes of a %zu-byte payload succeeded", n - 1, n);
			}
			char *big = malloc(n + 1);
			if (tc_zlib_inflate(z, zlen, big, n + 1, &why) == 0) {
				FAIL("inflate into %zu bytes of a %zu-byte payload succeeded", n + 1, n);
			}
			free(big);
			/* A cut stream never inflates. */
			if (zlen > 1 && tc_zlib_inflate(z, zlen - 1, out, n, &why) == 0) {
				FAIL("truncated stream inflated");
			}
			free(out);
		} else if (st != TC_MISS || z) {
			FAIL("deflate returned %d", (int)st);
		}
		tc_free(z);
		free(in);
	}

	/* Garbage: exact-size destination, result agrees with zlib's own answer. */
	char *dst = malloc(want ? want : 1);
	const char *why = NULL;
	int rc = tc_zlib_inflate((const char *)data, size, dst, want, &why);
	uLongf got = want + 1;
	char *ref = malloc(want + 1);
	int zs = uncompress((Bytef *)ref, &got, data, size);
	int ref_ok = zs == Z_OK && got == want;
	if ((rc == 0) != ref_ok) {
		FAIL("inflate of %zu garbage bytes into %zu: rc %d, zlib %d/%lu", size, want, rc, zs,
			(unsigned long)got);
	}
	if (rc == 0 && want && memcmp(dst, ref, want) != 0) {
		FAIL("inflate output differs from zlib's");
	}
	if (rc != 0 && (!why || !*why)) {
		FAIL("inflate failed without a reason");
	}
	free(ref);
	free(dst);
	return 0;
}
