/* tc_sql_driver on a PHP PDO object. Every statement is a few method calls on PDO /
 * PDOStatement through the Zend API (prepare once per SQL text and connection, bindValue per
 * parameter, execute, fetch per row). PDO runs in ERRMODE_EXCEPTION; every exception it throws
 * is caught here and becomes a tc_err carrying the driver's message and SQLSTATE, so no
 * exception is left pending inside a core operation, except exit()'s: the script is ending. */
#include "pdo_driver.h"

#include "zend_exceptions.h"
#include "zend_interfaces.h"

/* PDO's constants (stable since PHP 5.1; the pdo headers are not needed for a few numbers). */
#define PDO_ATTR_ERRMODE      3
#define PDO_ERRMODE_EXCEPTION 2
#define PDO_PARAM_INT         1
#define PDO_PARAM_STR         2
#define PDO_PARAM_LOB         3
#define PDO_FETCH_NUM         3

/* Statements kept prepared per connection (multi-row tag inserts vary in length). */
#define MAX_CACHED_STMTS 64
/* A statement that was given a parameter this large is not kept: PDO holds on to the last
 * bound values (and MySQL's emulated prepares to the query text built from them). */
#define MAX_KEPT_PARAM (64 * 1024)
/* The levels silenced around PDO calls: what PDO raises beside the exception it throws. */
#define PDO_QUIET (E_WARNING | E_NOTICE | E_DEPRECATED)

