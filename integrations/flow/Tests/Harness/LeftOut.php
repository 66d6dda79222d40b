<?php
/*
 * Stands in for a neos/cache test class that cannot run here (see NeosCacheSuite): one skipped
 * test that says which class and why, so a run without it shows it in its skipped count
 * instead of dropping it silently.
 */

declare(strict_types=1);

namespace TagCache\Flow\Tests\Harness;

use PHPUnit\Framework\TestCase;

final class LeftOut extends TestCase
{
    public function __construct(private readonly string $leftOutClass = '', private readonly string $reason = '')
    {
        parent::__construct('testLeftOut');
    }

    public function testLeftOut(): void
    {
        $this->markTestSkipped($this->leftOutClass . ' is left out: ' . $this->reason);
    }
}
