--TEST--
tagcache command and the fleet bus: purge-tags --bus reaches the node's live proxy through bus:worker, the purge for a proxy that is down waits in its outbox, and bus:status shows that backlog (text and --json)
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
if (getenv('USE_ZEND_ALLOC') === '0') die('skip slow under valgrind (a long-running worker)');
require __DIR__ . '/../redis_helpers.inc';
tc_redis_skipif();
if (!function_exists('proc_open')) die('skip proc_open is disabled');
?>
--FILE--
<?php
require __DIR__ . '/cli_helpers.inc';
require __DIR__ . '/../redis_helpers.inc';
require __DIR__ . '/../http_helpers.inc';

$dir = tc_tmpdir('cli-outbox');
$redis = tc_redis_start();
$live = tc_fake_proxy('200');
$dead = '127.0.0.1:' . tc_http_free_port();
$config = tc_cli_config($dir, '<?php return ' . var_export([
    'proxies' => [$live['addr'], $dead],
    'proxyOptions' => ['secondSendDelay' => 0, 'connectTimeout' => 0.5],
    'bus' => ['port' => $redis['port'], 'stream' => 'cli-outbox', 'keepDirectory' => "$dir/keep"],
    'node' => ['name' => 'edge-1', 'options' => ['retryDelay' => 60.0]],
], true) . ';');
$cli = fn (string ...$args) => tc_cli(['--config', $config, ...$args]);

$worker = tc_cli_start(['--config', $config, 'bus:worker'], $dir);
echo "registered: ", var_export(tc_cli_wait(fn () => isset($cli('bus:status', '--json')['json']['nodes']['edge-1'])), true), "\n";
$r = $cli('purge-tags', 'product-7', '--bus');
echo "purge-tags --bus: exit {$r['exit']}, {$r['out']}";
echo "live proxy purged: ", var_export(tc_cli_wait(fn () => count(($live['requests'])()) === 1), true), "\n";
$backlog = fn () => $cli('bus:status', '--json')['json']['outbox'][$dead]['size'] ?? 0;
echo "dead proxy's outbox holds it: ", var_export(tc_cli_wait(fn () => $backlog() === 1), true), "\n";
$r = $cli('bus:status');
echo "text row: ", preg_match('/^' . preg_quote($dead, '/') . '\s+1\s+[\d.]+s\s+\d+\s+(in \d+s|-)\s+0$/m', $r['out']) ? 'ok' : "wrong:\n{$r['out']}", "\n";
echo "live proxy has no outbox entry: ", ($cli('bus:status', '--json')['json']['outbox'][$live['addr']]['size'] ?? 0) === 0 ? 'yes' : 'no', "\n";
echo "SIGTERM: exit ", tc_cli_stop($worker), "\n";
?>
--EXPECT--
registered: true
purge-tags --bus: exit 0, published the purge of tags product-7 to the bus
live proxy purged: true
dead proxy's outbox holds it: true
text row: ok
live proxy has no outbox entry: yes
SIGTERM: exit 0
