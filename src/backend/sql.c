/* PdoBackend's core: entries and tag memberships in two SQL tables shared by every cache and
 * application (rows keyed by "<applicationIdentifier>:<cache identifier>"), the SQL of each
 * dialect, and the transaction per write. The database is reached through tc_sql_driver only. */
#include "sql.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../tc_alloc.h"
#include "../tc_clock.h"

/* Writes that lose a deadlock or a serialization conflict are run again this many times. */
#define SQL_TX_ATTEMPTS 8

enum {
	Q_GET,
	Q_HAS,
	Q_DEL_TAGS_OF,
	Q_UPSERT,
	Q_DEL_LIVE,
	Q_DEL_ANY,
	Q_FLUSH_T,
	Q_FLUSH_E,
	Q_TAG_IDS,
	Q_IN_DEL_LIVE,
	Q_IN_DEL_ANY,
	Q_IN_DEL_TAGS,
	Q_IDS_BY_TAG,
	Q_BY_TAG,
	Q_GC_IDS,
	Q_IN_GC_E,
	Q_IN_GC_T,
	Q_LIST,
	Q_BEGIN,
	Q_COMMIT,
	Q_ROLLBACK,
	Q_COUNT
};

typedef struct {
	tc_backend base;
	tc_sql_options o;
	char *cache_table, *tags_table, *cache_key;
	tc_sql_conn *conn;
	long pid;    /* the process that opened conn (a forked child must not use or close it) */
	int busy;    /* inside a driver call, which may run PHP code that calls this backend */
	int tx_open; /* between BEGIN and COMMIT/ROLLBACK: still set after an abandoned write */
	char *q[Q_COUNT];
} sql_backend;

static char *dup_str(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = tc_malloc(n);
	if (d) {
		memcpy(d, s, n);
	}
	return d;
}

static const char *dialect_file(tc_sql_dialect d)
{
	return d == TC_SQL_MYSQL   ? "sql/pdo-mysql.sql"
		   : d == TC_SQL_PGSQL ? "sql/pdo-pgsql.sql"
							   : "sql/pdo-sqlite.sql";
}

/* ---- statements ----------------------------------------------------------------------------- */

#define LIVE "(expires = 0 OR expires >= ?)"

