/* The generic option parser of the native backends. Each descriptor lists its options with a
 * type, a default and a range; this file turns an options array into the backend's config
 * struct and every broken rule into one message shape:
 *     <Backend> option "<name>" must be <rule>, got <type> "<value>"
 * (the value left out for secrets and for values that have no short form). */
#include "backend_options.h"
#include "exceptions.h"
#include "validate.h"
#include "zend_smart_str.h"
#include "ext/standard/file.h"
#include "ext/standard/php_string.h"
#include "main/php_open_temporary_file.h"

#include <unistd.h>

/* Messages quote at most this much of a bad value so an exception stays readable. */
#define SHOWN_MAX 80

zend_string *tagcache_default_cache_dir(void)
{
	return zend_strpprintf(0, "%s/tagcache-%ld", php_get_temporary_directory(), (long)geteuid());
}

#define SLOT(config, o, type) ((type *)((char *)(config) + (o)->offset))

static void rule_of(smart_str *out, const tagcache_option *o)
{
	if (o->rule) {
		smart_str_appends(out, o->rule);
		return;
	}
	switch (o->type) {
	case TAGCACHE_OPT_BOOL:
		smart_str_appends(out, "a boolean");
		break;
	case TAGCACHE_OPT_INT:
		if (o->max == ZEND_LONG_MAX) {
			smart_str_append_printf(out, "an integer >= " ZEND_LONG_FMT, o->min);
		} else {
			smart_str_append_printf(out, "an integer from " ZEND_LONG_FMT " to " ZEND_LONG_FMT, o->min, o->max);
		}
		break;
	case TAGCACHE_OPT_SECONDS:
		smart_str_append_printf(out, "a number of seconds > 0 and <= %g", (double)o->max / 1000);
		break;
	case TAGCACHE_OPT_STRING:
	case TAGCACHE_OPT_IDENT:
		smart_str_appends(out, "a non-empty string without NUL bytes");
		break;
	case TAGCACHE_OPT_PATH:
		smart_str_appends(out, "a non-empty path without NUL bytes");
		break;
	case TAGCACHE_OPT_SECRET:
		smart_str_appends(out, "a string without NUL bytes or null");
		break;
	case TAGCACHE_OPT_ARRAY:
		smart_str_appends(out, "an array");
		break;
	}
	if (o->note && (o->type == TAGCACHE_OPT_INT || o->type == TAGCACHE_OPT_SECONDS)) {
		smart_str_append_printf(out, " (%s)", o->note);
	}
}

zend_string *tagcache_options_shown(zend_string *s)
{
	static const char mask[] = "\\\"\0..\37\177..\377";
	zend_string *shown = php_addcslashes_str(ZSTR_VAL(s), MIN(ZSTR_LEN(s), SHOWN_MAX), mask, sizeof(mask) - 1);
	if (ZSTR_LEN(s) > SHOWN_MAX) {
		shown = zend_string_extend(shown, ZSTR_LEN(shown) + 3, 0);
		memcpy(ZSTR_VAL(shown) + ZSTR_LEN(shown) - 3, "...", 4);
	}
	return shown;
}

static bool bad(const tagcache_backend_desc *d, const tagcache_option *o, zval *val)
{
	smart_str rule = {0};
	rule_of(&rule, o);
	smart_str_0(&rule);
	zend_string *shown = NULL;
	if (o->type != TAGCACHE_OPT_SECRET && (Z_TYPE_P(val) == IS_STRING || Z_TYPE_P(val) == IS_LONG ||
	                                       Z_TYPE_P(val) == IS_DOUBLE)) {
		zend_string *s = zval_get_string(val);
		shown = tagcache_options_shown(s);
		zend_string_release(s);
	}
	tagcache_throw(tagcache_invalid_argument_ce, "%s option \"%s\" must be %s, got %s%s%s%s", d->name,
	               o->name, ZSTR_VAL(rule.s), zend_zval_type_name(val), shown ? " \"" : "",
	               shown ? ZSTR_VAL(shown) : "", shown ? "\"" : "");
	smart_str_free(&rule);
	if (shown) {
		zend_string_release(shown);
	}
	return false;
}

static bool has_nul(zval *val)
{
	return memchr(Z_STRVAL_P(val), '\0', Z_STRLEN_P(val)) != NULL;
}

static void put_string(void *config, const tagcache_option *o, zend_string *s)
{
	zend_string **slot = SLOT(config, o, zend_string *);
	if (*slot) {
		if (o->type == TAGCACHE_OPT_SECRET) {
			ZEND_SECURE_ZERO(ZSTR_VAL(*slot), ZSTR_LEN(*slot));
		}
		zend_string_release(*slot);
	}
	*slot = s;
}

/* A copy of a that shares nothing the caller can still change: references are replaced by
 * their values and nested arrays copied the same way (zend_array_dup keeps references, so a
 * value checked now could be changed through one before the backend is built). */
