<?php

/**
 * Backends: where entries live. Each constructor takes one options array (so DI containers
 * can build them from configuration); an unknown option is an error that names it.
 * A backend learns which cache it serves from setCache(), called by the frontend.
 *
 * @generate-class-entries
 */

namespace TagCache\Backend;

interface BackendInterface
{
    public function setCache(\TagCache\Frontend\FrontendInterface $cache): void;

    /** @param int|null $lifetime null = defaultLifetime, 0 = unlimited, seconds otherwise */
    public function set(string $entryIdentifier, string $data, array $tags = [], ?int $lifetime = null): void;

    public function get(string $entryIdentifier): string|false;

    public function has(string $entryIdentifier): bool;

    public function remove(string $entryIdentifier): bool;

    public function flush(): void;

    public function collectGarbage(): void;
}

interface TaggableBackendInterface extends BackendInterface
{
    public function flushByTag(string $tag): int;

    public function flushByTags(array $tags): int;

    public function findIdentifiersByTag(string $tag): array;
}

interface PhpCapableBackendInterface extends BackendInterface
{
    public function requireOnce(string $entryIdentifier): mixed;
}

interface FreezableBackendInterface extends BackendInterface
{
    public function freeze(): void;

    public function isFrozen(): bool;
}

/** Iterates identifier => stored string over the live entries (a snapshot taken by rewind()). */
interface IterableBackendInterface extends BackendInterface, \Iterator
{
}

/**
 * One file per entry, tags as an index on disk: flushByTag costs what the tag holds.
 * Options: cacheDirectory (string), defaultLifetime (int, seconds, 0 = unlimited, default 3600).
 *
 * @not-serializable
 */
class FileBackend implements TaggableBackendInterface, PhpCapableBackendInterface, FreezableBackendInterface, IterableBackendInterface
{
    public function __construct(array $options = []) {}

    public function setCache(\TagCache\Frontend\FrontendInterface $cache): void {}

    public function set(string $entryIdentifier, string $data, array $tags = [], ?int $lifetime = null): void {}

    public function get(string $entryIdentifier): string|false {}

    public function has(string $entryIdentifier): bool {}

    public function remove(string $entryIdentifier): bool {}

    public function flush(): void {}

    public function collectGarbage(): void {}

    public function flushByTag(string $tag): int {}

    public function flushByTags(array $tags): int {}

    public function findIdentifiersByTag(string $tag): array {}

    public function requireOnce(string $entryIdentifier): mixed {}

    public function freeze(): void {}

    public function isFrozen(): bool {}

    /** The directory holding this cache's entries; null before setCache(). */
    public function getCacheDirectory(): ?string {}

    public function current(): mixed {}

    public function key(): mixed {}

    public function next(): void {}

    public function rewind(): void {}

    public function valid(): bool {}
}

/**
 * One file per entry, no tags and no lifetimes: the cheapest store for data that only a
 * deployment changes. Options: cacheDirectory (string).
 *
 * @not-serializable
 */
class SimpleFileBackend implements PhpCapableBackendInterface, IterableBackendInterface
{
    public function __construct(array $options = []) {}

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

    /** @implementation-alias TagCache\Backend\FileBackend::requireOnce */
    public function requireOnce(string $entryIdentifier): mixed {}

    /** @implementation-alias TagCache\Backend\FileBackend::getCacheDirectory */
    public function getCacheDirectory(): ?string {}

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

/**
 * Entries in this process's memory, gone with the object. Options: defaultLifetime.
 *
 * @not-serializable
 */
class TransientMemoryBackend implements TaggableBackendInterface, IterableBackendInterface
{
    public function __construct(array $options = []) {}

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

/**
 * Stores nothing: every read is a miss. For switching a cache off without changing code.
 * Options: defaultLifetime (accepted and ignored).
 *
 * @not-serializable
 */
class NullBackend implements TaggableBackendInterface, PhpCapableBackendInterface
{
    public function __construct(array $options = []) {}

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
}

/**
 * Entries in Redis, shared by every application server. A set with tags is one round trip;
 * tag sets expire with their longest-living member. Keys start with
 * "{tagcache:<applicationIdentifier>:<cache identifier>}".
 * Options: hostname (a leading "/" is a unix socket), port, database, password,
 * connectTimeout and readTimeout (seconds), persistent, compressionLevel (0-9), batchSize,
 * defaultLifetime, applicationIdentifier.
 *
 * @not-serializable
 */
class RedisBackend implements TaggableBackendInterface, PhpCapableBackendInterface, FreezableBackendInterface, IterableBackendInterface
{
    public function __construct(#[\SensitiveParameter] array $options = []) {}

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

    /** @implementation-alias TagCache\Backend\FileBackend::freeze */
    public function freeze(): void {}

    /** @implementation-alias TagCache\Backend\FileBackend::isFrozen */
    public function isFrozen(): bool {}

    /** The prefix every key of this cache starts with; null before setCache(). */
    public function getKeyPrefix(): ?string {}

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

/**
 * Entries in a shared memory segment (a file mapped by every process of the machine, by
 * default /dev/shm/tagcache-<uid>-<applicationIdentifier>), so php-fpm workers and the CLI
 * share them. Several caches share one segment, apart by applicationIdentifier and cache
 * identifier. When the segment is full, the least recently read entries are evicted with
 * their tags. Options: segment, size (bytes, fixed when the segment is created),
 * defaultLifetime, applicationIdentifier.
 *
 * @not-serializable
 */
class SharedMemoryBackend implements TaggableBackendInterface, FreezableBackendInterface, IterableBackendInterface
{
    public function __construct(array $options = []) {}

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

    /** @implementation-alias TagCache\Backend\FileBackend::freeze */
    public function freeze(): void {}

    /** @implementation-alias TagCache\Backend\FileBackend::isFrozen */
    public function isFrozen(): bool {}

    /** The segment file this cache lives in; null before setCache(). */
    public function getSegment(): ?string {}

    /**
     * Counters of the whole segment (entries, bytesUsed, bytesFree, size, hits, misses,
     * evictions, lockWaits, recoveries, lockTakeovers: compute locks taken over from a dead or
     * expired holder) and of this cache (cacheEntries, cacheTags, orphanTags). Fragmentation:
     * freeBlocks (free blocks between blocks in use) and largestFreeBlock (the largest entry
     * block a set gets without evicting); bytesUsed counts whole blocks, headers included.
     * @return array<string, int>
     */
    public function getStatistics(): array {}

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