static int build_queries(sql_backend *b)
{
	const char *E = b->cache_table, *T = b->tags_table;
	int my = b->o.dialect == TC_SQL_MYSQL;
	char qe[80], qt[80];
	snprintf(qe, sizeof(qe), my ? "`%s`" : "\"%s\"", E);
	snprintf(qt, sizeof(qt), my ? "`%s`" : "\"%s\"", T);
	b->q[Q_GET] =
		tc_sql_fmt("SELECT content FROM %s WHERE cache = ? AND identifier = ? AND " LIVE, qe);
	b->q[Q_HAS] = tc_sql_fmt("SELECT 1 FROM %s WHERE cache = ? AND identifier = ? AND " LIVE, qe);
	b->q[Q_DEL_TAGS_OF] = tc_sql_fmt("DELETE FROM %s WHERE cache = ? AND identifier = ?", qt);
	b->q[Q_UPSERT] =
		my ? tc_sql_fmt(
				 "INSERT INTO %s (cache, identifier, expires, content) VALUES (?, ?, ?, ?) "
				 "ON DUPLICATE KEY UPDATE expires = VALUES(expires), content = VALUES(content)",
				 qe)
		   : tc_sql_fmt("INSERT INTO %s (cache, identifier, expires, content) VALUES (?, ?, ?, ?) "
						"ON CONFLICT (cache, identifier) DO UPDATE SET expires = excluded.expires, "
						"content = excluded.content",
				 qe);
	b->q[Q_DEL_LIVE] =
		tc_sql_fmt("DELETE FROM %s WHERE cache = ? AND identifier = ? AND " LIVE, qe);
	b->q[Q_DEL_ANY] = tc_sql_fmt("DELETE FROM %s WHERE cache = ? AND identifier = ?", qe);
	b->q[Q_FLUSH_T] = tc_sql_fmt("DELETE FROM %s WHERE cache = ?", qt);
	b->q[Q_FLUSH_E] = tc_sql_fmt("DELETE FROM %s WHERE cache = ?", qe);
	/* Q_IN_*: '#' becomes the list "?, ?, ..." of the identifiers a step removes. */
	b->q[Q_TAG_IDS] = tc_sql_fmt("SELECT identifier FROM %s WHERE cache = ? AND tag = ?", qt);
	b->q[Q_IN_DEL_LIVE] =
		tc_sql_fmt("DELETE FROM %s WHERE cache = ? AND " LIVE " AND identifier IN (#)", qe);
	b->q[Q_IN_DEL_ANY] = tc_sql_fmt("DELETE FROM %s WHERE cache = ? AND identifier IN (#)", qe);
	b->q[Q_IN_DEL_TAGS] = tc_sql_fmt("DELETE FROM %s WHERE cache = ? AND identifier IN (#)", qt);
	b->q[Q_IDS_BY_TAG] =
		tc_sql_fmt("SELECT t.identifier FROM %s t JOIN %s e ON e.cache = t.cache AND "
				   "e.identifier = t.identifier WHERE t.cache = ? AND t.tag = ? AND "
				   "(e.expires = 0 OR e.expires >= ?) ORDER BY t.identifier",
			qt, qe);
	b->q[Q_BY_TAG] =
		tc_sql_fmt("SELECT t.identifier, e.content FROM %s t JOIN %s e ON e.cache = t.cache AND "
				   "e.identifier = t.identifier WHERE t.cache = ? AND t.tag = ? AND "
				   "(e.expires = 0 OR e.expires >= ?) ORDER BY t.identifier",
			qt, qe);
	b->q[Q_GC_IDS] =
		tc_sql_fmt("SELECT identifier FROM %s WHERE cache = ? AND expires > 0 AND expires < ?", qe);
	b->q[Q_IN_GC_E] = tc_sql_fmt(
		"DELETE FROM %s WHERE cache = ? AND expires > 0 AND expires < ? AND identifier IN (#)", qe);
	/* only the tags of entries that are really gone: one set again meanwhile keeps its tags */
	b->q[Q_IN_GC_T] =
		tc_sql_fmt("DELETE FROM %s WHERE cache = ? AND identifier IN (#) AND NOT EXISTS "
				   "(SELECT 1 FROM %s e WHERE e.cache = %s.cache AND e.identifier = %s.identifier)",
			qt, qe, qt, qt);
	b->q[Q_LIST] = tc_sql_fmt("SELECT identifier FROM %s WHERE cache = ? AND " LIVE, qe);
	/* SQLite: take the write lock at BEGIN, so two writers wait (busy timeout) instead of
	 * failing when both try to upgrade a read lock. */
	b->q[Q_BEGIN] = dup_str(b->o.dialect == TC_SQL_SQLITE ? "BEGIN IMMEDIATE"
							: my                          ? "START TRANSACTION"
														  : "BEGIN");
	b->q[Q_COMMIT] = dup_str("COMMIT");
	b->q[Q_ROLLBACK] = dup_str("ROLLBACK");
	for (int i = 0; i < Q_COUNT; i++) {
		if (!b->q[i]) {
			return 0;
		}
	}
	return 1;
}

/* ---- connection and errors ------------------------------------------------------------------ */

/* Every driver call: it may run PHP code (PDO's methods, an error handler PDO calls), and an
 * operation started from there must not touch the connection this one is using. */
static tc_status run(sql_backend *b, const char *sql, const tc_sql_val *p, size_t n,
	tc_sql_row_cb row, void *ud, int64_t *affected, tc_err *err)
{
	b->busy = 1;
	tc_status st = b->conn->drv->query(b->conn, sql, p, n, row, ud, affected, err);
	b->busy = 0;
	return st;
}

static void drop_conn(sql_backend *b)
{
	if (b->conn) {
		if (b->pid != (long)getpid() && b->conn->drv->abandon) {
			b->conn->drv->abandon(b->conn); /* the parent's session: not ended from here */
		} else {
			if (b->tx_open) { /* the object may outlive close (PHP abandoned a call holding it) */
				tc_err ignored;
				tc_err_clear(&ignored);
				run(b, "ROLLBACK", NULL, 0, NULL, NULL, NULL, &ignored);
			}
			b->conn->drv->close(b->conn);
		}
		b->conn = NULL;
	}
	b->tx_open = 0;
}

