/* TagCache\Bus\Node's constructor: its name, options (sources, batchSize, proxyOptions,
 * retryDelay, maxRetryDelay, maxAge, gapBan) and one VarnishClient per proxy, each checked
 * with an exception naming the value and the rule. */
#include <math.h>

#include "node_obj.h"
#include "exceptions.h"
#include "cache/manager.h"
#include "http/http.h"

static bool valid_name(zend_string *s)
{
	if (ZSTR_LEN(s) < 1 || ZSTR_LEN(s) > 64) {
		return false;
	}
	for (size_t i = 0; i < ZSTR_LEN(s); i++) {
		unsigned char c = (unsigned char)ZSTR_VAL(s)[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == ':' || c == '-')) {
			return false;
		}
	}
	return true;
}

/* A number of seconds: > 0 (or >= min when min > 0) and finite. */
static bool seconds_option(zval *val, const char *name, double min, double *out)
{
	double d = Z_TYPE_P(val) == IS_LONG ? (double)Z_LVAL_P(val) : Z_TYPE_P(val) == IS_DOUBLE ? Z_DVAL_P(val) : NAN;
	if (!(d > 0 && d >= min && d <= 1e9)) {
		zend_string *shown = Z_TYPE_P(val) == IS_LONG || Z_TYPE_P(val) == IS_DOUBLE ? zval_get_string(val)
		                                                                          : zend_string_init(zend_zval_type_name(val), strlen(zend_zval_type_name(val)), 0);
		if (min > 0) {
			tagcache_throw(tagcache_invalid_argument_ce, "Node option \"%s\" must be a number of seconds >= retryDelay (%g), got %s", name, min,
			               ZSTR_VAL(shown));
		} else {
			tagcache_throw(tagcache_invalid_argument_ce, "Node option \"%s\" must be a number of seconds > 0, got %s", name, ZSTR_VAL(shown));
		}
		zend_string_release(shown);
		return false;
	}
	*out = d;
	return true;
}

static bool no_nul(zend_string *s)
{
	return memchr(ZSTR_VAL(s), '\0', ZSTR_LEN(s)) == NULL;
}

/* sources: application => list of cache identifiers, or ["*"] (stored as NULL: all caches). */
static bool parse_sources(tagcache_node_obj *n, zval *val)
{
	if (Z_TYPE_P(val) != IS_ARRAY) {
		tagcache_throw(tagcache_invalid_argument_ce,
		               "Node option \"sources\" must be an array of application => list of cache identifiers or [\"*\"], got %s",
		               zend_zval_type_name(val));
		return false;
	}
	zend_string *app;
	zend_ulong idx;
	zval *ids;
	ZEND_HASH_FOREACH_KEY_VAL(Z_ARRVAL_P(val), idx, app, ids) {
		zend_string *key = app ? zend_string_copy(app) : zend_long_to_str((zend_long)idx);
		ZVAL_DEREF(ids);
		if (!no_nul(key)) {
			tagcache_throw(tagcache_invalid_argument_ce, "Node option \"sources\": an application name must not contain a NUL byte");
			goto fail;
		}
		if (Z_TYPE_P(ids) != IS_ARRAY || !zend_array_is_list(Z_ARRVAL_P(ids))) {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "Node option \"sources\" of application \"%s\" must be a list of cache identifiers or [\"*\"], got %s",
			               ZSTR_VAL(key), zend_zval_type_name(ids));
			goto fail;
		}
		zval set, *id;
		bool all = false;
		array_init(&set);
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(ids), id) {
			ZVAL_DEREF(id);
			if (Z_TYPE_P(id) != IS_STRING || Z_STRLEN_P(id) == 0 || !no_nul(Z_STR_P(id))) {
				zval_ptr_dtor(&set);
				tagcache_throw(tagcache_invalid_argument_ce,
				               "Node option \"sources\" of application \"%s\": each cache identifier must be a non-empty string without NUL, got %s",
				               ZSTR_VAL(key), Z_TYPE_P(id) == IS_STRING ? "\"\" or a string with a NUL byte" : zend_zval_type_name(id));
				goto fail;
			}
			if (zend_string_equals_literal(Z_STR_P(id), "*")) {
				all = true;
			} else {
				zend_hash_add_empty_element(Z_ARRVAL(set), Z_STR_P(id));
			}
		} ZEND_HASH_FOREACH_END();
		if (all && zend_hash_num_elements(Z_ARRVAL(set)) > 0) {
			zval_ptr_dtor(&set);
			tagcache_throw(tagcache_invalid_argument_ce,
			               "Node option \"sources\" of application \"%s\": \"*\" (every cache) must be alone in its list", ZSTR_VAL(key));
			goto fail;
		}
		if (all) {
			zval_ptr_dtor(&set);
			ZVAL_NULL(&set);
		}
		zend_hash_update(&n->sources, key, &set);
		zend_string_release(key);
		continue;
