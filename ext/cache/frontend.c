/* Frontend classes. Identifiers, tags and lifetimes are checked here, before any backend sees
 * them; values are turned into bytes by the concrete frontend. */
#include "frontend.h"
#include "exceptions.h"
#include "memo.h"
#include "serializer.h"
#include "store.h"
#include "validate.h"
#include "tc_ident.h"
#include "zend_interfaces.h"
#include "frontend_arginfo.h"

zend_class_entry *tagcache_frontend_interface_ce;
zend_class_entry *tagcache_abstract_frontend_ce;
zend_class_entry *tagcache_variable_frontend_ce;
zend_class_entry *tagcache_string_frontend_ce;
zend_class_entry *tagcache_php_frontend_ce;

static zend_object_handlers frontend_handlers;

static zend_object *frontend_create(zend_class_entry *ce)
{
	tagcache_frontend_obj *fe = zend_object_alloc(sizeof(tagcache_frontend_obj), ce);
	zend_object_std_init(&fe->std, ce);
	object_properties_init(&fe->std, ce);
	fe->std.handlers = &frontend_handlers;
	ZVAL_UNDEF(&fe->backend);
	fe->serializer = TAGCACHE_FORMAT_PHP;
	return &fe->std;
}

static void frontend_free(zend_object *obj)
{
	tagcache_frontend_obj *fe = tagcache_frontend_from_obj(obj);
	if (fe->identifier) {
		zend_string_release(fe->identifier);
	}
	zval_ptr_dtor(&fe->backend);
	if (fe->allowed_classes) {
		zend_array_release(fe->allowed_classes);
	}
	if (fe->hmac_key) {
		ZEND_SECURE_ZERO(ZSTR_VAL(fe->hmac_key), ZSTR_LEN(fe->hmac_key));
		zend_string_release(fe->hmac_key);
	}
	if (fe->memo_key) {
		zend_string_release(fe->memo_key);
	}
	zend_object_std_dtor(obj);
}

/* A backend written in PHP may keep its frontend (setCache), which makes a cycle. */
static HashTable *frontend_get_gc(zend_object *obj, zval **table, int *n)
{
	tagcache_frontend_obj *fe = tagcache_frontend_from_obj(obj);
	*table = &fe->backend;
	*n = Z_ISUNDEF(fe->backend) ? 0 : 1;
	return zend_std_get_properties(obj);
}

#define THIS_FRONTEND() tagcache_frontend_from_obj(Z_OBJ_P(ZEND_THIS))

/* Every method but the constructor needs a constructed frontend. */
static tagcache_frontend_obj *this_frontend(zval *this_zv)
{
	tagcache_frontend_obj *fe = tagcache_frontend_from_obj(Z_OBJ_P(this_zv));
	if (UNEXPECTED(Z_ISUNDEF(fe->backend))) {
		zend_throw_error(NULL, "%s was not constructed: call parent::__construct()",
		                 ZSTR_VAL(Z_OBJCE_P(this_zv)->name));
		return NULL;
	}
	return fe;
}

tagcache_frontend_obj *tagcache_frontend_constructed(zval *this_zv)
{
	return this_frontend(this_zv);
}

#define FRONTEND(fe)                                                                               \
	tagcache_frontend_obj *fe = this_frontend(ZEND_THIS);                                     \
	if (!fe) {                                                                                 \
		RETURN_THROWS();                                                                   \
	}

zend_string *tagcache_frontend_identifier(zval *cache)
{
	if (instanceof_function(Z_OBJCE_P(cache), tagcache_abstract_frontend_ce)) {
		tagcache_frontend_obj *fe = tagcache_frontend_from_obj(Z_OBJ_P(cache));
		if (fe->identifier) {
			return zend_string_copy(fe->identifier);
		}
	}
	zval ret;
	zend_call_method_with_0_params(Z_OBJ_P(cache), Z_OBJCE_P(cache), NULL, "getidentifier", &ret);
	if (EG(exception)) {
		zval_ptr_dtor(&ret);
		return NULL;
	}
	if (Z_TYPE(ret) != IS_STRING) {
		tagcache_throw(tagcache_invalid_argument_ce, "%s::getIdentifier() must return a string, returned %s",
		               ZSTR_VAL(Z_OBJCE_P(cache)->name), zend_zval_type_name(&ret));
		zval_ptr_dtor(&ret);
		return NULL;
	}
	return Z_STR(ret);
}

