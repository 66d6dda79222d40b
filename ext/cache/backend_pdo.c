/* PdoBackend's descriptor: options (Flow's names), the factory that builds the SQL core
 * (src/backend/sql.c) on a PDO connection (pdo_driver.c), and setup() / getSetupSql() for
 * the databases whose schema is never changed silently (MariaDB/MySQL, PostgreSQL). */
#include "backend.h"
#include "backend_options.h"
#include "exceptions.h"
#include "pdo_driver.h"
#include "zend_attributes.h"
#include "zend_interfaces.h"
#include "backend_pdo_arginfo.h"

typedef struct {
	zend_string *dsn;
	zend_string *username;
	zend_string *password;
	zend_array *driver_options;
	zend_string *cache_table;
	zend_string *tags_table;
	zend_long batch_size;
	zend_long default_lifetime;
	zend_string *app_id;
} pdo_config;

/* The DSN is not echoed (a pgsql DSN may carry a password): only its driver part is. */
static bool check_dsn(const char *backend, const char *option, zval *val)
{
	tc_sql_dialect d;
	if (tagcache_pdo_dialect(Z_STR_P(val), &d)) {
		return true;
	}
	const char *colon = memchr(Z_STRVAL_P(val), ':', Z_STRLEN_P(val));
	if (!colon) {
		tagcache_throw(tagcache_invalid_argument_ce,
			"%s option \"%s\" has no \"driver:\" prefix: it must start with \"sqlite:\", "
			"\"mysql:\" "
			"or \"pgsql:\" (the value is not shown, it may hold a password)",
			backend, option);
		return false;
	}
	zend_string *driver = zend_string_init(Z_STRVAL_P(val), colon - Z_STRVAL_P(val), 0);
	zend_string *shown = tagcache_options_shown(driver);
	tagcache_throw(tagcache_invalid_argument_ce,
		"%s option \"%s\" names the PDO driver \"%s\": it must start with \"sqlite:\", "
		"\"mysql:\" or \"pgsql:\" (the rest of the value is not shown, it may hold a password)",
		backend, option, ZSTR_VAL(shown));
	zend_string_release(shown);
	zend_string_release(driver);
	return false;
}

static bool check_table(const char *backend, const char *option, zval *val)
{
	if (tc_sql_table_name_valid(Z_STRVAL_P(val))) {
		return true;
	}
	zend_string *shown = tagcache_options_shown(Z_STR_P(val));
	tagcache_throw(tagcache_invalid_argument_ce,
		"%s option \"%s\" \"%s\" is not a table name: it must match " TC_SQL_TABLE_NAME_RULE,
		backend, option, ZSTR_VAL(shown));
	zend_string_release(shown);
	return false;
}

static bool check_driver_options(const char *backend, const char *option, zval *val)
{
	zend_string *k;
	zend_ulong idx;
	ZEND_HASH_FOREACH_KEY(Z_ARRVAL_P(val), idx, k) {
		(void)idx;
		if (k) {
			zend_string *shown = tagcache_options_shown(k);
			tagcache_throw(tagcache_invalid_argument_ce,
				"%s option \"%s\" has the key \"%s\": it must be an array of PDO attribute "
				"constants (integers, e.g. PDO::ATTR_TIMEOUT) to values",
				backend, option, ZSTR_VAL(shown));
			zend_string_release(shown);
			return false;
		}
		if (idx == PDO_ATTR_STATEMENT_CLASS) {
			/* its methods would run inside the backend's operations, on its connection */
			tagcache_throw(tagcache_invalid_argument_ce,
				"%s option \"%s\" sets PDO::ATTR_STATEMENT_CLASS: not allowed, the backend's "
				"statements are always PDOStatement",
				backend, option);
			return false;
		}
	}
	ZEND_HASH_FOREACH_END();
	return true;
}

#define PDO_OPT(field, ...) .offset = offsetof(pdo_config, field), __VA_ARGS__