static zend_array *array_copy_deref(zend_array *a, int depth)
{
	zend_array *copy = zend_new_array(zend_hash_num_elements(a));
	zend_string *key;
	zend_ulong idx;
	zval *v;
	ZEND_HASH_FOREACH_KEY_VAL(a, idx, key, v) {
		zval item;
		ZVAL_DEREF(v);
		if (Z_TYPE_P(v) == IS_ARRAY && depth < 64) {
			ZVAL_ARR(&item, array_copy_deref(Z_ARR_P(v), depth + 1));
		} else {
			ZVAL_COPY(&item, v);
		}
		if (key) {
			zend_hash_add_new(copy, key, &item);
		} else {
			zend_hash_index_add_new(copy, idx, &item);
		}
	} ZEND_HASH_FOREACH_END();
	return copy;
}

/* Checks val against the rule of o's type and stores it. */
static bool apply_type(const tagcache_backend_desc *d, const tagcache_option *o, void *config, zval *val)
{
	switch (o->type) {
	case TAGCACHE_OPT_BOOL:
		if (Z_TYPE_P(val) != IS_TRUE && Z_TYPE_P(val) != IS_FALSE) {
			return bad(d, o, val);
		}
		*SLOT(config, o, bool) = Z_TYPE_P(val) == IS_TRUE;
		return true;
	case TAGCACHE_OPT_INT:
		if (Z_TYPE_P(val) != IS_LONG || Z_LVAL_P(val) < o->min || Z_LVAL_P(val) > o->max) {
			return bad(d, o, val);
		}
		*SLOT(config, o, zend_long) = Z_LVAL_P(val);
		return true;
	case TAGCACHE_OPT_SECONDS: {
		double sec = Z_TYPE_P(val) == IS_LONG ? (double)Z_LVAL_P(val) : Z_TYPE_P(val) == IS_DOUBLE ? Z_DVAL_P(val) : -1;
		if (!(sec > 0 && sec * 1000 <= (double)o->max)) {
			return bad(d, o, val);
		}
		zend_long ms = (zend_long)(sec * 1000 + 0.5);
		*SLOT(config, o, zend_long) = ms > 0 ? ms : 1;
		return true;
	}
	case TAGCACHE_OPT_STRING:
	case TAGCACHE_OPT_IDENT:
		if (Z_TYPE_P(val) != IS_STRING || Z_STRLEN_P(val) == 0 || has_nul(val)) {
			return bad(d, o, val);
		}
		if (o->type == TAGCACHE_OPT_IDENT && !tagcache_check_identifier(Z_STR_P(val), o->note)) {
			return false;
		}
		put_string(config, o, zend_string_copy(Z_STR_P(val)));
		return true;
	case TAGCACHE_OPT_PATH: {
		if (Z_TYPE_P(val) != IS_STRING || Z_STRLEN_P(val) == 0 || has_nul(val)) {
			return bad(d, o, val);
		}
		/* Absolute now: entries are included by path, and the working directory may change. */
		char *abs = expand_filepath(Z_STRVAL_P(val), NULL);
		if (!abs) {
			tagcache_throw(tagcache_invalid_argument_ce, "%s option \"%s\" \"%s\" cannot be made absolute",
			               d->name, o->name, Z_STRVAL_P(val));
			return false;
		}
		put_string(config, o, zend_string_init(abs, strlen(abs), 0));
		efree(abs);
		return true;
	}
	case TAGCACHE_OPT_SECRET:
		if (Z_TYPE_P(val) == IS_NULL) {
			put_string(config, o, NULL);
			return true;
		}
		if (Z_TYPE_P(val) != IS_STRING || has_nul(val)) {
			return bad(d, o, val);
		}
		/* Our own copy, so it can be wiped on free without touching the caller's array. */
		put_string(config, o, zend_string_init(Z_STRVAL_P(val), Z_STRLEN_P(val), 0));
		return true;
	case TAGCACHE_OPT_ARRAY: {
		if (Z_TYPE_P(val) != IS_ARRAY) {
			return bad(d, o, val);
		}
		zend_array **slot = SLOT(config, o, zend_array *);
		if (*slot) {
			zend_array_release(*slot);
		}
		/* A copy: later changes to the caller's array never reach a built backend. */
		*slot = array_copy_deref(Z_ARR_P(val), 0);
		return true;
	}
	}
	return false;
}

/* Checks val against o and stores it. */
static bool apply(const tagcache_backend_desc *d, const tagcache_option *o, void *config, zval *val)
{
	/* The type first, so a check only sees values of its option's type (what it stored is
	 * freed with the config when the check fails). */
	if (!apply_type(d, o, config, val)) {
		return false;
	}
	if (!o->check) {
		return true;
	}
	/* An array is checked as stored (the copy), so what was checked is what is used. */
	zval stored;
	if (o->type == TAGCACHE_OPT_ARRAY) {
		ZVAL_ARR(&stored, *SLOT(config, o, zend_array *));
		val = &stored;
	}
	return o->check(d->name, o->name, val);
}