/* Shared by every constructor: validate, keep the backend, tell it which cache it serves. */
static bool construct(zval *this_zv, zend_string *identifier, zval *backend)
{
	tagcache_frontend_obj *fe = tagcache_frontend_from_obj(Z_OBJ_P(this_zv));
	if (!Z_ISUNDEF(fe->backend)) {
		zend_throw_error(NULL, "%s is already constructed", ZSTR_VAL(Z_OBJCE_P(this_zv)->name));
		return false;
	}
	if (!tagcache_check_identifier(identifier, "Cache identifier")) {
		return false;
	}
	bool php = instanceof_function(Z_OBJCE_P(this_zv), tagcache_php_frontend_ce);
	if (php && !instanceof_function(Z_OBJCE_P(backend), tagcache_php_capable_backend_ce)) {
		tagcache_throw(tagcache_not_supported_ce,
		               "PhpFrontend \"%s\" needs a backend that implements PhpCapableBackendInterface, got %s",
		               ZSTR_VAL(identifier), ZSTR_VAL(Z_OBJCE_P(backend)->name));
		return false;
	}
	fe->identifier = zend_string_copy(identifier);
	ZVAL_COPY(&fe->backend, backend);
	fe->native = tagcache_native_backend(backend);
	if (fe->native) {
		return tagcache_backend_bind(fe->native, identifier, php ? TC_KIND_PHP : TC_KIND_DATA) == SUCCESS;
	}
	zval ret;
	zend_call_method_with_1_params(Z_OBJ_P(backend), Z_OBJCE_P(backend), NULL, "setcache", &ret, this_zv);
	zval_ptr_dtor(&ret);
	return !EG(exception);
}

PHP_METHOD(TagCache_Frontend_AbstractFrontend, __construct)
{
	zend_string *identifier;
	zval *backend;
	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(identifier)
		Z_PARAM_OBJECT_OF_CLASS(backend, tagcache_backend_interface_ce)
	ZEND_PARSE_PARAMETERS_END();
	if (!construct(ZEND_THIS, identifier, backend)) {
		RETURN_THROWS();
	}
}

/* allowedClasses as unserialize() takes it: true (any), false (none) or a list of names. */
static bool parse_allowed_classes(tagcache_frontend_obj *fe, zval *val)
{
	if (Z_TYPE_P(val) == IS_TRUE) {
		return true;
	}
	fe->allowed_classes = zend_new_array(0);
	if (Z_TYPE_P(val) == IS_FALSE) {
		return true;
	}
	if (Z_TYPE_P(val) != IS_ARRAY) {
		tagcache_throw(tagcache_invalid_argument_ce,
		               "VariableFrontend option \"allowedClasses\" must be true, false or a list of class names, got %s",
		               zend_zval_type_name(val));
		return false;
	}
	zval *name;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(val), name) {
		ZVAL_DEREF(name);
		if (Z_TYPE_P(name) != IS_STRING) {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "VariableFrontend option \"allowedClasses\" must list class names as strings, got %s",
			               zend_zval_type_name(name));
			return false;
		}
		zend_string *lc = zend_string_tolower(Z_STR_P(name));
		zend_hash_add_empty_element(fe->allowed_classes, lc);
		zend_string_release(lc);
	} ZEND_HASH_FOREACH_END();
	return true;
}

