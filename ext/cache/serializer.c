/* Serialization for VariableFrontend. PHP's own serializer is called through its C API; igbinary
 * through its PHP functions, so the extension has no link-time dependency on it. */
#include "serializer.h"
#include "exceptions.h"
#include "hmac.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"
#include "ext/standard/php_var.h"

bool tagcache_igbinary_available(void)
{
	return zend_hash_str_exists(&module_registry, "igbinary", sizeof("igbinary") - 1);
}

static zend_function *function_named(const char *name)
{
	return zend_hash_str_find_ptr(CG(function_table), name, strlen(name));
}

static void wrap_exception(zend_string *id)
{
	zend_object *prev = EG(exception);
	EG(exception) = NULL;
	zval rv;
	zend_string *why = zval_get_string(
		zend_read_property_ex(prev->ce, prev, ZSTR_KNOWN(ZEND_STR_MESSAGE), 1, &rv));
	zend_string *msg = zend_strpprintf(0, "The value for entry \"%s\" cannot be serialized: %s",
	                                   ZSTR_VAL(id), ZSTR_VAL(why));
	zend_string_release(why);
	zend_throw_exception(tagcache_invalid_data_ce, ZSTR_VAL(msg), 0);
	zend_exception_set_previous(EG(exception), prev);
	zend_string_release(msg);
}

static zend_string *encode_plain(tagcache_frontend_obj *fe, zend_string *id, zval *value)
{
	if (fe->serializer == TAGCACHE_FORMAT_IGBINARY) {
		zend_function *fn = function_named("igbinary_serialize");
		if (!fn) {
			tagcache_throw(tagcache_invalid_data_ce, "igbinary is not loaded in this process");
			return NULL;
		}
		zval ret;
		zend_call_known_function(fn, NULL, NULL, &ret, 1, value, NULL);
		if (EG(exception)) {
			zval_ptr_dtor(&ret);
			wrap_exception(id);
			return NULL;
		}
		if (Z_TYPE(ret) != IS_STRING) {
			zval_ptr_dtor(&ret);
			tagcache_throw(tagcache_invalid_data_ce, "igbinary cannot serialize the value for entry \"%s\"",
			               ZSTR_VAL(id));
			return NULL;
		}
		zend_string *out = zend_string_alloc(Z_STRLEN(ret) + 1, 0);
		ZSTR_VAL(out)[0] = TAGCACHE_FORMAT_IGBINARY;
		memcpy(ZSTR_VAL(out) + 1, Z_STRVAL(ret), Z_STRLEN(ret) + 1);
		zval_ptr_dtor(&ret);
		return out;
	}
	smart_str buf = {0};
	smart_str_appendc(&buf, TAGCACHE_FORMAT_PHP);
	php_serialize_data_t var_hash;
	PHP_VAR_SERIALIZE_INIT(var_hash);
	php_var_serialize(&buf, value, &var_hash);
	PHP_VAR_SERIALIZE_DESTROY(var_hash);
	if (EG(exception)) {
		smart_str_free(&buf);
		wrap_exception(id);
		return NULL;
	}
	return smart_str_extract(&buf);
}

/* The MAC covers the cache and entry identifiers too, so a signed payload copied to another
 * entry or cache does not verify there. */
static void mac_of(tagcache_frontend_obj *fe, zend_string *id, const char *payload, size_t len,
                   unsigned char out[TAGCACHE_HMAC_SIZE])
{
	const char *parts[] = {ZSTR_VAL(fe->identifier), "", ZSTR_VAL(id), "", payload};
	const size_t lens[] = {ZSTR_LEN(fe->identifier), 1, ZSTR_LEN(id), 1, len};
	tagcache_hmac_sha256(fe->hmac_key, parts, lens, 5, out);
}

static zend_string *sign(tagcache_frontend_obj *fe, zend_string *id, zend_string *plain)
{
	if (!plain || !fe->hmac_key) {
		return plain;
	}
	zend_string *out = zend_string_alloc(1 + TAGCACHE_HMAC_SIZE + ZSTR_LEN(plain), 0);
	ZSTR_VAL(out)[0] = TAGCACHE_FORMAT_SIGNED;
	mac_of(fe, id, ZSTR_VAL(plain), ZSTR_LEN(plain), (unsigned char *)ZSTR_VAL(out) + 1);
	memcpy(ZSTR_VAL(out) + 1 + TAGCACHE_HMAC_SIZE, ZSTR_VAL(plain), ZSTR_LEN(plain) + 1);
	zend_string_release(plain);
	return out;
}

