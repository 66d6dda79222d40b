<?php
/*
 * The page family (benchmarks/run page): serving a stored page through php-fpm, tagcache's
 * PageCache against Symfony HttpKernel's HttpCache and against the floor (PHP sending the same
 * bytes from a plain file), and the same page through nginx + php-fpm on loopback, with nginx's
 * own proxy_cache for comparison. Starts php-fpm and nginx in a temporary folder and stops them
 * by PID at the end. Prints markdown tables; exits 1 when a subject answered wrongly.
 *
 *   php -d extension=modules/tagcache.so benchmarks/page.php [--quick]
 */
require_once __DIR__ . '/../tests/fpm_helpers.inc';
require_once __DIR__ . '/../tests/varnish_helpers.inc';
require_once __DIR__ . '/page/load.php';

$quick = in_array('--quick', $argv, true);
$cfg = $quick
    ? ['rounds' => 1, 'warmup' => 20, 'requests' => 200]
    : ['rounds' => 5, 'warmup' => 500, 'requests' => 4000];
$workers = 4;       // php-fpm static pool (the machine has 2 cores)
$fcgiConns = 8;   // concurrent requests, as through nginx
$httpConns = 8;

foreach ([['php-fpm', tc_fpm_binary()], ['nginx', is_executable('/usr/sbin/nginx') ? '/usr/sbin/nginx' : null]] as [$name, $bin]) {
    if ($bin === null) {
        fwrite(STDERR, "benchmarks/page.php: $name is not installed, the page family cannot run\n");
        exit(1);
    }
}
$autoload = __DIR__ . '/peers/vendor/autoload.php';
$symfony = is_file(__DIR__ . '/peers/vendor/symfony/http-kernel/HttpCache/HttpCache.php');
$notes = [];
if (!$symfony) {
    $notes[] = 'Symfony HttpKernel is not installed in benchmarks/peers/vendor (`benchmarks/run page` installs it; the smoke test stays off the network): its rows are left out.';
}

// the folder: front controllers, the page, both caches; on TAGCACHE_BENCH_DIR when given
$base = rtrim(getenv('TAGCACHE_BENCH_DIR') ?: sys_get_temp_dir(), '/');
$dir = "$base/tagcache-bench-page-" . getmypid() . '-' . bin2hex(random_bytes(4));
mkdir("$dir/app/cache", 0755, true);
mkdir("$dir/fpm", 0700);
register_shutdown_function(fn() => register_shutdown_function(fn() => exec('rm -rf ' . escapeshellarg($dir))));
$app = "$dir/app";
foreach (['floor.php', 'tagcache.php', 'tagcache_shm.php', 'httpcache.php', 'httpcache_kernel.php'] as $file) {
    copy(__DIR__ . "/page/$file", "$app/$file");
}
file_put_contents("$app/autoload.php", "<?php\nrequire " . var_export($autoload, true) . ";\n");
$page = page_html();
file_put_contents("$app/page.html", $page);

// php-fpm as in production: OPcache on, the usual shared extensions Symfony may use
$fpm = tc_fpm_start($workers, ['opcache.enable' => '1', 'opcache.memory_consumption' => '64'], "$dir/fpm", [], [
    '-d', 'zend_extension=opcache.so', '-d', 'extension=ctype.so', '-d', 'extension=mbstring.so',
    '-d', 'extension=iconv.so', '-d', 'extension=posix.so',
]);
$nginx = page_nginx_start($app, $fpm['port']);

$fcgi = fn(string $script, string $query = '') => PageLoad::fcgiRequest([
    'GATEWAY_INTERFACE' => 'CGI/1.1', 'SERVER_PROTOCOL' => 'HTTP/1.1', 'REQUEST_METHOD' => 'GET',
    'SCRIPT_FILENAME' => "$app/$script", 'SCRIPT_NAME' => "/$script",
    'REQUEST_URI' => "/$script" . ($query !== '' ? "?$query" : ''), 'QUERY_STRING' => $query,
    'DOCUMENT_ROOT' => $app, 'SERVER_NAME' => 'shop.test', 'SERVER_ADDR' => '127.0.0.1', 'SERVER_PORT' => '80',
    'REMOTE_ADDR' => '127.0.0.1', 'REMOTE_PORT' => '40000', 'HTTP_HOST' => 'shop.test',
    'HTTP_USER_AGENT' => 'tagcache-bench', 'HTTP_ACCEPT' => 'text/html',
]);
$http = fn(string $path) => PageLoad::httpRequest($path, 'shop.test');

