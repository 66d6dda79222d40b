/* Options of RedisBackend: names are Flow's where Flow has one (hostname, port, database,
 * password, compressionLevel, batchSize, defaultLifetime). Every limit has a default here. */
#include "redis_options.h"
#include "exceptions.h"
#include "validate.h"

#define KNOWN "hostname, port, database, password, connectTimeout, readTimeout, persistent, compressionLevel, batchSize, defaultLifetime, applicationIdentifier"

static bool bad(const char *name, const char *rule, zval *val)
{
	zend_string *shown = Z_TYPE_P(val) == IS_STRING || Z_TYPE_P(val) == IS_LONG || Z_TYPE_P(val) == IS_DOUBLE
	                             ? zval_get_string(val)
	                             : NULL;
	tagcache_throw(tagcache_invalid_argument_ce, "RedisBackend option \"%s\" must be %s, got %s%s%s%s",
	               name, rule, zend_zval_type_name(val), shown ? " \"" : "", shown ? ZSTR_VAL(shown) : "",
	               shown ? "\"" : "");
	if (shown) {
		zend_string_release(shown);
	}
	return false;
}

static bool long_in(zval *val, const char *name, zend_long min, zend_long max, const char *rule, zend_long *out)
{
	if (Z_TYPE_P(val) != IS_LONG || Z_LVAL_P(val) < min || Z_LVAL_P(val) > max) {
		return bad(name, rule, val);
	}
	*out = Z_LVAL_P(val);
	return true;
}

/* Seconds as int or float, stored as milliseconds. */
static bool timeout_ms(zval *val, const char *name, unsigned *out)
{
	double sec = Z_TYPE_P(val) == IS_LONG ? (double)Z_LVAL_P(val) : Z_TYPE_P(val) == IS_DOUBLE ? Z_DVAL_P(val) : -1;
	if (!(sec > 0 && sec <= 3600)) {
		return bad(name, "a number of seconds > 0 and <= 3600", val);
	}
	*out = (unsigned)(sec * 1000 + 0.5);
	if (*out == 0) {
		*out = 1;
	}
	return true;
}

static bool string_opt(zval *val, const char *name, zend_string **slot, bool allow_empty)
{
	if (Z_TYPE_P(val) != IS_STRING || (!allow_empty && Z_STRLEN_P(val) == 0) ||
	    memchr(Z_STRVAL_P(val), '\0', Z_STRLEN_P(val))) {
		return bad(name, allow_empty ? "a string without NUL bytes" : "a non-empty string without NUL bytes", val);
	}
	if (*slot) {
		zend_string_release(*slot);
	}
	*slot = zend_string_copy(Z_STR_P(val));
	return true;
}

