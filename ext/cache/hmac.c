/* HMAC (RFC 2104) over the SHA-256 of PHP's hash extension, which every PHP 8 build has, so
 * the extension links no crypto library of its own. */
#include "hmac.h"
#include "ext/hash/php_hash.h"

#define BLOCK 64 /* SHA-256 block size */

/* Looked up on each call: a lazily filled static would be written by several threads at once
 * under ZTS, and the lookup costs little next to the hashing. */
static const php_hash_ops *sha256(void)
{
	zend_string *name = zend_string_init("sha256", sizeof("sha256") - 1, 0);
	const php_hash_ops *ops = php_hash_fetch_ops(name);
	zend_string_release(name);
	return ops;
}

void tagcache_hmac_sha256(zend_string *key, const char *const *parts, const size_t *lens, size_t n,
                          unsigned char out[TAGCACHE_HMAC_SIZE])
{
	const php_hash_ops *ops = sha256();
	void *ctx = emalloc(ops->context_size);
	unsigned char k[BLOCK] = {0}, pad[BLOCK], inner[TAGCACHE_HMAC_SIZE];

	if (ZSTR_LEN(key) > BLOCK) { /* long keys are hashed first */
		ops->hash_init(ctx, NULL);
		ops->hash_update(ctx, (const unsigned char *)ZSTR_VAL(key), ZSTR_LEN(key));
		ops->hash_final(k, ctx);
	} else {
		memcpy(k, ZSTR_VAL(key), ZSTR_LEN(key));
	}

	for (int i = 0; i < BLOCK; i++) {
		pad[i] = k[i] ^ 0x36;
	}
	ops->hash_init(ctx, NULL);
	ops->hash_update(ctx, pad, BLOCK);
	for (size_t i = 0; i < n; i++) {
		ops->hash_update(ctx, (const unsigned char *)parts[i], lens[i]);
	}
	ops->hash_final(inner, ctx);

	for (int i = 0; i < BLOCK; i++) {
		pad[i] = k[i] ^ 0x5c;
	}
	ops->hash_init(ctx, NULL);
	ops->hash_update(ctx, pad, BLOCK);
	ops->hash_update(ctx, inner, sizeof(inner));
	ops->hash_final(out, ctx);

	ZEND_SECURE_ZERO(k, sizeof(k));
	ZEND_SECURE_ZERO(pad, sizeof(pad));
	efree(ctx);
}
