<?php
// Base of the HTTP tests: boots the real TestKernel with a `tagcache.http` configuration and the
// test application's services (pages, a clear listener, a recording logger), and removes its
// temporary folder afterwards.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Http;

use PHPUnit\Framework\TestCase;
use Symfony\Component\HttpFoundation\Request;
use Symfony\Component\HttpFoundation\Response;
use TagCache\Symfony\Tests\App\KernelLifecycle;
use TagCache\Symfony\Tests\App\TestKernel;
use TagCache\Symfony\Tests\Http\App\AppServices;

abstract class KernelCase extends TestCase
{
    use KernelLifecycle;

    /**
     * A booted kernel for $http shared with the other tests of the class that use the same
     * configuration (a boot compiles a container, the slow part). Symfony resets the services
     * (kernel.reset: the tagger, the request log, the test logger) at the start of each main
     * request after the first, so every test sees its own request only.
     */
    protected function shared(?array $http): TestKernel
    {
        return self::sharedKernel(
            static::class . json_encode($http),
            fn () => new TestKernel(['tagcache' => $http === null ? [] : ['http' => $http]], [AppServices::register(...)]),
        );
    }

    /** Boots a kernel whose `tagcache.http` is $http (null: no `http` key) plus $framework and more $builders. */
    protected function boot(?array $http, array $framework = [], array $builders = []): TestKernel
    {
        $extensions = ['tagcache' => $http === null ? [] : ['http' => $http]];
        if ($framework !== []) {
            $extensions['framework'] = $framework;
        }
        return $this->bootForTest(new TestKernel($extensions, [AppServices::register(...), ...$builders]));
    }

    /** A service of the kernel, private ones included (the test container). */
    protected static function service(TestKernel $kernel, string $id): ?object
    {
        $container = $kernel->getContainer()->get('test.service_container');
        return $container->has($id) ? $container->get($id) : null;
    }

    /** Handles $request through the kernel and terminates it, as a front controller does. */
    protected static function handle(TestKernel $kernel, Request $request): Response
    {
        $response = $kernel->handle($request);
        $kernel->terminate($request, $response);
        return $response;
    }

    /** A loopback port where nothing listens (bound by the system, then closed). */
    protected static function freePort(): int
    {
        $server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
        self::assertNotFalse($server, "no free port: $errstr");
        $port = (int)substr(strrchr(stream_socket_get_name($server, false), ':'), 1);
        fclose($server);
        return $port;
    }
}