static tc_status run_schema(sql_backend *b, tc_err *err)
{
	char *s = tc_sql_schema(b->o.dialect, b->cache_table, b->tags_table);
	if (!s) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory");
	}
	tc_status st = TC_OK;
	for (char *p = s, *end; st == TC_OK && (end = strstr(p, ";\n")); p = end + 2) {
		*end = '\0';
		st = run(b, p, NULL, 0, NULL, NULL, NULL, err);
	}
	tc_free(s);
	return st;
}

/* Reads a statement's rows to the end (a result left unread keeps the statement active). */
static int ignore_row(void *ud, const tc_str *cols, size_t ncols)
{
	(void)ud, (void)cols, (void)ncols;
	return 0;
}

static tc_status ensure_conn(sql_backend *b, tc_err *err)
{
	if (b->o.aborted && *b->o.aborted) {
		/* a fatal error left the last operation midway (busy, maybe in a transaction) */
		*b->o.aborted = 0;
		b->busy = 0;
		drop_conn(b);
	}
	if (b->busy) {
		return tc_err_set(err, TC_ERR_IO, "re-entrant call"); /* fail() says more */
	}
	/* a transaction an abandoned write left open (a nested BEGIN would commit it on MariaDB),
	 * or a connection inherited over fork(): a new connection */
	if (b->conn && (b->tx_open || b->pid != (long)getpid())) {
		drop_conn(b);
	}
	if (b->conn) {
		return TC_OK;
	}
	b->busy = 1; /* connecting runs PHP code too (PDO's constructor) */
	tc_status st = b->o.connect(b->o.connect_ud, &b->conn, err);
	b->busy = 0;
	if (st != TC_OK) {
		b->conn = NULL;
		return st;
	}
	b->pid = (long)getpid();
	/* SQLite files are private to the application: their tables are made on first use. */
	/* WAL: readers never wait for a writer, and a commit syncs one file instead of two. */
	if (b->o.dialect == TC_SQL_SQLITE &&
		((st = run(b, "PRAGMA journal_mode = WAL", NULL, 0, ignore_row, NULL, NULL, err)) !=
				TC_OK ||
			(st = run_schema(b, err)) != TC_OK)) {
		drop_conn(b);
	}
	return st;
}

/* Rewrites a failure into the backend's message; drops the connection unless the database
 * answered with an error about the statement itself (class 22, 23, 42), so the next
 * operation connects again once the server is back. */
static tc_status fail(sql_backend *b, const char *what, tc_err *err)
{
	if (b->busy) {
		return tc_err_set(err, TC_ERR_IO,
			"PdoBackend: re-entrant call: %s was called while another operation of the same "
			"backend runs (from an error handler or other PHP code run inside a PDO call); "
			"refused, its connection is in use",
			what);
	}
	char msg[sizeof(err->msg)];
	snprintf(msg, sizeof(msg), "%s", err->msg);
	const char *ss = b->conn ? b->conn->sqlstate : "";
	if (!strcmp(ss, "42S02") || !strcmp(ss, "42P01")) {
		tc_err_set(err, TC_ERR_IO,
			"PdoBackend: %s failed: the table \"%s\" or \"%s\" does not exist; create them once "
			"with PdoBackend::setup() (the statements are in %s): %s",
			what, b->cache_table, b->tags_table, dialect_file(b->o.dialect), msg);
	} else {
		tc_err_set(err, err->code == TC_OK ? TC_ERR_IO : err->code, "PdoBackend: %s failed: %s",
			what, msg);
	}
	if (b->conn && strncmp(ss, "22", 2) && strncmp(ss, "23", 2) && strncmp(ss, "42", 2)) {
		drop_conn(b);
	}
	return err->code;
}

static tc_status q(sql_backend *b, int which, const tc_sql_val *p, size_t n, tc_sql_row_cb row,
	void *ud, int64_t *affected, tc_err *err)
{
	return run(b, b->q[which], p, n, row, ud, affected, err);
}

static tc_sql_val txt(tc_str s)
{
	return (tc_sql_val){.type = TC_SQL_TEXT, .s = s};
}

