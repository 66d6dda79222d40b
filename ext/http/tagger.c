/* ResponseTagger: the tags a page was built from, rendered as a comma-separated header that is
 * split over several header lines when it would pass headerLength bytes ("Name: value"). */
#include "http.h"
#include "exceptions.h"
#include "zend_smart_str.h"
#include "http/tc_http.h"

#define TAGGER() Z_OBJ_P(ZEND_THIS)
#define PROP(name) tagcache_http_prop(TAGGER(), tagcache_http_tagger_ce, name)

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
			zval *slot = PROP("headerName");
			zval_ptr_dtor(slot);
			ZVAL_STR_COPY(slot, Z_STR_P(val));
		} else if (key && zend_string_equals_literal(key, "headerLength")) {
			if (Z_TYPE_P(val) != IS_LONG || Z_LVAL_P(val) < 64 || Z_LVAL_P(val) > 1048576) {
				tagcache_throw(tagcache_invalid_argument_ce,
				               "ResponseTagger option \"headerLength\" must be an integer from 64 to 1048576 (bytes of one header line), got %s",
				               zend_zval_type_name(val));
				RETURN_THROWS();
			}
			ZVAL_LONG(PROP("headerLength"), Z_LVAL_P(val));
		} else {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "ResponseTagger has no option \"%s\"; known options: headerName, headerLength",
			               key ? ZSTR_VAL(key) : "(numeric key)");
			RETURN_THROWS();
		}
	} ZEND_HASH_FOREACH_END();
}

PHP_METHOD(TagCache_Http_ResponseTagger, addTags)
{
	HashTable *tags;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(tags)
	ZEND_PARSE_PARAMETERS_END();
	size_t room = (size_t)Z_LVAL_P(PROP("headerLength")) - Z_STRLEN_P(PROP("headerName")) - 2;
	zval *tag;
	/* Check all first: a bad tag adds nothing. */
	ZEND_HASH_FOREACH_VAL(tags, tag) {
		ZVAL_DEREF(tag);
		if (Z_TYPE_P(tag) != IS_STRING) {
			tagcache_throw(tagcache_invalid_argument_ce, "Tags must be strings, got %s", zend_zval_type_name(tag));
			RETURN_THROWS();
		}
		/* The one tag rule of src/http/, as VarnishClient applies it in both tag modes. */
		tc_err err;
		tc_err_clear(&err);
		if (tc_http_check_tag((tc_str){Z_STRVAL_P(tag), Z_STRLEN_P(tag)}, "Tag", &err) != TC_OK) {
			tagcache_throw_err(&err);
			RETURN_THROWS();
		}
		if (Z_STRLEN_P(tag) > room) {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "Tag of %zu bytes cannot fit in one %s header line of at most " ZEND_LONG_FMT " bytes",
			               Z_STRLEN_P(tag), Z_STRVAL_P(PROP("headerName")), Z_LVAL_P(PROP("headerLength")));
			RETURN_THROWS();
		}
	} ZEND_HASH_FOREACH_END();
	HashTable *set = tagcache_http_prop_array(TAGGER(), tagcache_http_tagger_ce, "tags");
	ZEND_HASH_FOREACH_VAL(tags, tag) {
		ZVAL_DEREF(tag);
		zval t;
		ZVAL_TRUE(&t);
		zend_hash_update(set, Z_STR_P(tag), &t);
	} ZEND_HASH_FOREACH_END();
	RETURN_OBJ_COPY(TAGGER());
}

PHP_METHOD(TagCache_Http_ResponseTagger, hasTags)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(zend_hash_num_elements(Z_ARRVAL_P(PROP("tags"))) > 0);
}

static void tag_list(zend_object *obj, zval *out)
{
	HashTable *set = Z_ARRVAL_P(tagcache_http_prop(obj, tagcache_http_tagger_ce, "tags"));
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
	RETURN_COPY(PROP("headerName"));
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
	size_t room = (size_t)Z_LVAL_P(PROP("headerLength")) - Z_STRLEN_P(PROP("headerName")) - 2;
	zval tags;
	tag_list(TAGGER(), &tags);
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
	zend_hash_clean(tagcache_http_prop_array(TAGGER(), tagcache_http_tagger_ce, "tags"));
}
