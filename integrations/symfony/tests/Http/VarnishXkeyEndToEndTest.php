<?php
// The end-to-end tests (VarnishEndToEndCase) with the proxies and the shipped VCL in xkey mode.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Http;

final class VarnishXkeyEndToEndTest extends VarnishEndToEndCase
{
    protected static function mode(): string
    {
        return 'xkey';
    }
}
