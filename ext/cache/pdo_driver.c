/* tc_sql_driver on a PHP PDO object. Every statement is a few method calls on PDO /
 * PDOStatement through the Zend API (prepare once per SQL text and connection, bindValue per
 * parameter, execute, fetch per row). PDO runs in ERRMODE_EXCEPTION; every exception it throws
 * is caught here and becomes a tc_err carrying the driver's message and SQLSTATE, so no
 * exception is ever left pending inside a core operation. */
#include "pdo_driver.h"

#include "zend_exceptions.h"
#include "zend_interfaces.h"

/* PDO's constants (stable since PHP 5.1; the pdo headers are not needed for five numbers). */
#define PDO_ATTR_ERRMODE      3
#define PDO_ERRMODE_EXCEPTION 2
#define PDO_PARAM_INT         1
#define PDO_PARAM_STR         2
#define PDO_PARAM_LOB         3
#define PDO_FETCH_NUM         3

/* Statements kept prepared per connection (multi-row tag inserts vary in length). */
#define MAX_CACHED_STMTS 64

typedef struct {
	tc_sql_conn base;
	zval pdo;
	HashTable stmts; /* SQL text -> PDOStatement */
} pdo_conn;

zend_class_entry *tagcache_pdo_class(void)
{
	zend_string *name = zend_string_init("PDO", 3, 0);
	zend_class_entry *ce = zend_lookup_class_ex(name, NULL, ZEND_FETCH_CLASS_NO_AUTOLOAD);
	zend_string_release(name);
	return ce;
}

bool tagcache_pdo_dialect(zend_string *dsn, tc_sql_dialect *d)
{
	if (zend_string_starts_with_literal(dsn, "sqlite:")) {
		*d = TC_SQL_SQLITE;
	} else if (zend_string_starts_with_literal(dsn, "mysql:")) {
		*d = TC_SQL_MYSQL;
	} else if (zend_string_starts_with_literal(dsn, "pgsql:")) {
		*d = TC_SQL_PGSQL;
	} else {
		return false;
	}
	return true;
}

/* Turns the pending exception into err (message, SQLSTATE) and clears it. */
static tc_status take_exception(tc_sql_conn *c, const char *what, tc_err *err)
{
	zend_object *ex = EG(exception);
	if (c) {
		c->sqlstate[0] = '\0';
	}
	if (!ex) {
		return tc_err_set(err, TC_ERR_IO, "%s failed", what);
	}
	zval rv, rv2;
	zval *msg = zend_read_property_ex(ex->ce, ex, ZSTR_KNOWN(ZEND_STR_MESSAGE), 1, &rv);
	zval *info = zend_read_property(ex->ce, ex, "errorInfo", sizeof("errorInfo") - 1, 1, &rv2);
	if (c && info && Z_TYPE_P(info) == IS_ARRAY) {
		zval *ss = zend_hash_index_find(Z_ARRVAL_P(info), 0);
		if (ss && Z_TYPE_P(ss) == IS_STRING && Z_STRLEN_P(ss) == 5) {
			memcpy(c->sqlstate, Z_STRVAL_P(ss), 6);
		}
	}
	tc_err_set(err, TC_ERR_IO, "%s: %s", what,
		msg && Z_TYPE_P(msg) == IS_STRING ? Z_STRVAL_P(msg) : ZSTR_VAL(ex->ce->name));
	zend_clear_exception();
	return TC_ERR_IO;
}

/* obj->name(params...); false with the exception taken into err. Warnings PDO raises next to
 * its exceptions (a lost MySQL connection) are silenced: the exception says it all. */
static bool call(
	pdo_conn *c, zval *obj, const char *name, zval *ret, uint32_t n, zval *params, tc_err *err)
{
	zend_string *fname = zend_string_init(name, strlen(name), 0);
	int reporting = EG(error_reporting);
	EG(error_reporting) = 0;
	zend_result r = zend_call_method_if_exists(Z_OBJ_P(obj), fname, ret, n, params);
	EG(error_reporting) = reporting;
	zend_string_release(fname);
	if (r != SUCCESS || EG(exception)) {
		zval_ptr_dtor(ret);
		ZVAL_UNDEF(ret);
		take_exception(&c->base, name, err);
		return false;
	}
	return true;
}