static void set_default(const tagcache_option *o, void *config)
{
	switch (o->type) {
	case TAGCACHE_OPT_BOOL:
		*SLOT(config, o, bool) = o->def.b;
		break;
	case TAGCACHE_OPT_INT:
	case TAGCACHE_OPT_SECONDS:
		*SLOT(config, o, zend_long) = o->def.l;
		break;
	case TAGCACHE_OPT_PATH:
		*SLOT(config, o, zend_string *) = o->def.s ? zend_string_init(o->def.s, strlen(o->def.s), 0)
		                                           : tagcache_default_cache_dir();
		break;
	case TAGCACHE_OPT_STRING:
	case TAGCACHE_OPT_IDENT:
	case TAGCACHE_OPT_SECRET:
		*SLOT(config, o, zend_string *) = o->def.s ? zend_string_init(o->def.s, strlen(o->def.s), 0) : NULL;
		break;
	case TAGCACHE_OPT_ARRAY:
		*SLOT(config, o, zend_array *) = NULL;
		break;
	}
}

static const tagcache_option *find(const tagcache_backend_desc *d, zend_string *key)
{
	for (size_t i = 0; i < d->noptions; i++) {
		const tagcache_option *o = &d->options[i];
		if (zend_string_equals_cstr(key, o->name, strlen(o->name)) ||
		    (o->flow && zend_string_equals_cstr(key, o->flow, strlen(o->flow)))) {
			return o;
		}
	}
	return NULL;
}

zend_string *tagcache_options_known(const tagcache_backend_desc *d)
{
	smart_str s = {0};
	for (size_t i = 0; i < d->noptions; i++) {
		smart_str_appends(&s, i ? ", " : "");
		smart_str_appends(&s, d->options[i].name);
	}
	smart_str_0(&s);
	return s.s ? s.s : ZSTR_EMPTY_ALLOC();
}

static void unknown(const tagcache_backend_desc *d, zend_string *key)
{
	zend_string *known = tagcache_options_known(d);
	if (key) {
		tagcache_throw(tagcache_invalid_argument_ce, "%s has no option \"%s\"; known options: %s", d->name,
		               ZSTR_VAL(key), ZSTR_VAL(known));
	} else {
		tagcache_throw(tagcache_invalid_argument_ce, "%s options must be keyed by name; known options: %s",
		               d->name, ZSTR_VAL(known));
	}
	zend_string_release(known);
}

void *tagcache_options_parse(const tagcache_backend_desc *d, HashTable *options)
{
	void *config = ecalloc(1, d->config_size ? d->config_size : 1);
	for (size_t i = 0; i < d->noptions; i++) {
		set_default(&d->options[i], config);
	}
	if (!options) {
		return config;
	}
	zend_string *key;
	zval *val;
	ZEND_HASH_FOREACH_STR_KEY_VAL(options, key, val) {
		ZVAL_DEREF(val);
		const tagcache_option *o = key ? find(d, key) : NULL;
		if (!o) {
			unknown(d, key);
			tagcache_options_free(d, config);
			return NULL;
		}
		if (!apply(d, o, config, val)) {
			tagcache_options_free(d, config);
			return NULL;
		}
	} ZEND_HASH_FOREACH_END();
	if (d->validate && !d->validate(d->name, config)) {
		tagcache_options_free(d, config);
		return NULL;
	}
	return config;
}

void tagcache_options_free(const tagcache_backend_desc *d, void *config)
{
	if (!config) {
		return;
	}
	for (size_t i = 0; i < d->noptions; i++) {
		const tagcache_option *o = &d->options[i];
		if (o->type == TAGCACHE_OPT_STRING || o->type == TAGCACHE_OPT_IDENT ||
		    o->type == TAGCACHE_OPT_PATH || o->type == TAGCACHE_OPT_SECRET) {
			put_string(config, o, NULL);
		} else if (o->type == TAGCACHE_OPT_ARRAY && *SLOT(config, o, zend_array *)) {
			zend_array_release(*SLOT(config, o, zend_array *));
		}
	}
	efree(config);
}

zend_string *tagcache_options_describe(const tagcache_backend_desc *d)
{
	smart_str s = {0};
	for (size_t i = 0; i < d->noptions; i++) {
		const tagcache_option *o = &d->options[i];
		smart_str_append_printf(&s, "%s%s (", i ? ", " : "", o->name);
		rule_of(&s, o);
		switch (o->type) {
		case TAGCACHE_OPT_BOOL:
			smart_str_appends(&s, o->def.b ? "; default true)" : "; default false)");
			break;
		case TAGCACHE_OPT_INT:
			smart_str_append_printf(&s, "; default " ZEND_LONG_FMT ")", o->def.l);
			break;
		case TAGCACHE_OPT_SECONDS:
			smart_str_append_printf(&s, "; default %g)", (double)o->def.l / 1000);
			break;
		case TAGCACHE_OPT_PATH: {
			zend_string *dir = o->def.s ? zend_string_init(o->def.s, strlen(o->def.s), 0) : tagcache_default_cache_dir();
			smart_str_append_printf(&s, "; default %s)", ZSTR_VAL(dir));
			zend_string_release(dir);
			break;
		}
		default:
			if (o->def.s) {
				smart_str_append_printf(&s, "; default \"%s\")", o->def.s);
			} else {
				smart_str_appends(&s, "; no default)");
			}
			break;
		}
	}
	smart_str_0(&s);
	return s.s ? s.s : ZSTR_EMPTY_ALLOC();
}