static tc_sql_val num(int64_t i)
{
	return (tc_sql_val){.type = TC_SQL_INT, .i = i};
}

static tc_str key(sql_backend *b)
{
	return (tc_str){b->cache_key, strlen(b->cache_key)};
}

/* Rows per multi-row statement: batchSize, bounded by SQLite's parameter limit. */
static size_t batch(sql_backend *b)
{
	return b->o.batch_size < TC_SQL_MAX_BATCH ? b->o.batch_size : TC_SQL_MAX_BATCH;
}

static int retryable(const tc_sql_conn *c)
{
	/* serialization failure, deadlock (SQL standard; PostgreSQL's own code) */
	return c && (!strcmp(c->sqlstate, "40001") || !strcmp(c->sqlstate, "40P01"));
}

/* Runs body inside one transaction, again when the database chose it as a deadlock victim. */
typedef tc_status (*tx_body)(sql_backend *b, void *ctx, tc_err *err);

static tc_status in_tx(sql_backend *b, const char *what, tx_body body, void *ctx, tc_err *err)
{
	for (int attempt = 1;; attempt++) {
		tc_status st = ensure_conn(b, err);
		if (st != TC_OK) {
			return fail(b, what, err);
		}
		if ((st = q(b, Q_BEGIN, NULL, 0, NULL, NULL, NULL, err)) == TC_OK &&
			(b->tx_open = 1) && (st = body(b, ctx, err)) == TC_OK &&
			(st = q(b, Q_COMMIT, NULL, 0, NULL, NULL, NULL, err)) == TC_OK) {
			b->tx_open = 0;
			return TC_OK;
		}
		int again = retryable(b->conn) && attempt < SQL_TX_ATTEMPTS;
		if (b->conn) {
			char ss[6];
			memcpy(ss, b->conn->sqlstate, sizeof(ss));
			tc_err ignored;
			tc_err_clear(&ignored);
			q(b, Q_ROLLBACK, NULL, 0, NULL, NULL, NULL, &ignored);
			memcpy(b->conn->sqlstate, ss, sizeof(ss));
			b->tx_open = 0;
		}
		if (!again) {
			return fail(b, what, err);
		}
		tc_err_clear(err);
	}
}

/* ---- operations ----------------------------------------------------------------------------- */

typedef struct {
	tc_str id, data;
	const tc_str *tags;
	size_t ntags;
	int64_t expires;
} set_ctx;

static tc_status set_body(sql_backend *b, void *ctx, tc_err *err)
{
	set_ctx *c = ctx;
	tc_sql_val p[4] = {
		txt(key(b)), txt(c->id), num(c->expires), {.type = TC_SQL_BLOB, .s = c->data}};
	/* The entry's row first: it locks the entry, so a concurrent set of the same identifier
	 * waits here, and its removal of the old tags then sees every tag row this one wrote. */
	tc_status st = q(b, Q_UPSERT, p, 4, NULL, NULL, NULL, err);
	if (st == TC_OK) {
		st = q(b, Q_DEL_TAGS_OF, p, 2, NULL, NULL, NULL, err);
	}
	size_t per = batch(b);
	for (size_t i = 0; st == TC_OK && i < c->ntags; i += per) {
		size_t n = c->ntags - i < per ? c->ntags - i : per;
		/* duplicate tags in one call are one membership */
		const char *head = b->o.dialect == TC_SQL_MYSQL
							   ? "INSERT IGNORE INTO `%s` (cache, tag, identifier) VALUES "
						   : b->o.dialect == TC_SQL_SQLITE
							   ? "INSERT OR IGNORE INTO \"%s\" (cache, tag, identifier) VALUES "
							   : "INSERT INTO \"%s\" (cache, tag, identifier) VALUES ";
		size_t cap = strlen(head) + 64 + n * 11 + 32;
		char *sql = tc_malloc(cap);
		tc_sql_val *pv = tc_calloc(n * 3, sizeof(*pv));
		if (!sql || !pv) {
			tc_free(sql);
			tc_free(pv);
			return tc_err_set(err, TC_ERR_NOMEM, "out of memory");
		}
		size_t len = (size_t)snprintf(sql, cap, head, b->tags_table);
		for (size_t j = 0; j < n; j++) {
			len += (size_t)snprintf(sql + len, cap - len, j ? ", (?, ?, ?)" : "(?, ?, ?)");
			pv[j * 3] = txt(key(b));
			pv[j * 3 + 1] = txt(c->tags[i + j]);
			pv[j * 3 + 2] = txt(c->id);
		}
		if (b->o.dialect == TC_SQL_PGSQL) {
			snprintf(sql + len, cap - len, " ON CONFLICT DO NOTHING");
		}
		st = run(b, sql, pv, n * 3, NULL, NULL, NULL, err);
		tc_free(sql);
		tc_free(pv);
	}
	return st;
}

