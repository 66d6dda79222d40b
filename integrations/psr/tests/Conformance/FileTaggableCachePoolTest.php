<?php
// The tag-interop conformance suite over a FileBackend.

declare(strict_types=1);

namespace TagCache\Psr\Tests\Conformance;

use Cache\IntegrationTests\TaggableCachePoolTest;
use Cache\TagInterop\TaggableCacheItemPoolInterface;
use TagCache\Psr\CacheItemPool;
use TagCache\Psr\Tests\Support\FileBackendTrait;

final class FileTaggableCachePoolTest extends TaggableCachePoolTest
{
    use FileBackendTrait;

    public function createCachePool(): TaggableCacheItemPoolInterface
    {
        return new CacheItemPool($this->frontend());
    }
}
