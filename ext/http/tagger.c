/* ResponseTagger: the tags a page was built from, rendered as a comma-separated header that is
 * split over several header lines when it would pass headerLength bytes ("Name: value").
 *
 * With a guard (a cache whose backend has write tickets) it also tells whether one of the page's
 * tags was flushed while the page was being built: such a page may hold data read before the
 * flush, and the shipped VCL refuses to cache a response that says so (X-Tagcache-Stale). */
#include "http.h"
#include "exceptions.h"
#include "cache/backend.h"
#include "cache/frontend.h"
#include "zend_smart_str.h"
#include "http/tc_http.h"

typedef struct {
	zend_string *header_name;
	zend_long header_length;
	bool cache_groups;  /* also a Cache-Groups header (RFC 9875) */
	bool surrogate_key; /* also a Surrogate-Key header */
	HashTable tags; /* tag (string key) => true, in the order added */
	zend_string *stale_name; /* header that marks a stale page */
	zval guard;              /* frontend or native backend with write tickets; UNDEF = none */
	uint64_t ticket;         /* taken from the guard at construction and by clear() */
	zend_object std;
} tagger_obj;

static zend_object_handlers tagger_handlers;

static inline tagger_obj *tagger_from(zend_object *obj)
{
	return (tagger_obj *)((char *)obj - XtOffsetOf(tagger_obj, std));
}

#define TAGGER() tagger_from(Z_OBJ_P(ZEND_THIS))

/* The defaults hold before __construct() runs, so an unconstructed tagger still works. */
static zend_object *tagger_create(zend_class_entry *ce)
{
	tagger_obj *t = zend_object_alloc(sizeof(tagger_obj), ce);
	zend_object_std_init(&t->std, ce);
	object_properties_init(&t->std, ce);
	t->std.handlers = &tagger_handlers;
	t->header_name = zend_string_init("X-Cache-Tags", sizeof("X-Cache-Tags") - 1, 0);
	t->header_length = 7500;
	zend_hash_init(&t->tags, 0, NULL, NULL, 0);
	t->stale_name = zend_string_init("X-Tagcache-Stale", sizeof("X-Tagcache-Stale") - 1, 0);
	ZVAL_UNDEF(&t->guard);
	return &t->std;
}

static void tagger_free(zend_object *obj)
{
	tagger_obj *t = tagger_from(obj);
	zend_string_release(t->header_name);
	zend_string_release(t->stale_name);
	zend_hash_destroy(&t->tags);
	zval_ptr_dtor(&t->guard);
	zend_object_std_dtor(obj);
}

/* A clone (the tags of a sub-response, say) gets its own set. */
static zend_object *tagger_clone(zend_object *old)
{
	tagger_obj *from = tagger_from(old);
	tagger_obj *to = tagger_from(tagger_create(old->ce));
	zend_objects_clone_members(&to->std, old);
	zend_string_release(to->header_name);
	to->header_name = zend_string_copy(from->header_name);
	to->header_length = from->header_length;
	to->cache_groups = from->cache_groups;
	to->surrogate_key = from->surrogate_key;
	zend_hash_copy(&to->tags, &from->tags, NULL);
	zend_string_release(to->stale_name);
	to->stale_name = zend_string_copy(from->stale_name);
	ZVAL_COPY(&to->guard, &from->guard);
	to->ticket = from->ticket; /* the same page: the same start */
	return &to->std;
}

static void tag_list(tagger_obj *t, zval *out);

static HashTable *tagger_get_debug_info(zend_object *obj, int *is_temp)
{
	tagger_obj *t = tagger_from(obj);
	HashTable *info = zend_array_dup(zend_std_get_properties(obj));
	zval v;
	ZVAL_STR_COPY(&v, t->header_name);
	zend_hash_str_update(info, "headerName", sizeof("headerName") - 1, &v);
	ZVAL_LONG(&v, t->header_length);
	zend_hash_str_update(info, "headerLength", sizeof("headerLength") - 1, &v);
	ZVAL_BOOL(&v, t->cache_groups);
	zend_hash_str_update(info, "cacheGroups", sizeof("cacheGroups") - 1, &v);
	ZVAL_BOOL(&v, t->surrogate_key);
	zend_hash_str_update(info, "surrogateKey", sizeof("surrogateKey") - 1, &v);
	tag_list(t, &v);
	zend_hash_str_update(info, "tags", sizeof("tags") - 1, &v);
	ZVAL_STR_COPY(&v, t->stale_name);
	zend_hash_str_update(info, "staleHeader", sizeof("staleHeader") - 1, &v);
	if (Z_TYPE(t->guard) == IS_OBJECT) {
		ZVAL_COPY(&v, &t->guard);
	} else {
		ZVAL_NULL(&v);
	}
	zend_hash_str_update(info, "guard", sizeof("guard") - 1, &v);
	*is_temp = 1;
	return info;
}