// [label, protocol, port, request, runs counter that must not move, response check]
$fpmSubjects = [
    'floor' => ['floor: readfile() of the same bytes and headers', 'fcgi', $fpm['port'], $fcgi('floor.php'), null],
    'tagcache' => ['tagcache PageCache hit (default storage: FileBackend)', 'fcgi', $fpm['port'], $fcgi('tagcache.php'), 'tagcache'],
    'shm' => ['tagcache PageCache hit, SharedMemoryBackend storage', 'fcgi', $fpm['port'], $fcgi('tagcache_shm.php'), 'tagcache-shm'],
];
$stackSubjects = [
    'floor' => ['floor: readfile() of the same bytes', 'http', $nginx['port'], $http('/floor.php'), null],
    'tagcache' => ['cached page: PageCache hit', 'http', $nginx['port'], $http('/tagcache.php'), 'tagcache'],
];
if ($symfony) {
    $fpmSubjects['httpcache'] = ['Symfony HttpCache hit (Store on disk)', 'fcgi', $fpm['port'], $fcgi('httpcache.php'), 'httpcache'];
    $stackSubjects['httpcache'] = ['Symfony HttpCache hit', 'http', $nginx['port'], $http('/httpcache.php'), 'httpcache'];
}
$stackSubjects['miss'] = ['uncached page: PageCache miss (doNotCache), then the application sends the page', 'http', $nginx['port'], $http('/tagcache.php?miss=1'), null];
$stackSubjects['nginx'] = ['nginx proxy_cache hit (in front of the PageCache page)', 'http', $nginx['port'], $http('/nginx-cache/tagcache.php'), null];

$failed = false;
// prime: the first request of each cached subject stores the page (the application runs once)
foreach ([...array_values($fpmSubjects), ...array_values($stackSubjects)] as [$label, $proto, $port, $request]) {
    for ($i = 0; $i < 2; $i++) {
        $r = PageLoad::run($proto, $port, $request, 1, 1)['last'];
    }
    if ($r['status'] !== 200 || $r['body'] !== $page) {
        fwrite(STDERR, "benchmarks/page.php: $label answered {$r['status']} with " . strlen($r['body']) . " bytes, not the page\n"
            . @file_get_contents("$dir/fpm/php-errors.log"));
        $failed = true;
    }
}
$nginxHit = PageLoad::run('http', $nginx['port'], $stackSubjects['nginx'][3], 1, 1)['last']['headers']['x-cache-status'] ?? '';
if ($nginxHit !== 'HIT') {
    fwrite(STDERR, "benchmarks/page.php: nginx's proxy_cache did not answer HIT but \"$nginxHit\"\n");
    $failed = true;
}
$runsBefore = page_runs($app);

$start = microtime(true);
$fpmWorkers = array_map('intval', preg_split('/\s+/', trim((string)shell_exec('pgrep -P ' . (int)proc_get_status($fpm['proc'])['pid']))));
$fpmResults = page_measure($fpmSubjects, $cfg, $fcgiConns, $fpmWorkers);
$nginxMaster = (int)@file_get_contents($nginx['dir'] . '/nginx.pid');
$nginxWorkers = array_map('intval', preg_split('/\s+/', trim((string)shell_exec("pgrep -P $nginxMaster"))));
$stackResults = page_measure($stackSubjects, $cfg, $httpConns, [...$fpmWorkers, ...$nginxWorkers]);
$seconds = microtime(true) - $start;

// where a hit's time goes, in one CLI process on the cache php-fpm filled (a diagnostic)
$inprocess = json_decode((string)shell_exec(implode(' ', array_map('escapeshellarg', [PHP_BINARY, '-n', '-d', 'extension=' . tc_fpm_extension(),
    '-d', 'zend_extension=opcache.so', '-d', 'opcache.enable_cli=1',
    __DIR__ . '/page/inprocess.php', $app, (string)($quick ? 200 : 5000), $symfony ? '1' : '0']))), true);
