<?php
/*
 * Where a hit's time goes, in one CLI process (a diagnostic beside the php-fpm figures): the
 * stored page of the front controller tagcache.php in the folder $argv[1] (stored there by
 * php-fpm), served again and again with its output buffered, against the floor's readfile()
 * and against building the page cache's default storage alone (OPcache on, as the runner starts it).
 * With Symfony installed ($argv[3] = 1), also Symfony's HttpCache serving its stored copy of the
 * page (HttpCache, Store, Request::createFromGlobals(), handle(), send(), terminate(): what
 * httpcache.php runs per request), so both are compared without php-fpm's own cost per request,
 * which is the same for every subject. Prints JSON: µs per operation.
 */
$app = $argv[1];
$n = (int)($argv[2] ?? 2000);
$_SERVER = array_merge($_SERVER, [
    'REQUEST_METHOD' => 'GET', 'HTTP_HOST' => 'shop.test', 'SERVER_NAME' => 'shop.test', 'SERVER_PORT' => '80',
    'REQUEST_URI' => '/tagcache.php', 'SCRIPT_NAME' => '/tagcache.php', 'QUERY_STRING' => '',
    'HTTP_USER_AGENT' => 'tagcache-bench', 'HTTP_ACCEPT' => 'text/html', 'SERVER_PROTOCOL' => 'HTTP/1.1',
]);
$dir = "$app/cache/tagcache";
$time = function (callable $op) use ($n): float {
    $op();
    $t = hrtime(true);
    for ($i = 0; $i < $n; $i++) {
        $op();
    }
    return (hrtime(true) - $t) / $n / 1e3;
};
$out = [];
$out['floor: headers + readfile()'] = $time(function () use ($app) {
    ob_start();
    include "$app/floor.php";
    ob_end_clean();
});
$hits = 0;
$out['PageCache: construct + serve() (hit)'] = $time(function () use ($dir, &$hits) {
    ob_start();
    $hits += (new TagCache\Page\PageCache(null, ['cacheDirectory' => $dir]))->serve() ? 1 : 0;
    ob_end_clean();
});
$out['of which: construct only (default storage: StringFrontend + FileBackend)'] = $time(function () use ($dir) {
    new TagCache\Page\PageCache(null, ['cacheDirectory' => $dir]);
});
$out['of which: StringFrontend + FileBackend alone'] = $time(function () use ($dir) {
    new TagCache\Frontend\StringFrontend('tagcache_page', new TagCache\Backend\FileBackend(['cacheDirectory' => $dir]));
});
$out['of which: serve() (key, get, replay; the difference)'] = $out['PageCache: construct + serve() (hit)']
    - $out['of which: construct only (default storage: StringFrontend + FileBackend)'];
$kernelRuns = null;
if (($argv[3] ?? '0') === '1') {
    require "$app/httpcache_kernel.php";
    $runs = fn() => strlen((string)@file_get_contents("$app/runs-httpcache"));
    $before = $runs();
    // as php-fpm passes them: Request's base URL, and so HttpCache's key, is made from these
    $server = ['REQUEST_URI' => '/httpcache.php', 'SCRIPT_NAME' => '/httpcache.php', 'PHP_SELF' => '/httpcache.php',
               'SCRIPT_FILENAME' => "$app/httpcache.php", 'DOCUMENT_ROOT' => $app] + $_SERVER;
    $out['Symfony HttpCache: construct + handle() + send() + terminate() (hit)'] = $time(function () use ($app, $server) {
        $_SERVER = $server;
        ob_start();
        $kernel = new Symfony\Component\HttpKernel\HttpCache\HttpCache(new PageKernel(), new Symfony\Component\HttpKernel\HttpCache\Store("$app/cache/httpcache"));
        $request = Symfony\Component\HttpFoundation\Request::createFromGlobals();
        $response = $kernel->handle($request);
        $response->send();
        $kernel->terminate($request, $response);
        ob_end_clean();
    });
    $kernelRuns = $runs() - $before;
}
echo json_encode(['us' => $out, 'hits' => $hits, 'n' => $n, 'kernelRuns' => $kernelRuns, 'peakMemory' => memory_get_peak_usage()]), "\n";