static bool parse_variable_options(tagcache_frontend_obj *fe, HashTable *options)
{
	/* A construction that failed half-way may be retried: start from no options, not its leftovers. */
	if (fe->allowed_classes) {
		zend_array_release(fe->allowed_classes);
		fe->allowed_classes = NULL;
	}
	if (fe->hmac_key) {
		ZEND_SECURE_ZERO(ZSTR_VAL(fe->hmac_key), ZSTR_LEN(fe->hmac_key));
		zend_string_release(fe->hmac_key);
		fe->hmac_key = NULL;
	}
	/* PHP's own serializer unless igbinary is asked for: igbinary's output does not round-trip
	 * every value as serialize() does, and a default should never change what get() returns. */
	fe->serializer = TAGCACHE_FORMAT_PHP;
	zend_string *key;
	zval *val;
	ZEND_HASH_FOREACH_STR_KEY_VAL(options, key, val) {
		ZVAL_DEREF(val);
		if (key && zend_string_equals_literal(key, "serializer")) {
			if (Z_TYPE_P(val) == IS_STRING && zend_string_equals_literal(Z_STR_P(val), "php")) {
				fe->serializer = TAGCACHE_FORMAT_PHP;
			} else if (Z_TYPE_P(val) == IS_STRING && zend_string_equals_literal(Z_STR_P(val), "igbinary")) {
				if (!tagcache_igbinary_available()) {
					tagcache_throw(tagcache_invalid_argument_ce,
					               "VariableFrontend option \"serializer\" is \"igbinary\", but the igbinary extension is not loaded");
					return false;
				}
				fe->serializer = TAGCACHE_FORMAT_IGBINARY;
			} else {
				tagcache_throw(tagcache_invalid_argument_ce,
				               "VariableFrontend option \"serializer\" must be \"php\" or \"igbinary\", got %s%s%s",
				               Z_TYPE_P(val) == IS_STRING ? "\"" : "",
				               Z_TYPE_P(val) == IS_STRING ? Z_STRVAL_P(val) : zend_zval_type_name(val),
				               Z_TYPE_P(val) == IS_STRING ? "\"" : "");
				return false;
			}
		} else if (key && zend_string_equals_literal(key, "hmacKey")) {
			if (Z_TYPE_P(val) != IS_STRING || Z_STRLEN_P(val) < 16) {
				/* Never echo a key, not even a short one. */
				tagcache_throw(tagcache_invalid_argument_ce,
				               "VariableFrontend option \"hmacKey\" must be a string of at least 16 bytes (use random_bytes(32)), got %s of %zu bytes",
				               zend_zval_type_name(val), Z_TYPE_P(val) == IS_STRING ? Z_STRLEN_P(val) : (size_t)0);
				return false;
			}
			if (fe->hmac_key) {
				zend_string_release(fe->hmac_key);
			}
			/* Our own copy, so it can be wiped on free without touching the caller's. */
			fe->hmac_key = zend_string_init(Z_STRVAL_P(val), Z_STRLEN_P(val), 0);
		} else if (key && zend_string_equals_literal(key, "allowedClasses")) {
			if (!parse_allowed_classes(fe, val)) {
				return false;
			}
		} else {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "VariableFrontend has no option \"%s\"; known options: serializer, allowedClasses, hmacKey",
			               key ? ZSTR_VAL(key) : "(numeric key)");
			return false;
		}
	} ZEND_HASH_FOREACH_END();
	if (fe->allowed_classes && fe->serializer == TAGCACHE_FORMAT_IGBINARY) {
		tagcache_throw(tagcache_invalid_argument_ce,
		               "VariableFrontend options \"serializer\" = \"igbinary\" and \"allowedClasses\" do not mix: igbinary cannot restrict classes");
		return false;
	}
	return true;
}

PHP_METHOD(TagCache_Frontend_VariableFrontend, __construct)
{
	zend_string *identifier;
	zval *backend;
	HashTable *options = NULL;
	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(identifier)
		Z_PARAM_OBJECT_OF_CLASS(backend, tagcache_backend_interface_ce)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();
	tagcache_frontend_obj *fe = tagcache_frontend_from_obj(Z_OBJ_P(ZEND_THIS));
	if (!Z_ISUNDEF(fe->backend)) {
		zend_throw_error(NULL, "%s is already constructed", ZSTR_VAL(Z_OBJCE_P(ZEND_THIS)->name));
		RETURN_THROWS();
	}
	if (!parse_variable_options(fe, options ? options : (HashTable *)&zend_empty_array) ||
	    !construct(ZEND_THIS, identifier, backend)) {
		RETURN_THROWS();
	}
	fe->memo_key = tagcache_memo_key(fe);
}

