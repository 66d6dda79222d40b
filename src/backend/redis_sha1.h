/* SHA-1, only to name Lua scripts the way Redis does (EVALSHA): not for security. */
#ifndef TC_REDIS_SHA1_H
#define TC_REDIS_SHA1_H

#include <stddef.h>

/* Writes the 40 lowercase hex digits of SHA-1(data) and a NUL into out. */
void tc_redis_sha1_hex(const char *data, size_t len, char out[41]);

#endif
