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
     * cacheDirectory, persistentCacheDirectory.
     */
    public function __construct(array $configurations = [], array $options = []) {}

    public function setCacheConfigurations(array $configurations): void {}

    public function getCacheConfigurations(): array {}

    public function getCache(string $identifier): Frontend\FrontendInterface {}

    public function hasCache(string $identifier): bool {}

    public function registerCache(Frontend\FrontendInterface $cache, bool $persistent = false): void {}

    public function isCachePersistent(string $identifier): bool {}

    public function flushCaches(bool $flushPersistentCaches = false): void {}

    public function flushCachesByTag(string $tag, bool $flushPersistentCaches = false): int {}

    public function flushCachesByTags(array $tags, bool $flushPersistentCaches = false): int {}

    public function collectGarbage(): void {}
}
