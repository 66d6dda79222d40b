/* VariableFrontend payloads: one format-marker byte, then the serializer's bytes, so a reader
 * knows which serializer wrote an entry whatever this process has loaded. */
#ifndef TAGCACHE_SERIALIZER_H
#define TAGCACHE_SERIALIZER_H

#include "frontend.h"

#define TAGCACHE_FORMAT_PHP 'p'
#define TAGCACHE_FORMAT_IGBINARY 'i'
/* 'h', then HMAC-SHA256(cache id, entry id, rest), then a 'p' or 'i' payload (option hmacKey). */
#define TAGCACHE_FORMAT_SIGNED 'h'

bool tagcache_igbinary_available(void);

/* The payload for value, or NULL with InvalidDataException thrown (the serializer's own
 * exception becomes its previous). */
zend_string *tagcache_encode(tagcache_frontend_obj *fe, zend_string *id, zval *value);

/* Decodes payload into out. false when it cannot be decoded: a warning names the entry, and
 * the caller reports a miss. Exceptions from __wakeup / __unserialize propagate. */
bool tagcache_decode(tagcache_frontend_obj *fe, zend_string *id, zend_string *payload, zval *out);

#endif
