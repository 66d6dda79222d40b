<?php
// A private redis-server for a test class: 127.0.0.1, a free port, a temporary folder, stopped by
// its process id and its folder removed afterwards. Uses the phpt suite's helpers (a real server,
// started the same way as the extension's own Redis tests).

declare(strict_types=1);

namespace TagCache\Psr\Tests\Support;

require_once __DIR__ . '/../../../../tests/redis_helpers.inc';

final class RedisServer
{
    /** @var array{port: int, dir: string, proc: resource} */
    private array $server;
    private string $dir;

    public static function available(): bool
    {
        return is_executable(TC_REDIS_SERVER);
    }

    public function __construct()
    {
        $this->dir = TempDir::create('redis');
        $this->server = tc_redis_start([], null, $this->dir);
    }

    public function port(): int
    {
        return $this->server['port'];
    }

    /** One command sent to the server as is (RESP), its reply: to look at what the backend stored. */
    public function command(string ...$args): mixed
    {
        return tc_redis_cmd($this->server, ...$args);
    }

    public function stop(): void
    {
        tc_redis_stop($this->server); // SIGKILL to its process id, then reaped
        TempDir::remove($this->dir);
    }
}
