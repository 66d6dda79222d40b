/* Decoded-value memo of TransientMemoryBackend. A copy is attached to its core entry, so a write
 * through any path (frontend, backend methods), a flush or a removal drops it with the entry; it
 * is used only by a frontend whose decoding key (tagcache_memo_key) equals the one that made it. */
#include "memo.h"
#include "hmac.h"
#include "zend_smart_str.h"

typedef struct {
	zend_string *key; /* decoding settings of the frontend that decoded it */
	zval value;
} memo_copy;

/* Nesting deeper than this is not worth walking: such values are simply not kept. */
#define MEMO_MAX_DEPTH 16

static void memo_copy_free(void *p)
{
	memo_copy *c = p;
	zend_string_release(c->key);
	zval_ptr_dtor(&c->value);
	efree(c);
}

static bool is_plain(zval *v, int depth)
{
	switch (Z_TYPE_P(v)) {
	case IS_NULL:
	case IS_FALSE:
	case IS_TRUE:
	case IS_LONG:
	case IS_DOUBLE:
	case IS_STRING:
		return true;
	case IS_ARRAY: {
		if (depth >= MEMO_MAX_DEPTH) {
			return false;
		}
		zval *el;
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(v), el) {
			if (!is_plain(el, depth + 1)) {
				return false;
			}
		} ZEND_HASH_FOREACH_END();
		return true;
	}
	default:
		return false; /* objects and references would be shared with the caller */
	}
}

static void append_part(smart_str *s, const char *p, size_t len)
{
	/* length-prefixed, so no two different settings give the same key */
	smart_str_append_unsigned(s, len);
	smart_str_appendc(s, ':');
	smart_str_appendl(s, p, len);
}

zend_string *tagcache_memo_key(tagcache_frontend_obj *fe)
{
	smart_str s = {0};
	append_part(&s, ZSTR_VAL(fe->identifier), ZSTR_LEN(fe->identifier));
	append_part(&s, &fe->serializer, 1);
	if (fe->hmac_key) {
		static const char label[] = "tagcache decoded-value memo";
		const char *parts[] = {label};
		const size_t lens[] = {sizeof(label) - 1};
		unsigned char mac[TAGCACHE_HMAC_SIZE];
		tagcache_hmac_sha256(fe->hmac_key, parts, lens, 1, mac);
		append_part(&s, (const char *)mac, sizeof(mac));
	} else {
		append_part(&s, "-", 1);
	}
	if (fe->allowed_classes) {
		smart_str_appendc(&s, '[');
		zend_string *name;
		ZEND_HASH_FOREACH_STR_KEY(fe->allowed_classes, name) {
			append_part(&s, ZSTR_VAL(name), ZSTR_LEN(name));
		} ZEND_HASH_FOREACH_END();
		smart_str_appendc(&s, ']');
	} else {
		smart_str_appendc(&s, '*');
	}
	return smart_str_extract(&s);
}

tagcache_memo_result tagcache_memo_lookup(tagcache_backend_obj *b, zend_string *key, zend_string *id,
                                          uint64_t *version, zval *out)
{
	void *aux = NULL;
	if (tc_memory_backend_aux(b->core, tagcache_str_of(id), version, &aux) != TC_OK) {
		return TAGCACHE_MEMO_ABSENT;
	}
	memo_copy *c = aux;
	if (c && zend_string_equals(c->key, key)) {
		ZVAL_COPY(out, &c->value);
		return TAGCACHE_MEMO_HIT;
	}
	return TAGCACHE_MEMO_COLD;
}

void tagcache_memo_store(tagcache_backend_obj *b, zend_string *key, zend_string *id, uint64_t version,
                         zval *value)
{
	if (!is_plain(value, 0)) {
		return;
	}
	memo_copy *c = emalloc(sizeof(*c));
	c->key = zend_string_copy(key);
	ZVAL_COPY(&c->value, value);
	if (tc_memory_backend_set_aux(b->core, tagcache_str_of(id), version, c, memo_copy_free) != TC_OK) {
		memo_copy_free(c); /* the entry changed while it was decoded */
	}
}
