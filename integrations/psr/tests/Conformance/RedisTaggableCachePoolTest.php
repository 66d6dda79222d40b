<?php
// The tag-interop conformance suite over a RedisBackend.

declare(strict_types=1);

namespace TagCache\Psr\Tests\Conformance;

use Cache\IntegrationTests\TaggableCachePoolTest;
use Cache\TagInterop\TaggableCacheItemPoolInterface;
use TagCache\Psr\CacheItemPool;
use TagCache\Psr\Tests\Support\RedisBackendTrait;

final class RedisTaggableCachePoolTest extends TaggableCachePoolTest
{
    use RedisBackendTrait;

    public function createCachePool(): TaggableCacheItemPoolInterface
    {
        return new CacheItemPool($this->frontend());
    }
}