fail:
		zend_string_release(key);
		return false;
	} ZEND_HASH_FOREACH_END();
	return true;
}

static bool parse_options(tagcache_node_obj *n, HashTable *options, zval *proxy_options)
{
	zend_string *key;
	zval *val;
	bool have_sources = false, have_max_retry = false;
	zval *max_retry = NULL;
	ZEND_HASH_FOREACH_STR_KEY_VAL(options, key, val) {
		ZVAL_DEREF(val);
		if (!key) {
			goto unknown;
		}
		if (zend_string_equals_literal(key, "sources")) {
			if (!parse_sources(n, val)) {
				return false;
			}
			have_sources = true;
		} else if (zend_string_equals_literal(key, "batchSize")) {
			if (Z_TYPE_P(val) != IS_LONG || Z_LVAL_P(val) < 1 || Z_LVAL_P(val) > 10000) {
				zend_string *shown = Z_TYPE_P(val) == IS_LONG ? zval_get_string(val) : zend_string_init(zend_zval_type_name(val), strlen(zend_zval_type_name(val)), 0);
				tagcache_throw(tagcache_invalid_argument_ce, "Node option \"batchSize\" must be an integer from 1 to 10000, got %s", ZSTR_VAL(shown));
				zend_string_release(shown);
				return false;
			}
			n->batch_size = Z_LVAL_P(val);
		} else if (zend_string_equals_literal(key, "proxyOptions")) {
			if (Z_TYPE_P(val) != IS_ARRAY) {
				tagcache_throw(tagcache_invalid_argument_ce, "Node option \"proxyOptions\" must be an array of VarnishClient options, got %s",
				               zend_zval_type_name(val));
				return false;
			}
			zval_ptr_dtor(proxy_options);
			ZVAL_ARR(proxy_options, zend_array_dup(Z_ARRVAL_P(val)));
		} else if (zend_string_equals_literal(key, "retryDelay")) {
			if (!seconds_option(val, "retryDelay", 0, &n->retry_delay)) {
				return false;
			}
		} else if (zend_string_equals_literal(key, "maxRetryDelay")) {
			max_retry = val; /* checked against retryDelay, whatever the order */
			have_max_retry = true;
		} else if (zend_string_equals_literal(key, "maxAge")) {
			if (!seconds_option(val, "maxAge", 0, &n->max_age)) {
				return false;
			}
		} else if (zend_string_equals_literal(key, "gapBan")) {
			if (Z_TYPE_P(val) != IS_TRUE && Z_TYPE_P(val) != IS_FALSE) {
				tagcache_throw(tagcache_invalid_argument_ce, "Node option \"gapBan\" must be true or false, got %s", zend_zval_type_name(val));
				return false;
			}
			n->gap_ban = Z_TYPE_P(val) == IS_TRUE;
		} else {
			goto unknown;
		}
	} ZEND_HASH_FOREACH_END();
	if (have_max_retry && !seconds_option(max_retry, "maxRetryDelay", n->retry_delay, &n->max_retry_delay)) {
		return false;
	}
	if (!have_max_retry && n->max_retry_delay < n->retry_delay) {
		n->max_retry_delay = n->retry_delay;
	}
	(void)have_sources;
	return true;
unknown:
	tagcache_throw(tagcache_invalid_argument_ce,
	               "Node has no option \"%s\"; known options: sources, batchSize, proxyOptions, retryDelay, maxRetryDelay, maxAge, gapBan",
	               key ? ZSTR_VAL(key) : "(numeric key)");
	return false;
}

/* One VarnishClient per proxy. Second sends are off unless proxyOptions asks for them: the
 * node runs long, and a purge it sends is already as late as the clear it applies. */
