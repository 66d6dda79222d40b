<?php
// A clock the tests move forward by hand, so TTL tests need no sleep: the adapters check the
// stored expiry against their clock on every read.

declare(strict_types=1);

namespace TagCache\Psr\Tests\Support;

use Psr\Clock\ClockInterface;

final class TestClock implements ClockInterface
{
    private float $offset = 0.0;

    public function now(): \DateTimeImmutable
    {
        return \DateTimeImmutable::createFromFormat('U.u', \sprintf('%.6F', microtime(true) + $this->offset));
    }

    public function advance(int $seconds): void
    {
        $this->offset += $seconds;
    }
}
