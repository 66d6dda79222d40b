<?php
// The PSR-6 conformance suite over a TransientMemoryBackend.

declare(strict_types=1);

namespace TagCache\Psr\Tests\Conformance;

use Cache\IntegrationTests\CachePoolTest;
use Psr\Cache\CacheItemPoolInterface;
use TagCache\Psr\CacheItemPool;
use TagCache\Psr\Tests\Support\TransientMemoryBackendTrait;

final class TransientMemoryCachePoolTest extends CachePoolTest
{
    use TransientMemoryBackendTrait;

    public function createCachePool(): CacheItemPoolInterface
    {
        return new CacheItemPool($this->frontend());
    }
}