/* A column as bytes: strings as they are, numbers printed, streams (pdo_pgsql's bytea) read
 * into a string kept in *hold. */
static tc_str column(zval *v, zend_string **hold)
{
	*hold = NULL;
	ZVAL_DEREF(v);
	switch (Z_TYPE_P(v)) {
	case IS_STRING:
		return (tc_str){Z_STRVAL_P(v), Z_STRLEN_P(v)};
	case IS_RESOURCE: {
		php_stream *s = (php_stream *)zend_fetch_resource2_ex(
			v, "stream", php_file_le_stream(), php_file_le_pstream());
		if (EG(exception)) {
			zend_clear_exception();
		}
		if (s) {
			*hold = php_stream_copy_to_mem(s, PHP_STREAM_COPY_ALL, 0);
		}
		if (!*hold) {
			*hold = ZSTR_EMPTY_ALLOC();
		}
		return (tc_str){ZSTR_VAL(*hold), ZSTR_LEN(*hold)};
	}
	case IS_NULL:
		return (tc_str){NULL, 0};
	default:
		*hold = zval_get_string(v);
		return (tc_str){ZSTR_VAL(*hold), ZSTR_LEN(*hold)};
	}
}

static zval *prepared(pdo_conn *c, const char *sql, tc_err *err)
{
	size_t len = strlen(sql);
	zval *st = zend_hash_str_find(&c->stmts, sql, len);
	if (st) {
		return st;
	}
	zval arg, ret;
	ZVAL_STRINGL(&arg, sql, len);
	bool ok = call(c, &c->pdo, "prepare", &ret, 1, &arg, err);
	zval_ptr_dtor(&arg);
	if (!ok) {
		return NULL;
	}
	if (Z_TYPE(ret) != IS_OBJECT) {
		zval_ptr_dtor(&ret);
		tc_err_set(err, TC_ERR_IO, "prepare returned no statement");
		return NULL;
	}
	if (zend_hash_num_elements(&c->stmts) >= MAX_CACHED_STMTS) {
		zend_hash_clean(&c->stmts);
	}
	return zend_hash_str_update(&c->stmts, sql, len, &ret);
}

static tc_status pdo_query(tc_sql_conn *base, const char *sql, const tc_sql_val *params, size_t n,
	tc_sql_row_cb row, void *ud, int64_t *affected, tc_err *err)
{
	pdo_conn *c = (pdo_conn *)base;
	c->base.sqlstate[0] = '\0';
	zval *st = prepared(c, sql, err);
	if (!st) {
		return TC_ERR_IO;
	}
	zval stmt, ret;
	ZVAL_COPY(&stmt, st); /* the cache may be cleared by a nested call */
	tc_status status = TC_ERR_IO;
	for (size_t i = 0; i < n; i++) {
		zval args[3];
		ZVAL_LONG(&args[0], (zend_long)i + 1);
		if (params[i].type == TC_SQL_INT) {
			ZVAL_LONG(&args[1], (zend_long)params[i].i);
			ZVAL_LONG(&args[2], PDO_PARAM_INT);
		} else {
			ZVAL_STRINGL(&args[1], params[i].s.ptr ? params[i].s.ptr : "", params[i].s.len);
			/* LOB: binary-safe (bytea, BLOB), whatever the connection's character set */
			ZVAL_LONG(&args[2], params[i].type == TC_SQL_BLOB ? PDO_PARAM_LOB : PDO_PARAM_STR);
		}
		bool ok = call(c, &stmt, "bindValue", &ret, 3, args, err);
		zval_ptr_dtor(&args[1]);
		zval_ptr_dtor(&ret);
		if (!ok) {
			goto out;
		}
	}
	if (!call(c, &stmt, "execute", &ret, 0, NULL, err)) {
		goto out;
	}
	zval_ptr_dtor(&ret);
	if (affected) {
		if (!call(c, &stmt, "rowCount", &ret, 0, NULL, err)) {
			goto out;
		}
		*affected = (int64_t)zval_get_long(&ret);
		zval_ptr_dtor(&ret);
	}
	if (row) {
		zval mode;
		ZVAL_LONG(&mode, PDO_FETCH_NUM);
		for (int stop = 0; !stop;) {
			if (!call(c, &stmt, "fetch", &ret, 1, &mode, err)) {
				goto out;
			}
			if (Z_TYPE(ret) != IS_ARRAY) {
				zval_ptr_dtor(&ret);
				break;
			}
			uint32_t ncols = zend_hash_num_elements(Z_ARRVAL(ret));
			tc_str cols[4];
			zend_string *holds[4] = {NULL, NULL, NULL, NULL};
			uint32_t k = 0;
			zval *v;
			ZEND_HASH_FOREACH_VAL(Z_ARRVAL(ret), v) {
				if (k < 4) {
					cols[k] = column(v, &holds[k]);
					k++;
				}
			}
			ZEND_HASH_FOREACH_END();
			stop = row(ud, cols, k < ncols ? k : ncols);
			for (uint32_t j = 0; j < k; j++) {
				if (holds[j]) {
					zend_string_release(holds[j]);
				}
			}
			zval_ptr_dtor(&ret);
			if (stop) {
				/* the rest of the result set is not wanted */
				if (!call(c, &stmt, "closeCursor", &ret, 0, NULL, err)) {
					goto out;
				}
				zval_ptr_dtor(&ret);
			}
		}
	}
	status = TC_OK;
out:
	zval_ptr_dtor(&stmt);
	return status;
}

