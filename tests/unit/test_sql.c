/* PdoBackend's core (src/backend/sql.c) on a tc_sql_driver built on libsqlite3: the shared
 * semantics under the fake clock, plus failures of the driver (every error reaches the caller,
 * the connection is opened again afterwards) and the schema. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <setjmp.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tu.h"
#include "../../src/backend/sql.h"

void tu_suite_semantics(tc_backend *(*open)(int64_t), void (*close)(tc_backend *));

typedef struct {
	tc_sql_conn base;
	sqlite3 *db;
} lite_conn;

typedef struct {
	char path[64];
	int connects;
	int fail_next; /* the next query fails as a lost connection would */
	int aborted;   /* tc_sql_options.aborted */
	/* the next query calls reenter's has() first (PHP code PDO runs calling the backend) */
	tc_backend *reenter;
	tc_status reenter_status;
	char reenter_msg[512];
	int bail_after; /* the query after this many more longjmps to bail (a fatal error) */
	jmp_buf *bail;
} lite_ud;

static tc_status lite_error(lite_conn *c, const char *what, tc_err *err)
{
	snprintf(c->base.sqlstate, sizeof(c->base.sqlstate), "HY000");
	return tc_err_set(err, TC_ERR_IO, "%s: %s", what, sqlite3_errmsg(c->db));
}

static lite_ud *lite_current;

static tc_status lite_query(tc_sql_conn *base, const char *sql, const tc_sql_val *p, size_t n,
	tc_sql_row_cb row, void *ud, int64_t *affected, tc_err *err)
{
	lite_conn *c = (lite_conn *)base;
	c->base.sqlstate[0] = '\0';
	if (lite_current && lite_current->reenter) {
		tc_backend *b = lite_current->reenter;
		lite_current->reenter = NULL;
		tc_err e;
		tc_err_clear(&e);
		lite_current->reenter_status = b->ops->has(b, TC_STR_LIT("a"), &e);
		snprintf(lite_current->reenter_msg, sizeof(lite_current->reenter_msg), "%s", e.msg);
	}
	if (lite_current && lite_current->bail && lite_current->bail_after-- == 0) {
		lite_current->aborted = 1; /* what pdo_driver.c does before PHP unwinds */
		longjmp(*lite_current->bail, 1);
	}
	if (lite_current && lite_current->fail_next) {
		lite_current->fail_next = 0;
		snprintf(c->base.sqlstate, sizeof(c->base.sqlstate), "08006");
		return tc_err_set(err, TC_ERR_IO, "connection lost");
	}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(c->db, sql, -1, &st, NULL) != SQLITE_OK) {
		return lite_error(c, "prepare", err);
	}
	for (size_t i = 0; i < n; i++) {
		int idx = (int)i + 1;
		int rc = p[i].type == TC_SQL_INT ? sqlite3_bind_int64(st, idx, p[i].i)
				 : p[i].type == TC_SQL_BLOB
					 ? sqlite3_bind_blob64(
						   st, idx, p[i].s.ptr ? p[i].s.ptr : "", p[i].s.len, SQLITE_TRANSIENT)
					 : sqlite3_bind_text64(st, idx, p[i].s.ptr ? p[i].s.ptr : "", p[i].s.len,
						   SQLITE_TRANSIENT, SQLITE_UTF8);
		if (rc != SQLITE_OK) {
			sqlite3_finalize(st);
			return lite_error(c, "bind", err);
		}
	}
	int rc, stop = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!row || stop) {
			continue;
		}
		tc_str cols[4];
		int nc = sqlite3_column_count(st);
		nc = nc > 4 ? 4 : nc;
		for (int i = 0; i < nc; i++) {
			const void *b = sqlite3_column_blob(st, i);
			cols[i] = (tc_str){b, (size_t)sqlite3_column_bytes(st, i)};
		}
		stop = row(ud, cols, (size_t)nc);
	}
	if (rc != SQLITE_DONE) {
		tc_status s = lite_error(c, "step", err);
		sqlite3_finalize(st);
		return s;
	}
	if (affected) {
		*affected = sqlite3_changes(c->db);
	}
	sqlite3_finalize(st);
	return TC_OK;
}

static void lite_close(tc_sql_conn *base)
{
	lite_conn *c = (lite_conn *)base;
	sqlite3_close(c->db);
	free(c);
}

static const tc_sql_driver lite_driver = {.query = lite_query, .close = lite_close};

