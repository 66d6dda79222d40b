<?php
// Conformance tests over a RedisBackend talking to a private redis-server (see RedisServer) that
// lives as long as the test class; one frontend per test, shared by every pool or cache it creates.

declare(strict_types=1);

namespace TagCache\Psr\Tests\Support;

use PHPUnit\Framework\Attributes\AfterClass;
use PHPUnit\Framework\Attributes\BeforeClass;
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\FrontendInterface;
use TagCache\Frontend\VariableFrontend;

trait RedisBackendTrait
{
    private static ?RedisServer $redis = null;
    private ?FrontendInterface $frontend = null;

    #[BeforeClass]
    public static function startRedis(): void
    {
        if (RedisServer::available()) {
            self::$redis = new RedisServer();
        }
    }

    #[AfterClass]
    public static function stopRedis(): void
    {
        self::$redis?->stop();
        self::$redis = null;
    }

    protected function frontend(): FrontendInterface
    {
        if (self::$redis === null) {
            // phpunit.xml.dist fails on skipped tests: without redis-server the suite fails
            self::markTestSkipped('redis-server is not installed');
        }
        return $this->frontend ??= new VariableFrontend('psr', new RedisBackend(['hostname' => '127.0.0.1', 'port' => self::$redis->port()]));
    }
}
