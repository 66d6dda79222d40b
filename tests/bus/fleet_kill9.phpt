--TEST--
Fleet: node B's worker killed with SIGKILL while clears flow, then restarted: B ends with every clear applied (each published tag's entry gone on B and on A) and nothing else flushed (no gap, untagged and other-tagged entries kept)
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

const CLEARS = 300;
$redis = tc_fleet_redis();
$caches = ['Data' => ['backend' => 'FileBackend']];
$nodes = ['A' => tc_fleet_node('A', $redis, ['caches' => $caches]), 'B' => tc_fleet_node('B', $redis, ['caches' => $caches])];
foreach ($nodes as $node) {
    $c = tc_fleet_manager($node)->getCache('Data');
    for ($i = 0; $i < CLEARS; $i++) {
        $c->set("e$i", $i, ["t$i"]);      // cleared by clear $i
        $c->set("k$i", $i, ["keep$i"]);   // never cleared
    }
    $c->set('plain', 'no tags');
}

$bus = tc_fleet_bus($redis);
$data = fn(string $name) => tc_fleet_manager($nodes[$name])->getCache('Data');
$killedAt = $restartedAt = null;
for ($i = 0; $i < CLEARS; $i++) {
    $bus->flushByTags(["t$i"]);
    if ($i === 50) {
        // mid-flow: B is applying (wait until it applied something past the first clears)
        tc_fleet_wait(fn() => !$data('B')->has('e10'));
        tc_fleet_kill($nodes['B'], SIGKILL);
        $killedAt = $i;
    }
    if ($i === 200) {
        $nodes['B'] = tc_fleet_start($nodes['B']['config'], false); // not waiting: clears keep flowing
        $restartedAt = $i;
    }
}
echo "published ", CLEARS, " clears; B killed after clear $killedAt, restarted after clear $restartedAt\n";

$allGone = function (string $name) use ($data): array {
    $c = $data($name);
    return array_values(array_filter(range(0, CLEARS - 1), fn($i) => $c->has("e$i")));
};
foreach (['A', 'B'] as $name) {
    $ok = tc_fleet_wait(fn() => $allGone($name) === [], 60);
    echo "$name: every clear applied: ", $ok ? 'yes' : 'no, left: ' . implode(',', array_slice($allGone($name), 0, 20)), "\n";
    $c = $data($name);
    $kept = count(array_filter(range(0, CLEARS - 1), fn($i) => $c->has("k$i")));
    echo "$name: other-tagged entries kept: $kept of ", CLEARS, ', untagged kept: ', $c->has('plain') ? 'yes' : 'no', "\n";
}
foreach (['A', 'B'] as $name) {
    $s = tc_fleet_stop($nodes[$name]);
    echo "$name: gaps {$s['stats']['gaps']}, gap flushes {$s['stats']['gapFlushes']}, errors {$s['errors']}\n";
}
$status = $bus->getStatus();
foreach (['A', 'B'] as $name) {
    echo "$name in the bus status: pending ", $status['nodes'][$name]['pending'], ', gap ', var_export($status['nodes'][$name]['gap'], true), "\n";
}
?>
--EXPECT--
published 300 clears; B killed after clear 50, restarted after clear 200
A: every clear applied: yes
A: other-tagged entries kept: 300 of 300, untagged kept: yes
B: every clear applied: yes
B: other-tagged entries kept: 300 of 300, untagged kept: yes
A: gaps 0, gap flushes 0, errors 0
B: gaps 0, gap flushes 0, errors 0
A in the bus status: pending 0, gap false
B in the bus status: pending 0, gap false
