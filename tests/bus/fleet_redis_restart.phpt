--TEST--
Fleet: redis-server killed and started again (its append-only file keeps the stream) while clears are published (onFailure "keep": the clears wait on disk, nothing lost, published in order later) and while a node consumes (the worker reconnects and applies every clear)
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
require __DIR__ . '/fleet_helpers.inc';
tc_fleet_skipif();
?>
--FILE--
<?php
require __DIR__ . '/fleet_helpers.inc';

$redis = tc_fleet_redis(true);
$caches = ['Data' => ['backend' => 'FileBackend']];
$b = tc_fleet_node('B', $redis, ['caches' => $caches, 'node' => []]);
$c = tc_fleet_manager($b)->getCache('Data');
for ($i = 0; $i < 300; $i++) {
    $c->set("e$i", $i, ["t$i"]);
    $c->set("k$i", $i, ["keep$i"]);
}
$missing = function (int $from, int $to) use ($b): array {
    $c = tc_fleet_manager($b)->getCache('Data');
    return array_values(array_filter(range($from, $to - 1), fn($i) => $c->has("e$i")));
};
$keepDir = tc_fleet_state() . '/kept';
$bus = tc_fleet_bus($redis, ['onFailure' => 'keep', 'keepDirectory' => $keepDir, 'timeout' => 0.5]);

echo "== while publishing\n";
for ($i = 0; $i < 50; $i++) {
    $bus->flushByTags(["t$i"]);
}
tc_redis_stop($redis);
$thrown = 0;
for ($i = 50; $i < 100; $i++) {
    try {
        $bus->flushByTags(["t$i"]);   // Redis is down: kept on disk, no exception
    } catch (Throwable $e) {
        $thrown++;
    }
}
echo "published while down: 50, exceptions: $thrown, kept files: ", count(glob("$keepDir/*") ?: []) > 0 ? 'yes' : 'no', "\n";
$redis = tc_fleet_redis_start_again($redis);
// the next publish sends the kept clears first, in order
for ($i = 100; $i < 150; $i++) {
    $bus->flushByTags(["t$i"]);
}
$ok = tc_fleet_wait(fn() => $missing(0, 150) === [], 60);
echo 'B applied clears 0-149: ', $ok ? 'yes' : 'no, left: ' . implode(',', array_slice($missing(0, 150), 0, 20)), "\n";
$status = $bus->getStatus();
echo 'kept after: ', $status['kept'], "\n";

echo "== while consuming\n";
$before = tc_fleet_status($b)['errors'];
tc_redis_stop($redis);
// the worker fails to read until Redis is back (it reports the failures)
echo 'B noticed: ', tc_fleet_wait(fn() => tc_fleet_status($b)['errors'] > $before) ? 'yes' : 'no', "\n";
$redis = tc_fleet_redis_start_again($redis);
for ($i = 150; $i < 300; $i++) {
    $bus->flushByTags(["t$i"]);
}
$ok = tc_fleet_wait(fn() => $missing(150, 300) === [], 60);
echo 'B applied clears 150-299: ', $ok ? 'yes' : 'no, left: ' . implode(',', array_slice($missing(150, 300), 0, 20)), "\n";
$kept = count(array_filter(range(0, 299), fn($i) => $c->has("k$i")));
echo "other-tagged entries kept: $kept of 300\n";
$s = tc_fleet_stop($b);
echo 'B: gaps ', $s['stats']['gaps'], ', still running after the failures: ', $s['stopped'] ? 'yes' : 'no', "\n";
?>
--EXPECT--
== while publishing
published while down: 50, exceptions: 0, kept files: yes
B applied clears 0-149: yes
kept after: 0
== while consuming
B noticed: yes
B applied clears 150-299: yes
other-tagged entries kept: 300 of 300
B: gaps 0, still running after the failures: yes
