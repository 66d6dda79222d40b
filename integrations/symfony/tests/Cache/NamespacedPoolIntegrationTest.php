<?php
// cache/integration-tests' PSR-6 suite against TagCacheAdapter with a namespace over a
// FileBackend cache, as FrameworkBundle builds pools: keys prefixed, clear() flushing the
// namespace's tag only. An entry of another namespace in the same cache must survive every test.
// The suite runs whole here, its two expiry tests that wait 3 s on the clock included.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Cache;

use Cache\IntegrationTests\CachePoolTest;
use PHPUnit\Framework\Attributes\After;
use Psr\Cache\CacheItemPoolInterface;
use Symfony\Component\Filesystem\Filesystem;
use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Symfony\Cache\TagCacheAdapter;

final class NamespacedPoolIntegrationTest extends CachePoolTest
{
    private static ?string $dir = null;
    private static ?VariableFrontend $frontend = null;

    public static function tearDownAfterClass(): void
    {
        self::$frontend = null;
        if (self::$dir !== null) {
            (new Filesystem())->remove(self::$dir);
            self::$dir = null;
        }
    }

    public function createCachePool(): CacheItemPoolInterface
    {
        if (self::$frontend === null) {
            self::$dir = sys_get_temp_dir() . '/tagcache-sf-pool-' . bin2hex(random_bytes(6));
            mkdir(self::$dir, 0700);
            self::$frontend = new VariableFrontend('Shared', new FileBackend(['cacheDirectory' => self::$dir]));
            $neighbour = new TagCacheAdapter('neighbour', 0, self::$frontend);
            $neighbour->save($neighbour->getItem('key')->set('theirs'));
        }
        return new TagCacheAdapter('mine', 0, self::$frontend);
    }

    #[After(priority: -1)]
    public function neighbourSurvives(): void
    {
        $this->assertSame('theirs', (new TagCacheAdapter('neighbour', 0, self::$frontend))->getItem('key')->get());
    }
}