$runsAfter = page_runs($app);
foreach (array_keys($runsAfter) as $who) {
    if ($runsAfter[$who] !== $runsBefore[$who]) {
        fwrite(STDERR, "benchmarks/page.php: the $who application ran " . ($runsAfter[$who] - $runsBefore[$who]) . " times during the hits\n");
        $failed = true;
    }
}
$errors = trim((string)@file_get_contents("$dir/fpm/php-errors.log"));
if ($errors !== '') {
    fwrite(STDERR, "benchmarks/page.php: php-fpm logged errors:\n$errors\n");
    $failed = true;
}

// report
$kib = round(strlen($page) / 1024, 1);
echo "## Page cache\n\n";
echo "### Through php-fpm (FastCGI straight to the pool: $fcgiConns concurrent requests, a connection each, $workers workers)\n\n";
page_table($fpmResults, $fpmSubjects);
echo "\n";
foreach (['rps' => 'wall time per request (1/rps)', 'cpu' => 'php-fpm CPU per request'] as $by => $what) {
    $tcFloor = page_ratio($fpmResults, 'tagcache', 'floor', $by);
    echo "- $what, median of the rounds' ratios: tagcache ÷ floor **" . page_fmt_ratio($tcFloor) . '** (goal ≤ 1.3×: '
        . ($tcFloor <= 1.3 ? 'met' : 'missed') . ')';
    if (isset($fpmResults['httpcache'])) {
        $hcTc = page_ratio($fpmResults, 'httpcache', 'tagcache', $by);
        echo '; HttpCache ÷ tagcache **' . page_fmt_ratio($hcTc) . '** (goal ≥ 5×: ' . ($hcTc >= 5 ? 'met' : 'missed') . ')';
    }
    echo "\n";
}
if (!is_array($inprocess) || $inprocess['hits'] < $inprocess['n'] || ($inprocess['kernelRuns'] ?? 0) !== ($symfony ? 0 : null)) {
    // the Symfony kernel must not run: HttpCache serves the copy php-fpm stored
    fwrite(STDERR, "benchmarks/page.php: the in-process hit did not hit: " . json_encode($inprocess) . "\n");
    $failed = true;
} else {
    echo "\nIn one CLI process (OPcache on; output buffered; µs per operation, medians of 7 interleaved rounds, {$inprocess['n']} operations per subject): ";
    echo implode('; ', array_map(fn($k, $v) => sprintf('%s %.1f', $k, $v), array_keys($inprocess['us']), $inprocess['us'])), ".\n";
    $tcFloor = $inprocess['ratios']['tagcache/floor'];
    echo "\n- in one process, median of the rounds' ratios: tagcache ÷ floor **" . page_fmt_ratio($tcFloor) . '** (goal ≤ 1.3×: ' . ($tcFloor <= 1.3 ? 'met' : 'missed') . ')';
    if ($symfony) {
        $hcTc = $inprocess['ratios']['httpcache/tagcache'];
        echo '; HttpCache ÷ tagcache **' . page_fmt_ratio($hcTc) . '** (goal ≥ 5×: ' . ($hcTc >= 5 ? 'met' : 'missed') . ')';
    }
    echo sprintf(" (peak memory of the process %.1f MiB)\n", $inprocess['peakMemory'] / 1048576);
}
echo "\n### Through nginx + php-fpm (HTTP/1.1, $httpConns keep-alive connections to nginx, 1 nginx worker)\n\n";
page_table($stackResults, $stackSubjects, 'php-fpm + nginx');
echo "\n";
foreach ($notes as $note) {
    echo "- $note\n";
}
printf("- A page of %s KiB (%d bytes) with 6 headers; %d round(s) of %d requests per subject after %d untimed, subjects interleaved per round; "
    . "figures are medians over the rounds. The load generator is one PHP process on the same machine. "
    . "CPU per request: user + system time of the php-fpm workers (and nginx's worker) from /proc over a round ÷ its requests (10 ms ticks). %.0f s.\n",
    $kib, strlen($page), $cfg['rounds'], $cfg['requests'], $cfg['warmup'], $seconds);
