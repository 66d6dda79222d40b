/* MemcachedBackend's descriptor: Flow's options (servers, compression, defaultLifetime,
 * applicationIdentifier) plus timeouts, the factory building the core of src/backend/memcached.c,
 * and the class (the methods are the shared backend methods). */
#include "backend.h"
#include "backend_options.h"
#include "exceptions.h"
#include "zend_attributes.h"
#include "zend_interfaces.h"
#include "zend_smart_str.h"
#include "backend/memcached.h"
#include "backend/memcached_codec.h"
#include "backend_memcached_arginfo.h"

typedef struct {
	zend_array *servers;
	bool compression;
	zend_long default_lifetime;
	zend_string *app_id;
	zend_long connect_timeout_ms;
	zend_long read_timeout_ms;
} memcached_config;

#define MC_OPT(field, ...) .offset = offsetof(memcached_config, field), __VA_ARGS__

/* servers: a non-empty list of addresses, each checked here so the constructor names the bad one. */
static bool check_servers(const char *backend, const char *option, zval *val)
{
	if (zend_hash_num_elements(Z_ARR_P(val)) == 0) {
		tagcache_throw(tagcache_invalid_argument_ce,
		               "%s option \"%s\" is an empty array: name at least one server, each " TC_MC_SERVER_RULE,
		               backend, option);
		return false;
	}
	zval *zv;
	/* a server listed twice would have its entries counted and listed twice */
	HashTable seen;
	zend_hash_init(&seen, 8, NULL, NULL, 0);
	zend_long pos = 0;
	bool ok = true;
	/* the stored copy holds no references (the option parser dereferences it) */
	ZEND_HASH_FOREACH_VAL(Z_ARR_P(val), zv) {
		char host[1024];
		unsigned port;
		pos++;
		if (Z_TYPE_P(zv) != IS_STRING) {
			tagcache_throw(tagcache_invalid_argument_ce, "%s option \"%s\": a server must be a string (" TC_MC_SERVER_RULE "), got %s",
			               backend, option, zend_zval_type_name(zv));
			ok = false;
			break;
		}
		if (!tc_mc_parse_server(Z_STRVAL_P(zv), Z_STRLEN_P(zv), host, sizeof(host), &port)) {
			zend_string *shown = tagcache_options_shown(Z_STR_P(zv));
			tagcache_throw(tagcache_invalid_argument_ce, "%s option \"%s\": server \"%s\" must be " TC_MC_SERVER_RULE " (port 1 to 65535)",
			               backend, option, ZSTR_VAL(shown));
			zend_string_release(shown);
			ok = false;
			break;
		}
		char canon[1040];
		int clen = snprintf(canon, sizeof(canon), "%s:%u", host, port);
		zval *first = zend_hash_str_find(&seen, canon, (size_t)clen);
		if (first) {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "%s option \"%s\": servers %ld and %ld are the same server (%s%s): list each server once",
			               backend, option, (long)Z_LVAL_P(first), (long)pos, port ? "" : "socket ",
			               port ? canon : host);
			ok = false;
			break;
		}
		zval zp;
		ZVAL_LONG(&zp, pos);
		zend_hash_str_add(&seen, canon, (size_t)clen, &zp);
	} ZEND_HASH_FOREACH_END();
	zend_hash_destroy(&seen);
	return ok;
}

static int compare_strings(Bucket *a, Bucket *b)
{
	return zend_binary_strcmp(Z_STRVAL(a->val), Z_STRLEN(a->val), Z_STRVAL(b->val), Z_STRLEN(b->val));
}

/* The store a server list names, for a chain's comparison: each server as the dedup above
 * sees it ("h" and "h:11211" alike), sorted, so the same servers in any order compare equal. */
