--TEST--
Bus Node: the ban of everything a gap sends empties real Varnish, with the ban VCL and the xkey VCL alike
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
require __DIR__ . '/../redis_helpers.inc';
require __DIR__ . '/../varnish_helpers.inc';
tc_redis_skipif();
tc_varnish_skipif(true);
?>
--FILE--
<?php
require __DIR__ . '/node_helpers.inc';
require __DIR__ . '/../varnish_helpers.inc';
use TagCache\Bus\Node;

$redis = tc_redis_start();
$origin = tc_origin_start();
$vBan = tc_varnish_start('ban', $origin);
$vXkey = tc_varnish_start('xkey', $origin);
$pub = tc_node_bus($redis, 'app', ['maxLength' => 100]);
$nBan = new Node(tc_node_bus($redis), 'ban', null, ["127.0.0.1:{$vBan['port']}"]);
$nXkey = new Node(tc_node_bus($redis), 'xkey', null, ["127.0.0.1:{$vXkey['port']}"], ['proxyOptions' => ['tagMode' => 'xkey']]);
$nBan->poll();
$nXkey->poll();
$state = fn(array $v, string $p) => explode(' ', tc_varnish_get($v, $p))[0];
$paths = ['/page/a?tags=t1', '/page/b', '/page/c?tags=t2'];
foreach ([$vBan, $vXkey] as $v) {
    foreach ($paths as $p) {
        tc_varnish_get($v, $p);
    }
}
echo 'cached: ', implode(' ', array_map(fn($p) => $state($vBan, $p), $paths)), ' / ', implode(' ', array_map(fn($p) => $state($vXkey, $p), $paths)), "\n";

for ($i = 0; $i < 150; $i++) {
    $pub->remove('C1', "gone$i");          // trimmed before either node reads them
}
$nBan->poll();
$nXkey->poll();
foreach (['ban' => $nBan, 'xkey' => $nXkey] as $name => $n) {
    $s = $n->getStats();
    echo "$name: gaps {$s['gaps']}, gapBans {$s['gapBans']}, sent {$s['purgesSent']}, outboxed {$s['purgesOutboxed']}, errors {$s['errors']}\n";
}
echo 'after the gap: ', implode(' ', array_map(fn($p) => $state($vBan, $p), $paths)), ' / ', implode(' ', array_map(fn($p) => $state($vXkey, $p), $paths)), "\n";
?>
--EXPECT--
cached: HIT HIT HIT / HIT HIT HIT
ban: gaps 1, gapBans 1, sent 1, outboxed 0, errors 0
xkey: gaps 1, gapBans 1, sent 1, outboxed 0, errors 0
after the gap: MISS MISS MISS / MISS MISS MISS
