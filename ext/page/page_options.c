/* PageCache's constructor: the storage and each option, checked; every bad value is an
 * exception naming the option, the value and the rule. */
#include "page_cache.h"
#include "ext/standard/php_var.h"
#include "main/php_open_temporary_file.h"
#include "../exceptions.h"
#include "../cache/backend.h"
#include "../cache/frontend.h"
#include "../http/http.h"

static const char *const known[] = {
	"cacheDirectory", "defaultLifetime", "ignoredParameters", "cachePost", "locale", "device",
	"sessionName", "secret", "storeHeadersDeny", "statusCodes", "protectedPaths", "tagger",
	"etag", "statusHeader", NULL,
};

static const zend_long default_codes[] = {200, 203, 204, 300, 301, 308, 404, 410};

static HashTable *new_table(void)
{
	HashTable *ht;
	ALLOC_HASHTABLE(ht);
	zend_hash_init(ht, 8, NULL, ZVAL_PTR_DTOR, 0);
	return ht;
}

/* A list of non-empty strings without NUL bytes or line breaks. */
static HashTable *string_list(zval *v, const char *name, bool lower)
{
	if (Z_TYPE_P(v) != IS_ARRAY) {
		tagcache_throw(tagcache_invalid_argument_ce, "PageCache option \"%s\" must be an array of strings, %s given",
		               name, zend_zval_type_name(v));
		return NULL;
	}
	HashTable *out = new_table();
	zval *e;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(v), e) {
		if (Z_TYPE_P(e) != IS_STRING || Z_STRLEN_P(e) == 0 || Z_STRLEN_P(e) > 200 ||
		    strpbrk(Z_STRVAL_P(e), "\r\n") || memchr(Z_STRVAL_P(e), 0, Z_STRLEN_P(e))) {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "PageCache option \"%s\": each element must be a non-empty string of at most 200 bytes without line breaks, %s given",
			               name, Z_TYPE_P(e) == IS_STRING ? "an invalid string" : zend_zval_type_name(e));
			zend_hash_destroy(out);
			FREE_HASHTABLE(out);
			return NULL;
		}
		zval s;
		ZVAL_STR(&s, lower ? zend_string_tolower(Z_STR_P(e)) : zend_string_copy(Z_STR_P(e)));
		if (lower) {
			zval t;
			ZVAL_TRUE(&t);
			zend_hash_update(out, Z_STR(s), &t);
			zval_ptr_dtor(&s);
		} else {
			zend_hash_next_index_insert(out, &s);
		}
	} ZEND_HASH_FOREACH_END();
	return out;
}

static bool callable_option(zval *v, const char *name, zval *out)
{
	if (!zend_is_callable(v, 0, NULL)) {
		tagcache_throw(tagcache_invalid_argument_ce, "PageCache option \"%s\" must be callable, %s given", name,
		               zend_zval_type_name(v));
		return false;
	}
	ZVAL_COPY(out, v);
	return true;
}

static bool bool_option(zval *v, const char *name, bool *out)
{
	if (Z_TYPE_P(v) != IS_TRUE && Z_TYPE_P(v) != IS_FALSE) {
		tagcache_throw(tagcache_invalid_argument_ce, "PageCache option \"%s\" must be a bool, %s given", name,
		               zend_zval_type_name(v));
		return false;
	}
	*out = Z_TYPE_P(v) == IS_TRUE;
	return true;
}

/* A token of RFC 9110 (header and cookie names). */
static bool is_token(zend_string *s)
{
	if (ZSTR_LEN(s) == 0 || ZSTR_LEN(s) > 100) {
		return false;
	}
	for (size_t i = 0; i < ZSTR_LEN(s); i++) {
		unsigned char c = (unsigned char)ZSTR_VAL(s)[i];
		if (c <= 32 || c >= 127 || strchr("()<>@,;:\\\"/[]?={}", c)) {
			return false;
		}
	}
	return true;
}

