<?php
/*
 * A private redis-server for the tests: started on 127.0.0.1 in a temporary folder, stopped by
 * its PID (and the folder removed) when PHPUnit ends. It runs under a small sh watchdog that
 * holds a pipe from this process: when PHPUnit dies in any way (SIGTERM, SIGKILL, a fatal
 * error) the pipe closes, and the watchdog kills the server by its PID and removes the folder,
 * so no server outlives the run to take the next run's port. neos/cache's functional Redis test
 * hard-codes 127.0.0.1:6379, so the server for it takes that port when it is free; when it is
 * not, that test class is left out (see NeosCacheSuite) rather than run against someone
 * else's server.
 */

declare(strict_types=1);

namespace TagCache\Flow\Tests;

final class RedisServer
{
    private const BINARY = '/usr/bin/redis-server';

    /** The server neos/cache's tests use, or null when none could run on port 6379. */
    public static ?self $forNeosTests = null;

    /** The reason neos/cache's functional Redis test cannot run, when it cannot. */
    public static ?string $neosTestsLeftOut = null;

    /** @var resource the watchdog */
    private $process;

    /** @var resource the watchdog's stdin: closing it (or dying) stops the server */
    private $lifeline;

    /** The redis-server's PID. */
    public readonly int $pid;

    /**
     * The watchdog: starts the server, says its PID, waits for its stdin to close, then kills the
     * server by that PID, waits for it and removes the folder.
     */
    private const WATCHDOG = '"$1" "$2/redis.conf" </dev/null >/dev/null 2>&1 & pid=$!; echo $pid; cat >/dev/null; kill -9 $pid; wait $pid; rm -rf "$2"';

    private function __construct(public readonly int $port, public readonly string $directory)
    {
        $config = ["port $port", 'bind 127.0.0.1', 'save ""', 'appendonly no', "dir $directory", 'daemonize no', 'loglevel warning', "logfile $directory/redis.log"];
        file_put_contents("$directory/redis.conf", implode("\n", $config) . "\n");
        $process = proc_open(['/bin/sh', '-c', self::WATCHDOG, 'sh', self::BINARY, $directory], [['pipe', 'r'], ['pipe', 'w'], ['file', '/dev/null', 'w']], $pipes);
        if (!is_resource($process)) {
            throw new \RuntimeException('could not start ' . self::BINARY);
        }
        $this->process = $process;
        $this->lifeline = $pipes[0];
        $this->pid = (int)fgets($pipes[1]);
        fclose($pipes[1]);
        register_shutdown_function([$this, 'stop']);
        // Wait until it answers (polling its port, a start takes a few milliseconds).
        for ($deadline = microtime(true) + 10; microtime(true) < $deadline; usleep(10000)) {
            $connection = @stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 0.5);
            if ($connection !== false) {
                fclose($connection);
                return;
            }
        }
        $log = (string)@file_get_contents("$directory/redis.log");
        $this->stop();
        throw new \RuntimeException("redis-server did not start on 127.0.0.1:$port: $log");
    }

    /** Starts a server on $port (null: a free one); null when redis-server is not installed. */
    public static function start(?int $port = null): ?self
    {
        if (!is_executable(self::BINARY)) {
            return null;
        }
        $directory = sys_get_temp_dir() . '/tagcache-flow-redis-' . bin2hex(random_bytes(6));
        mkdir($directory, 0700);
        return new self($port ?? self::freePort(), $directory);
    }

    public static function startForNeosTests(): void
    {
        $probe = @stream_socket_client('tcp://127.0.0.1:6379', $errno, $errstr, 0.2);
        if ($probe !== false) {
            fclose($probe);
            self::$neosTestsLeftOut = 'port 6379, which neos/cache\'s functional Redis test hard-codes, is taken by another server; that test would talk to a server it does not own';
            return;
        }
        self::$forNeosTests = self::start(6379);
        if (self::$forNeosTests === null) {
            self::$neosTestsLeftOut = self::BINARY . ' is not installed';
        }
    }

    public function stop(): void
    {
        if (is_resource($this->lifeline)) {
            // The watchdog kills the server by its PID, waits for it and removes the folder.
            fclose($this->lifeline);
        }
        if (is_resource($this->process)) {
            proc_close($this->process);
        }
        foreach (glob($this->directory . '/*') ?: [] as $file) {
            unlink($file);
        }
        if (is_dir($this->directory)) {
            rmdir($this->directory);
        }
    }

    public static function freePort(): int
    {
        $socket = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
        $name = stream_socket_get_name($socket, false);
        fclose($socket);
        return (int)substr($name, strrpos($name, ':') + 1);
    }
}