PHP_METHOD(TagCache_Frontend_AbstractFrontend, getIdentifier)
{
	ZEND_PARSE_PARAMETERS_NONE();
	FRONTEND(fe);
	RETURN_STR_COPY(fe->identifier);
}

PHP_METHOD(TagCache_Frontend_AbstractFrontend, getBackend)
{
	ZEND_PARSE_PARAMETERS_NONE();
	FRONTEND(fe);
	RETURN_COPY(&fe->backend);
}

/* The common part of every set(): checks, then hands bytes to the backend. Returns true when
 * stored, false when a write ticket was overtaken by a flush (or with an exception). */
static bool store(tagcache_frontend_obj *fe, zend_string *id, zend_string *payload, HashTable *tags,
                  zend_long lifetime, bool lifetime_null, zend_long ticket, bool ticket_null)
{
	int64_t life;
	if (!tagcache_check_lifetime(lifetime, lifetime_null, &life)) {
		return false;
	}
	uint64_t t = (uint64_t)ticket;
	return tagcache_store_set(fe, id, payload, tags, life, ticket_null ? NULL : &t) == 1;
}

/* A write ticket must be one a cache handed out: never negative. */
static bool check_ticket_arg(zend_long ticket, bool ticket_null)
{
	if (!ticket_null && ticket < 0) {
		tagcache_throw(tagcache_invalid_argument_ce,
		               "Ticket " ZEND_LONG_FMT " is negative: pass null, or a ticket from get() or ticket()",
		               ticket);
		return false;
	}
	return true;
}

/* Fills the by-reference $ticket of get()/requireOnce(): a ticket after a miss, else null. */
static bool fill_ticket(tagcache_frontend_obj *fe, zval *ref, bool missed)
{
	if (!ref) {
		return true;
	}
	zend_long t = 0;
	if (missed && !tagcache_store_ticket(fe, &t)) {
		return false;
	}
	if (missed) {
		ZEND_TRY_ASSIGN_REF_LONG(ref, t);
	} else {
		ZEND_TRY_ASSIGN_REF_NULL(ref);
	}
	return !EG(exception);
}

#define SET_PARAMS()                                                                               \
	zend_string *id;                                                                           \
	zval *data;                                                                                \
	HashTable *tags = NULL;                                                                    \
	zend_long lifetime = 0, ticket = 0;                                                        \
	bool lifetime_null = true, ticket_null = true;                                             \
	ZEND_PARSE_PARAMETERS_START(2, 5)                                                          \
		Z_PARAM_STR(id)                                                                    \
		Z_PARAM_ZVAL(data)                                                                 \
		Z_PARAM_OPTIONAL                                                                   \
		Z_PARAM_ARRAY_HT(tags)                                                             \
		Z_PARAM_LONG_OR_NULL(lifetime, lifetime_null)                                      \
		Z_PARAM_LONG_OR_NULL(ticket, ticket_null)                                          \
	ZEND_PARSE_PARAMETERS_END();                                                               \
	FRONTEND(fe);                                                                              \
	if (!tagcache_check_identifier(id, "Entry identifier") ||                                  \
	    !check_ticket_arg(ticket, ticket_null)) {                                              \
		RETURN_THROWS();                                                                   \
	}

PHP_METHOD(TagCache_Frontend_VariableFrontend, set)
{
	SET_PARAMS();
	zend_string *payload = tagcache_encode(fe, id, data);
	if (!payload) {
		RETURN_THROWS();
	}
	bool stored = store(fe, id, payload, tags, lifetime, lifetime_null, ticket, ticket_null);
	zend_string_release(payload);
	if (EG(exception)) {
		RETURN_THROWS();
	}
	RETURN_BOOL(stored);
}

/* Reads and validates id; NULL on a miss or with an exception. */
static zend_string *fetch(tagcache_frontend_obj *fe, zend_string *id)
{
	if (!tagcache_check_identifier(id, "Entry identifier")) {
		return NULL;
	}
	return tagcache_store_get(fe, id);
}

/* get(id, &$ticket) and requireOnce(id, &$ticket): ticket_ref is NULL when not passed; a
 * backend without tickets is refused before anything is read. */