static bool apply(tagcache_redis_config *c, zend_string *key, zval *val)
{
	tc_redis_options *o = &c->core;
	zend_long n = 0;
	if (zend_string_equals_literal(key, "hostname")) {
		return string_opt(val, "hostname", &c->hostname, false);
	}
	if (zend_string_equals_literal(key, "password")) {
		if (Z_TYPE_P(val) == IS_NULL) {
			return true;
		}
		if (Z_TYPE_P(val) != IS_STRING || memchr(Z_STRVAL_P(val), '\0', Z_STRLEN_P(val))) {
			/* Never echo a password, not even a wrong one. */
			tagcache_throw(tagcache_invalid_argument_ce,
			               "RedisBackend option \"password\" must be a string without NUL bytes or null, got %s",
			               zend_zval_type_name(val));
			return false;
		}
		if (c->password) {
			zend_string_release(c->password);
		}
		/* Our own copy, so it can be wiped on free without touching the caller's array. */
		c->password = zend_string_init(Z_STRVAL_P(val), Z_STRLEN_P(val), 0);
		return true;
	}
	if (zend_string_equals_literal(key, "applicationIdentifier")) {
		return string_opt(val, "applicationIdentifier", &c->app_id, false) &&
		       tagcache_check_identifier(c->app_id, "Application identifier");
	}
	if (zend_string_equals_literal(key, "port")) {
		if (!long_in(val, "port", 1, 65535, "an integer from 1 to 65535", &n)) {
			return false;
		}
		o->port = (unsigned)n;
		return true;
	}
	if (zend_string_equals_literal(key, "database")) {
		if (!long_in(val, "database", 0, 65535, "an integer from 0 to 65535", &n)) {
			return false;
		}
		o->database = (unsigned)n;
		return true;
	}
	if (zend_string_equals_literal(key, "connectTimeout")) {
		return timeout_ms(val, "connectTimeout", &o->connect_timeout_ms);
	}
	if (zend_string_equals_literal(key, "readTimeout")) {
		return timeout_ms(val, "readTimeout", &o->read_timeout_ms);
	}
	if (zend_string_equals_literal(key, "persistent")) {
		if (Z_TYPE_P(val) != IS_TRUE && Z_TYPE_P(val) != IS_FALSE) {
			return bad("persistent", "a boolean", val);
		}
		o->persistent = Z_TYPE_P(val) == IS_TRUE;
		return true;
	}
	if (zend_string_equals_literal(key, "compressionLevel")) {
		if (!long_in(val, "compressionLevel", 0, 9, "an integer from 0 (off) to 9", &n)) {
			return false;
		}
		o->compression_level = (int)n;
		return true;
	}
	if (zend_string_equals_literal(key, "batchSize")) {
		if (!long_in(val, "batchSize", 1, 100000, "an integer from 1 to 100000", &n)) {
			return false;
		}
		o->batch_size = (unsigned)n;
		return true;
	}
	if (zend_string_equals_literal(key, "defaultLifetime")) {
		if (!long_in(val, "defaultLifetime", 0, ZEND_LONG_MAX, "an integer >= 0 (seconds, 0 = unlimited)", &n)) {
			return false;
		}
		o->default_lifetime = n;
		return true;
	}
	tagcache_throw(tagcache_invalid_argument_ce, "RedisBackend has no option \"%s\"; known options: " KNOWN,
	               ZSTR_VAL(key));
	return false;
}

tagcache_redis_config *tagcache_redis_config_parse(HashTable *options)
{
	tagcache_redis_config *c = ecalloc(1, sizeof(*c));
	c->core.port = 6379;
	c->core.connect_timeout_ms = 1000;
	c->core.read_timeout_ms = 1000;
	c->core.batch_size = 100;
	c->core.default_lifetime = TC_DEFAULT_LIFETIME;
	if (options) {
		zend_string *key;
		zval *val;
		ZEND_HASH_FOREACH_STR_KEY_VAL(options, key, val) {
			ZVAL_DEREF(val);
			if (!key) {
				tagcache_throw(tagcache_invalid_argument_ce,
				               "RedisBackend options must be keyed by name; known options: " KNOWN);
				tagcache_redis_config_free(c);
				return NULL;
			}
			if (!apply(c, key, val)) {
				tagcache_redis_config_free(c);
				return NULL;
			}
		} ZEND_HASH_FOREACH_END();
	}
	if (!c->hostname) {
		c->hostname = zend_string_init("127.0.0.1", sizeof("127.0.0.1") - 1, 0);
	}
	if (!c->app_id) {
		c->app_id = zend_string_init("default", sizeof("default") - 1, 0);
	}
	c->core.host = ZSTR_VAL(c->hostname);
	c->core.password = c->password ? ZSTR_VAL(c->password) : NULL;
	return c;
}

void tagcache_redis_config_free(tagcache_redis_config *c)
{
	if (!c) {
		return;
	}
	if (c->hostname) {
		zend_string_release(c->hostname);
	}
	if (c->password) {
		/* The password leaves no copy behind in freed memory. */
		ZEND_SECURE_ZERO(ZSTR_VAL(c->password), ZSTR_LEN(c->password));
		zend_string_release(c->password);
	}
	if (c->app_id) {
		zend_string_release(c->app_id);
	}
	if (c->prefix) {
		zend_string_release(c->prefix);
	}
	efree(c);
}
