-- PdoBackend's tables for PostgreSQL (run once, or call PdoBackend::setup()).
-- Default table names (options cacheTableName, tagsTableName); PdoBackend::getSetupSql() prints
-- the statements for other names. Generated from src/backend/sql.c: keep them the same.
CREATE TABLE IF NOT EXISTS "cache" (
  cache VARCHAR(501) COLLATE "C" NOT NULL,
  identifier VARCHAR(250) COLLATE "C" NOT NULL,
  expires BIGINT NOT NULL,
  content BYTEA NOT NULL,
  PRIMARY KEY (cache, identifier)
);
CREATE INDEX IF NOT EXISTS "cache_expires" ON "cache" (cache, expires);
CREATE TABLE IF NOT EXISTS "tags" (
  cache VARCHAR(501) COLLATE "C" NOT NULL,
  tag VARCHAR(250) COLLATE "C" NOT NULL,
  identifier VARCHAR(250) COLLATE "C" NOT NULL,
  PRIMARY KEY (cache, tag, identifier)
);
CREATE INDEX IF NOT EXISTS "tags_identifier" ON "tags" (cache, identifier);