/* The guard may hold the tagger (a cache object kept in a container with it). */
static HashTable *tagger_get_gc(zend_object *obj, zval **table, int *n)
{
	tagger_obj *t = tagger_from(obj);
	*table = Z_TYPE(t->guard) == IS_OBJECT ? &t->guard : NULL;
	*n = Z_TYPE(t->guard) == IS_OBJECT ? 1 : 0;
	return zend_std_get_properties(obj);
}

/* The ticket-capable core behind a guard: a tagcache frontend over a native backend, or a
 * native backend bound to a cache. Throws and returns NULL otherwise. Resolved at each use, so
 * nothing points into an object that may have changed since. */
static tc_backend *guard_core(zval *guard)
{
	tagcache_backend_obj *b;
	zval *named = guard;
	if (instanceof_function(Z_OBJCE_P(guard), tagcache_abstract_frontend_ce)) {
		tagcache_frontend_obj *fe = tagcache_frontend_from_obj(Z_OBJ_P(guard));
		b = fe->native;
		if (!b) {
			tagcache_throw(tagcache_not_supported_ce,
			               "ResponseTagger option \"guard\": the backend of this %s is %s, not one of tagcache's native backends, which keep write tickets",
			               ZSTR_VAL(Z_OBJCE_P(guard)->name),
			               Z_TYPE(fe->backend) == IS_OBJECT ? ZSTR_VAL(Z_OBJCE(fe->backend)->name) : "missing (not constructed)");
			return NULL;
		}
		named = &fe->backend;
	} else {
		b = tagcache_native_backend(guard);
		if (!b) {
			tagcache_throw(tagcache_not_supported_ce,
			               "ResponseTagger option \"guard\": %s is neither a tagcache frontend nor one of tagcache's native backends, which keep write tickets",
			               ZSTR_VAL(Z_OBJCE_P(guard)->name));
			return NULL;
		}
	}
	tc_backend *core = tagcache_backend_core(b);
	if (!core) {
		return NULL;
	}
	if (!(core->ops->caps & TC_CAP_TICKET) || !core->ops->ticket || !core->ops->check_ticket) {
		tagcache_throw(tagcache_not_supported_ce,
		               "ResponseTagger option \"guard\": %s does not support write tickets, needed to tell whether a page's tags were flushed while it was built",
		               ZSTR_VAL(Z_OBJCE_P(named)->name));
		return NULL;
	}
	return core;
}

static bool take_ticket(zval *guard, uint64_t *ticket)
{
	tc_backend *core = guard_core(guard);
	if (!core) {
		return false;
	}
	tc_err err;
	tc_err_clear(&err);
	if (core->ops->ticket(core, ticket, &err) != TC_OK) {
		tagcache_throw_err(&err);
		return false;
	}
	return true;
}