static const tagcache_option pdo_options[] = {
	{.name = "dataSourceName",
		.type = TAGCACHE_OPT_STRING,
		PDO_OPT(dsn, .rule = "a PDO DSN (sqlite:, mysql:, pgsql:)", .check = check_dsn, .identifies_store = true)},
	{.name = "username", .type = TAGCACHE_OPT_STRING, PDO_OPT(username)},
	{.name = "password", .type = TAGCACHE_OPT_SECRET, PDO_OPT(password)},
	{.name = "driverOptions",
		.type = TAGCACHE_OPT_ARRAY,
		PDO_OPT(driver_options, .check = check_driver_options)},
	{.name = "cacheTableName",
		.type = TAGCACHE_OPT_STRING,
		PDO_OPT(cache_table, .def.s = "cache", .rule = TC_SQL_TABLE_NAME_RULE, .check = check_table,
			.identifies_store = true)},
	{.name = "tagsTableName",
		.type = TAGCACHE_OPT_STRING,
		PDO_OPT(tags_table, .def.s = "tags", .rule = TC_SQL_TABLE_NAME_RULE, .check = check_table,
			.identifies_store = true)},
	{.name = "batchSize",
		.type = TAGCACHE_OPT_INT,
		PDO_OPT(batch_size, .def.l = TC_SQL_MAX_BATCH, .min = 1, .max = TC_SQL_MAX_BATCH,
			.note = "rows per multi-row statement; at most 300: SQLite's 999 parameters")},
	TAGCACHE_OPTION_DEFAULT_LIFETIME(pdo_config, default_lifetime),
	{.name = "applicationIdentifier",
		.type = TAGCACHE_OPT_IDENT,
		PDO_OPT(app_id, .def.s = "default", .note = "Application identifier",
			.from = TAGCACHE_FROM_APP_ID)},
};

static void params_free(void *ud)
{
	efree(ud);
}

/* A core for the rows keyed cache_key; the connection params borrow the config, which
 * outlives every core built from it. */
static tc_status pdo_build(
	const pdo_config *c, const char *cache_key, tc_backend **out, tc_err *err)
{
	tc_sql_dialect d;
	if (!c->dsn || !tagcache_pdo_dialect(c->dsn, &d)) {
		return tc_err_set(err, TC_ERR_ARG, "PdoBackend option \"dataSourceName\" is required");
	}
	if (!tagcache_pdo_class()) {
		return tc_err_set(err, TC_ERR_UNSUPPORTED,
			"PdoBackend needs PHP's PDO extension (class PDO is not loaded): enable pdo and "
			"the driver of the dataSourceName (pdo_sqlite, pdo_mysql or pdo_pgsql)");
	}
	tagcache_pdo_params *p = emalloc(sizeof(*p));
	*p = (tagcache_pdo_params){c->dsn, c->username, c->password, c->driver_options, 0};
	tc_sql_options o = {
		.dialect = d,
		.connect = tagcache_pdo_connect,
		.connect_ud = p,
		.connect_ud_free = params_free,
		.cache_table = ZSTR_VAL(c->cache_table),
		.tags_table = ZSTR_VAL(c->tags_table),
		.cache_key = cache_key,
		.default_lifetime = c->default_lifetime,
		.batch_size = (unsigned)c->batch_size,
		.aborted = &p->aborted,
	};
	tc_status st = tc_sql_backend_new(&o, out, err);
	if (st != TC_OK) {
		efree(p);
	}
	return st;
}

static tc_status pdo_create(const void *config, zend_string *cache_id, tc_backend **out,
	zend_string **location, tc_err *err)
{
	const pdo_config *c = config;
	zend_string *key = zend_strpprintf(0, "%s:%s", ZSTR_VAL(c->app_id), ZSTR_VAL(cache_id));
	tc_status st = pdo_build(c, ZSTR_VAL(key), out, err);
	if (st != TC_OK) {
		zend_string_release(key);
		return st;
	}
	*location = key;
	return TC_OK;
}

