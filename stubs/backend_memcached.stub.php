<?php

/**
 * MemcachedBackend: entries on memcached servers, with tags that stay correct when memcached
 * evicts items (see TECHNOTES.md).
 *
 * @generate-class-entries
 */

namespace TagCache\Backend;

/**
 * Entries on one or more memcached servers (consistent hashing). Tags survive evictions:
 * each tag has a version counter and each entry stores its tags' versions, so losing any
 * item makes entries miss, never read back flushed data. Options: servers (array of
 * "host:port", "host", "[v6]:port", "[v6]", "unix:///absolute/path" or "/absolute/path", each
 * server once), compression, defaultLifetime, applicationIdentifier, connectTimeout,
 * readTimeout. Not iterable, not freezable.
 *
 * A flush reaches only the servers listed: take a server out of the list only after emptying
 * it, or flush the caches when it comes back. A server left out keeps its entries, and they
 * are readable again, flushed or not, once it is listed again; a flush made with it listed
 * makes every one of them a miss.
 *
 * @not-serializable
 */
class MemcachedBackend implements TaggableBackendInterface, PhpCapableBackendInterface
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