void tagcache_http_tagger_init(zend_class_entry *ce)
{
	ce->create_object = tagger_create;
	memcpy(&tagger_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	tagger_handlers.offset = XtOffsetOf(tagger_obj, std);
	tagger_handlers.free_obj = tagger_free;
	tagger_handlers.clone_obj = tagger_clone;
	tagger_handlers.get_debug_info = tagger_get_debug_info;
	tagger_handlers.get_gc = tagger_get_gc;
}

/* Header field names are RFC 7230 tokens: the core's check, as for every other header name. */
static bool is_token(zend_string *s)
{
	return tc_http_is_token((tc_str){ZSTR_VAL(s), ZSTR_LEN(s)});
}

#define CACHE_GROUPS  "Cache-Groups"
#define SURROGATE_KEY "Surrogate-Key"

/* The tag as an RFC 8941 sf-string: quoted, with " and \\ escaped. */
static zend_string *sf_string(zend_string *tag)
{
	smart_str out = {0};
	smart_str_appendc(&out, '"');
	for (size_t i = 0; i < ZSTR_LEN(tag); i++) {
		char c = ZSTR_VAL(tag)[i];
		if (c == '"' || c == '\\') {
			smart_str_appendc(&out, '\\');
		}
		smart_str_appendc(&out, c);
	}
	smart_str_appendc(&out, '"');
	return smart_str_extract(&out);
}

/* Whether a tag can go in the enabled extra headers, each line within `length` bytes. An
 * sf-string holds printable ASCII only (0x20-0x7e), so with cacheGroups a tag with another
 * byte is refused; Surrogate-Key separates keys by blanks, which no tag holds (the tag rule). */
static bool extra_fits(zend_string *tag, zend_long length, bool groups, bool skey)
{
	size_t need = 0;
	const char *header = NULL;
	if (groups) {
		for (size_t i = 0; i < ZSTR_LEN(tag); i++) {
			unsigned char c = (unsigned char)ZSTR_VAL(tag)[i];
			if (c < 0x20 || c > 0x7e) {
				char shown[96];
				tc_http_describe((tc_str){ZSTR_VAL(tag), ZSTR_LEN(tag)}, shown, sizeof(shown));
				tagcache_throw(tagcache_invalid_argument_ce,
				               "Tag %s has the byte 0x%02x at byte %zu: with the option \"cacheGroups\" every tag must be printable ASCII, "
				               "the only bytes a Cache-Groups string (RFC 9875, an RFC 8941 String) can hold",
				               shown, c, i);
				return false;
			}
			need += c == '"' || c == '\\';
		}
		need += ZSTR_LEN(tag) + 2 + sizeof(CACHE_GROUPS ": ") - 1;
		header = CACHE_GROUPS;
	}
	if (skey && ZSTR_LEN(tag) + sizeof(SURROGATE_KEY ": ") - 1 > need) {
		need = ZSTR_LEN(tag) + sizeof(SURROGATE_KEY ": ") - 1;
		header = SURROGATE_KEY;
	}
	if (header && need > (size_t)length) {
		tagcache_throw(tagcache_invalid_argument_ce, "Tag of %zu bytes cannot fit in one %s header line of at most " ZEND_LONG_FMT " bytes",
		               ZSTR_LEN(tag), header, length);
		return false;
	}
	return true;
}

PHP_METHOD(TagCache_Http_ResponseTagger, __construct)
{
	HashTable *options = NULL;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();
	if (!options) {
		return;
	}
	/* Options apply together once all are valid. */
	zend_string *name = NULL, *stale = NULL;
	zend_long length = -1;
	int groups = -1, skey = -1;
	zval *guard = NULL;
	zend_string *key;
	zval *val;
	ZEND_HASH_FOREACH_STR_KEY_VAL(options, key, val) {
		ZVAL_DEREF(val);
		if (key && zend_string_equals_literal(key, "headerName")) {
			if (Z_TYPE_P(val) != IS_STRING || !is_token(Z_STR_P(val))) {
				tagcache_throw(tagcache_invalid_argument_ce,
				               "ResponseTagger option \"headerName\" must be an HTTP header name (letters, digits and !#$%%&'*+-.^_`|~), got %s",
				               Z_TYPE_P(val) == IS_STRING ? Z_STRVAL_P(val) : zend_zval_type_name(val));
				RETURN_THROWS();
			}
			name = Z_STR_P(val);
		} else if (key && zend_string_equals_literal(key, "headerLength")) {
			if (Z_TYPE_P(val) != IS_LONG || Z_LVAL_P(val) < 64 || Z_LVAL_P(val) > 1048576) {
				tagcache_throw(tagcache_invalid_argument_ce,
				               "ResponseTagger option \"headerLength\" must be an integer from 64 to 1048576 (bytes of one header line), got %s",
				               zend_zval_type_name(val));
				RETURN_THROWS();
			}
			length = Z_LVAL_P(val);
		} else if (key && zend_string_equals_literal(key, "staleHeader")) {
			if (Z_TYPE_P(val) != IS_STRING || !is_token(Z_STR_P(val))) {
				tagcache_throw(tagcache_invalid_argument_ce,
				               "ResponseTagger option \"staleHeader\" must be an HTTP header name (letters, digits and !#$%%&'*+-.^_`|~), got %s",
				               Z_TYPE_P(val) == IS_STRING ? Z_STRVAL_P(val) : zend_zval_type_name(val));
				RETURN_THROWS();
			}
			stale = Z_STR_P(val);
		} else if (key && (zend_string_equals_literal(key, "cacheGroups") || zend_string_equals_literal(key, "surrogateKey"))) {
			if (Z_TYPE_P(val) != IS_TRUE && Z_TYPE_P(val) != IS_FALSE) {
				tagcache_throw(tagcache_invalid_argument_ce, "ResponseTagger option \"%s\" must be a boolean, got %s", ZSTR_VAL(key),
				               zend_zval_type_name(val));
				RETURN_THROWS();
			}
			*(zend_string_equals_literal(key, "cacheGroups") ? &groups : &skey) = Z_TYPE_P(val) == IS_TRUE;
		} else if (key && zend_string_equals_literal(key, "guard")) {
			if (Z_TYPE_P(val) != IS_OBJECT && Z_TYPE_P(val) != IS_NULL) {
				tagcache_throw(tagcache_invalid_argument_ce,
				               "ResponseTagger option \"guard\" must be a tagcache cache (frontend) or native backend with write tickets, or null, got %s",
				               zend_zval_type_name(val));
				RETURN_THROWS();
			}
			guard = val;
		} else {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "ResponseTagger has no option \"%s\"; known options: headerName, headerLength, cacheGroups, surrogateKey, staleHeader, guard",
			               key ? ZSTR_VAL(key) : "(numeric key)");
			RETURN_THROWS();
		}
	} ZEND_HASH_FOREACH_END();
	tagger_obj *t = TAGGER();
	/* A second __construct() may turn these on after tags were added: the tags must still fit. */
	zend_long new_length = length >= 0 ? length : t->header_length;
	bool new_groups = groups >= 0 ? groups : t->cache_groups;
	bool new_skey = skey >= 0 ? skey : t->surrogate_key;
	zend_string *held;
	ZEND_HASH_FOREACH_STR_KEY(&t->tags, held) {
		if (held && !extra_fits(held, new_length, new_groups, new_skey)) {
			RETURN_THROWS();
		}
	} ZEND_HASH_FOREACH_END();
	uint64_t ticket = 0;
	if (guard && Z_TYPE_P(guard) == IS_OBJECT && !take_ticket(guard, &ticket)) {
		RETURN_THROWS();
	}
	if (guard) {
		zval old;
		ZVAL_COPY_VALUE(&old, &t->guard);
		if (Z_TYPE_P(guard) == IS_OBJECT) {
			ZVAL_COPY(&t->guard, guard);
		} else {
			ZVAL_UNDEF(&t->guard);
		}
		t->ticket = ticket;
		zval_ptr_dtor(&old);
	}
	if (stale) {
		zend_string_release(t->stale_name);
		t->stale_name = zend_string_copy(stale);
	}
	if (name) {
		zend_string_release(t->header_name);
		t->header_name = zend_string_copy(name);
	}
	if (length >= 0) {
		t->header_length = length;
	}
	t->cache_groups = new_groups;
	t->surrogate_key = new_skey;
}