static tc_status lite_connect(void *ud, tc_sql_conn **out, tc_err *err)
{
	lite_ud *u = ud;
	lite_conn *c = calloc(1, sizeof(*c));
	if (!c) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory");
	}
	c->base.drv = &lite_driver;
	if (sqlite3_open(u->path, &c->db) != SQLITE_OK) {
		tc_status s = lite_error(c, "open", err);
		lite_close(&c->base);
		return s;
	}
	sqlite3_busy_timeout(c->db, 5000);
	u->connects++;
	*out = &c->base;
	return TC_OK;
}

static void lite_ud_free(void *ud)
{
	lite_ud *u = ud;
	unlink(u->path);
	if (lite_current == u) {
		lite_current = NULL;
	}
	free(u);
}

static tc_backend *lite_open_key(int64_t default_lifetime, const char *key, lite_ud **udp)
{
	lite_ud *u = calloc(1, sizeof(*u));
	if (!u) {
		return NULL;
	}
	snprintf(u->path, sizeof(u->path), "/tmp/tagcache-unit-sql-XXXXXX");
	int fd = mkstemp(u->path);
	if (fd < 0) {
		free(u);
		return NULL;
	}
	close(fd);
	tc_sql_options o = {.dialect = TC_SQL_SQLITE,
		.connect = lite_connect,
		.connect_ud = u,
		.connect_ud_free = lite_ud_free,
		.cache_key = key,
		.default_lifetime = default_lifetime,
		.batch_size = 2,
		.aborted = &u->aborted};
	tc_backend *b = NULL;
	tc_err err;
	if (tc_sql_backend_new(&o, &b, &err) != TC_OK) {
		unlink(u->path);
		free(u);
		return NULL;
	}
	if (udp) {
		*udp = u;
	}
	return b;
}

static tc_backend *lite_open(int64_t default_lifetime)
{
	return lite_open_key(default_lifetime, "app:cache", NULL);
}

static void lite_close_backend(tc_backend *b)
{
	tc_backend_destroy(b);
}

/* A lost connection fails the operation with the driver's message; the next one reconnects. */
static void sql_reconnects_after_failure(void)
{
	lite_ud *u = NULL;
	tc_backend *b = lite_open_key(0, "app:c", &u);
	TU_REQUIRE(b && u);
	lite_current = u;
	TU_EQ(tu_set(b, "a", "1", "t", 0), TC_OK);
	TU_EQ(u->connects, 1);
	u->fail_next = 1;
	tc_err err;
	tc_err_clear(&err);
	TU_EQ(b->ops->has(b, TC_STR_LIT("a"), &err), TC_ERR_IO);
	TU_CHECK(strstr(err.msg, "PdoBackend: has failed: connection lost") != NULL);
	TU_EQ(b->ops->has(b, TC_STR_LIT("a"), &err), TC_OK);
	TU_EQ(u->connects, 2);
	/* a failure inside the transaction of a set rolls it back: the old entry stays whole */
	u->fail_next = 1;
	TU_EQ(tu_set(b, "a", "2", "u", 0), TC_ERR_IO);
	TU_CHECK(tu_get_is(b, "a", "1", 1));
	tu_ids ids;
	TU_EQ(tu_find(b, "t", &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "a") == 0);
	lite_current = NULL;
	tc_backend_destroy(b);
}

/* An operation started from inside a driver call (PHP code PDO runs) is refused with a clear
 * error and leaves the outer one's connection alone; an operation abandoned midway (PHP's
 * bailout, a longjmp) leaves nothing half-written and the next one works on a new connection. */
static void sql_reentry_and_bailout(void)
{
	lite_ud *u = NULL;
	tc_backend *b = lite_open_key(0, "app:r", &u);
	TU_REQUIRE(b && u);
	lite_current = u;
	TU_EQ(tu_set(b, "a", "1", "t1 t2", 0), TC_OK);
	u->reenter = b;
	TU_EQ(tu_set(b, "a", "2", "t3", 0), TC_OK);
	TU_EQ(u->reenter_status, TC_ERR_IO);
	TU_CHECK(strstr(u->reenter_msg, "PdoBackend: re-entrant call: has was called") != NULL);
	TU_CHECK(tu_get_is(b, "a", "2", 1));
	TU_EQ(u->connects, 1);

	/* abandoned after BEGIN and the upsert: the old value and tags stay */
	jmp_buf jb;
	u->bail = &jb;
	u->bail_after = 2;
	if (setjmp(jb) == 0) {
		tu_set(b, "a", "3", "t4", 0);
		TU_CHECK(0 && "not reached");
	}
	u->bail = NULL;
	TU_CHECK(tu_get_is(b, "a", "2", 1));
	TU_EQ(u->connects, 2);
	tu_ids ids;
	TU_EQ(tu_find(b, "t3", &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "a") == 0);
	TU_EQ(tu_find(b, "t4", &ids), TC_OK);
	TU_EQ(ids.count, 0);
	TU_EQ(tu_set(b, "a", "4", "t5", 0), TC_OK);
	TU_CHECK(tu_get_is(b, "a", "4", 1));
	lite_current = NULL;
	tc_backend_destroy(b);
}

