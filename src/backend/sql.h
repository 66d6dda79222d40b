/* PdoBackend's core: the cache logic and the SQL of each dialect (SQLite, MariaDB/MySQL,
 * PostgreSQL) in plain C, behind a small driver vtable. ext/cache/pdo_driver.c implements the
 * driver with a PHP PDO object; tests/unit/test_sql.c with libsqlite3. */
#ifndef TC_SQL_H
#define TC_SQL_H

#include "../tc_backend.h"

typedef enum { TC_SQL_SQLITE, TC_SQL_MYSQL, TC_SQL_PGSQL } tc_sql_dialect;

/* A statement parameter. */
typedef enum { TC_SQL_TEXT, TC_SQL_BLOB, TC_SQL_INT } tc_sql_type;
typedef struct {
	tc_sql_type type;
	tc_str s;  /* TEXT, BLOB */
	int64_t i; /* INT */
} tc_sql_val;

/* Called per result row; cols are borrowed until the callback returns (NULL columns come as
 * {NULL, 0}). A non-zero return stops the walk (the driver still finishes the statement). */
typedef int (*tc_sql_row_cb)(void *ud, const tc_str *cols, size_t ncols);

typedef struct tc_sql_conn tc_sql_conn;

typedef struct {
	/* Runs sql (positional '?' parameters) with params; rows go to row (may be NULL);
	 * *affected (may be NULL) gets the number of rows a DELETE/UPDATE/INSERT changed. On
	 * failure: TC_ERR_IO with the database's message in err and conn->sqlstate set. */
	tc_status (*query)(tc_sql_conn *c, const char *sql, const tc_sql_val *params, size_t nparams,
		tc_sql_row_cb row, void *ud, int64_t *affected, tc_err *err);
	void (*close)(tc_sql_conn *c);
	/* In a forked child: lets go of a connection the parent process still uses without
	 * ending its server session (may be NULL: close is used). */
	void (*abandon)(tc_sql_conn *c);
} tc_sql_driver;

/* Rows per multi-row statement at most (3 parameters a row: SQLite's 999 parameters). */
#define TC_SQL_MAX_BATCH 300

/* What every driver connection starts with. */
struct tc_sql_conn {
	const tc_sql_driver *drv;
	char sqlstate[6]; /* SQLSTATE of the last failure ("" when none known) */
};

/* Opens a connection (called lazily, again after a connection failure). */
typedef tc_status (*tc_sql_connect_fn)(void *ud, tc_sql_conn **out, tc_err *err);

typedef struct {
	tc_sql_dialect dialect;
	tc_sql_connect_fn connect;
	void *connect_ud;
	void (*connect_ud_free)(void *ud); /* frees connect_ud with the backend (may be NULL) */
	const char *cache_table;           /* default "cache" */
	const char *tags_table;            /* default "tags" */
	const char *cache_key;             /* "<applicationIdentifier>:<cache identifier>" (required) */
	int64_t default_lifetime;          /* seconds; 0 = unlimited */
	unsigned batch_size;               /* rows per multi-row statement (default 100, max
	                                    * TC_SQL_MAX_BATCH) */
	int *aborted; /* may be NULL; the driver sets *aborted when PHP abandoned an operation
	               * midway (a fatal error's bailout): the next one reconnects */
} tc_sql_options;

/* PdoBackend: tags, lifetimes, PHP entries (as code), iteration. Does not connect until the
 * first operation. */
tc_status tc_sql_backend_new(const tc_sql_options *opts, tc_backend **out, tc_err *err);

/* The schema statements of a dialect for the given table names, separated by ";\n" and ending
 * with ";\n" (exactly the shipped sql/pdo-<dialect>.sql for the default names), in a buffer
 * the caller frees with tc_free. NULL when out of memory. */
char *tc_sql_schema(tc_sql_dialect d, const char *cache_table, const char *tags_table);

/* Runs the schema statements of b (PdoBackend::setup()). */
tc_status tc_sql_backend_setup(tc_backend *b, tc_err *err);

/* Longest table name: the index names derived from it ("<table>_identifier", 11 more) must
 * fit PostgreSQL's 63 bytes (it truncates longer ones) and MariaDB's 64 (it refuses them). */
#define TC_SQL_TABLE_NAME_MAX 52
#define TC_SQL_TABLE_NAME_RULE "/^[A-Za-z_][A-Za-z0-9_]{0,51}$/ (at most 52 characters, so the index names derived from it fit)"

/* 1 when name is a valid table name: TC_SQL_TABLE_NAME_RULE. */
int tc_sql_table_name_valid(const char *name);

/* printf into a fresh tc_malloc'ed buffer; NULL when out of memory. */
char *tc_sql_fmt(const char *f, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

#endif