PHP_METHOD(TagCache_Http_ResponseTagger, addTags)
{
	HashTable *tags;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(tags)
	ZEND_PARSE_PARAMETERS_END();
	tagger_obj *t = TAGGER();
	size_t room = (size_t)t->header_length - ZSTR_LEN(t->header_name) - 2;
	zval *tag;
	/* Check all first: a bad tag adds nothing. */
	ZEND_HASH_FOREACH_VAL(tags, tag) {
		ZVAL_DEREF(tag);
		if (Z_TYPE_P(tag) != IS_STRING) {
			tagcache_throw(tagcache_invalid_argument_ce, "Tags must be strings, got %s", zend_zval_type_name(tag));
			RETURN_THROWS();
		}
		/* The one tag rule of src/http/, as VarnishClient applies it in both tag modes. */
		if (!tagcache_http_check_tag(Z_STR_P(tag), "Tag")) {
			RETURN_THROWS();
		}
		if (Z_STRLEN_P(tag) > room) {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "Tag of %zu bytes cannot fit in one %s header line of at most " ZEND_LONG_FMT " bytes",
			               Z_STRLEN_P(tag), ZSTR_VAL(t->header_name), t->header_length);
			RETURN_THROWS();
		}
		if (!extra_fits(Z_STR_P(tag), t->header_length, t->cache_groups, t->surrogate_key)) {
			RETURN_THROWS();
		}
	} ZEND_HASH_FOREACH_END();
	ZEND_HASH_FOREACH_VAL(tags, tag) {
		ZVAL_DEREF(tag);
		zval yes;
		ZVAL_TRUE(&yes);
		zend_hash_update(&t->tags, Z_STR_P(tag), &yes);
	} ZEND_HASH_FOREACH_END();
	RETURN_OBJ_COPY(&t->std);
}

