<?php
// The end-to-end tests (VarnishEndToEndCase) with the proxies and the shipped VCL in ban mode.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Http;

final class VarnishBanEndToEndTest extends VarnishEndToEndCase
{
    protected static function mode(): string
    {
        return 'ban';
    }
}