exit($failed ? 1 : 0);

/** A fixed page of about 20 KiB: a product list. */
function page_html(): string
{
    $html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Products</title>"
        . "<link rel=\"stylesheet\" href=\"/assets/site.css\"></head>\n<body><main><h1>Products</h1><ul class=\"products\">\n";
    for ($i = 1; strlen($html) < 20300; $i++) {
        $html .= sprintf("<li class=\"product\" data-id=\"%d\"><a href=\"/products/%d\">Product %d</a>"
            . "<span class=\"price\">%d.%02d EUR</span><p>Hand-made item number %d, in stock.</p></li>\n",
            $i, $i, $i, 10 + $i * 7 % 90, $i * 13 % 100, $i);
    }
    return $html . "</ul></main></body></html>\n";
}

/** How many times each application ran (its front controller appends a byte per run). */
function page_runs(string $app): array
{
    clearstatcache();
    $runs = [];
    foreach (['tagcache', 'tagcache-shm', 'httpcache'] as $who) {
        $runs[$who] = (int)@filesize("$app/runs-$who");
    }
    return $runs;
}

/** nginx in front of php-fpm; /nginx-cache/ goes through proxy_cache to the same server. */
function page_nginx_start(string $app, int $fpmPort): array
{
    $dir = tc_varnish_subdir('nginx');
    $port = tc_reserved_port();
    $user = function_exists('posix_geteuid') && posix_geteuid() === 0 ? 'user root;' : '';
    $params = '';
    foreach (['SCRIPT_FILENAME' => '$document_root$fastcgi_script_name', 'SCRIPT_NAME' => '$fastcgi_script_name',
              'QUERY_STRING' => '$query_string', 'REQUEST_METHOD' => '$request_method', 'CONTENT_TYPE' => '$content_type',
              'CONTENT_LENGTH' => '$content_length', 'REQUEST_URI' => '$request_uri', 'DOCUMENT_ROOT' => '$document_root',
              'SERVER_PROTOCOL' => '$server_protocol', 'GATEWAY_INTERFACE' => 'CGI/1.1', 'REMOTE_ADDR' => '$remote_addr',
              'REMOTE_PORT' => '$remote_port', 'SERVER_ADDR' => '$server_addr', 'SERVER_PORT' => '$server_port',
              'SERVER_NAME' => '$server_name'] as $name => $value) {
        $params .= "            fastcgi_param $name $value;\n";
    }
    file_put_contents("$dir/nginx.conf", <<<CONF
        $user
        daemon off;
        master_process on;
        worker_processes 1;
        pid $dir/nginx.pid;
        error_log $dir/error.log warn;
        events { worker_connections 1024; }
        http {
            access_log off;
            keepalive_requests 1000000;
            client_body_temp_path $dir/body;
            fastcgi_temp_path $dir/fastcgi;
            proxy_temp_path $dir/proxy;
            uwsgi_temp_path $dir/uwsgi;
            scgi_temp_path $dir/scgi;
            proxy_cache_path $dir/cache levels=1:2 keys_zone=pages:10m max_size=100m inactive=1h;
            server {
                listen 127.0.0.1:$port;
                server_name shop.test;
                root $app;
                location ~ \.php$ {
                    fastcgi_pass 127.0.0.1:$fpmPort;
        $params        }
                location ^~ /nginx-cache/ {
                    proxy_pass http://127.0.0.1:$port/;
                    proxy_set_header Host \$host;
                    proxy_http_version 1.1;
                    proxy_cache pages;
                    proxy_cache_valid 200 1h;
                    add_header X-Cache-Status \$upstream_cache_status;
                }
            }
        }

        CONF);
    $group = tc_varnish_spawn(['/usr/sbin/nginx', '-p', $dir, '-c', "$dir/nginx.conf", '-e', "$dir/error.log"], "$dir/nginx.out");
    $up = tc_varnish_poll(fn() => !tc_varnish_alive($group)
        || (tc_raw_http($port, 'GET', '/floor.php', ['Host' => 'shop.test'], '', 2.0)['status'] ?? 0) === 200, 20, 0.05);
    if (!$up || !tc_varnish_alive($group)) {
        tc_varnish_kill_group($group);
        throw new RuntimeException("nginx did not start on port $port:\n" . @file_get_contents("$dir/error.log") . @file_get_contents("$dir/nginx.out"));
    }
    return ['port' => $port, 'dir' => $dir, 'group' => $group];
}