typedef struct {
	tc_sql_conn base;
	zval pdo;
	HashTable stmts; /* SQL text -> PDOStatement */
	tagcache_pdo_params *params;
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
	if (zend_is_unwind_exit(ex) || zend_is_graceful_exit(ex)) {
		/* exit() in PHP code PDO ran: it stays pending and ends the script */
		return tc_err_set(err, TC_ERR_IO, "%s: interrupted, the script is exiting", what);
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

/* obj->name(params...) (ctor: a constructor call); false with the exception taken into err.
 * Warnings PDO raises next to its exceptions (a lost MySQL connection) are not shown: the
 * exception says it all. Fatal errors are, and the level is back before PHP unwinds. */
static bool call_ex(pdo_conn *c, zval *obj, zend_function *ctor, const char *name, zval *ret,
	uint32_t n, zval *params, tc_err *err)
{
	zend_string *fname = zend_string_init(name, strlen(name), 0);
	int reporting = EG(error_reporting);
	volatile zend_result r = FAILURE;
	bool bailed = false;
	EG(error_reporting) = reporting & ~PDO_QUIET;
	zend_try {
		if (ctor) {
			zend_call_known_instance_method(ctor, Z_OBJ_P(obj), ret, n, params);
			r = SUCCESS;
		} else {
			r = zend_call_method_if_exists(Z_OBJ_P(obj), fname, ret, n, params);
		}
	}
	zend_catch {
		bailed = true;
	}
	zend_end_try();
	EG(error_reporting) = reporting;
	zend_string_release(fname);
	if (bailed) {
		c->params->aborted = 1;
		zend_bailout();
	}
	if (r != SUCCESS || EG(exception)) {
		zval_ptr_dtor(ret);
		ZVAL_UNDEF(ret);
		take_exception(&c->base, name, err);
		return false;
	}
	return true;
}

static bool call(
	pdo_conn *c, zval *obj, const char *name, zval *ret, uint32_t n, zval *params, tc_err *err)
{
	return call_ex(c, obj, NULL, name, ret, n, params, err);
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

static tc_status query_body(pdo_conn *c, const char *sql, const tc_sql_val *params, size_t n,
	tc_sql_row_cb row, void *ud, int64_t *affected, tc_err *err)
{
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

static tc_status pdo_query(tc_sql_conn *base, const char *sql, const tc_sql_val *params, size_t n,
	tc_sql_row_cb row, void *ud, int64_t *affected, tc_err *err)
{
	pdo_conn *c = (pdo_conn *)base;
	volatile tc_status st = TC_ERR_IO;
	bool bailed = false;
	zend_try {
		st = query_body(c, sql, params, n, row, ud, affected, err);
	}
	zend_catch {
		bailed = true; /* e.g. memory_limit while copying a payload or in a row callback */
	}
	zend_end_try();
	if (bailed) {
		c->params->aborted = 1;
		zend_bailout();
	}
	for (size_t i = 0; i < n; i++) {
		if (params[i].type != TC_SQL_INT && params[i].s.len > MAX_KEPT_PARAM) {
			/* the statement holds the payload until its next execute: let it go now */
			zend_hash_str_del(&c->stmts, sql, strlen(sql));
			break;
		}
	}
	return st;
}

static void pdo_close(tc_sql_conn *base)
{
	pdo_conn *c = (pdo_conn *)base;
	zend_hash_destroy(&c->stmts);
	zval_ptr_dtor(&c->pdo);
	efree(c);
}

/* Object handlers whose free_obj does nothing, one copy per class (PDO, PDOStatement); per
 * thread, so threads of a ZTS build never write the same copy (a forked child has one thread). */
ZEND_TLS struct {
	const zend_object_handlers *orig;
	zend_object_handlers inert;
} inert_handlers[2];

static void inert_free(zend_object *obj)
{
	(void)obj; /* the driver's handle is kept: freeing it would end the parent's session */
}

/* obj is never freed by its class: PDO's free_obj closes the server session (MySQL sends
 * COM_QUIT, PostgreSQL a Terminate message; a statement's may send DEALLOCATE) on a socket
 * shared with the parent process. Its memory goes with the child's heap; the socket with the
 * child's exit, which sends nothing. */
static void make_inert(zval *zv)
{
	if (Z_TYPE_P(zv) != IS_OBJECT) {
		return;
	}
	zend_object *obj = Z_OBJ_P(zv);
	for (size_t i = 0; i < sizeof(inert_handlers) / sizeof(inert_handlers[0]); i++) {
		if (inert_handlers[i].orig == obj->handlers || &inert_handlers[i].inert == obj->handlers) {
			obj->handlers = &inert_handlers[i].inert;
			return;
		}
		if (!inert_handlers[i].orig) {
			inert_handlers[i].orig = obj->handlers;
			inert_handlers[i].inert = *obj->handlers;
			inert_handlers[i].inert.free_obj = inert_free;
			obj->handlers = &inert_handlers[i].inert;
			return;
		}
	}
}

/* In a forked child: the connection belongs to the parent's session. */
static void pdo_abandon(tc_sql_conn *base)
{
	pdo_conn *c = (pdo_conn *)base;
	zval *st;
	ZEND_HASH_FOREACH_VAL(&c->stmts, st) {
		make_inert(st);
	}
	ZEND_HASH_FOREACH_END();
	make_inert(&c->pdo);
	pdo_close(base);
}

static const tc_sql_driver pdo_driver = {
	.query = pdo_query, .close = pdo_close, .abandon = pdo_abandon};

/* Whether PDO's constructor makes the handle persistent, by its own rule: a non-numeric,
 * non-empty string (a named pool) or a value whose integer is not 0. */
static bool persistent(HashTable *opts)
{
	zval *v = zend_hash_index_find_deref(opts, PDO_ATTR_PERSISTENT);
	if (!v) {
		return false;
	}
	if (Z_TYPE_P(v) == IS_STRING && Z_STRLEN_P(v) > 0 &&
		!is_numeric_string(Z_STRVAL_P(v), Z_STRLEN_P(v), NULL, NULL, 0)) {
		return true;
	}
	return zval_get_long(v) != 0;
}

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
	c->params = (tagcache_pdo_params *)p;
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
	/* Only PDO's own statements: a user class's methods would run inside core operations
	 * (backend_pdo.c rejects the option; this keeps a default set elsewhere out too). PDO
	 * refuses the attribute on a persistent handle, which never has a statement class. */
	if (!persistent(Z_ARRVAL(args[3]))) {
		zval stmt_class, name;
		array_init(&stmt_class);
		ZVAL_STRINGL(&name, "PDOStatement", sizeof("PDOStatement") - 1);
		zend_hash_next_index_insert(Z_ARRVAL(stmt_class), &name);
		zend_hash_index_update(Z_ARRVAL(args[3]), PDO_ATTR_STATEMENT_CLASS, &stmt_class);
	}
	bool ok = call_ex(c, &c->pdo, ce->constructor, "connecting", &ret, 4, args, err);
	for (int i = 0; i < 4; i++) {
		zval_ptr_dtor(&args[i]);
	}
	zval_ptr_dtor(&ret);
	if (!ok) {
		pdo_close(&c->base);
		return TC_ERR_IO;
	}
	*out = &c->base;
	return TC_OK;
}
