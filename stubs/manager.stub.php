<?php

/**
 * The cache registry, configured like Neos Flow's Caches.yaml.
 *
 * @generate-class-entries
 */

namespace TagCache;

/** @not-serializable */
class CacheManager
{
    /**
     * $configurations: ["Default" => [...], "<cacheIdentifier>" => ["frontend" => ..., "backend" => ...,
     * "backendOptions" => [...], "persistent" => bool]]. $options: applicationIdentifier,
     * cacheDirectory, persistentCacheDirectory, bus (a TagCache\Bus\Bus: flushCaches() and
     * flushCachesByTag(s) are published to it after the local flush, also when a cache failed).
     */
    public function __construct(array $configurations = [], array $options = []) {}

    public function setCacheConfigurations(array $configurations): void {}

    public function getCacheConfigurations(): array {}

    public function getCache(string $identifier): Frontend\FrontendInterface {}

    public function hasCache(string $identifier): bool {}

    public function registerCache(Frontend\FrontendInterface $cache, bool $persistent = false): void {}

    public function isCachePersistent(string $identifier): bool {}

    /**
     * flushCaches(), flushCachesByTag(s)() and collectGarbage() reach every cache even when some
     * fail, then throw one CacheFlushException listing each failed cache (getFailures()); the
     * caches that did not fail are flushed all the same.
     */
    public function flushCaches(bool $flushPersistentCaches = false): void {}

    /** The number of entries removed; when a cache fails it throws instead (no count). */
    public function flushCachesByTag(string $tag, bool $flushPersistentCaches = false): int {}

    /** The number of entries removed; when a cache fails it throws instead (no count). */
    public function flushCachesByTags(array $tags, bool $flushPersistentCaches = false): int {}

    public function collectGarbage(): void {}
}