static zend_string *servers_identity(const zend_array *servers)
{
	HashTable canon;
	zend_hash_init(&canon, zend_hash_num_elements(servers), NULL, ZVAL_PTR_DTOR, 0);
	zval *zv;
	ZEND_HASH_FOREACH_VAL((zend_array *)servers, zv) {
		char host[1024];
		unsigned port = 0;
		/* check_servers accepted every item of this copy */
		tc_mc_parse_server(Z_STRVAL_P(zv), Z_STRLEN_P(zv), host, sizeof(host), &port);
		zval z;
		ZVAL_STR(&z, zend_strpprintf(0, "%s:%u", host, port));
		zend_hash_next_index_insert(&canon, &z);
	} ZEND_HASH_FOREACH_END();
	zend_hash_sort(&canon, compare_strings, true);
	smart_str s = {0};
	ZEND_HASH_FOREACH_VAL(&canon, zv) {
		/* NUL between items: no accepted address holds one */
		smart_str_appendc(&s, '\0');
		smart_str_append(&s, Z_STR_P(zv));
	} ZEND_HASH_FOREACH_END();
	zend_hash_destroy(&canon);
	smart_str_0(&s);
	return s.s ? s.s : ZSTR_EMPTY_ALLOC();
}

static const tagcache_option memcached_options[] = {
	{.name = "servers", .type = TAGCACHE_OPT_ARRAY, MC_OPT(servers, .check = check_servers,
	 .rule = "a non-empty array of " TC_MC_SERVER_RULE, .identifies_store = true,
	 .identity = servers_identity)},
	{.name = "compression", .type = TAGCACHE_OPT_BOOL, MC_OPT(compression)},
	TAGCACHE_OPTION_DEFAULT_LIFETIME(memcached_config, default_lifetime),
	{.name = "applicationIdentifier", .type = TAGCACHE_OPT_IDENT,
	 MC_OPT(app_id, .def.s = "default", .note = "Application identifier", .from = TAGCACHE_FROM_APP_ID)},
	{.name = "connectTimeout", .type = TAGCACHE_OPT_SECONDS, MC_OPT(connect_timeout_ms, .def.l = 1000, .max = 3600000)},
	{.name = "readTimeout", .type = TAGCACHE_OPT_SECONDS, MC_OPT(read_timeout_ms, .def.l = 1000, .max = 3600000)},
};

/* Every cache has its own name space "<applicationIdentifier>:<cache identifier>". */
static tc_status memcached_create(const void *config, zend_string *cache_id, tc_backend **out,
                                  zend_string **location, tc_err *err)
{
	const memcached_config *c = config;
	if (!c->servers) {
		return tc_err_set(err, TC_ERR_ARG, "MemcachedBackend needs option \"servers\": a non-empty array of " TC_MC_SERVER_RULE);
	}
	uint32_t n = zend_hash_num_elements(c->servers), i = 0;
	const char **list = ecalloc(n ? n : 1, sizeof(*list));
	zval *zv;
	/* check_servers accepted only strings in this very copy */
	ZEND_HASH_FOREACH_VAL(c->servers, zv) {
		list[i++] = Z_STRVAL_P(zv);
	} ZEND_HASH_FOREACH_END();
	zend_string *ns = zend_strpprintf(0, "%s:%s", ZSTR_VAL(c->app_id), ZSTR_VAL(cache_id));
	tc_memcached_options o = {
		.servers = list,
		.nservers = i,
		.name_space = ZSTR_VAL(ns),
		.default_lifetime = c->default_lifetime,
		.compression = c->compression,
		.connect_timeout_ms = (unsigned)c->connect_timeout_ms,
		.read_timeout_ms = (unsigned)c->read_timeout_ms,
	};
	tc_status st = tc_memcached_backend_new(&o, out, err);
	efree(list);
	if (st != TC_OK) {
		zend_string_release(ns);
		return st;
	}
	*location = ns;
	return TC_OK;
}

static zend_class_entry *memcached_register(void)
{
	return register_class_TagCache_Backend_MemcachedBackend(tagcache_taggable_backend_ce,
	                                                       tagcache_php_capable_backend_ce);
}

PHP_METHOD(TagCache_Backend_MemcachedBackend, __construct)
{
	tagcache_backend_construct(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

tagcache_backend_desc memcached_desc = {
	.name = "MemcachedBackend",
	.register_class = memcached_register,
	.options = memcached_options,
	.noptions = TAGCACHE_NOPTIONS(memcached_options),
	.config_size = sizeof(memcached_config),
	.caps = TC_CAP_TAGS | TC_CAP_LIFETIME | TC_CAP_PHP_CODE | TAGCACHE_CAP_PER_CACHE,
	.create = memcached_create,
};