static tc_status sb_set(tc_backend *base, tc_str id, tc_str data, const tc_str *tags, size_t ntags,
	int64_t lifetime, tc_kind kind, tc_err *err)
{
	sql_backend *b = (sql_backend *)base;
	if (kind != TC_KIND_DATA && kind != TC_KIND_PHP) {
		return tc_err_set(err, TC_ERR_ARG, "entry kind %d is neither data nor PHP", (int)kind);
	}
	if (lifetime == TC_LIFETIME_DEFAULT) {
		lifetime = b->o.default_lifetime;
	}
	int64_t expires = tc_expiry_for(lifetime);
	if (expires < 0) {
		return tc_err_set(err, TC_ERR_ARG, "lifetime %lld is too large", (long long)lifetime);
	}
	set_ctx c = {id, data, tags, ntags, expires};
	return in_tx(b, "set", set_body, &c, err);
}

typedef struct {
	const tc_sink *sink;
	int found, nomem;
} get_ctx;

static int get_row(void *ud, const tc_str *cols, size_t ncols)
{
	get_ctx *g = ud;
	if (ncols < 1) {
		return 1;
	}
	char *dst = g->sink->alloc(g->sink->ud, cols[0].len);
	if (!dst) {
		g->nomem = 1;
		return 1;
	}
	if (cols[0].len) {
		memcpy(dst, cols[0].ptr, cols[0].len);
	}
	g->found = 1;
	return 1;
}

static tc_status sb_get(tc_backend *base, tc_str id, const tc_sink *sink, tc_err *err)
{
	sql_backend *b = (sql_backend *)base;
	get_ctx g = {sink, 0, 0};
	tc_sql_val p[3] = {txt(key(b)), txt(id), num(tc_now())};
	if (ensure_conn(b, err) != TC_OK || q(b, Q_GET, p, 3, get_row, &g, NULL, err) != TC_OK) {
		return fail(b, "get", err);
	}
	if (g.nomem) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory reading %.*s", (int)id.len, id.ptr);
	}
	return g.found ? TC_OK : TC_MISS;
}

static int seen_row(void *ud, const tc_str *cols, size_t ncols)
{
	(void)cols, (void)ncols;
	*(int *)ud = 1;
	return 1;
}

static tc_status sb_has(tc_backend *base, tc_str id, tc_err *err)
{
	sql_backend *b = (sql_backend *)base;
	int found = 0;
	tc_sql_val p[3] = {txt(key(b)), txt(id), num(tc_now())};
	if (ensure_conn(b, err) != TC_OK || q(b, Q_HAS, p, 3, seen_row, &found, NULL, err) != TC_OK) {
		return fail(b, "has", err);
	}
	return found ? TC_OK : TC_MISS;
}

typedef struct {
	tc_str id;
	int64_t removed;
} remove_ctx;

static tc_status remove_body(sql_backend *b, void *ctx, tc_err *err)
{
	remove_ctx *c = ctx;
	tc_sql_val p[3] = {txt(key(b)), txt(c->id), num(tc_now())};
	tc_status st = q(b, Q_DEL_LIVE, p, 3, NULL, NULL, &c->removed, err);
	if (st == TC_OK) {
		st = q(b, Q_DEL_ANY, p, 2, NULL, NULL, NULL, err);
	}
	return st == TC_OK ? q(b, Q_DEL_TAGS_OF, p, 2, NULL, NULL, NULL, err) : st;
}

static tc_status sb_remove(tc_backend *base, tc_str id, tc_err *err)
{
	remove_ctx c = {id, 0};
	tc_status st = in_tx((sql_backend *)base, "remove", remove_body, &c, err);
	return st != TC_OK ? st : c.removed > 0 ? TC_OK : TC_MISS;
}