PHP_METHOD(TagCache_Http_ResponseTagger, hasTags)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(zend_hash_num_elements(&TAGGER()->tags) > 0);
}

static void tag_list(tagger_obj *t, zval *out)
{
	HashTable *set = &t->tags;
	array_init_size(out, zend_hash_num_elements(set));
	zend_string *key;
	zend_ulong idx;
	ZEND_HASH_FOREACH_KEY(set, idx, key) {
		add_next_index_str(out, key ? zend_string_copy(key) : zend_long_to_str((zend_long)idx));
	} ZEND_HASH_FOREACH_END();
}

PHP_METHOD(TagCache_Http_ResponseTagger, getTags)
{
	ZEND_PARSE_PARAMETERS_NONE();
	tag_list(TAGGER(), return_value);
}

PHP_METHOD(TagCache_Http_ResponseTagger, getTagsHeaderName)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_STR_COPY(TAGGER()->header_name);
}

PHP_METHOD(TagCache_Http_ResponseTagger, getTagsHeaderValue)
{
	ZEND_PARSE_PARAMETERS_NONE();
	zval tags;
	tag_list(TAGGER(), &tags);
	smart_str out = {0};
	zval *t;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL(tags), t) {
		if (out.s) {
			smart_str_appendc(&out, ',');
		}
		smart_str_append(&out, Z_STR_P(t));
	} ZEND_HASH_FOREACH_END();
	zval_ptr_dtor(&tags);
	if (!out.s) {
		RETURN_EMPTY_STRING();
	}
	RETURN_STR(smart_str_extract(&out));
}

static void header_values(tagger_obj *tg, zval *return_value);

PHP_METHOD(TagCache_Http_ResponseTagger, getTagsHeaderValues)
{
	ZEND_PARSE_PARAMETERS_NONE();
	header_values(TAGGER(), return_value);
}

static void header_values(tagger_obj *tg, zval *return_value)
{
	size_t room = (size_t)tg->header_length - ZSTR_LEN(tg->header_name) - 2;
	zval tags;
	tag_list(tg, &tags);
	array_init(return_value);
	smart_str line = {0};
	zval *t;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL(tags), t) {
		size_t used = line.s ? ZSTR_LEN(line.s) : 0;
		if (used && used + 1 + Z_STRLEN_P(t) > room) {
			add_next_index_str(return_value, smart_str_extract(&line));
			used = 0;
		}
		if (used) {
			smart_str_appendc(&line, ',');
		}
		smart_str_append(&line, Z_STR_P(t));
	} ZEND_HASH_FOREACH_END();
	if (line.s) {
		add_next_index_str(return_value, smart_str_extract(&line));
	}
	zval_ptr_dtor(&tags);
}

/* "Name: a<sep>b..." lines appended to out, each within headerLength (addTags made sure each
 * tag fits a line on its own); a recipient joins repeated lines into one list. */
