-- PdoBackend's tables for SQLite (PdoBackend creates these itself on first use).
-- Default table names (options cacheTableName, tagsTableName); PdoBackend::getSetupSql() prints
-- the statements for other names. Generated from src/backend/sql.c: keep them the same.
CREATE TABLE IF NOT EXISTS "cache" (
  cache TEXT NOT NULL,
  identifier TEXT NOT NULL,
  expires INTEGER NOT NULL,
  content BLOB NOT NULL,
  PRIMARY KEY (cache, identifier)
);
CREATE INDEX IF NOT EXISTS "cache_expires" ON "cache" (cache, expires);
CREATE TABLE IF NOT EXISTS "tags" (
  cache TEXT NOT NULL,
  tag TEXT NOT NULL,
  identifier TEXT NOT NULL,
  PRIMARY KEY (cache, tag, identifier)
);
CREATE INDEX IF NOT EXISTS "tags_identifier" ON "tags" (cache, identifier);
