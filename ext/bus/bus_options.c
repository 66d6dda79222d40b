/* Bus options: parsed and checked once in the constructor (every broken rule names the option,
 * the rule and the value; the password is never shown), and getOptions(). */
#include "bus_pub.h"
#include "exceptions.h"
#include "tc_ident.h"
#include "../cache/backend_options.h"
#include "ext/standard/file.h"
#include "ext/standard/md5.h"
#include "main/php_open_temporary_file.h"

#include <unistd.h>

#define KNOWN "hostname, port, password, database, timeout, stream, application, maxLength, defer, onFailure, keepDirectory"

static bool bad(const char *name, const char *rule, zval *val, bool secret)
{
	zend_string *shown = NULL;
	if (!secret && (Z_TYPE_P(val) == IS_STRING || Z_TYPE_P(val) == IS_LONG || Z_TYPE_P(val) == IS_DOUBLE)) {
		zend_string *s = zval_get_string(val);
		shown = tagcache_options_shown(s);
		zend_string_release(s);
	}
	tagcache_throw(tagcache_invalid_argument_ce, "Bus option \"%s\" must be %s, got %s%s%s%s", name, rule,
	               zend_zval_type_name(val), shown ? " \"" : "", shown ? ZSTR_VAL(shown) : "",
	               shown ? "\"" : "");
	if (shown) {
		zend_string_release(shown);
	}
	return false;
}

static bool plain_string(zval *v, size_t max)
{
	return Z_TYPE_P(v) == IS_STRING && Z_STRLEN_P(v) > 0 && Z_STRLEN_P(v) <= max &&
	       !memchr(Z_STRVAL_P(v), '\0', Z_STRLEN_P(v));
}

static bool long_in(zval *v, zend_long min, zend_long max, zend_long *out)
{
	if (Z_TYPE_P(v) != IS_LONG || Z_LVAL_P(v) < min || Z_LVAL_P(v) > max) {
		return false;
	}
	*out = Z_LVAL_P(v);
	return true;
}

static void set_str(zend_string **slot, zend_string *s)
{
	if (*slot) {
		zend_string_release(*slot);
	}
	*slot = s;
}

/* "k<md5 of server, database and stream>-": kept files of one stream, whatever its key holds. */
static void keep_prefix(tagcache_bus_obj *b)
{
	PHP_MD5_CTX ctx;
	unsigned char digest[16];
	char hex[33];
	zend_string *what = zend_strpprintf(0, "%s\n" ZEND_LONG_FMT "\n" ZEND_LONG_FMT "\n%s", ZSTR_VAL(b->pub->host),
	                                    b->pub->port, b->pub->database, ZSTR_VAL(b->stream_key));
	PHP_MD5Init(&ctx);
	PHP_MD5Update(&ctx, ZSTR_VAL(what), ZSTR_LEN(what));
	PHP_MD5Final(digest, &ctx);
	make_digest_ex(hex, digest, 16);
	zend_string_release(what);
	snprintf(b->pub->keep_prefix, sizeof(b->pub->keep_prefix), "k%.24s-", hex);
}