zend_string *tagcache_encode(tagcache_frontend_obj *fe, zend_string *id, zval *value)
{
	return sign(fe, id, encode_plain(fe, id, value));
}

zend_string *tagcache_encode_computed(tagcache_frontend_obj *fe, zend_string *id, zval *value,
                                      int64_t expiry_ms, uint32_t delta_ms)
{
	zend_string *plain = encode_plain(fe, id, value);
	if (!plain) {
		return NULL;
	}
	zend_string *env = zend_string_alloc(TAGCACHE_COMPUTED_HEAD + ZSTR_LEN(plain), 0);
	unsigned char *p = (unsigned char *)ZSTR_VAL(env);
	p[0] = TAGCACHE_FORMAT_COMPUTED;
	for (int i = 0; i < 8; i++) {
		p[1 + i] = (unsigned char)((uint64_t)expiry_ms >> (8 * i));
	}
	for (int i = 0; i < 4; i++) {
		p[9 + i] = (unsigned char)(delta_ms >> (8 * i));
	}
	memcpy(p + TAGCACHE_COMPUTED_HEAD, ZSTR_VAL(plain), ZSTR_LEN(plain) + 1);
	zend_string_release(plain);
	return sign(fe, id, env);
}

static bool corrupt(tagcache_frontend_obj *fe, zend_string *id, const char *why)
{
	php_error_docref(NULL, E_WARNING, "Cache \"%s\": entry \"%s\" %s; it reads as a miss",
	                 ZSTR_VAL(fe->identifier), ZSTR_VAL(id), why);
	return false;
}

/* A stored string, the commonest value and often the largest: serialize() wrote
 * s:<n>:"<n bytes>"; and the payload buffer was read for this call alone (refcount 1). Its
 * bytes move to the front of that buffer, which becomes the value: no second allocation and
 * copy of n bytes (for 1 MB the second allocation costs a fresh Zend MM chunk, page faults
 * included). The buffer keeps its few bytes of slack; shrinking it could move it. */
static bool decode_string_in_place(zend_string *owner, const char *p, const char *end, zval *out)
{
	if (!owner || ZSTR_IS_INTERNED(owner) || GC_REFCOUNT(owner) != 1 || end - p < 6 || p[0] != 's' ||
	    p[1] != ':' || p < ZSTR_VAL(owner) || end != ZSTR_VAL(owner) + ZSTR_LEN(owner)) {
		return false;
	}
	const char *q = p + 2;
	size_t n = 0;
	int digits = 0;
	for (; q < end && *q >= '0' && *q <= '9' && digits < 19; q++, digits++) {
		n = n * 10 + (size_t)(*q - '0');
	}
	if (digits == 0 || (digits > 1 && p[2] == '0') || end - q < 4 || q[0] != ':' || q[1] != '"') {
		return false;
	}
	q += 2;
	if ((size_t)(end - q) != n + 2 || q[n] != '"' || q[n + 1] != ';') {
		return false;
	}
	memmove(ZSTR_VAL(owner), q, n);
	ZSTR_VAL(owner)[n] = '\0';
	ZSTR_LEN(owner) = n;
	zend_string_forget_hash_val(owner);
	GC_ADDREF(owner); /* the caller releases its reference as before; the value keeps this one */
	ZVAL_STR(out, owner);
	return true;
}

static bool decode_php(tagcache_frontend_obj *fe, zend_string *id, const char *bytes, size_t len, zval *out,
                       zend_string *owner)
{
	const unsigned char *p = (const unsigned char *)bytes + 1;
	const unsigned char *end = (const unsigned char *)bytes + len;
	if (decode_string_in_place(owner, (const char *)p, (const char *)end, out)) {
		return true;
	}
	php_unserialize_data_t var_hash;
	PHP_VAR_UNSERIALIZE_INIT(var_hash);
	if (fe->allowed_classes) {
		php_var_unserialize_set_allowed_classes(var_hash, fe->allowed_classes);
	}
	bool ok = php_var_unserialize(out, &p, end, &var_hash) && p == end;
	PHP_VAR_UNSERIALIZE_DESTROY(var_hash);
	if (!ok) {
		zval_ptr_dtor(out);
		ZVAL_UNDEF(out);
		return EG(exception) ? false : corrupt(fe, id, "holds bytes that do not unserialize");
	}
	if (Z_REFCOUNTED_P(out)) {
		gc_check_possible_root(Z_COUNTED_P(out));
	}
	return true;
}