static bool make_proxies(tagcache_node_obj *n, HashTable *proxies, zval *proxy_options)
{
	uint32_t count = zend_hash_num_elements(proxies);
	if (count == 0) {
		return true;
	}
	if (!zend_array_is_list(proxies)) {
		tagcache_throw(tagcache_invalid_argument_ce, "Node proxies must be a list of \"host:port\" strings, got an array with keys");
		return false;
	}
	zval opts;
	if (Z_TYPE_P(proxy_options) == IS_ARRAY) {
		ZVAL_ARR(&opts, zend_array_dup(Z_ARRVAL_P(proxy_options)));
	} else {
		array_init(&opts);
	}
	if (!zend_hash_str_exists(Z_ARRVAL(opts), "secondSendDelay", sizeof("secondSendDelay") - 1)) {
		add_assoc_long(&opts, "secondSendDelay", 0);
	}
	n->proxies = ecalloc(count, sizeof(tagcache_node_proxy));
	zval *spec;
	bool ok = true;
	ZEND_HASH_FOREACH_VAL(proxies, spec) {
		ZVAL_DEREF(spec);
		if (Z_TYPE_P(spec) != IS_STRING || Z_STRLEN_P(spec) == 0 || !no_nul(Z_STR_P(spec)) || Z_STRLEN_P(spec) > 255) {
			tagcache_throw(tagcache_invalid_argument_ce, "Node proxy must be a \"host:port\" string (1 to 255 bytes, no NUL), got %s",
			               Z_TYPE_P(spec) == IS_STRING ? "a string breaking that rule" : zend_zval_type_name(spec));
			ok = false;
			break;
		}
		for (size_t i = 0; i < n->nproxies; i++) {
			if (zend_string_equals(n->proxies[i].name, Z_STR_P(spec))) {
				tagcache_throw(tagcache_invalid_argument_ce, "Node proxy \"%s\" is listed twice", Z_STRVAL_P(spec));
				ok = false;
				break;
			}
		}
		if (!ok) {
			break;
		}
		tagcache_node_proxy *p = &n->proxies[n->nproxies];
		zval list;
		array_init(&list);
		add_next_index_str(&list, zend_string_copy(Z_STR_P(spec)));
		object_init_ex(&p->client, tagcache_http_varnish_ce);
		zend_call_known_instance_method_with_2_params(tagcache_http_varnish_ce->constructor, Z_OBJ(p->client), NULL, &list, &opts);
		zval_ptr_dtor(&list);
		p->name = zend_string_copy(Z_STR_P(spec));
		n->nproxies++;
		if (EG(exception)) {
			ok = false;
			break;
		}
	} ZEND_HASH_FOREACH_END();
	zval_ptr_dtor(&opts);
	return ok;
}

PHP_METHOD(TagCache_Bus_Node, __construct)
{
	zval *bus_zv, *manager_zv = NULL;
	zend_string *name;
	HashTable *proxies = NULL, *options = NULL;
	ZEND_PARSE_PARAMETERS_START(2, 5)
		Z_PARAM_OBJECT_OF_CLASS(bus_zv, tagcache_bus_ce)
		Z_PARAM_STR(name)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJECT_OF_CLASS_OR_NULL(manager_zv, tagcache_manager_class())
		Z_PARAM_ARRAY_HT(proxies)
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();
	tagcache_node_obj *n = tagcache_node_from_obj(Z_OBJ_P(ZEND_THIS));
	if (n->ready || n->name) {
		zend_throw_error(NULL, "Node is already constructed");
		RETURN_THROWS();
	}
	tagcache_bus_obj *bus = tagcache_bus_ready(Z_OBJ_P(bus_zv));
	if (!bus) {
		RETURN_THROWS();
	}
	if (!valid_name(name)) {
		tagcache_throw(tagcache_invalid_argument_ce, "Node name \"%s\" must be 1 to 64 characters of A-Z, a-z, 0-9, _ . : -",
		               no_nul(name) ? ZSTR_VAL(name) : "(contains a NUL byte)");
		RETURN_THROWS();
	}
	n->name = zend_string_copy(name);
	n->batch_size = 100;
	n->retry_delay = 1.0;
	n->max_retry_delay = 60.0;
	n->max_age = 86400.0;
	n->gap_ban = true;
	zval proxy_options;
	ZVAL_UNDEF(&proxy_options);
	if (options && !parse_options(n, options, &proxy_options)) {
		zval_ptr_dtor(&proxy_options);
		RETURN_THROWS();
	}
	if (!options || !zend_hash_str_exists(options, "sources", sizeof("sources") - 1)) {
		zval all;
		ZVAL_NULL(&all);
		zend_hash_update(&n->sources, bus->application ? bus->application : ZSTR_EMPTY_ALLOC(), &all);
	}
	bool ok = !proxies || make_proxies(n, proxies, &proxy_options);
	zval_ptr_dtor(&proxy_options);
	if (!ok) {
		RETURN_THROWS();
	}
	ZVAL_COPY(&n->bus, bus_zv);
	if (manager_zv) {
		ZVAL_COPY(&n->manager, manager_zv);
	}
	n->ready = true;
}