static bool make_storage(page_obj *p, zval *storage, zval *dir)
{
	zval backend;
	ZVAL_UNDEF(&backend);
	if (storage && Z_TYPE_P(storage) == IS_OBJECT &&
	    instanceof_function(Z_OBJCE_P(storage), tagcache_frontend_interface_ce)) {
		if (dir) {
			tagcache_throw(tagcache_invalid_argument_ce, "PageCache option \"cacheDirectory\" only applies without a storage");
			return false;
		}
		ZVAL_COPY(&p->storage, storage);
		return true;
	}
	if (storage && Z_TYPE_P(storage) == IS_OBJECT) {
		if (dir) {
			tagcache_throw(tagcache_invalid_argument_ce, "PageCache option \"cacheDirectory\" only applies without a storage");
			return false;
		}
		if (!instanceof_function(Z_OBJCE_P(storage), tagcache_taggable_backend_ce)) {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "PageCache storage %s cannot flush by tag: pass a TaggableBackendInterface (FileBackend, SharedMemoryBackend, RedisBackend, ...)",
			               ZSTR_VAL(Z_OBJCE_P(storage)->name));
			return false;
		}
		ZVAL_COPY(&backend, storage);
	} else {
		zend_string *cn = zend_string_init(ZEND_STRL("TagCache\\Backend\\FileBackend"), 0);
		zend_class_entry *ce = zend_lookup_class(cn);
		zend_string_release(cn);
		zval opts, args[1], ret;
		array_init(&opts);
		if (dir) {
			if (Z_TYPE_P(dir) != IS_STRING || Z_STRLEN_P(dir) == 0) {
				zval_ptr_dtor(&opts);
				tagcache_throw(tagcache_invalid_argument_ce, "PageCache option \"cacheDirectory\" must be a non-empty string, %s given",
				               zend_zval_type_name(dir));
				return false;
			}
			Z_TRY_ADDREF_P(dir);
			add_assoc_zval(&opts, "cacheDirectory", dir);
		} else {
			zend_string *tmp = strpprintf(0, "%s/tagcache-page-%ld", php_get_temporary_directory(), (long)getuid());
			add_assoc_str(&opts, "cacheDirectory", tmp);
		}
		if (!ce || object_init_ex(&backend, ce) != SUCCESS) {
			zval_ptr_dtor(&opts);
			return false;
		}
		ZVAL_COPY_VALUE(&args[0], &opts);
		zend_call_known_instance_method(ce->constructor, Z_OBJ(backend), &ret, 1, args);
		zval_ptr_dtor(&ret);
		zval_ptr_dtor(&opts);
		if (EG(exception)) {
			zval_ptr_dtor(&backend);
			return false;
		}
	}
	zval args[2], ret;
	object_init_ex(&p->storage, tagcache_string_frontend_ce);
	ZVAL_STRING(&args[0], "tagcache_page");
	ZVAL_COPY_VALUE(&args[1], &backend);
	zend_call_known_instance_method(tagcache_string_frontend_ce->constructor, Z_OBJ(p->storage), &ret, 2, args);
	zval_ptr_dtor(&ret);
	zval_ptr_dtor(&args[0]);
	zval_ptr_dtor(&backend);
	if (EG(exception)) {
		zval_ptr_dtor(&p->storage);
		ZVAL_UNDEF(&p->storage);
		return false;
	}
	return true;
}

static bool one_option(page_obj *p, zend_string *key, zval *v)
{
	const char *k = ZSTR_VAL(key);
	if (!strcmp(k, "cacheDirectory")) {
		return true; /* taken by make_storage() */
	}
	if (!strcmp(k, "defaultLifetime")) {
		if (Z_TYPE_P(v) != IS_LONG || Z_LVAL_P(v) < 0) {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "PageCache option \"defaultLifetime\" must be an int >= 0 (seconds, 0 = unlimited)");
			return false;
		}
		p->default_lifetime = Z_LVAL_P(v);
		return true;
	}
	if (!strcmp(k, "ignoredParameters") || !strcmp(k, "protectedPaths")) {
		HashTable *l = string_list(v, k, false);
		if (!l) {
			return false;
		}
		HashTable **slot = k[0] == 'i' ? &p->ignored : &p->protected_paths;
		zend_hash_destroy(*slot);
		FREE_HASHTABLE(*slot);
		*slot = l;
		return true;
	}
	if (!strcmp(k, "storeHeadersDeny")) {
		HashTable *l = string_list(v, k, true);
		if (!l) {
			return false;
		}
		zend_string *name;
		ZEND_HASH_FOREACH_STR_KEY(l, name) {
			if (!is_token(name)) {
				tagcache_throw(tagcache_invalid_argument_ce, "PageCache option \"storeHeadersDeny\": \"%s\" is not a header name",
				               ZSTR_VAL(name));
				zend_hash_destroy(l);
				FREE_HASHTABLE(l);
				return false;
			}
			zval t;
			ZVAL_TRUE(&t);
			zend_hash_update(p->deny, name, &t);
		} ZEND_HASH_FOREACH_END();
		zend_hash_destroy(l);
		FREE_HASHTABLE(l);
		return true;
	}
	if (!strcmp(k, "statusCodes")) {
		if (Z_TYPE_P(v) != IS_ARRAY) {
			tagcache_throw(tagcache_invalid_argument_ce, "PageCache option \"statusCodes\" must be an array of ints, %s given",
			               zend_zval_type_name(v));
			return false;
		}
		zend_hash_clean(p->status_codes);
		zval *e;
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(v), e) {
			if (Z_TYPE_P(e) != IS_LONG || Z_LVAL_P(e) < 100 || Z_LVAL_P(e) > 599) {
				tagcache_throw(tagcache_invalid_argument_ce,
				               "PageCache option \"statusCodes\": each element must be an HTTP status (int 100-599)");
				return false;
			}
			zval t;
			ZVAL_TRUE(&t);
			zend_hash_index_update(p->status_codes, Z_LVAL_P(e), &t);
		} ZEND_HASH_FOREACH_END();
		return true;
	}
	if (!strcmp(k, "cachePost")) {
		return bool_option(v, k, &p->cache_post);
	}
	if (!strcmp(k, "etag")) {
		return bool_option(v, k, &p->etag);
	}
	if (!strcmp(k, "locale")) {
		return Z_TYPE_P(v) == IS_NULL || callable_option(v, k, &p->locale);
	}
	if (!strcmp(k, "device")) {
		if (Z_TYPE_P(v) == IS_FALSE) {
			p->device_off = true;
			return true;
		}
		return Z_TYPE_P(v) == IS_NULL || callable_option(v, k, &p->device);
	}
	if (!strcmp(k, "sessionName") || !strcmp(k, "statusHeader")) {
		if (Z_TYPE_P(v) == IS_NULL && k[1] == 't') {
			return true;
		}
		if (Z_TYPE_P(v) != IS_STRING || !is_token(Z_STR_P(v))) {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "PageCache option \"%s\" must be a cookie or header name (a token of 1 to 100 visible ASCII bytes without separators)",
			               k);
			return false;
		}
		zend_string **slot = k[1] == 'e' ? &p->session_name : &p->status_header;
		if (*slot) {
			zend_string_release(*slot);
		}
		*slot = zend_string_copy(Z_STR_P(v));
		return true;
	}
	if (!strcmp(k, "secret")) {
		if (Z_TYPE_P(v) != IS_STRING || Z_STRLEN_P(v) < 16) {
			tagcache_throw(tagcache_invalid_argument_ce, "PageCache option \"secret\" must be a string of at least 16 bytes");
			return false;
		}
		p->secret = zend_string_copy(Z_STR_P(v));
		p->secret_given = true;
		return true;
	}
	if (!strcmp(k, "tagger")) {
		if (Z_TYPE_P(v) == IS_NULL) {
			return true;
		}
		if (Z_TYPE_P(v) != IS_OBJECT || !instanceof_function(Z_OBJCE_P(v), tagcache_http_tagger_ce)) {
			tagcache_throw(tagcache_invalid_argument_ce, "PageCache option \"tagger\" must be a TagCache\\Http\\ResponseTagger, %s given",
			               zend_zval_type_name(v));
			return false;
		}
		ZVAL_COPY(&p->tagger, v);
		return true;
	}
	return false;
}

