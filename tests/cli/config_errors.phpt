--TEST--
tagcache command: a missing, unreadable, broken or ill-typed configuration file exits 2 with an error naming the file, the key and the rule; --config wins over TAGCACHE_CONFIG, which is used without it
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
if (getenv('USE_ZEND_ALLOC') === '0') die('skip slow under valgrind (about 20 child processes)');
if (!function_exists('proc_open')) die('skip proc_open is disabled');
?>
--FILE--
<?php
require __DIR__ . '/cli_helpers.inc';
$dir = tc_tmpdir('cli-config');
$good = tc_cli_config($dir, "<?php return ['caches' => ['pages' => ['backend' => TagCache\\Backend\\TransientMemoryBackend::class]]];", 'good.php');

$cases = [
    'syntax error' => "<?php return ['caches' => [;",
    'returns a string' => "<?php return 'caches';",
    'returns nothing' => "<?php\n",
    'throws' => "<?php throw new RuntimeException('no database');",
    'unknown key' => "<?php return ['cache' => []];",
    'caches not an array' => "<?php return ['caches' => 5];",
    'proxies not strings' => "<?php return ['proxies' => ['127.0.0.1:6081', 6082]];",
    'node without name' => "<?php return ['node' => ['options' => []]];",
    'node unknown key' => "<?php return ['node' => ['name' => 'a', 'proxy' => 'x']];",
    'node options not an array' => "<?php return ['node' => ['name' => 'a', 'options' => 'x']];",
    'warmer not callable' => "<?php return ['warmers' => ['home' => 'NoSuchWarmerClass']];",
    'warmer an int' => "<?php return ['warmers' => ['home' => 42]];",
    'fpm unknown key' => "<?php return ['fpm' => ['sock' => '/run/php.sock']];",
    'fpm socket empty' => "<?php return ['fpm' => ['socket' => '']];",
    'bad backend class' => "<?php return ['caches' => ['pages' => ['backend' => 'NoSuchBackend']]];",
    'bad manager option' => "<?php return ['caches' => ['pages' => []], 'manager' => ['cacheDir' => '/tmp']];",
];
foreach ($cases as $label => $php) {
    $file = tc_cli_config($dir, $php, 'c' . md5($label) . '.php');
    $r = tc_cli(['--config', $file, 'caches']);
    echo "$label: exit {$r['exit']} | ", str_replace($file, 'FILE', trim($r['err'])), "\n";
}

$r = tc_cli(['--config', "$dir/missing.php", 'gc']);
echo "missing: exit {$r['exit']} | ", str_replace($dir, 'DIR', trim($r['err'])), "\n";
$r = tc_cli(['--config', $dir, 'gc']);
echo "directory: exit {$r['exit']} | ", str_replace($dir, 'DIR', trim($r['err'])), "\n";
tc_cli_show('no configuration', tc_cli(['gc']));
tc_cli_show('unknown cache', tc_cli(['--config', $good, 'flush-cache', 'nope']));

// JSON: the error is in the document, stdout stays one JSON value
$r = tc_cli(['--json', '--config', "$dir/missing.php", 'caches']);
echo "JSON: exit {$r['exit']}, ok ", var_export($r['json']['ok'], true), ', ', str_replace($dir, 'DIR', $r['json']['error']), "\n";

// TAGCACHE_CONFIG is used without --config; --config wins over it
$r = tc_cli(['caches', '--json'], ['TAGCACHE_CONFIG' => $good]);
echo "env: exit {$r['exit']}, caches ", implode(',', array_column($r['json']['caches'], 'cache')), "\n";
$r = tc_cli(['caches', '--config', "$dir/missing.php"], ['TAGCACHE_CONFIG' => $good]);
echo "--config over env: exit {$r['exit']}\n";
$noisy = tc_cli_config($dir, "<?php echo 'loading the app'; return [];", 'noisy.php');
$r = tc_cli(['--config', $noisy, 'caches', '--json']);
echo "a file that prints: exit {$r['exit']}, JSON ", $r['json'] !== null ? 'intact' : 'broken', ", stderr '{$r['err']}'\n";
$r = tc_cli(['caches', "--config=$good", '--json']);
echo "--config=FILE: exit {$r['exit']}, caches ", implode(',', array_column($r['json']['caches'], 'cache')), "\n";
?>
--EXPECTF--
syntax error: exit 2 | tagcache: configuration file FILE: PHP syntax error on line 1: syntax error, unexpected token ";", expecting "]"
returns a string: exit 2 | tagcache: configuration file FILE must return an array; it returned string
returns nothing: exit 2 | tagcache: configuration file FILE must return an array; it returned int
throws: exit 2 | tagcache: configuration file FILE threw RuntimeException: no database
unknown key: exit 2 | tagcache: configuration FILE: key "cache" is unknown; the keys are caches, manager, proxies, proxyOptions, bus, node, warmers, fpm
caches not an array: exit 2 | tagcache: configuration FILE: key "caches" must be an array of cache configurations (as CacheManager takes them); got int
proxies not strings: exit 2 | tagcache: configuration FILE: key "proxies[1]" must be a proxy address ("host:port") as a non-empty string; got int
node without name: exit 2 | tagcache: configuration FILE: key "node.name" must be a non-empty string (the node's name, unique per server and application); got null
node unknown key: exit 2 | tagcache: configuration FILE: key "node.proxy" is unknown; node takes "name" and "options"
node options not an array: exit 2 | tagcache: configuration FILE: key "node.options" must be an array of Node options; got string
warmer not callable: exit 2 | tagcache: configuration FILE: key "warmers.home" must be a callable or the name of a class with __invoke(CacheManager); got "NoSuchWarmerClass" (no such function or invokable class)
warmer an int: exit 2 | tagcache: configuration FILE: key "warmers.home" must be a callable or the name of a class with __invoke(CacheManager); got int
fpm unknown key: exit 2 | tagcache: configuration FILE: key "fpm.sock" is unknown; fpm takes "socket" and "scriptDir"
fpm socket empty: exit 2 | tagcache: configuration FILE: key "fpm.socket" must be a non-empty string; got string
bad backend class: exit 2 | tagcache: configuration FILE: key "caches.pages" is invalid: Cache "pages": backend class "NoSuchBackend" does not exist
bad manager option: exit 2 | tagcache: configuration FILE: key "caches" is invalid: CacheManager has no option "cacheDir"; known options: %s
missing: exit 2 | tagcache: configuration file DIR/missing.php does not exist
directory: exit 2 | tagcache: configuration file DIR is not a file
no configuration: exit 2 | tagcache: no configuration: give --config FILE or set TAGCACHE_CONFIG
unknown cache: exit 2 | tagcache: no cache "nope" in configuration %s/good.php; its caches: pages
JSON: exit 2, ok false, configuration file DIR/missing.php does not exist
env: exit 0, caches pages
--config over env: exit 2
a file that prints: exit 0, JSON intact, stderr 'loading the app'
--config=FILE: exit 0, caches pages
