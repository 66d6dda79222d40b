<?php
/*
 * Where a hit's time goes, in one CLI process (a diagnostic beside the php-fpm figures): the
 * stored page of the front controller tagcache.php in the folder $argv[1] (stored there by
 * php-fpm), served again and again with its output buffered, against the floor's readfile()
 * and against building the page cache's default storage alone (OPcache on, as the runner starts it).
 * With Symfony installed ($argv[3] = 1), also Symfony's HttpCache serving its stored copy of the
 * page (HttpCache, Store, Request::createFromGlobals(), handle(), send(), terminate(): what
 * httpcache.php runs per request), so both are compared without php-fpm's own cost per request,
 * which is the same for every subject.
 * $argv[2] operations per subject, in 7 rounds with the subjects interleaved (the order rotated
 * each round); per subject the median of the rounds. Prints JSON: µs per operation, and the
 * median of the per-round ratios the goals name.
 */
$app = $argv[1];
$n = (int)($argv[2] ?? 2000);
$withSymfony = ($argv[3] ?? '0') === '1';
$_SERVER = array_merge($_SERVER, [
    'REQUEST_METHOD' => 'GET', 'HTTP_HOST' => 'shop.test', 'SERVER_NAME' => 'shop.test', 'SERVER_PORT' => '80',
    'REQUEST_URI' => '/tagcache.php', 'SCRIPT_NAME' => '/tagcache.php', 'QUERY_STRING' => '',
    'HTTP_USER_AGENT' => 'tagcache-bench', 'HTTP_ACCEPT' => 'text/html', 'SERVER_PROTOCOL' => 'HTTP/1.1',
]);
$tagcacheServer = $_SERVER;
$dir = "$app/cache/tagcache";
$hits = 0;
$ops = [
    'floor: headers + readfile()' => function () use ($app) {
        ob_start();
        include "$app/floor.php";
        ob_end_clean();
    },
    'PageCache: construct + serve() (hit)' => function () use ($dir, &$hits) {
        ob_start();
        $hits += (new TagCache\Page\PageCache(null, ['cacheDirectory' => $dir]))->serve() ? 1 : 0;
        ob_end_clean();
    },
    'of which: construct only (default storage: StringFrontend + FileBackend)' => function () use ($dir) {
        new TagCache\Page\PageCache(null, ['cacheDirectory' => $dir]);
    },
    'of which: StringFrontend + FileBackend alone' => function () use ($dir) {
        new TagCache\Frontend\StringFrontend('tagcache_page', new TagCache\Backend\FileBackend(['cacheDirectory' => $dir]));
    },
];
$kernelRuns = null;
if ($withSymfony) {
    require "$app/httpcache_kernel.php";
    $runs = fn() => strlen((string)@file_get_contents("$app/runs-httpcache"));
    $kernelRuns = -$runs();
    // as php-fpm passes them: Request's base URL, and so HttpCache's key, is made from these
    $server = ['REQUEST_URI' => '/httpcache.php', 'SCRIPT_NAME' => '/httpcache.php', 'PHP_SELF' => '/httpcache.php',
               'SCRIPT_FILENAME' => "$app/httpcache.php", 'DOCUMENT_ROOT' => $app] + $_SERVER;
    $ops['Symfony HttpCache: construct + handle() + send() + terminate() (hit)'] = function () use ($app, $server, $tagcacheServer) {
        $_SERVER = $server;
        ob_start();
        $kernel = new Symfony\Component\HttpKernel\HttpCache\HttpCache(new PageKernel(), new Symfony\Component\HttpKernel\HttpCache\Store("$app/cache/httpcache"));
        $request = Symfony\Component\HttpFoundation\Request::createFromGlobals();
        $response = $kernel->handle($request);
        $response->send();
        $kernel->terminate($request, $response);
        ob_end_clean();
        $_SERVER = $tagcacheServer;
    };
}

$rounds = 7;
$perRound = max(1, intdiv($n, $rounds));
$names = array_keys($ops);
$samples = array_fill_keys($names, []);
foreach ($ops as $op) {
    $op(); // untimed: autoloading, OPcache, first attach
}
for ($r = 0; $r < $rounds; $r++) {
    $order = [...array_slice($names, $r % count($names)), ...array_slice($names, 0, $r % count($names))];
    foreach ($order as $name) {
        $op = $ops[$name];
        $t = hrtime(true);
        for ($i = 0; $i < $perRound; $i++) {
            $op();
        }
        $samples[$name][] = (hrtime(true) - $t) / $perRound / 1e3;
    }
}
$median = function (array $v): float {
    sort($v);
    return $v[intdiv(count($v), 2)];
};
$us = array_map($median, $samples);
$ratio = fn(string $a, string $b) => $median(array_map(fn($x, $y) => $x / $y, $samples[$a], $samples[$b]));
$ratios = ['tagcache/floor' => $ratio('PageCache: construct + serve() (hit)', 'floor: headers + readfile()')];
if ($withSymfony) {
    $ratios['httpcache/tagcache'] = $ratio('Symfony HttpCache: construct + handle() + send() + terminate() (hit)', 'PageCache: construct + serve() (hit)');
    $kernelRuns += $runs();
}
echo json_encode(['us' => $us, 'ratios' => $ratios, 'hits' => $hits, 'n' => $perRound * $rounds + 1, 'kernelRuns' => $kernelRuns,
    'peakMemory' => memory_get_peak_usage()]), "\n";