static tc_status flush_body(sql_backend *b, void *ctx, tc_err *err)
{
	(void)ctx;
	tc_sql_val p[1] = {txt(key(b))};
	tc_status st = q(b, Q_FLUSH_T, p, 1, NULL, NULL, NULL, err);
	return st == TC_OK ? q(b, Q_FLUSH_E, p, 1, NULL, NULL, NULL, err) : st;
}

static tc_status sb_flush(tc_backend *base, tc_err *err)
{
	return in_tx((sql_backend *)base, "flush", flush_body, NULL, err);
}

/* Identifiers read by one step, owned. */
typedef struct {
	tc_str *v;
	size_t n, cap;
	int nomem;
} id_list;

static void ids_free(id_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		tc_free((void *)l->v[i].ptr);
	}
	tc_free(l->v);
	*l = (id_list){0};
}

static int collect_row(void *ud, const tc_str *cols, size_t ncols)
{
	id_list *l = ud;
	if (ncols < 1) {
		return 0;
	}
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		tc_str *v = tc_malloc(cap * sizeof(*v));
		if (!v) {
			l->nomem = 1;
			return 1;
		}
		if (l->n) {
			memcpy(v, l->v, l->n * sizeof(*v));
		}
		tc_free(l->v);
		l->v = v;
		l->cap = cap;
	}
	char *s = tc_malloc(cols[0].len + 1);
	if (!s) {
		l->nomem = 1;
		return 1;
	}
	if (cols[0].len) {
		memcpy(s, cols[0].ptr, cols[0].len);
	}
	s[cols[0].len] = '\0';
	l->v[l->n++] = (tc_str){s, cols[0].len};
	return 0;
}

/* Runs template `which` with its '#' replaced by n placeholders: lead parameters first, then
 * the identifiers ids[0..n). */
static tc_status q_in(sql_backend *b, int which, const tc_sql_val *lead, size_t nlead,
	const tc_str *ids, size_t n, int64_t *affected, tc_err *err)
{
	const char *t = b->q[which], *hash = strchr(t, '#');
	size_t cap = strlen(t) + n * 3 + 1;
	char *sql = tc_malloc(cap);
	tc_sql_val *p = tc_calloc(nlead + n, sizeof(*p));
	if (!sql || !p) {
		tc_free(sql);
		tc_free(p);
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory");
	}
	size_t len = (size_t)(hash - t);
	memcpy(sql, t, len);
	for (size_t i = 0; i < n; i++) {
		memcpy(sql + len, i ? ", ?" : "?", i ? 3 : 1);
		len += i ? 3 : 1;
	}
	strcpy(sql + len, hash + 1);
	memcpy(p, lead, nlead * sizeof(*p));
	for (size_t i = 0; i < n; i++) {
		p[nlead + i] = txt(ids[i]);
	}
	tc_status st = run(b, sql, p, nlead + n, NULL, NULL, affected, err);
	tc_free(sql);
	tc_free(p);
	return st;
}

typedef struct {
	tc_str tag;
	int64_t removed;
} tag_ctx;

/* The entries carrying the tag are read first, then removed by identifier with all their tag
 * rows: an entry set again meanwhile is either removed whole or not touched, never left with
 * part of its tags (a DELETE re-reading the tag table could see a newer set's rows). */
static tc_status flush_tag_body(sql_backend *b, void *ctx, tc_err *err)
{
	tag_ctx *c = ctx;
	id_list ids = {0};
	tc_sql_val sel[2] = {txt(key(b)), txt(c->tag)};
	c->removed = 0;
	tc_status st = q(b, Q_TAG_IDS, sel, 2, collect_row, &ids, NULL, err);
	if (st == TC_OK && ids.nomem) {
		st = tc_err_set(err, TC_ERR_NOMEM, "out of memory");
	}
	tc_sql_val live[2] = {txt(key(b)), num(tc_now())};
	for (size_t i = 0; st == TC_OK && i < ids.n; i += batch(b)) {
		size_t n = ids.n - i < batch(b) ? ids.n - i : batch(b);
		int64_t removed = 0;
		st = q_in(b, Q_IN_DEL_LIVE, live, 2, ids.v + i, n, &removed, err);
		c->removed += removed > 0 ? removed : 0;
		if (st == TC_OK) {
			st = q_in(b, Q_IN_DEL_ANY, live, 1, ids.v + i, n, NULL, err);
		}
		if (st == TC_OK) {
			st = q_in(b, Q_IN_DEL_TAGS, live, 1, ids.v + i, n, NULL, err);
		}
	}
	ids_free(&ids);
	return st;
}

