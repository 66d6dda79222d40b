<?php
// The PSR-6 conformance suite over a FileBackend.

declare(strict_types=1);

namespace TagCache\Psr\Tests\Conformance;

use Cache\IntegrationTests\CachePoolTest;
use Psr\Cache\CacheItemPoolInterface;
use TagCache\Psr\CacheItemPool;
use TagCache\Psr\Tests\Support\FileBackendTrait;

final class FileCachePoolTest extends CachePoolTest
{
    use FileBackendTrait;

    public function createCachePool(): CacheItemPoolInterface
    {
        return new CacheItemPool($this->frontend());
    }
}
