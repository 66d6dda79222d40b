<?php
/*
 * The tests' redis-server (Tests/RedisServer.php) must not outlive a PHPUnit killed by a signal:
 * a server left on 127.0.0.1:6379 would make the next run leave out neos/cache's Redis tests.
 * A child PHP starts one and is killed with SIGKILL (no shutdown function runs); the server's
 * PID and folder must go.
 */

declare(strict_types=1);

namespace TagCache\Flow\Tests\Functional;

use PHPUnit\Framework\TestCase;

final class RedisServerTest extends TestCase
{
    public function testTheServerDiesWithAKilledPhpUnit(): void
    {
        if (!is_executable('/usr/bin/redis-server') || !function_exists('posix_kill')) {
            $this->markTestSkipped('needs /usr/bin/redis-server and the posix extension');
        }
        $code = 'require ' . var_export(dirname(__DIR__) . '/RedisServer.php', true) . ';
            $server = TagCache\Flow\Tests\RedisServer::start();
            echo json_encode([$server->pid, $server->directory]), "\n";
            fgets(STDIN);';
        $child = proc_open([PHP_BINARY, '-r', $code], [['pipe', 'r'], ['pipe', 'w'], ['file', '/dev/null', 'w']], $pipes);
        [$pid, $directory] = json_decode((string)fgets($pipes[1]), true);
        self::assertTrue(posix_kill($pid, 0), 'the server runs');
        self::assertDirectoryExists($directory);

        proc_terminate($child, SIGKILL);
        fclose($pipes[0]);
        fclose($pipes[1]);
        proc_close($child);
        // The watchdog kills the server by its PID and removes the folder once the pipe closes.
        for ($deadline = microtime(true) + 10; microtime(true) < $deadline && (posix_kill($pid, 0) || is_dir($directory)); usleep(10000)) {
            clearstatcache();
        }
        self::assertFalse(posix_kill($pid, 0), "redis-server $pid outlived the killed PHP");
        self::assertDirectoryDoesNotExist($directory);
    }
}
