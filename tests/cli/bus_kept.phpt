--TEST--
tagcache command, clears kept while Redis is down (Bus option onFailure "keep"): --bus says so with exit 3 and names the folder; bus:publish-kept fails while Redis is down and keeps them; a bus:worker started once Redis is up publishes them and applies them (the other entries stay: no gap); bus:publish-kept publishes them too, once
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
if (getenv('USE_ZEND_ALLOC') === '0') die('skip slow under valgrind (a long-running worker, Redis restarts)');
require __DIR__ . '/../redis_helpers.inc';
tc_redis_skipif();
if (!function_exists('proc_open')) die('skip proc_open is disabled');
?>
--FILE--
<?php
require __DIR__ . '/cli_helpers.inc';
require __DIR__ . '/../redis_helpers.inc';

$dir = tc_tmpdir('cli-kept');
$port = tc_free_port(); // Redis is started on it later
$values = [
    'caches' => ['pages' => ['backend' => TagCache\Backend\FileBackend::class]],
    'manager' => ['cacheDirectory' => "$dir/cache"],
    'bus' => ['port' => $port, 'stream' => 'cli-kept', 'onFailure' => 'keep', 'keepDirectory' => "$dir/keep", 'timeout' => 1.0],
    'node' => ['name' => 'web-1'],
];
$config = tc_cli_config($dir, '<?php return ' . var_export($values, true) . ';');
$cli = fn (string ...$args) => tc_cli(['--config', $config, ...$args]);
$pages = (new TagCache\CacheManager($values['caches'], $values['manager']))->getCache('pages');
$bus = new TagCache\Bus\Bus($values['bus']);
$pages->set('a', 'A', ['news']);
$pages->set('b', 'B', ['sport']);

// Redis not running: the clear is kept, and the command says so
$r = $cli('flush-tags', 'news', '--bus', '--json');
echo "flush-tags --bus, Redis down: exit {$r['exit']}, kept: ", json_encode($r['json']['kept'] ?? null), ", warning names the folder: ",
    var_export(str_contains($r['json']['warnings'][0] ?? '', "Redis is unreachable: the flush of tags news is kept in $dir/keep (1 clear(s) kept)"), true), "\n";
$r = $cli('flush-tags', 'news', '--bus');
echo "text: exit {$r['exit']}, stdout '{$r['out']}', stderr names bus:publish-kept: ", var_export(str_contains($r['err'], 'bus:publish-kept'), true), "\n";
echo "countKept: ", $bus->countKept(), "; a still here: ", var_export($pages->has('a'), true), "\n";
$r = $cli('bus:publish-kept', '--json');
echo "bus:publish-kept, Redis down: exit {$r['exit']}, ", str_replace($dir, 'DIR', $r['json']['error'] ?? '?'), "; countKept: ", $bus->countKept(), "\n";

// Redis up (empty), a worker started: it registers, publishes what was kept and applies it
$redis = tc_redis_start([], $port);
$worker = tc_cli_start(['--config', $config, 'bus:worker'], $dir);
echo "applied by the worker: ", var_export(tc_cli_wait(fn () => !$pages->has('a')), true), ", b kept: ", $pages->has('b') ? 'yes' : 'no',
    ", countKept: ", $bus->countKept(), "\n";
$exit = tc_cli_stop($worker, SIGTERM);
$out = file_get_contents($worker['out']);
echo "worker: exit $exit, ", preg_match('/^node web-1: published 2 kept clear\(s\)$/m', $out) ? 'says it published them' : "no such line:\n$out",
    ", gaps: ", preg_match('/gaps 0, errors 0$/m', $out) ? 'none' : 'some', "\n";

// kept again, then published by the command
tc_redis_stop($redis);
$r = $cli('remove', 'pages', 'b', '--bus');
echo "remove --bus, Redis down: exit {$r['exit']}; countKept: ", $bus->countKept(), "\n";
$redis = tc_redis_start([], $port);
$r = $cli('bus:publish-kept', '--json');
echo "bus:publish-kept: exit {$r['exit']}, published {$r['json']['published']}, kept {$r['json']['kept']}; in the stream: ",
    tc_redis_cmd($redis, 'XLEN', 'cli-kept'), "\n";
$r = $cli('bus:publish-kept');
echo "again: exit {$r['exit']}, {$r['out']}";
tc_redis_stop($redis);
?>
--EXPECT--
flush-tags --bus, Redis down: exit 3, kept: "flush of tags news", warning names the folder: true
text: exit 3, stdout '', stderr names bus:publish-kept: true
countKept: 2; a still here: true
bus:publish-kept, Redis down: exit 1, Redis is unreachable: 2 kept clear(s) still wait in DIR/keep; countKept: 2
applied by the worker: true, b kept: yes, countKept: 0
worker: exit 0, says it published them, gaps: none
remove --bus, Redis down: exit 3; countKept: 1
bus:publish-kept: exit 0, published 1, kept 0; in the stream: 1
again: exit 0, published 0 kept clear(s)
