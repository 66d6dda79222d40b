<?php
/*
 * PhpFrontend::requireOnce against require_once of a plain .php file holding the same code
 * (a generated routes table, `return [...]`, about 50 KB).
 *
 * Method: the first include of a file is what a request pays, and it can only happen once per
 * process, so it is timed in fresh processes (php_code_child.php), one include each: with OPcache
 * off (the code is compiled every time) and with OPcache's file cache warmed by an untimed first
 * process (opcache.file_cache_only=1: the closest a CLI process gets to php-fpm's warm shared
 * memory). The median and the slowest of those processes are reported. A repeated call in the same
 * process (require_once semantics: nothing is run again) is timed in a loop like every other figure.
 */

use TagCache\Backend\FileBackend;
use TagCache\Frontend\PhpFrontend;

function php_code_payload(): string
{
    $routes = [];
    for ($i = 0; $i < 500; $i++) {
        $routes["blog_post_$i"] = ['path' => "/blog/{year}/post-$i", 'controller' => 'App\\Controller\\BlogController::show',
            'methods' => ['GET', 'HEAD'], 'requirements' => ['year' => '\\d{4}'], 'defaults' => ['_locale' => 'en', 'page' => $i]];
    }
    return 'return ' . var_export($routes, true) . ';';
}

/** @param Closure(string $scenario, string $subject, string $kind, array $result): void $record */
function scenario_php_code(BenchConfig $cfg, Closure $record): void
{
    $dir = bench_tmpdir('php-code');
    $code = php_code_payload();
    $fe = new PhpFrontend('Code', new FileBackend(['cacheDirectory' => "$dir/cache"]));
    $fe->set('routes', $code, ['routes']);
    file_put_contents("$dir/plain.php", "<?php\n$code\n");
    $tc = 'tagcache PhpFrontend(FileBackend)::requireOnce';
    $plain = 'floor: require_once of a plain .php file';

    $so = getenv('TAGCACHE_BENCH_SO') ?: dirname(__DIR__, 2) . '/modules/tagcache.so';
    $child = __DIR__ . '/php_code_child.php';
    $modes = [
        'OPcache off' => ['-d', 'opcache.enable_cli=0'],
        // file_update_protection=0: OPcache never caches a file younger than 2 s, and these are new
        'OPcache file cache warm' => ['-d', 'opcache.enable_cli=1', '-d', "opcache.file_cache=$dir/opcache",
            '-d', 'opcache.file_cache_only=1', '-d', 'opcache.validate_timestamps=1', '-d', 'opcache.file_update_protection=0'],
    ];
    mkdir("$dir/opcache");
    foreach ($modes as $mode => $ini) {
        foreach (['tc' => [$tc, 'tagcache'], 'plain' => [$plain, 'floor']] as $what => [$name, $kind]) {
            $cmd = array_merge([PHP_BINARY, '-d', "extension=$so"], $ini, [$child, $what, $dir]);
            php_code_child($cmd); // untimed: warms the file cache, the page cache and the disk
            $times = [];
            $peak = 0;
            for ($p = 0; $p < $cfg->processes; $p++) {
                $out = php_code_child($cmd);
                $times[] = $out['seconds'];
                $peak = max($peak, $out['peak']);
            }
            sort($times);
            $record("first requireOnce in a fresh process, $mode", $name, $kind, [
                'perOp' => bench_median($times), 'p50' => bench_median($times),
                'p99' => bench_percentile($times, 99), 'peak' => $peak, 'ops' => 1,
            ]);
        }
    }

    // repeated in one process: already included, so only the lookup is left
    $path = "$dir/plain.php";
    $first = $fe->requireOnce('routes');
    $again = $fe->requireOnce('routes');
    require_once $path;
    if (!is_array($first) || count($first) !== 500 || $again !== true) {
        throw new RuntimeException('requireOnce did not return the routes, then true');
    }
    $record('requireOnce again in the same process', $tc, 'tagcache', bench_measure($cfg, static function (int $i) use ($fe) {
        return $fe->requireOnce('routes');
    }));
    $record('requireOnce again in the same process', $plain, 'floor', bench_measure($cfg, static function (int $i) use ($path) {
        return require_once $path;
    }));
    bench_rmdir($dir);
}

/** @return array{seconds: float, peak: int} */
function php_code_child(array $cmd): array
{
    $out = shell_exec(implode(' ', array_map('escapeshellarg', $cmd)) . ' 2>&1');
    $data = json_decode((string) $out, true);
    if (!is_array($data)) {
        throw new RuntimeException('php_code_child failed: ' . trim((string) $out));
    }
    return $data;
}