/* One transaction per tag: an entry carrying several of the tags is gone after the first,
 * so it is counted once. */
static tc_status sb_flush_by_tags(
	tc_backend *base, const tc_str *tags, size_t ntags, size_t *count, tc_err *err)
{
	*count = 0;
	for (size_t i = 0; i < ntags; i++) {
		tag_ctx c = {tags[i], 0};
		tc_status st = in_tx((sql_backend *)base, "flushByTags", flush_tag_body, &c, err);
		if (st != TC_OK) {
			return st;
		}
		*count += c.removed > 0 ? (size_t)c.removed : 0;
	}
	return TC_OK;
}

typedef struct {
	tc_id_cb cb;
	void *ud;
	const tc_entry_visitor *v;
	int nomem;
} ids_ctx;

static int id_row(void *ud, const tc_str *cols, size_t ncols)
{
	ids_ctx *c = ud;
	return ncols >= 1 ? c->cb(c->ud, cols[0].ptr ? cols[0].ptr : "", cols[0].len) : 1;
}

static tc_status sb_find_ids_by_tag(
	tc_backend *base, tc_str tag, tc_id_cb cb, void *ud, tc_err *err)
{
	sql_backend *b = (sql_backend *)base;
	ids_ctx c = {cb, ud, NULL, 0};
	tc_sql_val p[3] = {txt(key(b)), txt(tag), num(tc_now())};
	if (ensure_conn(b, err) != TC_OK || q(b, Q_IDS_BY_TAG, p, 3, id_row, &c, NULL, err) != TC_OK) {
		return fail(b, "findIdentifiersByTag", err);
	}
	return TC_OK;
}

static int entry_row(void *ud, const tc_str *cols, size_t ncols)
{
	ids_ctx *c = ud;
	if (ncols < 2) {
		return 1;
	}
	const tc_sink *sink = c->v->sink(c->v->ud, cols[0]);
	char *dst = sink ? sink->alloc(sink->ud, cols[1].len) : NULL;
	if (!dst) {
		if (sink) {
			c->v->done(c->v->ud, cols[0], 0);
		}
		c->nomem = 1;
		return 1;
	}
	if (cols[1].len) {
		memcpy(dst, cols[1].ptr, cols[1].len);
	}
	c->v->done(c->v->ud, cols[0], 1);
	return 0;
}

static tc_status sb_get_by_tag(tc_backend *base, tc_str tag, const tc_entry_visitor *v, tc_err *err)
{
	sql_backend *b = (sql_backend *)base;
	ids_ctx c = {NULL, NULL, v, 0};
	tc_sql_val p[3] = {txt(key(b)), txt(tag), num(tc_now())};
	if (ensure_conn(b, err) != TC_OK || q(b, Q_BY_TAG, p, 3, entry_row, &c, NULL, err) != TC_OK) {
		return fail(b, "getByTag", err);
	}
	return c.nomem ? tc_err_set(err, TC_ERR_NOMEM, "out of memory") : TC_OK;
}

static tc_status gc_body(sql_backend *b, void *ctx, tc_err *err)
{
	(void)ctx;
	int64_t now = tc_now();
	id_list ids = {0};
	tc_sql_val p[2] = {txt(key(b)), num(now)};
	tc_status st = q(b, Q_GC_IDS, p, 2, collect_row, &ids, NULL, err);
	if (st == TC_OK && ids.nomem) {
		st = tc_err_set(err, TC_ERR_NOMEM, "out of memory");
	}
	for (size_t i = 0; st == TC_OK && i < ids.n; i += batch(b)) {
		size_t n = ids.n - i < batch(b) ? ids.n - i : batch(b);
		st = q_in(b, Q_IN_GC_E, p, 2, ids.v + i, n, NULL, err);
		if (st == TC_OK) {
			st = q_in(b, Q_IN_GC_T, p, 1, ids.v + i, n, NULL, err);
		}
	}
	ids_free(&ids);
	return st;
}

