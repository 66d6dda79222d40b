/* Identifier, tag and lifetime checks with messages that name the value and the rule. */
#include "validate.h"
#include "exceptions.h"
#include "tc_ident.h"
#include "ext/standard/php_string.h"

/* Messages quote at most this much of a bad value so an exception stays readable. */
#define SHOWN_MAX 80

static void throw_bad(const char *what, zend_string *value)
{
	size_t len = ZSTR_LEN(value);
	static const char mask[] = "\\\"\0..\37\177..\377";
	zend_string *shown = php_addcslashes_str(ZSTR_VAL(value), MIN(len, SHOWN_MAX), mask, sizeof(mask) - 1);
	tagcache_throw(tagcache_invalid_argument_ce,
	               "%s \"%s\"%s (%zu bytes) does not match %s", what, ZSTR_VAL(shown),
	               len > SHOWN_MAX ? "..." : "", len, TC_IDENT_RULE);
	zend_string_release(shown);
}

bool tagcache_check_identifier(zend_string *id, const char *what)
{
	if (EXPECTED(tc_ident_valid(ZSTR_VAL(id), ZSTR_LEN(id)))) {
		return true;
	}
	throw_bad(what, id);
	return false;
}

bool tagcache_check_tag(zend_string *tag)
{
	return tagcache_check_identifier(tag, "Tag");
}

bool tagcache_check_tags(HashTable *tags)
{
	zval *zv;
	ZEND_HASH_FOREACH_VAL(tags, zv) {
		ZVAL_DEREF(zv);
		if (Z_TYPE_P(zv) != IS_STRING) {
			tagcache_throw(tagcache_invalid_argument_ce, "Tags must be strings, got %s",
			               zend_zval_type_name(zv));
			return false;
		}
		if (!tagcache_check_tag(Z_STR_P(zv))) {
			return false;
		}
	} ZEND_HASH_FOREACH_END();
	return true;
}

bool tagcache_collect_tags(HashTable *tags, tc_str **out, size_t *count)
{
	*out = NULL;
	*count = 0;
	if (!tagcache_check_tags(tags)) {
		return false;
	}
	uint32_t n = zend_hash_num_elements(tags);
	if (n == 0) {
		return true;
	}
	tc_str *list = safe_emalloc(n, sizeof(tc_str), 0);
	zval *zv;
	ZEND_HASH_FOREACH_VAL(tags, zv) {
		ZVAL_DEREF(zv);
		list[(*count)++] = tagcache_str(Z_STR_P(zv));
	} ZEND_HASH_FOREACH_END();
	*out = list;
	return true;
}

bool tagcache_check_lifetime(zend_long lifetime, bool is_null, int64_t *out)
{
	if (is_null) {
		*out = TC_LIFETIME_DEFAULT;
		return true;
	}
	if (lifetime < 0) {
		tagcache_throw(tagcache_invalid_argument_ce,
		               "Lifetime " ZEND_LONG_FMT " is negative: use null for the default, 0 for unlimited or a number of seconds",
		               lifetime);
		return false;
	}
	*out = (int64_t)lifetime;
	return true;
}
