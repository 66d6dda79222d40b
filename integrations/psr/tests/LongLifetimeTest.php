<?php
// Expiries far in the future ("forever" written as PHP_INT_MAX, 10**16 s, the year 9999) reach
// every backend as a lifetime it takes, and a write that fails never leaves the old value readable.

declare(strict_types=1);

namespace TagCache\Psr\Tests;

use PHPUnit\Framework\TestCase;
use TagCache\Backend\FileBackend;
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Psr\CacheItemPool;
use TagCache\Psr\KeyCodec;
use TagCache\Psr\SimpleCache;
use TagCache\Psr\Tests\Support\FrozenClock;
use TagCache\Psr\Tests\Support\RecordingFrontend;
use TagCache\Psr\Tests\Support\RecordingLogger;
use TagCache\Psr\Tests\Support\RedisServer;
use TagCache\Psr\Tests\Support\TempDir;

final class LongLifetimeTest extends TestCase
{
    private static ?RedisServer $redis = null;

    public static function setUpBeforeClass(): void
    {
        // no skip: redis-server is part of what the suite needs (phpunit.xml.dist fails on skips)
        self::$redis = new RedisServer();
    }

    public static function tearDownAfterClass(): void
    {
        self::$redis?->stop();
        self::$redis = null;
    }

    public function testFarExpiriesReachTheFrontendAsUnlimited(): void
    {
        $frontend = new RecordingFrontend();
        // a clock standing still: now + 2^31-1 - now is exactly 2^31-1, no float rounding
        $clock = new FrozenClock();
        $pool = new CacheItemPool($frontend, clock: $clock);
        $simple = new SimpleCache($frontend, clock: $clock);
        $year9999 = new \DateTimeImmutable('9999-12-31 23:59:59');
        $saves = [
            'expiresAfter(PHP_INT_MAX)' => fn () => $pool->save($pool->getItem('k')->set(1)->expiresAfter(\PHP_INT_MAX)),
            'expiresAfter(10**16)' => fn () => $pool->save($pool->getItem('k')->set(1)->expiresAfter(10 ** 16)),
            'expiresAt(9999-12-31)' => fn () => $pool->save($pool->getItem('k')->set(1)->expiresAt($year9999)),
            'ttl PHP_INT_MAX' => fn () => $simple->set('k', 1, \PHP_INT_MAX),
            'defaultLifetime PHP_INT_MAX' => fn () => (new SimpleCache($frontend, \PHP_INT_MAX, clock: $clock))->set('k', 1),
            'ttl 2^31-1' => fn () => $simple->set('k', 1, 2147483647),
        ];
        $lifetimes = [];
        foreach ($saves as $how => $save) {
            $frontend->calls = [];
            $this->assertTrue($save(), $how);
            $sets = array_values(array_filter($frontend->calls, static fn (array $call): bool => $call[0] === 'set'));
            $this->assertCount(1, $sets, $how);
            $lifetimes[$how] = $sets[0][3];
            $this->assertSame(1, $simple->get('k'), $how);
        }
        $this->assertSame([
            'expiresAfter(PHP_INT_MAX)' => 0,
            'expiresAfter(10**16)' => 0,
            'expiresAt(9999-12-31)' => 0,
            'ttl PHP_INT_MAX' => 0,
            'defaultLifetime PHP_INT_MAX' => 0,
            'ttl 2^31-1' => 2147483647, // the longest lifetime handed on as such
        ], $lifetimes);
    }

    public function testAFileBackendKeepsAForeverEntryWithoutExpiry(): void
    {
        $dir = TempDir::create('forever');
        try {
            $simple = new SimpleCache(new VariableFrontend('psr', new FileBackend(['cacheDirectory' => $dir])));
            $this->assertTrue($simple->set('for.ever', 'v', \PHP_INT_MAX));
            $this->assertSame('v', $simple->get('for.ever'));
            // the entry file's header: "tagcache1 D <expiry> <length>", expiry 0 = never (a wrapped
            // lifetime of 1 s would have written the time one second from now)
            $head = fgets(fopen("$dir/psr/data/" . KeyCodec::encode('for.ever') . '.php', 'r'));
            $this->assertMatchesRegularExpression('/ tagcache1 D 0 \d+\n$/', $head);
        } finally {
            TempDir::remove($dir);
        }
    }

    public function testARedisBackendTakesForeverAndReplacesTheOldValue(): void
    {
        $logger = new RecordingLogger();
        $frontend = new VariableFrontend('psr', new RedisBackend(['hostname' => '127.0.0.1', 'port' => self::$redis->port()]));
        $pool = new CacheItemPool($frontend, logger: $logger);
        $simple = new SimpleCache($frontend, logger: $logger);
        foreach (['PHP_INT_MAX' => \PHP_INT_MAX, '10**16' => 10 ** 16] as $how => $ttl) {
            $this->assertTrue($simple->set('k', 'old', 60), $how);
            $this->assertTrue($simple->set('k', "new $how", $ttl), $how);
            $this->assertSame("new $how", $simple->get('k'), $how);
            $this->assertTrue($pool->save($pool->getItem('i')->set("item $how")->expiresAfter($ttl)), $how);
            $this->assertSame("item $how", $pool->getItem('i')->get(), $how);
        }
        $this->assertSame([], $logger->records);
        $keys = array_values(array_filter(self::$redis->command('KEYS', '*'), static fn (string $k): bool => str_ends_with($k, ':k')));
        $this->assertCount(1, $keys, 'the entry of "k" in Redis');
        $this->assertSame(-1, self::$redis->command('TTL', $keys[0]), 'no expiry in Redis: the stored one ends it');
    }

    public function testAFailedWriteRemovesTheValueItWasToReplace(): void
    {
        $frontend = new RecordingFrontend();
        $logger = new RecordingLogger();
        $pool = new CacheItemPool($frontend, logger: $logger);
        $simple = new SimpleCache($frontend, logger: $logger);

        $this->assertTrue($simple->set('k', 'old'));
        $frontend->refuseSets = true;
        $this->assertFalse($simple->set('k', 'new'));
        $this->assertNull($simple->get('k'), 'the old value is gone, not served as if the write had worked');

        $frontend->refuseSets = false;
        $this->assertTrue($pool->save($pool->getItem('p')->set('old')));
        $this->assertFalse($pool->save($pool->getItem('p')->set(static fn () => 1)), 'a closure cannot be serialized');
        $this->assertFalse($pool->getItem('p')->isHit());
        $this->assertSame(['Saving cache key "{key}" failed: the frontend refused it', 'Saving cache key "{key}" failed: {message}'], array_column($logger->records, 'message'));
        $this->assertStringContainsString("Serialization of 'Closure' is not allowed", $logger->records[1]['context']['message']);
    }
}
