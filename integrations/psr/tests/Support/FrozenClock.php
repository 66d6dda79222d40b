<?php
// A clock that stands still (by default at .25 s past a whole second), so the lifetimes the
// adapters compute from an expiry have exactly one right answer.

declare(strict_types=1);

namespace TagCache\Psr\Tests\Support;

use Psr\Clock\ClockInterface;

final class FrozenClock implements ClockInterface
{
    public function __construct(private readonly string $at = '1700000000.250000')
    {
    }

    public function now(): \DateTimeImmutable
    {
        return \DateTimeImmutable::createFromFormat('U.u', $this->at);
    }
}
