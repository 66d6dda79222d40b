<?php
// For test classes that need a private redis-server: started once before the class (null when
// redis-server is not installed: such tests skip) and stopped by its PID after it.

declare(strict_types=1);

namespace TagCache\Flow\Tests;

trait WithRedisServer
{
    private static ?RedisServer $redis = null;

    public static function setUpBeforeClass(): void
    {
        self::$redis = RedisServer::start();
    }

    public static function tearDownAfterClass(): void
    {
        self::$redis?->stop();
        self::$redis = null;
    }
}
