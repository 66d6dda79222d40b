<?php

/**
 * PdoBackend: entries in two SQL tables reached through PHP's PDO (SQLite, MariaDB/MySQL,
 * PostgreSQL).
 *
 * @generate-class-entries
 */

namespace TagCache\Backend;

/**
 * Entries and their tags in two tables (cacheTableName, tagsTableName) of a database reached
 * through PDO: SQLite, MariaDB/MySQL or PostgreSQL. Many caches and applications share the
 * tables, apart by applicationIdentifier and cache identifier. SQLite creates its tables on
 * first use; MariaDB/MySQL and PostgreSQL need setup() once (or the statements of
 * sql/pdo-mysql.sql, sql/pdo-pgsql.sql). Options: dataSourceName (required), username, password,
 * driverOptions, cacheTableName, tagsTableName, batchSize, defaultLifetime, applicationIdentifier.
 *
 * @not-serializable
 */
class PdoBackend implements TaggableBackendInterface, PhpCapableBackendInterface, IterableBackendInterface
{
    public function __construct(#[\SensitiveParameter] array $options = []) {}

    /** Creates the tables if they do not exist, with the statements of getSetupSql(). */
    public function setup(): void {}

    /** The statements setup() runs for this backend's database and table names. */
    public function getSetupSql(): string {}

    /** "<applicationIdentifier>:<cache identifier>", the key of this cache's rows; null before setCache(). */
    public function getCacheKey(): ?string {}

    /** @implementation-alias TagCache\Backend\FileBackend::setCache */
    public function setCache(\TagCache\Frontend\FrontendInterface $cache): void {}

    /** @implementation-alias TagCache\Backend\FileBackend::set */
    public function set(string $entryIdentifier, string $data, array $tags = [], ?int $lifetime = null): void {}

    /** @implementation-alias TagCache\Backend\FileBackend::get */
    public function get(string $entryIdentifier): string|false {}

    /** @implementation-alias TagCache\Backend\FileBackend::has */
    public function has(string $entryIdentifier): bool {}

    /** @implementation-alias TagCache\Backend\FileBackend::remove */
    public function remove(string $entryIdentifier): bool {}

    /** @implementation-alias TagCache\Backend\FileBackend::flush */
    public function flush(): void {}

    /** @implementation-alias TagCache\Backend\FileBackend::collectGarbage */
    public function collectGarbage(): void {}

    /** @implementation-alias TagCache\Backend\FileBackend::flushByTag */
    public function flushByTag(string $tag): int {}

    /** @implementation-alias TagCache\Backend\FileBackend::flushByTags */
    public function flushByTags(array $tags): int {}

    /** @implementation-alias TagCache\Backend\FileBackend::findIdentifiersByTag */
    public function findIdentifiersByTag(string $tag): array {}

    /** @implementation-alias TagCache\Backend\FileBackend::requireOnce */
    public function requireOnce(string $entryIdentifier): mixed {}

    /** @implementation-alias TagCache\Backend\FileBackend::current */
    public function current(): mixed {}

    /** @implementation-alias TagCache\Backend\FileBackend::key */
    public function key(): mixed {}

    /** @implementation-alias TagCache\Backend\FileBackend::next */
    public function next(): void {}

    /** @implementation-alias TagCache\Backend\FileBackend::rewind */
    public function rewind(): void {}

    /** @implementation-alias TagCache\Backend\FileBackend::valid */
    public function valid(): bool {}
}
