<?php
// The tag-interop conformance suite over a TransientMemoryBackend.

declare(strict_types=1);

namespace TagCache\Psr\Tests\Conformance;

use Cache\IntegrationTests\TaggableCachePoolTest;
use Cache\TagInterop\TaggableCacheItemPoolInterface;
use TagCache\Psr\CacheItemPool;
use TagCache\Psr\Tests\Support\TransientMemoryBackendTrait;

final class TransientMemoryTaggableCachePoolTest extends TaggableCachePoolTest
{
    use TransientMemoryBackendTrait;

    public function createCachePool(): TaggableCacheItemPoolInterface
    {
        return new CacheItemPool($this->frontend());
    }
}
