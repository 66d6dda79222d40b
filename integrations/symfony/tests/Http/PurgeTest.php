<?php
// kernel.terminate: the Purger's queue is sent after the response. The requests are read off a
// listening socket the test holds (it accepts nothing until the flush is over, so the client
// times out after sending: the bytes it sent wait in the socket). A proxy where nothing listens
// fails: the failure is logged through the configured PSR logger, recorded for the collector and
// kept queued, and the next request's terminate sends it again. Nothing is swallowed, not even
// without a logger (PHP's error log then).

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Http;

use PHPUnit\Framework\Attributes\DataProvider;
use Symfony\Component\Console\Command\Command;
use Symfony\Component\Console\ConsoleEvents;
use Symfony\Component\Console\Event\ConsoleTerminateEvent;
use Symfony\Component\Console\Input\ArrayInput;
use Symfony\Component\Console\Output\NullOutput;
use Symfony\Component\HttpFoundation\Request;
use TagCache\Symfony\Tests\Http\App\PostClearListener;

final class PurgeTest extends KernelCase
{
    /** @var list<resource> */
    private array $sockets = [];

    protected function tearDown(): void
    {
        foreach ($this->sockets as $socket) {
            fclose($socket);
        }
        $this->sockets = [];
        parent::tearDown();
    }

    /** @return iterable<string, array{array<string, mixed>, list<string>}> */
    public static function modes(): iterable
    {
        yield 'ban, own tag header and Host' => [['tag_mode' => 'ban', 'host' => 'www.example.test', 'headers' => ['tags' => 'X-Tags']],
            ['BAN / HTTP/1.1', 'X-Tags: (^|,)(post-7)(,|$)', 'Host: www.example.test']];
        yield 'xkey, soft' => [['tag_mode' => 'xkey', 'soft_purge' => true],
            ['PURGEKEYS / HTTP/1.1', 'xkey-softpurge: post-7']];
    }

    #[DataProvider('modes')]
    public function testTerminateSendsWhatTheContentChangeQueued(array $http, array $expected): void
    {
        [$socket, $port] = $this->listen();
        $kernel = $this->boot($http + ['proxies' => "127.0.0.1:$port", 'timeout' => 0.3, 'second_send_delay' => 0, 'logger' => 'test.logger']);
        $request = Request::create('/edit/7', 'POST');
        $response = $kernel->handle($request);
        self::assertSame(1, self::service($kernel, 'tagcache.http.varnish_client')->getQueueSize(), 'queued, not sent before terminate');
        self::assertSame('', self::read($socket, 0.0));
        $kernel->terminate($request, $response);

        $sent = self::read($socket, 5.0);
        foreach ($expected as $line) {
            self::assertStringContainsString($line . "\r\n", $sent);
        }
        // nobody answered: a timeout, logged and kept
        $records = self::service($kernel, 'test.logger')->records;
        self::assertCount(1, $records);
        self::assertSame('timeout', $records[0]['context']['kind']);
    }

    public function testUnreachableProxyIsLoggedKeptAndRetried(): void
    {
        $port = self::freePort();
        $kernel = $this->boot(['proxies' => "127.0.0.1:$port", 'connect_timeout' => 0.5, 'second_send_delay' => 0, 'logger' => 'test.logger']);
        self::handle($kernel, Request::create('/edit/7', 'POST'));

        $records = self::service($kernel, 'test.logger')->records;
        self::assertCount(1, $records);
        self::assertSame('error', $records[0]['level']);
        self::assertSame('unreachable', $records[0]['context']['kind']);
        self::assertSame("127.0.0.1:$port", $records[0]['context']['proxy']);
        self::assertStringContainsString('(^|,)(post-7)(,|$)', $records[0]['context']['request']);
        self::assertTrue($records[0]['context']['kept_for_retry']);
        // says where it is kept: php-fpm ends the process's services with the request
        self::assertStringContainsString('kept queued in this process for its next flush; lost if the process ends first', $records[0]['message']);
        $client = self::service($kernel, 'tagcache.http.varnish_client');
        self::assertSame(1, $client->getQueueSize(), 'kept for the next flush');
        $log = self::service($kernel, 'tagcache.http.request_log');
        self::assertSame([['queued' => 1, 'sent' => null, 'failures' => $records[0]['context']['exception']->getFailures(), 'kept' => 1]], $log->flushes);

        // the next request's terminate tries again (and fails again: still nothing there)
        self::handle($kernel, Request::create('/page/a?tags=t1'));
        $records = self::service($kernel, 'test.logger')->records;
        self::assertCount(1, $records);
        self::assertStringContainsString('(^|,)(post-7)(,|$)', $records[0]['context']['request']);
        self::assertSame(1, $client->getQueueSize());
    }

    public function testKeepFailedOffStillLogs(): void
    {
        $port = self::freePort();
        $kernel = $this->boot(['proxies' => "127.0.0.1:$port", 'keep_failed' => false, 'connect_timeout' => 0.5, 'second_send_delay' => 0, 'logger' => 'test.logger']);
        self::handle($kernel, Request::create('/edit/7', 'POST'));
        $records = self::service($kernel, 'test.logger')->records;
        self::assertCount(1, $records);
        self::assertFalse($records[0]['context']['kept_for_retry']);
        self::assertSame(0, self::service($kernel, 'tagcache.http.varnish_client')->getQueueSize());
    }