bool tagcache_bus_parse_options(tagcache_bus_obj *b, HashTable *options)
{
	tagcache_bus_pub *p = b->pub;
	zend_string *password = NULL;
	double timeout = 2.0;
	zend_string *key;
	zval *val;
	bool ok = false;
	p->port = 6379;
	p->max_length = 100000;
	ZEND_HASH_FOREACH_STR_KEY_VAL(options, key, val) {
		ZVAL_DEREF(val);
		if (!key) {
			tagcache_throw(tagcache_invalid_argument_ce, "Bus options must be keyed by name; known options: " KNOWN);
			goto out;
		}
		const char *k = ZSTR_VAL(key);
		if (zend_string_equals_literal(key, "hostname")) {
			if (!plain_string(val, 255)) {
				bad(k, "a host name, IP address or unix socket path (1 to 255 bytes, no NUL)", val, false);
				goto out;
			}
			set_str(&p->host, zend_string_copy(Z_STR_P(val)));
		} else if (zend_string_equals_literal(key, "port")) {
			if (!long_in(val, 1, 65535, &p->port)) {
				bad(k, "an integer from 1 to 65535", val, false);
				goto out;
			}
		} else if (zend_string_equals_literal(key, "database")) {
			if (!long_in(val, 0, 65535, &p->database)) {
				bad(k, "an integer from 0 to 65535", val, false);
				goto out;
			}
		} else if (zend_string_equals_literal(key, "maxLength")) {
			if (!long_in(val, 100, ZEND_LONG_MAX, &p->max_length)) {
				bad(k, "an integer >= 100", val, false);
				goto out;
			}
		} else if (zend_string_equals_literal(key, "password")) {
			if (Z_TYPE_P(val) == IS_NULL) {
				set_str(&password, NULL);
			} else if (Z_TYPE_P(val) != IS_STRING || memchr(Z_STRVAL_P(val), '\0', Z_STRLEN_P(val))) {
				bad(k, "a string without NUL bytes or null", val, true);
				goto out;
			} else {
				set_str(&password, zend_string_init(Z_STRVAL_P(val), Z_STRLEN_P(val), 0));
			}
		} else if (zend_string_equals_literal(key, "timeout")) {
			double t = Z_TYPE_P(val) == IS_LONG ? (double)Z_LVAL_P(val) : Z_TYPE_P(val) == IS_DOUBLE ? Z_DVAL_P(val) : -1;
			if (!(t >= 0.001 && t <= 3600)) {
				bad(k, "a number of seconds from 0.001 to 3600", val, false);
				goto out;
			}
			timeout = t;
		} else if (zend_string_equals_literal(key, "stream")) {
			if (!plain_string(val, 200)) {
				bad(k, "a Redis key of 1 to 200 bytes without NUL", val, false);
				goto out;
			}
			set_str(&b->stream_key, zend_string_copy(Z_STR_P(val)));
		} else if (zend_string_equals_literal(key, "application")) {
			if (Z_TYPE_P(val) != IS_STRING || (Z_STRLEN_P(val) && !tc_ident_valid(Z_STRVAL_P(val), Z_STRLEN_P(val)))) {
				bad(k, "\"\" or a string matching " TC_IDENT_RULE, val, false);
				goto out;
			}
			set_str(&b->application, zend_string_copy(Z_STR_P(val)));
		} else if (zend_string_equals_literal(key, "defer")) {
			if (Z_TYPE_P(val) != IS_STRING ||
			    (!zend_string_equals_literal(Z_STR_P(val), "none") && !zend_string_equals_literal(Z_STR_P(val), "request"))) {
				bad(k, "\"none\" or \"request\"", val, false);
				goto out;
			}
			p->defer_request = zend_string_equals_literal(Z_STR_P(val), "request");
		} else if (zend_string_equals_literal(key, "onFailure")) {
			if (Z_TYPE_P(val) != IS_STRING ||
			    (!zend_string_equals_literal(Z_STR_P(val), "throw") && !zend_string_equals_literal(Z_STR_P(val), "keep"))) {
				bad(k, "\"throw\" or \"keep\"", val, false);
				goto out;
			}
			p->keep = zend_string_equals_literal(Z_STR_P(val), "keep");
		} else if (zend_string_equals_literal(key, "keepDirectory")) {
			if (!plain_string(val, 3000)) {
				bad(k, "a non-empty path without NUL bytes", val, false);
				goto out;
			}
			/* absolute now: the working directory may change before the end of the request */
			char *abs = expand_filepath(Z_STRVAL_P(val), NULL);
			if (!abs) {
				bad(k, "a path that can be made absolute", val, false);
				goto out;
			}
			set_str(&p->keep_dir, zend_string_init(abs, strlen(abs), 0));
			efree(abs);
		} else {
			zend_string *shown = tagcache_options_shown(key);
			tagcache_throw(tagcache_invalid_argument_ce, "Bus has no option \"%s\"; known options: " KNOWN, ZSTR_VAL(shown));
			zend_string_release(shown);
			goto out;
		}
	} ZEND_HASH_FOREACH_END();
	if (!p->host) {
		p->host = zend_string_init("127.0.0.1", sizeof("127.0.0.1") - 1, 0);
	}
	if (!b->stream_key) {
		b->stream_key = zend_string_init("tagcache:bus", sizeof("tagcache:bus") - 1, 0);
	}
	if (!b->application) {
		b->application = ZSTR_EMPTY_ALLOC();
	}
	if (!p->keep_dir) {
		p->keep_dir = zend_strpprintf(0, "%s/tagcache-bus-%ld", php_get_temporary_directory(), (long)geteuid());
	}
	b->timeout = timeout;
	unsigned ms = (unsigned)(timeout * 1000 + 0.5);
	tc_err err;
	tc_err_clear(&err);
	if (tc_redis_link_init(&b->link, ZSTR_VAL(p->host), (unsigned)p->port, (unsigned)p->database,
	                       password && ZSTR_LEN(password) ? ZSTR_VAL(password) : NULL, ms, ms, 0, &err) != TC_OK) {
		tagcache_throw(tagcache_invalid_argument_ce, "Bus: %s", err.msg);
		goto out;
	}
	p->has_password = password && ZSTR_LEN(password);
	b->stream.link = &b->link;
	b->stream.stream = ZSTR_VAL(b->stream_key);
	b->stream.max_length = (uint64_t)p->max_length;
	keep_prefix(b);
	ok = true;
out:
	if (password) {
		ZEND_SECURE_ZERO(ZSTR_VAL(password), ZSTR_LEN(password));
		zend_string_release(password);
	}
	return ok;
}

void tagcache_bus_options_zval(tagcache_bus_obj *b, zval *out)
{
	tagcache_bus_pub *p = b->pub;
	array_init(out);
	add_assoc_str(out, "hostname", zend_string_copy(p->host));
	add_assoc_long(out, "port", p->port);
	/* whether one is set, never its value */
	add_assoc_bool(out, "password", p->has_password);
	add_assoc_long(out, "database", p->database);
	add_assoc_double(out, "timeout", b->timeout);
	add_assoc_str(out, "stream", zend_string_copy(b->stream_key));
	add_assoc_str(out, "application", zend_string_copy(b->application));
	add_assoc_long(out, "maxLength", p->max_length);
	add_assoc_string(out, "defer", p->defer_request ? "request" : "none");
	add_assoc_string(out, "onFailure", p->keep ? "keep" : "throw");
	add_assoc_str(out, "keepDirectory", zend_string_copy(p->keep_dir));
}
