--TEST--
tagcache command and the fleet bus: bus:worker applies a clear published with --bus (local cache emptied, proxy purged), survives a Redis restart and applies the next one, stops on SIGTERM / SIGINT with exit 0; bus:status shows the node's lag; Redis down is exit 1 (the clear kept at exit, one warning), a bad --timeout or no node exit 2
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
require __DIR__ . '/../http_helpers.inc';

$dir = tc_tmpdir('cli-bus');
$redis = tc_redis_start();
$proxy = tc_fake_proxy('200');
$values = [
    'caches' => ['pages' => ['backend' => TagCache\Backend\FileBackend::class]],
    'manager' => ['cacheDirectory' => "$dir/cache"],
    'proxies' => [$proxy['addr']],
    'proxyOptions' => ['secondSendDelay' => 0],
    'bus' => ['hostname' => '127.0.0.1', 'port' => $redis['port'], 'stream' => 'cli-test', 'keepDirectory' => "$dir/keep", 'timeout' => 1.0],
    'node' => ['name' => 'web-1'],
];
$config = tc_cli_config($dir, '<?php return ' . var_export($values, true) . ';');
$cli = fn (string ...$args) => tc_cli(['--config', $config, ...$args]);
$pages = (new TagCache\CacheManager($values['caches'], $values['manager']))->getCache('pages');
$nodeKnown = function () use ($cli): bool {
    $s = $cli('bus:status', '--json');
    return $s['exit'] === 0 && isset($s['json']['nodes']['web-1']);
};

$worker = tc_cli_start(['--config', $config, 'bus:worker'], $dir);
echo "worker registered: ", var_export(tc_cli_wait($nodeKnown), true), "\n";

$pages->set('a', 'A', ['news']);
$pages->set('b', 'B', ['sport']);
$r = $cli('flush-tags', 'news', '--bus');
echo "flush-tags --bus: exit {$r['exit']}, {$r['out']}";
echo "applied by the worker: ", var_export(tc_cli_wait(fn () => !$pages->has('a')), true), ", b kept: ", $pages->has('b') ? 'yes' : 'no', "\n";
echo "proxy purged: ", var_export(tc_cli_wait(fn () => count(($proxy['requests'])()) >= 1), true), "\n";
tc_cli_wait(function () use ($cli) {
    $s = $cli('bus:status', '--json');
    return ($s['json']['nodes']['web-1']['lag'] ?? -1) === 0 && ($s['json']['nodes']['web-1']['pending'] ?? -1) === 0;
});
$r = $cli('bus:status', '--json');
echo "bus:status: exit {$r['exit']}, stream length {$r['json']['stream']['length']}, web-1 lag {$r['json']['nodes']['web-1']['lag']}, pending {$r['json']['nodes']['web-1']['pending']}, gap ",
    var_export($r['json']['nodes']['web-1']['gap'], true), "\n";
$r = $cli('bus:status');
echo "bus:status text: ", preg_match('/^web-1\s+0\s+0\s+no\s+\d+-\d+$/m', $r['out']) ? 'node row ok' : "node row wrong:\n{$r['out']}", "\n";

// Redis restarted (empty): the worker reconnects, registers again and applies the next clear
$redis = tc_redis_restart($redis);
echo "worker registered again: ", var_export(tc_cli_wait($nodeKnown), true), "\n";
$r = $cli('remove', 'pages', 'b', '--bus');
echo "remove --bus: exit {$r['exit']}; applied: ", var_export(tc_cli_wait(fn () => !$pages->has('b')), true), "\n";

$exit = tc_cli_stop($worker, SIGTERM);
$out = file_get_contents($worker['out']);
echo "SIGTERM: exit $exit, ", preg_match('/^node web-1: stopped \(SIGTERM\), applied (\d+), gaps \d+, errors (\d+)$/m', $out, $m)
    ? "applied {$m[1]}, errors " . ($m[2] > 0 ? 'some' : 'none') : "no stop line:\n$out", "\n";
echo "reconnection reported: ", str_contains(file_get_contents($worker['err']), 'retrying in') ? 'yes' : 'no', "\n";

$worker = tc_cli_start(['--config', $config, 'bus:worker', '--json'], $dir);
tc_cli_wait(fn () => false, 1.0); // let it start polling
$exit = tc_cli_stop($worker, SIGINT);
$doc = json_decode(file_get_contents($worker['out']), true);
echo "SIGINT --json: exit $exit, stopped {$doc['stopped']}, node {$doc['node']}, ok ", var_export($doc['ok'], true), "\n";
$r = $cli('bus:worker', '--timeout', '0.5', '--json');
echo "--timeout: exit {$r['exit']}, stopped {$r['json']['stopped']}\n";

tc_cli_show('bad --timeout', $cli('bus:worker', '--timeout', 'soon'));
$noNode = tc_cli_config($dir, '<?php return ' . var_export(['bus' => $values['bus']], true) . ';', 'nonode.php');
$r = tc_cli(['--config', $noNode, 'bus:worker']);
echo "no node: exit {$r['exit']} | ", str_replace($noNode, 'FILE', trim($r['err'])), "\n";
$noBus = tc_cli_config($dir, '<?php return [];', 'nobus.php');
$r = tc_cli(['--config', $noBus, 'bus:status']);
echo "no bus: exit {$r['exit']} | ", str_replace($noBus, 'FILE', trim($r['err'])), "\n";

tc_redis_stop($redis);
$r = $cli('bus:status');
echo "status with Redis down: exit {$r['exit']}\n";
$r = $cli('flush', '--bus', '--json');
echo "flush --bus with Redis down: exit {$r['exit']}, ", str_starts_with($r['json']['error'], 'publishing the flush of all caches failed: BusException') ? 'names the failure' : $r['json']['error'], "\n";
// onFailure "throw": the clear still pending at exit is kept, and the warning naming the folder is printed once
echo "kept at exit: ", (new TagCache\Bus\Bus($values['bus']))->countKept(), "; warnings: ", substr_count($r['err'], "kept in \"$dir/keep\""), "\n";
?>
--EXPECT--
worker registered: true
flush-tags --bus: exit 0, published the flush of tags news to the bus
applied by the worker: true, b kept: yes
proxy purged: true
bus:status: exit 0, stream length 1, web-1 lag 0, pending 0, gap false
bus:status text: node row ok
worker registered again: true
remove --bus: exit 0; applied: true
SIGTERM: exit 0, applied 2, errors some
reconnection reported: yes
SIGINT --json: exit 0, stopped SIGINT, node web-1, ok true
--timeout: exit 0, stopped timeout
bad --timeout: exit 2 | tagcache: option --timeout must be a number of seconds greater than 0; got "soon"
no node: exit 2 | tagcache: configuration FILE: key "node" is needed for this command (["name" => ..., "options" => [...]])
no bus: exit 2 | tagcache: configuration FILE: key "bus" is needed for this command (an array of TagCache\Bus\Bus options, [] for the defaults)
status with Redis down: exit 1
flush --bus with Redis down: exit 1, names the failure
kept at exit: 1; warnings: 1
