--TEST--
Fleet: one of two varnishd stopped while purges are published: the node sends them to the other at once and keeps them in that proxy's outbox; varnishd started again on the same port receives every purge it missed, in order, and the outbox empties
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
require __DIR__ . '/fleet_helpers.inc';
tc_fleet_skipif(true);
?>
--FILE--
<?php
require __DIR__ . '/fleet_helpers.inc';

$redis = tc_fleet_redis();
$origin = tc_origin_start();
$v1 = tc_varnish_start('ban', $origin);
$port2 = tc_reserved_port();
$v2 = tc_fleet_varnish_on_port('ban', $origin, $port2);
$proxy2 = "127.0.0.1:$port2";
$a = tc_fleet_node('A', $redis, ['caches' => null, 'proxies' => ["127.0.0.1:{$v1['port']}", $proxy2], 'node' => [
    'proxyOptions' => ['tagMode' => 'ban', 'secondSendDelay' => 0, 'connectTimeout' => 0.5, 'timeout' => 2.0],
    'retryDelay' => 0.2, 'maxRetryDelay' => 0.5]]);
$bus = tc_fleet_bus($redis);
$outbox = fn(): int => $bus->getStatus()['outbox'][$proxy2]['size'] ?? 0;

tc_fleet_varnish_stop($v2);
echo "varnishd 2 stopped\n";
$tags = [];
for ($i = 1; $i <= 10; $i++) {
    $bus->purgeTags(["p$i"]);
    $tags[] = "p$i";
}
$bus->purgeUrls(['/page/gone']);
$applied = tc_fleet_wait(fn() => (tc_fleet_status($a)['applied'] ?? 0) >= 11 && $outbox() > 0);
echo 'A applied the 11 purges and kept some for varnishd 2: ', $applied ? 'yes' : 'no: ' . json_encode([tc_fleet_status($a), $bus->getStatus()['outbox']]), "\n";
$boxes = array_keys(array_filter($bus->getStatus()['outbox'], fn($o) => $o['size'] > 0));
echo 'outboxes holding purges: ', $boxes === [$proxy2] ? "varnishd 2's only" : json_encode($boxes), "\n";

$bans = fn(array $v) => array_values(array_filter(tc_fleet_varnish_requests($v), fn($r) => $r['method'] === 'BAN' && $r['tags'] !== null));
$tagsSeen = function (array $v) use ($bans): array {
    $seen = [];
    foreach ($bans($v) as $r) {
        foreach (tc_fleet_ban_tags($r['tags']) as $t) {
            if (!in_array($t, $seen, true)) {
                $seen[] = $t;
            }
        }
    }
    return $seen;
};
$purges = fn(array $v) => array_column(array_filter(tc_fleet_varnish_requests($v), fn($r) => $r['method'] === 'PURGE'), 'url');
// varnishd writes its log as each request ends, a moment after the answer went out
tc_fleet_wait(fn() => $tagsSeen($v1) === $tags && $purges($v1) !== [], 10);
echo 'varnishd 1 got every purge in order: ', $tagsSeen($v1) === $tags ? 'yes' : json_encode($tagsSeen($v1)), ', URL: ', json_encode(array_values(array_unique($purges($v1)))), "\n";

$v2 = tc_fleet_varnish_on_port('ban', $origin, $port2);
echo "varnishd 2 started again on the same port\n";
$emptied = tc_fleet_wait(fn() => $outbox() === 0, 30);
echo 'outbox emptied: ', $emptied ? 'yes' : 'no: ' . json_encode($bus->getStatus()['outbox']), "\n";
tc_fleet_wait(fn() => $tagsSeen($v2) === $tags && $purges($v2) !== [], 10);
echo 'varnishd 2 got every missed purge in order: ', $tagsSeen($v2) === $tags ? 'yes' : json_encode($tagsSeen($v2)), ', URL: ', json_encode(array_values(array_unique($purges($v2)))), "\n";
$s = tc_fleet_stop($a)['stats'];
echo 'outboxed: ', $s['purgesOutboxed'] > 0 ? 'yes' : 'no', ', delivered later: ', $s['purgesDelivered'] > 0 ? 'yes' : 'no', ', dropped: ', $s['purgesDropped'], "\n";
?>
--EXPECT--
varnishd 2 stopped
A applied the 11 purges and kept some for varnishd 2: yes
outboxes holding purges: varnishd 2's only
varnishd 1 got every purge in order: yes, URL: ["\/page\/gone"]
varnishd 2 started again on the same port
outbox emptied: yes
varnishd 2 got every missed purge in order: yes, URL: ["\/page\/gone"]
outboxed: yes, delivered later: yes, dropped: 0