#define GET_PARAMS()                                                                               \
	zend_string *id;                                                                           \
	zval *ticket_ref = NULL;                                                                   \
	ZEND_PARSE_PARAMETERS_START(1, 2)                                                          \
		Z_PARAM_STR(id)                                                                    \
		Z_PARAM_OPTIONAL                                                                   \
		Z_PARAM_ZVAL(ticket_ref)                                                           \
	ZEND_PARSE_PARAMETERS_END();                                                               \
	FRONTEND(fe);                                                                              \
	if (ticket_ref && !tagcache_store_can_ticket(fe)) {                                        \
		RETURN_THROWS();                                                                   \
	}

PHP_METHOD(TagCache_Frontend_VariableFrontend, get)
{
	GET_PARAMS();
	if (!tagcache_check_identifier(id, "Entry identifier")) {
		RETURN_THROWS();
	}
	tagcache_backend_obj *memo_of = NULL;
	uint64_t version = 0;
	if (fe->native && (fe->native->desc->caps & TAGCACHE_CAP_MEMO) && fe->native->core && fe->memo_key) {
		switch (tagcache_memo_lookup(fe->native, fe->memo_key, id, &version, return_value)) {
		case TAGCACHE_MEMO_HIT:
			if (!fill_ticket(fe, ticket_ref, false)) {
				zval_ptr_dtor(return_value);
				ZVAL_NULL(return_value);
				RETURN_THROWS();
			}
			return;
		case TAGCACHE_MEMO_ABSENT:
			if (!fill_ticket(fe, ticket_ref, true)) {
				RETURN_THROWS();
			}
			RETURN_FALSE;
		case TAGCACHE_MEMO_COLD:
			memo_of = fe->native;
			break;
		}
	}
	/* A signed frontend must see every payload's signature: no decoding while reading. */
	bool is_value = false;
	zend_string *payload = fe->hmac_key ? tagcache_store_get(fe, id) : tagcache_store_get_value(fe, id, &is_value);
	if (!payload) {
		if (EG(exception) || !fill_ticket(fe, ticket_ref, true)) {
			RETURN_THROWS();
		}
		RETURN_FALSE;
	}
	bool ok = true;
	if (is_value) {
		ZVAL_STR(return_value, payload);
	} else {
		ok = tagcache_decode(fe, id, payload, return_value);
		zend_string_release(payload);
	}
	if (!ok) {
		/* Undecodable reads as a miss: a ticket lets the caller store a fresh value. */
		if (EG(exception) || !fill_ticket(fe, ticket_ref, true)) {
			RETURN_THROWS();
		}
		RETURN_FALSE;
	}
	if (!fill_ticket(fe, ticket_ref, false)) {
		zval_ptr_dtor(return_value);
		ZVAL_NULL(return_value); /* the engine releases it too when the call threw */
		RETURN_THROWS();
	}
	if (memo_of) {
		tagcache_memo_store(memo_of, fe->memo_key, id, version, return_value);
	}
}

PHP_METHOD(TagCache_Frontend_StringFrontend, get)
{
	GET_PARAMS();
	zend_string *payload = fetch(fe, id);
	if (!payload) {
		if (EG(exception) || !fill_ticket(fe, ticket_ref, true)) {
			RETURN_THROWS();
		}
		RETURN_FALSE;
	}
	if (!fill_ticket(fe, ticket_ref, false)) {
		zend_string_release(payload);
		RETURN_THROWS();
	}
	RETURN_STR(payload);
}

static void string_set(INTERNAL_FUNCTION_PARAMETERS, bool php)
{
	SET_PARAMS();
	if (Z_TYPE_P(data) != IS_STRING) {
		tagcache_throw(tagcache_invalid_data_ce, "%s can only store strings, got %s for entry \"%s\"",
		               php ? "PhpFrontend" : "StringFrontend", zend_zval_type_name(data), ZSTR_VAL(id));
		RETURN_THROWS();
	}
	if (php) {
		const char *code = Z_STRVAL_P(data);
		size_t len = Z_STRLEN_P(data), i = 0;
		while (i < len && strchr(" \t\r\n", code[i])) {
			i++;
		}
		if (len - i >= 5 && strncasecmp(code + i, "<?php", 5) == 0) {
			tagcache_throw(tagcache_invalid_data_ce,
			               "PhpFrontend takes PHP code without the opening \"<?php\" tag (entry \"%s\")",
			               ZSTR_VAL(id));
			RETURN_THROWS();
		}
	}
	bool stored = store(fe, id, Z_STR_P(data), tags, lifetime, lifetime_null, ticket, ticket_null);
	if (EG(exception)) {
		RETURN_THROWS();
	}
	RETURN_BOOL(stored);
}

