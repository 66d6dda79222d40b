--TEST--
tagcache command against real varnishd: purge-tags invalidates the tagged pages on both proxies and only those; purge-urls purges one URL (its host is the Host header)
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
require __DIR__ . '/../varnish_helpers.inc';
tc_varnish_skipif();
?>
--FILE--
<?php
require __DIR__ . '/cli_helpers.inc';
require __DIR__ . '/../varnish_helpers.inc';
$dir = tc_tmpdir('cli-varnish');
$origin = tc_origin_start();
$proxies = tc_varnish_start_many(2, 'ban', $origin);
$config = tc_cli_config($dir, '<?php return ' . var_export([
    'proxies' => array_map(fn ($v) => "127.0.0.1:{$v['port']}", $proxies),
    'proxyOptions' => ['secondSendDelay' => 0],
], true) . ';');
$pages = ['/page/a?tags=t1', '/page/b?tags=t2', '/page/c?tags=t1,t3'];
$look = function () use ($proxies, $pages): string {
    $out = [];
    foreach ($proxies as $i => $v) {
        foreach ($pages as $p) {
            $out[] = "v$i " . explode(' ', tc_varnish_get($v, $p))[0];
        }
    }
    return implode(', ', $out);
};
$look(); // fill both caches; the GETs send "Host: localhost"
echo "cached:      ", $look(), "\n";
$r = tc_cli(['--config', $config, 'purge-tags', 't1', '--json']);
echo "purge-tags t1: exit {$r['exit']}, purged on ", count($r['json']['purged']), " proxies\n";
echo "after:       ", $look(), "\n";
$r = tc_cli(['--config', $config, 'purge-urls', 'http://localhost/page/b?tags=t2']);
echo "purge-urls: exit {$r['exit']}\n";
echo "after:       ", $look(), "\n";
?>
--EXPECT--
cached:      v0 HIT, v0 HIT, v0 HIT, v1 HIT, v1 HIT, v1 HIT
purge-tags t1: exit 0, purged on 2 proxies
after:       v0 MISS, v0 HIT, v0 MISS, v1 MISS, v1 HIT, v1 MISS
purge-urls: exit 0
after:       v0 HIT, v0 MISS, v0 HIT, v1 HIT, v1 MISS, v1 HIT
