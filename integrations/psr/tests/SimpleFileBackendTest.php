<?php
// A backend that cannot expire entries (SimpleFileBackend) still gives PSR expiry: the adapters
// hand it lifetime 0 and the expiry stored in the entry ends the item on read. Tags it cannot
// store are refused, logged.

declare(strict_types=1);

namespace TagCache\Psr\Tests;

use PHPUnit\Framework\TestCase;
use TagCache\Backend\SimpleFileBackend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Psr\CacheItemPool;
use TagCache\Psr\SimpleCache;
use TagCache\Psr\Tests\Support\RecordingLogger;
use TagCache\Psr\Tests\Support\TempDir;
use TagCache\Psr\Tests\Support\TestClock;

final class SimpleFileBackendTest extends TestCase
{
    private string $dir;

    protected function setUp(): void
    {
        $this->dir = TempDir::create('simple-file');
    }

    protected function tearDown(): void
    {
        TempDir::remove($this->dir);
    }

    public function testExpiriesWorkOnABackendWithoutLifetimes(): void
    {
        $logger = new RecordingLogger();
        $clock = new TestClock();
        $frontend = new VariableFrontend('psr', new SimpleFileBackend(['cacheDirectory' => $this->dir]));
        $simple = new SimpleCache($frontend, logger: $logger, clock: $clock);
        $pool = new CacheItemPool($frontend, logger: $logger, clock: $clock);

        $this->assertTrue($simple->set('ttl', 'v', 10));
        $this->assertTrue($simple->set('again', 'w', new \DateInterval('PT10S')), 'after the first refusal');
        $this->assertTrue((new SimpleCache($frontend, 10, $logger, $clock))->set('default', 'x'));
        $this->assertTrue($pool->save($pool->getItem('item')->set('y')->expiresAfter(10)));
        $this->assertTrue($simple->set('forever', 'z'));
        $this->assertSame(['ttl' => 'v', 'again' => 'w', 'default' => 'x', 'item' => 'y', 'forever' => 'z'], iterator_to_array($simple->getMultiple(['ttl', 'again', 'default', 'item', 'forever'])));

        $clock->advance(10);
        $this->assertSame(['ttl' => null, 'again' => null, 'default' => null, 'item' => null, 'forever' => 'z'], iterator_to_array($simple->getMultiple(['ttl', 'again', 'default', 'item', 'forever'])));
        $this->assertFalse($pool->hasItem('item'));
        $this->assertSame([], $logger->records);

        $this->assertFalse($pool->save($pool->getItem('tagged')->set(1)->setTags(['t'])->expiresAfter(10)));
        $this->assertCount(1, $logger->records);
        $this->assertInstanceOf(\TagCache\NotSupportedByBackendException::class, $logger->records[0]['context']['exception']);
        $this->assertStringContainsString('SimpleFileBackend cannot store tags', $logger->records[0]['context']['message']);
    }
}