bool tagcache_page_options(page_obj *p, zval *storage, HashTable *options)
{
	zend_string *key;
	zval *v;
	if (p->constructed) {
		zend_throw_error(NULL, "TagCache\\Page\\PageCache is already constructed");
		return false;
	}
	tagcache_page_options_free(p); /* a second call after a failed one starts afresh */
	p->ignored = new_table();
	p->protected_paths = new_table();
	p->deny = new_table();
	p->status_codes = new_table();
	p->default_lifetime = 3600;
	p->etag = true;
	p->session_name = zend_string_init(ZEND_STRL("PHPSESSID"), 0);
	const char *globs[] = {"utm_*", "fbclid", "gclid"};
	for (size_t i = 0; i < 3; i++) {
		zval s;
		ZVAL_STRING(&s, globs[i]);
		zend_hash_next_index_insert(p->ignored, &s);
	}
	for (size_t i = 0; i < sizeof(default_codes) / sizeof(default_codes[0]); i++) {
		zval t;
		ZVAL_TRUE(&t);
		zend_hash_index_update(p->status_codes, default_codes[i], &t);
	}
	ZEND_HASH_FOREACH_STR_KEY_VAL(options, key, v) {
		bool ok = false;
		if (!key) {
			tagcache_throw(tagcache_invalid_argument_ce, "PageCache options must be keyed by name, got a list element");
			return false;
		}
		for (size_t i = 0; known[i]; i++) {
			ok = ok || zend_string_equals_cstr(key, known[i], strlen(known[i]));
		}
		if (!ok) {
			tagcache_throw(tagcache_invalid_argument_ce, "PageCache option \"%s\" is unknown", ZSTR_VAL(key));
			return false;
		}
		ZVAL_DEREF(v);
		if (!one_option(p, key, v)) {
			return false;
		}
	} ZEND_HASH_FOREACH_END();
	zval *dir = zend_hash_str_find_deref(options, ZEND_STRL("cacheDirectory"));
	if (!make_storage(p, storage, dir)) {
		return false;
	}
	p->constructed = true;
	return true;
}

static void free_table(HashTable **ht)
{
	if (*ht) {
		zend_hash_destroy(*ht);
		FREE_HASHTABLE(*ht);
		*ht = NULL;
	}
}

void tagcache_page_options_free(page_obj *p)
{
	free_table(&p->ignored);
	free_table(&p->protected_paths);
	free_table(&p->deny);
	free_table(&p->status_codes);
	zval_ptr_dtor(&p->storage);
	zval_ptr_dtor(&p->locale);
	zval_ptr_dtor(&p->device);
	zval_ptr_dtor(&p->tagger);
	ZVAL_UNDEF(&p->storage);
	ZVAL_UNDEF(&p->locale);
	ZVAL_UNDEF(&p->device);
	ZVAL_UNDEF(&p->tagger);
	if (p->session_name) {
		zend_string_release(p->session_name);
		p->session_name = NULL;
	}
	if (p->secret) {
		zend_string_release(p->secret);
		p->secret = NULL;
	}
	if (p->status_header) {
		zend_string_release(p->status_header);
		p->status_header = NULL;
	}
}