static void pdo_close(tc_sql_conn *base)
{
	pdo_conn *c = (pdo_conn *)base;
	zend_hash_destroy(&c->stmts);
	zval_ptr_dtor(&c->pdo);
	efree(c);
}

static const tc_sql_driver pdo_driver = {.query = pdo_query, .close = pdo_close};

tc_status tagcache_pdo_connect(void *ud, tc_sql_conn **out, tc_err *err)
{
	const tagcache_pdo_params *p = ud;
	*out = NULL;
	zend_class_entry *ce = tagcache_pdo_class();
	if (!ce) {
		return tc_err_set(err, TC_ERR_UNSUPPORTED,
			"PdoBackend needs PHP's PDO extension (class PDO is not loaded): enable pdo and "
			"the driver of the dataSourceName (pdo_sqlite, pdo_mysql or pdo_pgsql)");
	}
	pdo_conn *c = ecalloc(1, sizeof(*c));
	c->base.drv = &pdo_driver;
	zend_hash_init(&c->stmts, 16, NULL, ZVAL_PTR_DTOR, 0);
	object_init_ex(&c->pdo, ce);
	zval args[4], ret;
	ZVAL_STR_COPY(&args[0], p->dsn);
	if (p->username) {
		ZVAL_STR_COPY(&args[1], p->username);
	} else {
		ZVAL_NULL(&args[1]);
	}
	if (p->password) {
		ZVAL_STR_COPY(&args[2], p->password);
	} else {
		ZVAL_NULL(&args[2]);
	}
	if (p->driver_options) {
		ZVAL_ARR(&args[3], zend_array_dup(p->driver_options));
	} else {
		array_init(&args[3]);
	}
	zval mode;
	ZVAL_LONG(&mode, PDO_ERRMODE_EXCEPTION);
	zend_hash_index_update(Z_ARRVAL(args[3]), PDO_ATTR_ERRMODE, &mode);
	int reporting = EG(error_reporting);
	EG(error_reporting) = 0;
	zend_call_known_instance_method(ce->constructor, Z_OBJ(c->pdo), &ret, 4, args);
	EG(error_reporting) = reporting;
	for (int i = 0; i < 4; i++) {
		zval_ptr_dtor(&args[i]);
	}
	zval_ptr_dtor(&ret);
	if (EG(exception)) {
		take_exception(&c->base, "connecting", err);
		pdo_close(&c->base);
		return TC_ERR_IO;
	}
	*out = &c->base;
	return TC_OK;
}
