<?php
// cache/integration-tests' PSR-6 suite (CachePoolTest) against TagCacheAdapter over a
// TransientMemoryBackend cache owned by the pool (clear() flushes the cache).
// The two tests that wait 3 s on the clock to watch an entry expire run once, in
// NamespacedPoolIntegrationTest (the same adapter code, over a FileBackend): skipped here to keep
// the suite fast.

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
        'testExpiration' => 'waits 3 s on the clock: runs once, in NamespacedPoolIntegrationTest',
        'testHasItemReturnsFalseWhenDeferredItemIsExpired' => 'waits 3 s on the clock: runs once, in NamespacedPoolIntegrationTest',
    ];

    private ?VariableFrontend $frontend = null;

    public function createCachePool(): CacheItemPoolInterface
    {
        // One cache for the whole test, so a second pool (testDeferredSaveWithoutCommit) sees it.
        $this->frontend ??= new VariableFrontend('Pool', new TransientMemoryBackend());
        return new TagCacheAdapter('', 0, $this->frontend);
    }
}