PHP_METHOD(TagCache_Frontend_StringFrontend, set)
{
	string_set(INTERNAL_FUNCTION_PARAM_PASSTHRU, false);
}

PHP_METHOD(TagCache_Frontend_PhpFrontend, set)
{
	string_set(INTERNAL_FUNCTION_PARAM_PASSTHRU, true);
}

/* getByTag for both families: decode = false returns the stored strings. */
static void get_by_tag(INTERNAL_FUNCTION_PARAMETERS, bool decode)
{
	zend_string *tag;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(tag)
	ZEND_PARSE_PARAMETERS_END();
	FRONTEND(fe);
	if (!tagcache_check_tag(tag)) {
		RETURN_THROWS();
	}
	zval ids, payloads;
	array_init(&ids);
	array_init(&payloads);
	/* One read per entry where the backend offers it, else the ids first, then each get. */
	int one_pass = tagcache_store_get_by_tag(fe, tag, &ids, &payloads);
	if (one_pass < 0 || (!one_pass && !tagcache_store_find_ids(fe, tag, &ids))) {
		zval_ptr_dtor(&ids);
		zval_ptr_dtor(&payloads);
		RETURN_THROWS();
	}
	array_init_size(return_value, zend_hash_num_elements(Z_ARRVAL(ids)));
	zval *idv;
	zend_ulong idx;
	ZEND_HASH_FOREACH_NUM_KEY_VAL(Z_ARRVAL(ids), idx, idv) {
		zend_string *id = Z_STR_P(idv);
		zend_string *payload;
		if (one_pass) { /* taken over from payloads: decoding may reuse a sole reference */
			zval *read = zend_hash_index_find(Z_ARRVAL(payloads), idx);
			payload = Z_STR_P(read);
			ZVAL_NULL(read);
		} else {
			payload = tagcache_store_get(fe, id);
		}
		if (!payload) {
			if (EG(exception)) {
				break;
			}
			continue; /* removed since the lookup */
		}
		zval value;
		if (decode) {
			bool ok = tagcache_decode(fe, id, payload, &value);
			zend_string_release(payload);
			if (!ok) {
				if (EG(exception)) {
					break;
				}
				continue;
			}
		} else {
			ZVAL_STR(&value, payload);
		}
		zend_symtable_update(Z_ARRVAL_P(return_value), id, &value);
	} ZEND_HASH_FOREACH_END();
	zval_ptr_dtor(&ids);
	zval_ptr_dtor(&payloads);
	if (EG(exception)) {
		RETURN_THROWS();
	}
}

PHP_METHOD(TagCache_Frontend_VariableFrontend, getByTag)
{
	get_by_tag(INTERNAL_FUNCTION_PARAM_PASSTHRU, true);
}

PHP_METHOD(TagCache_Frontend_StringFrontend, getByTag)
{
	get_by_tag(INTERNAL_FUNCTION_PARAM_PASSTHRU, false);
}

static void id_predicate(INTERNAL_FUNCTION_PARAMETERS, bool remove)
{
	GET_PARAMS();
	if (!tagcache_check_identifier(id, "Entry identifier")) {
		RETURN_THROWS();
	}
	int r = remove ? tagcache_store_remove(fe, id) : tagcache_store_has(fe, id);
	if (r < 0) {
		RETURN_THROWS();
	}
	RETURN_BOOL(r);
}

PHP_METHOD(TagCache_Frontend_AbstractFrontend, has)
{
	id_predicate(INTERNAL_FUNCTION_PARAM_PASSTHRU, false);
}