/** CPU seconds (user + system) the processes $pids used so far. */
function page_cpu(array $pids): float
{
    $ticks = 0;
    foreach ($pids as $pid) {
        $stat = (string)@file_get_contents("/proc/$pid/stat");
        $fields = explode(' ', substr($stat, (int)strrpos($stat, ')') + 2));
        $ticks += (int)($fields[11] ?? 0) + (int)($fields[12] ?? 0); // utime, stime
    }
    return $ticks / 100; // USER_HZ
}

/**
 * Rounds of every subject in turn (the order rotated per round): per subject and round rps,
 * p50, p99, and the CPU time the php-fpm workers spent per request.
 */
function page_measure(array $subjects, array $cfg, int $conns, array $workers): array
{
    $keys = array_keys($subjects);
    $out = [];
    for ($round = 0; $round < $cfg['rounds']; $round++) {
        $order = [...array_slice($keys, $round % count($keys)), ...array_slice($keys, 0, $round % count($keys))];
        foreach ($order as $key) {
            [, $proto, $port, $request] = $subjects[$key];
            PageLoad::run($proto, $port, $request, $conns, $cfg['warmup']);
            $cpu = page_cpu($workers);
            $r = PageLoad::run($proto, $port, $request, $conns, $cfg['requests']);
            $cpu = page_cpu($workers) - $cpu;
            $lat = $r['latencies'];
            sort($lat);
            $out[$key][$round] = [
                'rps' => count($lat) / $r['seconds'],
                'p50' => $lat[(int)floor(0.50 * (count($lat) - 1))],
                'p99' => $lat[(int)floor(0.99 * (count($lat) - 1))],
                'cpu' => $cpu / count($lat),
            ];
        }
    }
    return $out;
}

function page_median(array $values): float
{
    sort($values);
    $n = count($values);
    return $n % 2 ? $values[intdiv($n, 2)] : ($values[$n / 2 - 1] + $values[$n / 2]) / 2;
}

/**
 * $a's time per request ÷ $b's: the median over the rounds of rps(b) ÷ rps(a) in that round;
 * with 'cpu': of the workers' CPU time per request.
 */
function page_ratio(array $results, string $a, string $b, string $by = 'rps'): float
{
    return page_median(array_map(fn($ra, $rb) => $by === 'rps' ? $rb['rps'] / $ra['rps'] : $ra['cpu'] / max($rb['cpu'], 1e-9),
        $results[$a], $results[$b]));
}

function page_table(array $results, array $subjects, string $cpu = 'php-fpm'): void
{
    $ref = 'tagcache';
    echo "| subject | requests/s | p50 | p99 | ÷ PageCache hit (1/rps) | $cpu CPU per request | ÷ PageCache hit (CPU) |\n|---|---|---|---|---|---|---|\n";
    foreach ($results as $key => $rounds) {
        printf("| %s | %s | %s | %s | %s | %s | %s |\n", $subjects[$key][0],
            number_format(page_median(array_column($rounds, 'rps'))),
            page_fmt_time(page_median(array_column($rounds, 'p50'))),
            page_fmt_time(page_median(array_column($rounds, 'p99'))),
            $key === $ref ? '1' : page_fmt_ratio(page_ratio($results, $key, $ref)),
            page_fmt_time(page_median(array_column($rounds, 'cpu'))),
            $key === $ref ? '1' : page_fmt_ratio(page_ratio($results, $key, $ref, 'cpu')));
    }
}

function page_fmt_time(float $s): string
{
    return $s >= 1e-3 ? sprintf('%.2f ms', $s * 1e3) : sprintf('%.0f µs', $s * 1e6);
}

function page_fmt_ratio(float $r): string
{
    return sprintf($r >= 10 ? '%.1f×' : '%.2f×', $r);
}
