<?php
// The PSR-16 conformance suite over a RedisBackend; TTLs run on a clock the test moves
// forward (the suite's advanceTime() hook), so no test sleeps.

declare(strict_types=1);

namespace TagCache\Psr\Tests\Conformance;

use Cache\IntegrationTests\SimpleCacheTest;
use Psr\SimpleCache\CacheInterface;
use TagCache\Psr\SimpleCache;
use TagCache\Psr\Tests\Support\RedisBackendTrait;
use TagCache\Psr\Tests\Support\TestClock;

final class RedisSimpleCacheTest extends SimpleCacheTest
{
    use RedisBackendTrait;

    private ?TestClock $clock = null;

    public function createSimpleCache(): CacheInterface
    {
        return new SimpleCache($this->frontend(), clock: $this->clock ??= new TestClock());
    }

    public function advanceTime(int $seconds): void
    {
        $this->clock->advance($seconds);
    }
}
