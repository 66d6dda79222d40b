-- PdoBackend's tables for MariaDB / MySQL (run once, or call PdoBackend::setup()).
-- Default table names (options cacheTableName, tagsTableName); PdoBackend::getSetupSql() prints
-- the statements for other names. Generated from src/backend/sql.c: keep them the same.
CREATE TABLE IF NOT EXISTS `cache` (
  cache VARCHAR(501) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  identifier VARCHAR(250) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  expires BIGINT NOT NULL,
  content LONGBLOB NOT NULL,
  PRIMARY KEY (cache, identifier),
  KEY `cache_expires` (cache, expires)
) ENGINE=InnoDB;
CREATE TABLE IF NOT EXISTS `tags` (
  cache VARCHAR(501) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  tag VARCHAR(250) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  identifier VARCHAR(250) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  PRIMARY KEY (cache, tag, identifier),
  KEY `tags_identifier` (cache, identifier)
) ENGINE=InnoDB;
