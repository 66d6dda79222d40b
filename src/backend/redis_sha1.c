/* SHA-1 (FIPS 180-4) over one buffer, for script identifiers. */
#include "redis_sha1.h"

#include <stdint.h>
#include <string.h>

static uint32_t sha1_rol(uint32_t x, unsigned n)
{
	return (x << n) | (x >> (32 - n));
}

static void sha1_block(uint32_t h[5], const unsigned char *p)
{
	uint32_t w[80];
	for (int i = 0; i < 16; i++) {
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
			   (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	}
	for (int i = 16; i < 80; i++) {
		w[i] = sha1_rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	}
	uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
	for (int i = 0; i < 80; i++) {
		uint32_t f, k;
		if (i < 20) {
			f = (b & c) | (~b & d);
			k = 0x5A827999u;
		} else if (i < 40) {
			f = b ^ c ^ d;
			k = 0x6ED9EBA1u;
		} else if (i < 60) {
			f = (b & c) | (b & d) | (c & d);
			k = 0x8F1BBCDCu;
		} else {
			f = b ^ c ^ d;
			k = 0xCA62C1D6u;
		}
		uint32_t t = sha1_rol(a, 5) + f + e + k + w[i];
		e = d;
		d = c;
		c = sha1_rol(b, 30);
		b = a;
		a = t;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
}

void tc_redis_sha1_hex(const char *data, size_t len, char out[41])
{
	uint32_t h[5] = {0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u};
	const unsigned char *p = (const unsigned char *)data;
	size_t left = len;
	while (left >= 64) {
		sha1_block(h, p);
		p += 64;
		left -= 64;
	}
	/* Tail: the rest, a 1 bit, zeros, and the length in bits (big-endian), in 1 or 2 blocks. */
	unsigned char tail[128];
	memset(tail, 0, sizeof(tail));
	if (left) {
		memcpy(tail, p, left);
	}
	tail[left] = 0x80;
	size_t tlen = left + 1 + 8 <= 64 ? 64 : 128;
	uint64_t bits = (uint64_t)len * 8;
	for (int i = 0; i < 8; i++) {
		tail[tlen - 1 - i] = (unsigned char)(bits >> (8 * i));
	}
	sha1_block(h, tail);
	if (tlen == 128) {
		sha1_block(h, tail + 64);
	}
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 20; i++) {
		unsigned char byte = (unsigned char)(h[i / 4] >> (24 - 8 * (i % 4)));
		out[2 * i] = hex[byte >> 4];
		out[2 * i + 1] = hex[byte & 15];
	}
	out[40] = '\0';
}