static bool decode_igbinary(tagcache_frontend_obj *fe, zend_string *id, const char *bytes, size_t len, zval *out)
{
	if (fe->allowed_classes) {
		return corrupt(fe, id, "was written by igbinary, which cannot honour allowedClasses");
	}
	zend_function *fn = function_named("igbinary_unserialize");
	if (!fn) {
		return corrupt(fe, id, "was written by igbinary, which is not loaded in this process");
	}
	zval arg;
	ZVAL_STRINGL(&arg, bytes + 1, len - 1);
	zend_call_known_function(fn, NULL, NULL, out, 1, &arg, NULL);
	zval_ptr_dtor(&arg);
	if (EG(exception)) {
		return false;
	}
	/* igbinary_unserialize() answers null (with a warning) for bytes it cannot read; a stored
	 * null is exactly the 5 bytes 00 00 00 02 00. */
	if (Z_TYPE_P(out) == IS_NULL &&
	    (len != 6 || memcmp(bytes + 1, "\0\0\0\2\0", 5) != 0)) {
		ZVAL_UNDEF(out);
		return corrupt(fe, id, "holds bytes that igbinary cannot unserialize");
	}
	return true;
}

static bool decode_plain(tagcache_frontend_obj *fe, zend_string *id, const char *bytes, size_t len, zval *out,
                         zend_string *owner);

bool tagcache_decode(tagcache_frontend_obj *fe, zend_string *id, zend_string *payload, zval *out)
{
	ZVAL_UNDEF(out);
	bool signed_payload = ZSTR_LEN(payload) > 0 && ZSTR_VAL(payload)[0] == TAGCACHE_FORMAT_SIGNED;
	if (!fe->hmac_key) {
		if (signed_payload) {
			return corrupt(fe, id, "is signed, but this VariableFrontend has no hmacKey");
		}
		return decode_plain(fe, id, ZSTR_VAL(payload), ZSTR_LEN(payload), out, payload);
	}
	if (!signed_payload || ZSTR_LEN(payload) < 1 + TAGCACHE_HMAC_SIZE + 2) {
		return corrupt(fe, id, "is not signed, but this VariableFrontend requires an hmacKey signature");
	}
	const char *plain = ZSTR_VAL(payload) + 1 + TAGCACHE_HMAC_SIZE;
	size_t plain_len = ZSTR_LEN(payload) - 1 - TAGCACHE_HMAC_SIZE;
	unsigned char expected[TAGCACHE_HMAC_SIZE];
	mac_of(fe, id, plain, plain_len, expected);
	/* constant time: the comparison must not tell an attacker how much of a forgery was right */
	unsigned char diff = 0;
	for (size_t i = 0; i < TAGCACHE_HMAC_SIZE; i++) {
		diff |= expected[i] ^ (unsigned char)ZSTR_VAL(payload)[1 + i];
	}
	if (diff) {
		return corrupt(fe, id, "fails its HMAC check (tampered, or written with another hmacKey)");
	}
	return decode_plain(fe, id, plain, plain_len, out, payload);
}

/* owner: the payload string bytes lie in, which a decoder may take over (or NULL). */
static bool decode_plain(tagcache_frontend_obj *fe, zend_string *id, const char *bytes, size_t len, zval *out,
                         zend_string *owner)
{
	if (len < 2) {
		return corrupt(fe, id, "is too short to be a VariableFrontend payload");
	}
	switch (bytes[0]) {
	case TAGCACHE_FORMAT_PHP:
		return decode_php(fe, id, bytes, len, out, owner);
	case TAGCACHE_FORMAT_IGBINARY:
		return decode_igbinary(fe, id, bytes, len, out);
	case TAGCACHE_FORMAT_COMPUTED: {
		const unsigned char *p = (const unsigned char *)bytes;
		if (len < TAGCACHE_COMPUTED_HEAD + 2 || p[TAGCACHE_COMPUTED_HEAD] == TAGCACHE_FORMAT_COMPUTED) {
			return corrupt(fe, id, "holds a malformed getOrCompute() envelope");
		}
		uint64_t expiry = 0;
		uint32_t delta = 0;
		for (int i = 0; i < 8; i++) {
			expiry |= (uint64_t)p[1 + i] << (8 * i);
		}
		for (int i = 0; i < 4; i++) {
			delta |= (uint32_t)p[9 + i] << (8 * i);
		}
		tagcache_last_computed.found = true;
		tagcache_last_computed.expiry_ms = (int64_t)expiry;
		tagcache_last_computed.delta_ms = delta;
		return decode_plain(fe, id, bytes + TAGCACHE_COMPUTED_HEAD, len - TAGCACHE_COMPUTED_HEAD, out, owner);
	}
	default:
		return corrupt(fe, id, "starts with an unknown format marker");
	}
}
