<?php
// A service autowired with the cache interfaces an application asks for.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Cache\Fixtures;

use Psr\Cache\CacheItemPoolInterface;
use Symfony\Contracts\Cache\CacheInterface;
use Symfony\Contracts\Cache\NamespacedPoolInterface;
use Symfony\Contracts\Cache\TagAwareCacheInterface;
use TagCache\Frontend\FrontendInterface;

final class CacheConsumer
{
    public function __construct(
        public readonly TagAwareCacheInterface $taggable,
        public readonly CacheInterface $cache,
        public readonly CacheItemPoolInterface $pool,
        public readonly TagAwareCacheInterface $myPool,
        public readonly FrontendInterface $fragmentsCache,
        // optional: before 7.3, FrameworkBundle aliases it only where cache.app is a tagcache pool
        public readonly ?NamespacedPoolInterface $namespaced = null,
    ) {
    }
}
