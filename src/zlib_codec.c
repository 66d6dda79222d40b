/* zlib compression of backend payloads (Redis, memcached). The compressed stream is a plain
 * zlib stream (compress2), so any zlib reader can decode it; each backend keeps the original
 * length beside it in the entry so a read allocates its output exactly once. */
#include "zlib_codec.h"

#include <zlib.h>

#include "tc_alloc.h"

tc_status tc_zlib_deflate(int level, tc_str data, char **out, size_t *outlen, tc_err *err)
{
	*out = NULL;
	*outlen = 0;
	if (level < 1 || level > 9 || data.len < TC_ZLIB_COMPRESS_MIN || (uLong)data.len != data.len) {
		return TC_MISS;
	}
	uLongf cap = compressBound((uLong)data.len);
	char *buf = tc_malloc(cap);
	if (!buf) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory compressing %zu bytes", data.len);
	}
	int zs = compress2((Bytef *)buf, &cap, (const Bytef *)data.ptr, (uLong)data.len, level);
	if (zs != Z_OK || cap >= data.len) {
		/* Incompressible (or zlib refused): store it as it is. */
		tc_free(buf);
		return TC_MISS;
	}
	*out = buf;
	*outlen = cap;
	return TC_OK;
}

int tc_zlib_inflate(const char *src, size_t srclen, char *dst, size_t want, const char **why)
{
	if ((uLong)srclen != srclen || (uLong)want != want) {
		*why = "compressed entry too large for zlib";
		return -1;
	}
	uLongf got = (uLongf)want;
	/* zlib wants a non-NULL output even for an empty result. */
	char one;
	int zs = uncompress((Bytef *)(want ? dst : &one), &got, (const Bytef *)src, (uLong)srclen);
	if (zs == Z_BUF_ERROR) {
		*why = "compressed payload longer than its recorded length";
		return -1;
	}
	if (zs != Z_OK) {
		*why = zs == Z_MEM_ERROR ? "out of memory inflating the payload"
								 : "compressed payload does not inflate (zlib data error)";
		return -1;
	}
	if (got != want) {
		*why = "compressed payload shorter than its recorded length";
		return -1;
	}
	return 0;
}

size_t tc_zlib_inflate_bound(size_t srclen)
{
	if (srclen > ((size_t)-1 - 64) / 1040) {
		return (size_t)-1;
	}
	return srclen * 1040 + 64;
}
