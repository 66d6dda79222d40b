/* PdoBackend's schema: the tables and indexes of each dialect (shipped as sql/pdo-*.sql and run
 * by PdoBackend::setup()), and the printf helper the statements are built with. */
#include "sql.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../tc_alloc.h"

/* printf into a fresh buffer. */
char *tc_sql_fmt(const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	int n = vsnprintf(NULL, 0, f, ap);
	va_end(ap);
	char *s = n >= 0 ? tc_malloc((size_t)n + 1) : NULL;
	if (s) {
		va_start(ap, f);
		vsnprintf(s, (size_t)n + 1, f, ap);
		va_end(ap);
	}
	return s;
}

int tc_sql_table_name_valid(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > TC_SQL_TABLE_NAME_MAX || (name[0] >= '0' && name[0] <= '9')) {
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
				c == '_')) {
			return 0;
		}
	}
	return 1;
}

/* ---- schema --------------------------------------------------------------------------------- */

char *tc_sql_schema(tc_sql_dialect d, const char *e, const char *t)
{
	switch (d) {
	case TC_SQL_MYSQL:
		return tc_sql_fmt(
			"CREATE TABLE IF NOT EXISTS `%s` (\n"
			"  cache VARCHAR(501) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,\n"
			"  identifier VARCHAR(250) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,\n"
			"  expires BIGINT NOT NULL,\n"
			"  content LONGBLOB NOT NULL,\n"
			"  PRIMARY KEY (cache, identifier),\n"
			"  KEY `%s_expires` (cache, expires)\n"
			") ENGINE=InnoDB;\n"
			"CREATE TABLE IF NOT EXISTS `%s` (\n"
			"  cache VARCHAR(501) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,\n"
			"  tag VARCHAR(250) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,\n"
			"  identifier VARCHAR(250) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,\n"
			"  PRIMARY KEY (cache, tag, identifier),\n"
			"  KEY `%s_identifier` (cache, identifier)\n"
			") ENGINE=InnoDB;\n",
			e, e, t, t);
	case TC_SQL_PGSQL:
		return tc_sql_fmt(
			"CREATE TABLE IF NOT EXISTS \"%s\" (\n"
			"  cache VARCHAR(501) COLLATE \"C\" NOT NULL,\n"
			"  identifier VARCHAR(250) COLLATE \"C\" NOT NULL,\n"
			"  expires BIGINT NOT NULL,\n"
			"  content BYTEA NOT NULL,\n"
			"  PRIMARY KEY (cache, identifier)\n"
			");\n"
			"CREATE INDEX IF NOT EXISTS \"%s_expires\" ON \"%s\" (cache, expires);\n"
			"CREATE TABLE IF NOT EXISTS \"%s\" (\n"
			"  cache VARCHAR(501) COLLATE \"C\" NOT NULL,\n"
			"  tag VARCHAR(250) COLLATE \"C\" NOT NULL,\n"
			"  identifier VARCHAR(250) COLLATE \"C\" NOT NULL,\n"
			"  PRIMARY KEY (cache, tag, identifier)\n"
			");\n"
			"CREATE INDEX IF NOT EXISTS \"%s_identifier\" ON \"%s\" (cache, identifier);\n",
			e, e, e, t, t, t);
	case TC_SQL_SQLITE:
	default:
		return tc_sql_fmt(
			"CREATE TABLE IF NOT EXISTS \"%s\" (\n"
			"  cache TEXT NOT NULL,\n"
			"  identifier TEXT NOT NULL,\n"
			"  expires INTEGER NOT NULL,\n"
			"  content BLOB NOT NULL,\n"
			"  PRIMARY KEY (cache, identifier)\n"
			");\n"
			"CREATE INDEX IF NOT EXISTS \"%s_expires\" ON \"%s\" (cache, expires);\n"
			"CREATE TABLE IF NOT EXISTS \"%s\" (\n"
			"  cache TEXT NOT NULL,\n"
			"  tag TEXT NOT NULL,\n"
			"  identifier TEXT NOT NULL,\n"
			"  PRIMARY KEY (cache, tag, identifier)\n"
			");\n"
			"CREATE INDEX IF NOT EXISTS \"%s_identifier\" ON \"%s\" (cache, identifier);\n",
			e, e, e, t, t, t);
	}
}