static tc_status sb_collect_garbage(tc_backend *base, tc_err *err)
{
	return in_tx((sql_backend *)base, "collectGarbage", gc_body, NULL, err);
}

static tc_status sb_list_ids(tc_backend *base, tc_id_cb cb, void *ud, tc_err *err)
{
	sql_backend *b = (sql_backend *)base;
	ids_ctx c = {cb, ud, NULL, 0};
	tc_sql_val p[2] = {txt(key(b)), num(tc_now())};
	if (ensure_conn(b, err) != TC_OK || q(b, Q_LIST, p, 2, id_row, &c, NULL, err) != TC_OK) {
		return fail(b, "listing the entries", err);
	}
	return TC_OK;
}

static tc_status sb_php_path(tc_backend *b, tc_str id, const char **path, tc_err *err)
{
	(void)b;
	*path = NULL;
	return tc_err_set(err, TC_ERR_UNSUPPORTED,
		"PdoBackend keeps PHP entries as code, with no file to include for %.*s", (int)id.len,
		id.ptr);
}

tc_status tc_sql_backend_setup(tc_backend *base, tc_err *err)
{
	sql_backend *b = (sql_backend *)base;
	if (ensure_conn(b, err) != TC_OK || run_schema(b, err) != TC_OK) {
		return fail(b, "setup", err);
	}
	return TC_OK;
}

static void sb_destroy(tc_backend *base)
{
	sql_backend *b = (sql_backend *)base;
	drop_conn(b);
	for (int i = 0; i < Q_COUNT; i++) {
		tc_free(b->q[i]);
	}
	if (b->o.connect_ud_free) {
		b->o.connect_ud_free(b->o.connect_ud);
	}
	tc_free(b->cache_table);
	tc_free(b->tags_table);
	tc_free(b->cache_key);
	tc_free(b);
}

static const tc_backend_ops sql_ops = {
	.name = "pdo",
	.caps = TC_CAP_TAGS | TC_CAP_LIFETIME | TC_CAP_ITER | TC_CAP_PHP_CODE,
	.set = sb_set,
	.get = sb_get,
	.has = sb_has,
	.remove = sb_remove,
	.flush = sb_flush,
	.flush_by_tags = sb_flush_by_tags,
	.find_ids_by_tag = sb_find_ids_by_tag,
	.get_by_tag = sb_get_by_tag,
	.collect_garbage = sb_collect_garbage,
	.list_ids = sb_list_ids,
	.php_path = sb_php_path,
	.destroy = sb_destroy,
};

tc_status tc_sql_backend_new(const tc_sql_options *opts, tc_backend **out, tc_err *err)
{
	*out = NULL;
	const char *e = opts->cache_table ? opts->cache_table : "cache";
	const char *t = opts->tags_table ? opts->tags_table : "tags";
	if (!opts->connect || !opts->cache_key) {
		return tc_err_set(err, TC_ERR_ARG, "PdoBackend needs a connection and a cache key");
	}
	if (!tc_sql_table_name_valid(e) || !tc_sql_table_name_valid(t)) {
		return tc_err_set(
			err, TC_ERR_ARG, "table names must match " TC_SQL_TABLE_NAME_RULE);
	}
	sql_backend *b = tc_calloc(1, sizeof(*b));
	if (!b) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory");
	}
	b->base.ops = &sql_ops;
	b->o = *opts;
	b->o.connect_ud_free = NULL; /* until construction succeeds, the caller keeps connect_ud */
	if (!b->o.batch_size) {
		b->o.batch_size = 100;
	}
	b->cache_table = dup_str(e);
	b->tags_table = dup_str(t);
	b->cache_key = dup_str(opts->cache_key);
	if (!b->cache_table || !b->tags_table || !b->cache_key || !build_queries(b)) {
		sb_destroy(&b->base);
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory");
	}
	b->o.connect_ud_free = opts->connect_ud_free;
	*out = &b->base;
	return TC_OK;
}
