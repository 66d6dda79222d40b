<?php
/*
 * Symfony HttpKernel's HttpCache (the PHP reverse proxy, Store on disk) in front of the same
 * page: on a fresh hit the kernel never runs. Each run of the kernel is counted.
 */
use Symfony\Component\HttpFoundation\Request;
use Symfony\Component\HttpFoundation\Response;
use Symfony\Component\HttpKernel\HttpCache\HttpCache;
use Symfony\Component\HttpKernel\HttpCache\Store;
use Symfony\Component\HttpKernel\HttpKernelInterface;

require __DIR__ . '/autoload.php'; // benchmarks/peers/vendor/autoload.php (written by page.php)

final class PageKernel implements HttpKernelInterface
{
    public function handle(Request $request, int $type = self::MAIN_REQUEST, bool $catch = true): Response
    {
        file_put_contents(__DIR__ . '/runs-httpcache', 'x', FILE_APPEND);
        return new Response(file_get_contents(__DIR__ . '/page.html'), 200, [
            'Content-Type' => 'text/html; charset=UTF-8',
            'Cache-Control' => 'public, max-age=3600',
            'ETag' => '"page-v1"',
            'Content-Language' => 'en',
            'X-Frame-Options' => 'SAMEORIGIN',
        ]);
    }
}

$kernel = new HttpCache(new PageKernel(), new Store(__DIR__ . '/cache/httpcache'));
$request = Request::createFromGlobals();
$response = $kernel->handle($request);
$response->send();
$kernel->terminate($request, $response);
