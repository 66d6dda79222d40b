<?php
// cache/integration-tests' PSR-6 suite (CachePoolTest) against TagCacheAdapter over a
// TransientMemoryBackend cache owned by the pool (clear() flushes the cache).
// The two tests that sleep 3 s to watch an entry expire are skipped to keep the suite fast:
// TagCacheAdapterTest::testExpiry checks expiry without waiting, and the extension's own tests
// check that backends expire entries.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Cache;

use Cache\IntegrationTests\CachePoolTest;
use Psr\Cache\CacheItemPoolInterface;
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Symfony\Cache\TagCacheAdapter;

final class CachePoolIntegrationTest extends CachePoolTest
{
    protected array $skippedTests = [
        'testExpiration' => 'sleeps 3 s; expiry is covered by TagCacheAdapterTest::testExpiry',
        'testHasItemReturnsFalseWhenDeferredItemIsExpired' => 'sleeps 3 s; expiry is covered by TagCacheAdapterTest::testExpiry',
    ];

    private ?VariableFrontend $frontend = null;

    public function createCachePool(): CacheItemPoolInterface
    {
        // One cache for the whole test, so a second pool (testDeferredSaveWithoutCommit) sees it.
        $this->frontend ??= new VariableFrontend('Pool', new TransientMemoryBackend());
        return new TagCacheAdapter('', 0, $this->frontend);
    }
}
