/* ResponseTagger: the tags a page was built from, rendered as a comma-separated header that is
 * split over several header lines when it would pass headerLength bytes ("Name: value"). */
#include "http.h"
#include "exceptions.h"
#include "zend_smart_str.h"
#include "http/tc_http.h"

typedef struct {
	zend_string *header_name;
	zend_long header_length;
	HashTable tags; /* tag (string key) => true, in the order added */
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
	return &t->std;
}

static void tagger_free(zend_object *obj)
{
	tagger_obj *t = tagger_from(obj);
	zend_string_release(t->header_name);
	zend_hash_destroy(&t->tags);
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
	zend_hash_copy(&to->tags, &from->tags, NULL);
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
	tag_list(t, &v);
	zend_hash_str_update(info, "tags", sizeof("tags") - 1, &v);
	*is_temp = 1;
	return info;
}

void tagcache_http_tagger_init(zend_class_entry *ce)
{
	ce->create_object = tagger_create;
	memcpy(&tagger_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	tagger_handlers.offset = XtOffsetOf(tagger_obj, std);
	tagger_handlers.free_obj = tagger_free;
	tagger_handlers.clone_obj = tagger_clone;
	tagger_handlers.get_debug_info = tagger_get_debug_info;
}

/* Header field names are RFC 7230 tokens: the core's check, as for every other header name. */
static bool is_token(zend_string *s)
{
	return tc_http_is_token((tc_str){ZSTR_VAL(s), ZSTR_LEN(s)});
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
	zend_string *name = NULL;
	zend_long length = -1;
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
		} else {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "ResponseTagger has no option \"%s\"; known options: headerName, headerLength",
			               key ? ZSTR_VAL(key) : "(numeric key)");
			RETURN_THROWS();
		}
	} ZEND_HASH_FOREACH_END();
	tagger_obj *t = TAGGER();
	if (name) {
		zend_string_release(t->header_name);
		t->header_name = zend_string_copy(name);
	}
	if (length >= 0) {
		t->header_length = length;
	}
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

PHP_METHOD(TagCache_Http_ResponseTagger, getTagsHeaderValues)
{
	ZEND_PARSE_PARAMETERS_NONE();
	tagger_obj *tg = TAGGER();
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

PHP_METHOD(TagCache_Http_ResponseTagger, clear)
{
	ZEND_PARSE_PARAMETERS_NONE();
	zend_hash_clean(&TAGGER()->tags);
}