static void extra_lines(tagger_obj *tg, const char *name, const char *sep, bool quoted, zval *out)
{
	size_t seplen = strlen(sep);
	smart_str line = {0};
	zval tags, *tag;
	tag_list(tg, &tags);
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL(tags), tag) {
		zend_string *key = Z_STR_P(tag);
		zend_string *item = quoted ? sf_string(key) : zend_string_copy(key);
		size_t used = line.s ? ZSTR_LEN(line.s) : 0;
		if (used && used + seplen + ZSTR_LEN(item) > (size_t)tg->header_length) {
			add_next_index_str(out, smart_str_extract(&line));
			used = 0;
		}
		if (!used) {
			smart_str_appends(&line, name);
			smart_str_appends(&line, ": ");
		} else {
			smart_str_appends(&line, sep);
		}
		smart_str_append(&line, item);
		zend_string_release(item);
	} ZEND_HASH_FOREACH_END();
	zval_ptr_dtor(&tags);
	if (line.s) {
		add_next_index_str(out, smart_str_extract(&line));
	}
}

/* -1 with an exception, 0 fresh (or no guard), 1 stale. */
static int stale_state(tagger_obj *t)
{
	if (Z_TYPE(t->guard) != IS_OBJECT) {
		return 0;
	}
	tc_backend *core = guard_core(&t->guard);
	if (!core) {
		return -1;
	}
	uint32_t n = zend_hash_num_elements(&t->tags);
	tc_str *tags = safe_emalloc(MAX(1, n), sizeof(tc_str), 0);
	size_t i = 0;
	zend_string *key;
	ZEND_HASH_FOREACH_STR_KEY(&t->tags, key) {
		if (key) {
			tags[i++] = (tc_str){ZSTR_VAL(key), ZSTR_LEN(key)};
		}
	} ZEND_HASH_FOREACH_END();
	tc_err err;
	tc_err_clear(&err);
	tc_status st = core->ops->check_ticket(core, t->ticket, (tc_str){"", 0}, tags, i, &err);
	efree(tags);
	if (st == TC_STALE) {
		return 1;
	}
	if (st != TC_OK) {
		tagcache_throw_err(&err);
		return -1;
	}
	return 0;
}

PHP_METHOD(TagCache_Http_ResponseTagger, isStale)
{
	ZEND_PARSE_PARAMETERS_NONE();
	int stale = stale_state(TAGGER());
	if (stale < 0) {
		RETURN_THROWS();
	}
	RETURN_BOOL(stale);
}

PHP_METHOD(TagCache_Http_ResponseTagger, getHeaders)
{
	ZEND_PARSE_PARAMETERS_NONE();
	tagger_obj *t = TAGGER();
	int stale = stale_state(t);
	if (stale < 0) {
		RETURN_THROWS();
	}
	zval values;
	header_values(t, &values);
	array_init(return_value);
	zval *v;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL(values), v) {
		add_next_index_str(return_value, zend_strpprintf(0, "%s: %s", ZSTR_VAL(t->header_name), Z_STRVAL_P(v)));
	} ZEND_HASH_FOREACH_END();
	zval_ptr_dtor(&values);
	if (t->cache_groups) {
		extra_lines(t, CACHE_GROUPS, ", ", true, return_value);
	}
	if (t->surrogate_key) {
		extra_lines(t, SURROGATE_KEY, " ", false, return_value);
	}
	if (stale) {
		add_next_index_str(return_value, zend_strpprintf(0, "%s: 1", ZSTR_VAL(t->stale_name)));
	}
}

PHP_METHOD(TagCache_Http_ResponseTagger, getStaleHeaderName)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_STR_COPY(TAGGER()->stale_name);
}

/* A new page: no tags, and with a guard a new ticket (what was flushed before now is not
 * this page's concern). */
PHP_METHOD(TagCache_Http_ResponseTagger, clear)
{
	ZEND_PARSE_PARAMETERS_NONE();
	tagger_obj *t = TAGGER();
	if (Z_TYPE(t->guard) == IS_OBJECT) {
		uint64_t ticket;
		if (!take_ticket(&t->guard, &ticket)) {
			RETURN_THROWS();
		}
		t->ticket = ticket;
	}
	zend_hash_clean(&t->tags);
}
