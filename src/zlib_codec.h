/* Payload compression shared by the Redis and memcached backends (zlib). */
#ifndef TC_ZLIB_CODEC_H
#define TC_ZLIB_CODEC_H

#include <stddef.h>

#include "tc_status.h"
#include "tc_types.h"

/* Payloads shorter than this are stored as they are: zlib gains little on them. */
#define TC_ZLIB_COMPRESS_MIN 256

/* Compresses data at level (1..9) when that makes it smaller: TC_OK with *out (free with
 * tc_free) and *outlen; TC_MISS when data is better stored as it is; TC_ERR_NOMEM. */
tc_status tc_zlib_deflate(int level, tc_str data, char **out, size_t *outlen, tc_err *err);

/* Inflates src into dst, which must come out exactly want bytes long. Returns 0, or -1 with
 * *why set to a static description of the damage. */
int tc_zlib_inflate(const char *src, size_t srclen, char *dst, size_t want, const char **why);

/* The most a zlib stream of srclen bytes can inflate to (deflate's best ratio is ~1032:1);
 * a stored length above it marks the entry as corrupt before anything is allocated. */
size_t tc_zlib_inflate_bound(size_t srclen);

#endif
