<?php
// The PSR-16 cache's own promises beyond the conformance suite: stored false/null, TTL mapping,
// numeric keys, expiry checked against the cache's clock, and store failures reported.

declare(strict_types=1);

namespace TagCache\Psr\Tests;

use PHPUnit\Framework\TestCase;
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Psr\InvalidArgumentException;
use TagCache\Psr\SimpleCache;
use TagCache\Psr\Tests\Support\RecordingFrontend;
use TagCache\Psr\Tests\Support\RecordingLogger;
use TagCache\Psr\Tests\Support\RefusedPort;
use TagCache\Psr\Tests\Support\TestClock;

final class SimpleCacheTest extends TestCase
{
    private RecordingFrontend $frontend;
    private TestClock $clock;
    private SimpleCache $cache;

    protected function setUp(): void
    {
        $this->frontend = new RecordingFrontend();
        $this->clock = new TestClock();
        $this->cache = new SimpleCache($this->frontend, clock: $this->clock);
    }

    public function testStoredFalseAndNullAreHits(): void
    {
        $this->assertTrue($this->cache->set('f.alse', false));
        $this->assertTrue($this->cache->set('n.ull', null));
        $this->frontend->calls = [];
        $this->assertFalse($this->cache->get('f.alse', 'default'));
        $this->assertNull($this->cache->get('n.ull', 'default'));
        $this->assertTrue($this->cache->has('n.ull'));
        $this->assertSame('default', $this->cache->get('absent', 'default'));
        $this->assertSame(['get', 'get', 'get', 'get'], $this->frontend->methods());
        $this->assertSame(['f.alse' => false, 'n.ull' => null, 'absent' => 'd'], iterator_to_array($this->cache->getMultiple(['f.alse', 'n.ull', 'absent'], 'd')));
    }

    public function testTtlsGivenToTheFrontend(): void
    {
        $lifetimes = [];
        foreach ([null, 10, new \DateInterval('PT1H')] as $ttl) {
            $this->frontend->calls = [];
            $this->cache->set('k', 1, $ttl);
            $lifetimes[] = $this->frontend->calls[0][3];
        }
        $this->frontend->calls = [];
        (new SimpleCache($this->frontend, 30))->set('k', 1);
        $lifetimes[] = $this->frontend->calls[0][3];
        $this->assertSame([0, 10, 3600, 30], $lifetimes);
    }

    public function testZeroAndNegativeTtlsDeleteTheEntry(): void
    {
        foreach ([0, -1, \DateInterval::createFromDateString('-1 day')] as $ttl) {
            $this->cache->set('k', 'old');
            $this->frontend->calls = [];
            $this->assertTrue($this->cache->set('k', 'new', $ttl));
            $this->assertSame(['remove'], $this->frontend->methods());
            $this->assertFalse($this->cache->has('k'));
        }
        $this->cache->set('a', 1);
        $this->assertTrue($this->cache->setMultiple(['a' => 2, 'b' => 2], -10));
        $this->assertSame(['a' => null, 'b' => null], iterator_to_array($this->cache->getMultiple(['a', 'b'])));
    }

    public function testExpiryFollowsTheClockWhileTheBackendStillHoldsTheEntry(): void
    {
        $this->cache->set('k', 'v', 5);
        $this->clock->advance(4);
        $this->assertSame('v', $this->cache->get('k'));
        $this->clock->advance(1);
        $this->assertNull($this->cache->get('k'));
        $this->assertFalse($this->cache->has('k'));
        $this->assertNotFalse($this->frontend->get(\TagCache\Psr\KeyCodec::encode('k')), 'the backend keeps it until its own lifetime ends');
    }

    public function testIntegerArrayKeysAreKeysAndNumericStringsStayStrings(): void
    {
        $this->assertTrue($this->cache->setMultiple([7 => 'seven', '08' => 'eight']));
        $got = [];
        foreach ($this->cache->getMultiple(['7', '08']) as $key => $value) {
            $got[] = [$key, $value];
        }
        $this->assertSame([['7', 'seven'], ['08', 'eight']], $got);
        $this->assertTrue($this->cache->deleteMultiple(['7']));
        $this->assertFalse($this->cache->has('7'));
    }

    public function testABadKeyStopsAMultipleCallBeforeItWritesAnything(): void
    {
        $values = (static function (): \Generator {
            yield 'first' => 1;
            yield 'bad@key' => 2;
        })();
        try {
            $this->cache->setMultiple($values);
            $this->fail('setMultiple accepted bad@key');
        } catch (InvalidArgumentException $e) {
            $this->assertStringContainsString('"bad@key"', $e->getMessage());
        }
        $this->assertFalse($this->cache->has('first'));
        $this->cache->set('first', 1);
        $this->expectException(\Psr\SimpleCache\InvalidArgumentException::class);
        try {
            $this->cache->deleteMultiple(['first', '']);
        } finally {
            $this->assertTrue($this->cache->has('first'));
        }
    }

    public function testStoreFailuresAreLoggedAndReturnFalseOrTheDefault(): void
    {
        $refused = new RefusedPort();
        try {
            $logger = new RecordingLogger();
            $cache = new SimpleCache(new VariableFrontend('down', new RedisBackend(['port' => $refused->port])), logger: $logger);
            $this->assertSame('d', $cache->get('k', 'd'));
            $this->assertFalse($cache->has('k'));
            $this->assertFalse($cache->set('k', 1));
            $this->assertFalse($cache->setMultiple(['a' => 1, 'b' => 2]));
            $this->assertFalse($cache->delete('k'));
            $this->assertFalse($cache->deleteMultiple(['a']));
            $this->assertFalse($cache->clear());
            $this->assertSame(['d'], array_values(iterator_to_array($cache->getMultiple(['k'], 'd'))));
            $this->assertCount(9, $logger->records);
            foreach ($logger->records as $record) {
                $this->assertInstanceOf(\TagCache\BackendException::class, $record['context']['exception']);
            }
        } finally {
            $refused->release();
        }
    }
}
