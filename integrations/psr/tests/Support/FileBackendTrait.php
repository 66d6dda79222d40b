<?php
// Conformance tests over a FileBackend in a private temporary folder, removed after the class;
// one frontend per test, shared by every pool or cache the test creates.

declare(strict_types=1);

namespace TagCache\Psr\Tests\Support;

use PHPUnit\Framework\Attributes\AfterClass;
use PHPUnit\Framework\Attributes\BeforeClass;
use TagCache\Backend\FileBackend;
use TagCache\Frontend\FrontendInterface;
use TagCache\Frontend\VariableFrontend;

trait FileBackendTrait
{
    private static ?string $cacheDirectory = null;
    private ?FrontendInterface $frontend = null;

    #[BeforeClass]
    public static function createCacheDirectory(): void
    {
        self::$cacheDirectory = TempDir::create('file');
    }

    #[AfterClass]
    public static function removeCacheDirectory(): void
    {
        TempDir::remove(self::$cacheDirectory);
        self::$cacheDirectory = null;
    }

    protected function frontend(): FrontendInterface
    {
        return $this->frontend ??= new VariableFrontend('psr', new FileBackend(['cacheDirectory' => self::$cacheDirectory]));
    }
}
