<?php
/*
 * Flow's RedisBackend over tagcache's native Redis backend (hiredis): a set with tags is one
 * round trip, tag sets expire with their longest-living member, PHP entries are included
 * through the engine. Name it in Caches.yaml as TagCache\Flow\Backend\RedisBackend.
 *
 * Options, Flow's name => native name where they differ: timeout => connectTimeout,
 * readWriteTimeout => readTimeout, service => sentinelService. hostname, port, database,
 * password, compressionLevel, batchSize, defaultLifetime, sentinels pass as they are, and so do
 * the native-only ones (readTimeout, persistent, cluster, sentinelPassword, applicationIdentifier).
 * applicationIdentifier defaults to md5(Flow's application identifier), as Flow's key prefix.
 */

declare(strict_types=1);

namespace TagCache\Flow\Backend;

use Neos\Cache\Backend\FreezableBackendInterface;
use Neos\Cache\Backend\IterableBackendInterface;
use Neos\Cache\Backend\PhpCapableBackendInterface;
use Neos\Cache\Backend\TaggableBackendInterface;
use TagCache\Backend\BackendInterface as NativeBackendInterface;
use TagCache\Backend\RedisBackend as NativeRedisBackend;

class RedisBackend extends NativeBackend implements TaggableBackendInterface, PhpCapableBackendInterface, FreezableBackendInterface, IterableBackendInterface
{
    use Taggable;
    use Freezable;

    /** Flow's option names that the native backend spells otherwise. */
    private const RENAMED = ['timeout' => 'connectTimeout', 'readWriteTimeout' => 'readTimeout', 'service' => 'sentinelService'];

    protected function createNative(bool $codeCache): NativeBackendInterface
    {
        $options = [];
        $givenAs = [];
        foreach ($this->options as $name => $value) {
            if ($name === 'redis') {
                throw new \InvalidArgumentException('RedisBackend option "redis" (a \Redis instance) is not supported: the native backend keeps its own connection; give hostname, port, database and password instead', 1732990004);
            }
            $native = self::RENAMED[$name] ?? $name;
            if (isset($givenAs[$native])) {
                throw new \InvalidArgumentException(sprintf('RedisBackend options "%s" and "%s" are the same option: give one', $givenAs[$native], $name), 1732990005);
            }
            $givenAs[$native] = $name;
            $options[$native] = $value;
        }
        $options['applicationIdentifier'] ??= $this->applicationIdentifier();
        return new NativeRedisBackend($options);
    }

    /** @return mixed what the entry's code returns */
    public function requireOnce(string $entryIdentifier)
    {
        return $this->nativeRequireOnce($entryIdentifier);
    }
}
