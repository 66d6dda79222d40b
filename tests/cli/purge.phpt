--TEST--
tagcache command: purge-tags and purge-urls reach every proxy (exit 0); some proxies down is exit 3 naming them, all down exit 1; --json lists purged proxies and failures; no proxies configured is exit 2
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
if (getenv('USE_ZEND_ALLOC') === '0') die('skip slow under valgrind (proxies and 8 child processes)');
if (!function_exists('proc_open')) die('skip proc_open is disabled');
?>
--FILE--
<?php
require __DIR__ . '/cli_helpers.inc';
require __DIR__ . '/../http_helpers.inc';
$dir = tc_tmpdir('cli-purge');
$a = tc_fake_proxy('200');
$b = tc_fake_proxy('200');
$dead = '127.0.0.1:' . tc_http_free_port();
$opts = "'proxyOptions' => ['secondSendDelay' => 0, 'connectTimeout' => 1.0, 'timeout' => 3.0]";
$good = tc_cli_config($dir, "<?php return ['proxies' => ['{$a['addr']}', '{$b['addr']}'], $opts];", 'good.php');
$some = tc_cli_config($dir, "<?php return ['proxies' => ['{$a['addr']}', '$dead'], $opts];", 'some.php');
$none = tc_cli_config($dir, "<?php return ['proxies' => ['$dead'], $opts];", 'none.php');
$empty = tc_cli_config($dir, "<?php return [];", 'empty.php');
$seen = function (array $proxy): string {
    return implode(', ', array_map(fn ($r) => $r['method'] . ' ' . $r['target'],
        ($proxy['requests'])()));
};

$r = tc_cli(['--config', $good, 'purge-tags', 'product-1', 'page-2', '--progress']);
echo "purge-tags: exit {$r['exit']}, ", str_replace([$a['addr'], $b['addr']], ['A', 'B'], $r['out']);
echo "  progress: ", trim($r['err']), "\n";
echo "  A saw: ", $seen($a), "\n  B saw: ", $seen($b), "\n";
$tagged = array_filter(($a['requests'])()[0]['headers'], fn ($h) => str_contains($h[1], 'product-1') && str_contains($h[1], 'page-2'));
echo "  A's BAN names both tags: ", $tagged ? 'yes' : 'no', "\n";
$r = tc_cli(['--config', $good, 'purge-urls', '/news/1', 'http://example.org/about', '--json']);
echo "purge-urls --json: exit {$r['exit']}, requests {$r['json']['requests']}, purged ", count($r['json']['purged']), " proxies\n";
echo "  B saw: ", $seen($b), "\n";

$r = tc_cli(['--config', $some, 'purge-tags', 'x', '--json']);
echo "one proxy down: exit {$r['exit']}, purged ", str_replace($a['addr'], 'A', implode(',', $r['json']['purged'])),
    ", failed ", str_replace($dead, 'DEAD', implode(',', array_keys($r['json']['failures']))), "\n";
echo "  error: ", str_replace($dead, 'DEAD', $r['json']['error']), "\n";
$r = tc_cli(['--config', $none, 'purge-urls', '/x']);
echo "all down: exit {$r['exit']}, ", str_replace($dead, 'DEAD', preg_replace('/\(.*\)$/', '(...)', trim($r['err']))), "\n";
tc_cli_show('no proxies', tc_cli(['--config', $empty, 'purge-tags', 'x']));
?>
--EXPECTF--
purge-tags: exit 0, purged on A, B (1 requests each)
  progress: purging: 1 requests to 2 proxies
  A saw: BAN /
  B saw: BAN /
  A's BAN names both tags: yes
purge-urls --json: exit 0, requests 2, purged 2 proxies
  B saw: BAN /, PURGE /news/1, PURGE /about
one proxy down: exit 3, purged A, failed DEAD
  error: 1 of 2 proxies failed (DEAD: unreachable: %s)
all down: exit 1, tagcache: proxies failed (...)
no proxies: exit 2 | tagcache: configuration %s/empty.php: key "proxies" is needed for this command (a list of "host:port")
