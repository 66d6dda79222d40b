<?php
// Conformance tests over a TransientMemoryBackend: one frontend per test, shared by every pool
// or cache the test creates (the suites make a second pool and expect it to see the first's items).

declare(strict_types=1);

namespace TagCache\Psr\Tests\Support;

use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\FrontendInterface;
use TagCache\Frontend\VariableFrontend;

trait TransientMemoryBackendTrait
{
    private ?FrontendInterface $frontend = null;

    protected function frontend(): FrontendInterface
    {
        return $this->frontend ??= new VariableFrontend('psr', new TransientMemoryBackend([]));
    }
}
