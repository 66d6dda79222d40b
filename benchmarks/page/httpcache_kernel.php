<?php
/*
 * The application behind Symfony's HttpCache in the page benchmark: it returns the same page and
 * headers as the floor, and counts its runs (a hit must not run it).
 */
use Symfony\Component\HttpFoundation\Request;
use Symfony\Component\HttpFoundation\Response;
use Symfony\Component\HttpKernel\HttpKernelInterface;

require_once __DIR__ . '/autoload.php'; // benchmarks/peers/vendor/autoload.php (written by page.php)

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
