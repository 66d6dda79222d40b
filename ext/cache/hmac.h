/* HMAC-SHA256 for signed VariableFrontend payloads. */
#ifndef TAGCACHE_HMAC_H
#define TAGCACHE_HMAC_H

#include "php.h"

#define TAGCACHE_HMAC_SIZE 32

/* out = HMAC-SHA256(key, parts[0] || parts[1] || ...). */
void tagcache_hmac_sha256(zend_string *key, const char *const *parts, const size_t *lens, size_t n,
                          unsigned char out[TAGCACHE_HMAC_SIZE]);

#endif