PHP_METHOD(TagCache_Frontend_AbstractFrontend, remove)
{
	id_predicate(INTERNAL_FUNCTION_PARAM_PASSTHRU, true);
}

PHP_METHOD(TagCache_Frontend_AbstractFrontend, flush)
{
	ZEND_PARSE_PARAMETERS_NONE();
	FRONTEND(fe);
	tagcache_store_flush(fe);
}

PHP_METHOD(TagCache_Frontend_AbstractFrontend, collectGarbage)
{
	ZEND_PARSE_PARAMETERS_NONE();
	FRONTEND(fe);
	tagcache_store_collect_garbage(fe);
}

static void flush_tags(tagcache_frontend_obj *fe, HashTable *tags, zval *return_value)
{
	zend_long count = tagcache_store_flush_by_tags(fe, tags);
	if (count < 0) {
		RETURN_THROWS();
	}
	RETURN_LONG(count);
}

PHP_METHOD(TagCache_Frontend_AbstractFrontend, flushByTag)
{
	zend_string *tag;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(tag)
	ZEND_PARSE_PARAMETERS_END();
	FRONTEND(fe);
	HashTable *one = zend_new_array(1);
	zval tv;
	ZVAL_STR_COPY(&tv, tag);
	zend_hash_next_index_insert_new(one, &tv);
	flush_tags(fe, one, return_value);
	zend_array_release(one);
}

PHP_METHOD(TagCache_Frontend_AbstractFrontend, flushByTags)
{
	HashTable *tags;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(tags)
	ZEND_PARSE_PARAMETERS_END();
	FRONTEND(fe);
	flush_tags(fe, tags, return_value);
}

static void is_valid(INTERNAL_FUNCTION_PARAMETERS)
{
	zend_string *s;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(s)
	ZEND_PARSE_PARAMETERS_END();
	RETURN_BOOL(tc_ident_valid(ZSTR_VAL(s), ZSTR_LEN(s)));
}

PHP_METHOD(TagCache_Frontend_AbstractFrontend, isValidEntryIdentifier)
{
	is_valid(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

PHP_METHOD(TagCache_Frontend_AbstractFrontend, isValidTag)
{
	is_valid(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

PHP_METHOD(TagCache_Frontend_PhpFrontend, requireOnce)
{
	GET_PARAMS();
	if (!tagcache_check_identifier(id, "Entry identifier")) {
		RETURN_THROWS();
	}
	tagcache_store_require_once(fe, id, return_value);
	if (!EG(exception) && !fill_ticket(fe, ticket_ref, Z_TYPE_P(return_value) == IS_FALSE)) {
		zval_ptr_dtor(return_value);
		ZVAL_NULL(return_value); /* the engine releases it too when the call threw */
		RETURN_THROWS();
	}
}

PHP_METHOD(TagCache_Frontend_AbstractFrontend, ticket)
{
	ZEND_PARSE_PARAMETERS_NONE();
	FRONTEND(fe);
	zend_long t;
	if (!tagcache_store_ticket(fe, &t)) {
		RETURN_THROWS();
	}
	RETURN_LONG(t);
}

void tagcache_register_frontends(void)
{
	tagcache_frontend_interface_ce = register_class_TagCache_Frontend_FrontendInterface();
	tagcache_abstract_frontend_ce =
		register_class_TagCache_Frontend_AbstractFrontend(tagcache_frontend_interface_ce);
	tagcache_abstract_frontend_ce->create_object = frontend_create;
	tagcache_variable_frontend_ce =
		register_class_TagCache_Frontend_VariableFrontend(tagcache_abstract_frontend_ce);
	tagcache_string_frontend_ce =
		register_class_TagCache_Frontend_StringFrontend(tagcache_abstract_frontend_ce);
	tagcache_php_frontend_ce = register_class_TagCache_Frontend_PhpFrontend(tagcache_string_frontend_ce);

	memcpy(&frontend_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	frontend_handlers.offset = XtOffsetOf(tagcache_frontend_obj, std);
	frontend_handlers.free_obj = frontend_free;
	frontend_handlers.get_gc = frontend_get_gc;
	frontend_handlers.clone_obj = NULL; /* a clone would share the backend's binding */
}