    public function testWithoutALoggerFailuresGoToTheErrorLog(): void
    {
        $port = self::freePort();
        $kernel = $this->boot(['proxies' => "127.0.0.1:$port", 'logger' => null, 'connect_timeout' => 0.5, 'second_send_delay' => 0]);
        $file = $kernel->getTemporaryDir() . '/php-error.log';
        $previous = ini_set('error_log', $file);
        try {
            self::handle($kernel, Request::create('/edit/7', 'POST'));
        } finally {
            ini_set('error_log', (string)$previous);
        }
        self::assertStringContainsString("failed on proxy 127.0.0.1:$port: unreachable", (string)@file_get_contents($file));
    }

    public function testATerminateWithNothingQueuedBuildsNoClearListener(): void
    {
        [$socket, $port] = $this->listen();
        $kernel = $this->boot(['proxies' => "127.0.0.1:$port", 'second_send_delay' => 0]);
        $built = PostClearListener::$built;
        self::handle($kernel, Request::create('/page/a?tags=t1'));
        self::assertSame($built, PostClearListener::$built);
        self::assertSame('', self::read($socket, 0.0));
    }

    public function testConsoleTerminatePurgesWhatACommandQueued(): void
    {
        [$socket, $port] = $this->listen();
        $kernel = $this->boot(['proxies' => "127.0.0.1:$port", 'timeout' => 0.3, 'second_send_delay' => 0, 'logger' => 'test.logger']);
        self::service($kernel, 'tagcache.http.purger')->purgeTags(['from-a-command']);
        $kernel->getContainer()->get('event_dispatcher')->dispatch(
            new ConsoleTerminateEvent(new Command('app:edit'), new ArrayInput([]), new NullOutput(), 0), ConsoleEvents::TERMINATE);
        self::assertStringContainsString('(^|,)(from-a-command)(,|$)', self::read($socket, 5.0));
    }

    public function testPurgeOnTerminateOff(): void
    {
        [$socket, $port] = $this->listen();
        $kernel = $this->boot(['proxies' => "127.0.0.1:$port", 'purge_on_terminate' => false, 'second_send_delay' => 0]);
        self::handle($kernel, Request::create('/edit/7', 'POST'));
        self::assertSame(1, self::service($kernel, 'tagcache.http.varnish_client')->getQueueSize());
        self::assertSame('', self::read($socket, 0.0));
    }

    public function testDueSecondSendsGoOutAtATerminateWithNothingQueued(): void
    {
        $dir = sys_get_temp_dir() . '/tagcache-sf-responder-' . bin2hex(random_bytes(6));
        mkdir($dir, 0700);
        $received = "$dir/received";
        touch($received);
        $process = proc_open([\PHP_BINARY, __DIR__ . '/App/responder.php', $received], [1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
        self::assertIsResource($process);
        try {
            $port = (int)fgets($pipes[1]);
            self::assertGreaterThan(0, $port, 'the responder did not start');
            $requests = static fn(): array => array_values(array_filter(explode("\0", (string)file_get_contents($received)), 'strlen'));
            $kernel = $this->boot(['proxies' => "127.0.0.1:$port", 'timeout' => 5.0, 'second_send_delay' => 0.5, 'logger' => 'test.logger']);
            $client = self::service($kernel, 'tagcache.http.varnish_client');

            self::handle($kernel, Request::create('/edit/7', 'POST'));
            $sentAt = microtime(true);
            self::assertCount(1, $requests(), 'the ban went out at terminate');
            self::assertSame(1, $client->getDelayedCount(), 'its second send waits for its delay');
            // wait for the wall clock (not for another process) to make the second send due
            while (microtime(true) < $sentAt + 0.6) {
                usleep(20000);
            }
            self::handle($kernel, Request::create('/page/a?tags=t1'));   // nothing queued
            $got = $requests();
            self::assertCount(2, $got, 'the due second send went out at the next terminate');
            self::assertStringContainsString('(^|,)(post-7)(,|$)', $got[1]);
            self::assertSame(0, $client->getDelayedCount());
            self::assertSame([], self::service($kernel, 'test.logger')->records);
        } finally {
            proc_terminate($process);
            fclose($pipes[1]);
            proc_close($process);
            unlink($received);
            rmdir($dir);
        }
    }

    /** A listening loopback socket that accepts nothing until read() is called: [socket, port]. */
    private function listen(): array
    {
        $server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
        self::assertNotFalse($server, "cannot listen: $errstr");
        $this->sockets[] = $server;
        return [$server, (int)substr(strrchr(stream_socket_get_name($server, false), ':'), 1)];
    }

    /** What the first connection waiting on $server sent ('' when none is waiting). */
    private static function read($server, float $timeout): string
    {
        $conn = @stream_socket_accept($server, $timeout);
        if ($conn === false) {
            return '';
        }
        stream_set_timeout($conn, 5);
        $data = '';
        while (!str_contains($data, "\r\n\r\n") && !feof($conn)) {
            $chunk = fread($conn, 65536);
            if ($chunk === false || ($chunk === '' && stream_get_meta_data($conn)['timed_out'])) {
                break;
            }
            $data .= $chunk;
        }
        fclose($conn);
        return $data;
    }
}
