/* VariableFrontend payloads: one format-marker byte, then the serializer's bytes, so a reader
 * knows which serializer wrote an entry whatever this process has loaded. */
#ifndef TAGCACHE_SERIALIZER_H
#define TAGCACHE_SERIALIZER_H

#include "frontend.h"
#include "php_tagcache.h"

#define TAGCACHE_FORMAT_PHP 'p'
#define TAGCACHE_FORMAT_IGBINARY 'i'
/* 'h', then HMAC-SHA256(cache id, entry id, rest), then a 'p' or 'i' payload (option hmacKey). */
#define TAGCACHE_FORMAT_SIGNED 'h'

/* 'x', expiry (int64, ms since the epoch, little-endian), the last computation's duration
 * (uint32 ms), then a 'p' or 'i' payload: written by getOrCompute() for early recomputation. */
#define TAGCACHE_FORMAT_COMPUTED 'x'
#define TAGCACHE_COMPUTED_HEAD 13

/* What the last tagcache_decode() found in a TAGCACHE_FORMAT_COMPUTED envelope; callers clear
 * `found` before they read. Per request (module globals): threads of a ZTS build decode apart. */
#define tagcache_last_computed TAGCACHE_G(last_computed)

bool tagcache_igbinary_available(void);

/* The payload for value, or NULL with InvalidDataException thrown (the serializer's own
 * exception becomes its previous). */
zend_string *tagcache_encode(tagcache_frontend_obj *fe, zend_string *id, zval *value);

/* tagcache_encode inside a TAGCACHE_FORMAT_COMPUTED envelope (signed as a whole). */
zend_string *tagcache_encode_computed(tagcache_frontend_obj *fe, zend_string *id, zval *value,
                                      int64_t expiry_ms, uint32_t delta_ms);

/* Decodes payload into out. false when it cannot be decoded: a warning names the entry, and
 * the caller reports a miss. Exceptions from __wakeup / __unserialize propagate. */
bool tagcache_decode(tagcache_frontend_obj *fe, zend_string *id, zend_string *payload, zval *out);

#endif