static zend_class_entry *pdo_register(void)
{
	return register_class_TagCache_Backend_PdoBackend(tagcache_taggable_backend_ce,
		tagcache_php_capable_backend_ce, tagcache_iterable_backend_ce);
}

#define THIS_PDO() tagcache_backend_from_obj(Z_OBJ_P(ZEND_THIS))

PHP_METHOD(TagCache_Backend_PdoBackend, __construct)
{
	tagcache_backend_construct(INTERNAL_FUNCTION_PARAM_PASSTHRU);
	if (EG(exception)) {
		RETURN_THROWS();
	}
	const pdo_config *c = THIS_PDO()->config;
	if (!c->dsn) {
		tagcache_throw(tagcache_invalid_argument_ce,
			"PdoBackend option \"dataSourceName\" is required: a PDO DSN such as "
			"\"sqlite:/path/cache.sqlite\", \"mysql:host=127.0.0.1;dbname=app\" or "
			"\"pgsql:host=127.0.0.1;dbname=app\"");
		RETURN_THROWS();
	}
	if (!tagcache_pdo_class()) {
		tagcache_throw(tagcache_backend_exception_ce,
			"PdoBackend needs PHP's PDO extension (class PDO is not loaded): enable pdo and "
			"the driver of the dataSourceName (pdo_sqlite, pdo_mysql or pdo_pgsql)");
		RETURN_THROWS();
	}
}

/* Creates the tables (IF NOT EXISTS) with the statements getSetupSql() returns. Works before
 * setCache(): the schema is shared by every cache. */
PHP_METHOD(TagCache_Backend_PdoBackend, setup)
{
	ZEND_PARSE_PARAMETERS_NONE();
	tagcache_backend_obj *b = THIS_PDO();
	if (!b->config) {
		zend_throw_error(NULL, "PdoBackend is not constructed");
		RETURN_THROWS();
	}
	tc_err err;
	tc_err_clear(&err);
	tc_backend *core = NULL;
	tc_status st = pdo_build(b->config, "setup", &core, &err);
	if (st == TC_OK) {
		st = tc_sql_backend_setup(core, &err);
		tc_backend_destroy(core);
	}
	if (st != TC_OK) {
		tagcache_throw_err(&err);
		RETURN_THROWS();
	}
}

PHP_METHOD(TagCache_Backend_PdoBackend, getSetupSql)
{
	ZEND_PARSE_PARAMETERS_NONE();
	const pdo_config *c = THIS_PDO()->config;
	tc_sql_dialect d;
	if (!c) {
		zend_throw_error(NULL, "PdoBackend is not constructed");
		RETURN_THROWS();
	}
	if (!c->dsn || !tagcache_pdo_dialect(c->dsn, &d)) {
		RETURN_EMPTY_STRING();
	}
	char *s = tc_sql_schema(d, ZSTR_VAL(c->cache_table), ZSTR_VAL(c->tags_table));
	if (!s) {
		zend_throw_error(NULL, "out of memory");
		RETURN_THROWS();
	}
	RETVAL_STRING(s);
	tc_free(s);
}

PHP_METHOD(TagCache_Backend_PdoBackend, getCacheKey)
{
	ZEND_PARSE_PARAMETERS_NONE();
	tagcache_backend_obj *b = THIS_PDO();
	if (!b->location) {
		RETURN_NULL();
	}
	RETURN_STR_COPY(b->location);
}

tagcache_backend_desc pdo_desc = {
	.name = "PdoBackend",
	.register_class = pdo_register,
	.options = pdo_options,
	.noptions = TAGCACHE_NOPTIONS(pdo_options),
	.config_size = sizeof(pdo_config),
	.caps = TC_CAP_TAGS | TC_CAP_LIFETIME | TC_CAP_PHP_CODE | TC_CAP_ITER | TAGCACHE_CAP_PER_CACHE,
	.create = pdo_create,
};