/* Many tags and many entries per tag go in batches (batch_size 2 here). */
static void sql_batches(void)
{
	tc_backend *b = lite_open(0);
	TU_REQUIRE(b);
	TU_EQ(tu_set(b, "a", "1", "t1 t2 t3 t4 t5 t1", 0), TC_OK);
	for (int i = 0; i < 7; i++) {
		char id[8];
		snprintf(id, sizeof(id), "e%d", i);
		TU_EQ(tu_set(b, id, "x", "t3", 0), TC_OK);
	}
	tu_ids ids;
	TU_EQ(tu_find(b, "t5", &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "a") == 0);
	TU_EQ(tu_flush_tags(b, "t3 t1"), 8);
	TU_EQ(tu_list(b, &ids), TC_OK);
	TU_EQ(ids.count, 0);
	tc_backend_destroy(b);
}

/* Two caches in one database never see each other. */
static void sql_caches_apart(void)
{
	lite_ud *u = NULL;
	tc_backend *a = lite_open_key(0, "app:a", &u);
	TU_REQUIRE(a && u);
	tc_sql_options o = {
		.dialect = TC_SQL_SQLITE, .connect = lite_connect, .connect_ud = u, .cache_key = "app:b"};
	tc_backend *b = NULL;
	tc_err err;
	TU_EQ(tc_sql_backend_new(&o, &b, &err), TC_OK);
	TU_REQUIRE(b);
	TU_EQ(tu_set(a, "k", "A", "t", 0), TC_OK);
	TU_EQ(tu_set(b, "k", "B", "t", 0), TC_OK);
	TU_EQ(tu_flush_tags(a, "t"), 1);
	TU_CHECK(tu_get_is(b, "k", "B", 1));
	TU_EQ(a->ops->flush(a, &err), TC_OK);
	TU_CHECK(tu_get_is(b, "k", "B", 1));
	tc_backend_destroy(b);
	tc_backend_destroy(a);
}

static void sql_schema_and_names(void)
{
	char *s = tc_sql_schema(TC_SQL_PGSQL, "e", "t");
	TU_REQUIRE(s);
	TU_CHECK(strstr(s, "CREATE TABLE IF NOT EXISTS \"e\"") && strstr(s, "BYTEA") &&
			 strstr(s, "\"t_identifier\""));
	free(s);
	TU_CHECK(tc_sql_table_name_valid("cache_1") && tc_sql_table_name_valid("_x"));
	char name[64];
	memset(name, 'n', sizeof(name));
	name[TC_SQL_TABLE_NAME_MAX] = '\0';
	TU_CHECK(tc_sql_table_name_valid(name)); /* "<name>_identifier" is 63 bytes */
	name[TC_SQL_TABLE_NAME_MAX] = 'n';
	name[TC_SQL_TABLE_NAME_MAX + 1] = '\0';
	TU_CHECK(!tc_sql_table_name_valid(name));
	TU_CHECK(!tc_sql_table_name_valid("") && !tc_sql_table_name_valid("1a") &&
			 !tc_sql_table_name_valid("a-b") && !tc_sql_table_name_valid("a\"b"));
	tc_sql_options o = {
		.dialect = TC_SQL_SQLITE, .connect = lite_connect, .cache_key = "k", .cache_table = "x;y"};
	tc_backend *b = NULL;
	tc_err err;
	TU_EQ(tc_sql_backend_new(&o, &b, &err), TC_ERR_ARG);
	TU_CHECK(b == NULL);
}

void tu_suite_sql(void)
{
	tu_label = "sql";
	tu_suite_semantics(lite_open, lite_close_backend);
	TU_RUN(sql_reconnects_after_failure);
	TU_RUN(sql_reentry_and_bailout);
	TU_RUN(sql_batches);
	TU_RUN(sql_caches_apart);
	TU_RUN(sql_schema_and_names);
	tu_label = "";
}
