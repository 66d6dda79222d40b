--TEST--
RedisBackend, cluster: while the cache's slot migrates with its keys split between the two nodes, flushByTag and collectGarbage (scripts over several keys) fail with an error naming the slot and the migration (TRYAGAIN after a few tries), nothing half done; once the migration is over they work and no tagged entry outlives its flushed tag
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/topology_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/topology_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\VariableFrontend;

foreach (['flushByTag', 'collectGarbage'] as $case) {
    echo "$case\n";
    [$a, $b] = tc_cluster_pair();
    $ida = tc_cluster_id($a);
    $idb = tc_cluster_id($b);
    $f = new VariableFrontend('c', new RedisBackend(['cluster' => ["127.0.0.1:{$a['port']}"]]));
    $slot = (string)tc_cluster_slot($a, '{tagcache:default:c}');
    foreach (['x1', 'x2', 'x3'] as $id) {
        $f->set($id, "value of $id", ['all']);
    }
    tc_redis_cmd($b, 'CLUSTER', 'SETSLOT', $slot, 'IMPORTING', $ida);
    tc_redis_cmd($a, 'CLUSTER', 'SETSLOT', $slot, 'MIGRATING', $idb);
    tc_cluster_move_key($a, $b, '{tagcache:default:c}:e:x2');
    try {
        echo $case === 'flushByTag' ? "flushed: " . $f->flushByTag('all') : ($f->collectGarbage() ?? 'gc ran'), "\n";
    } catch (TagCache\BackendException $e) {
        echo "threw: ", str_replace([$slot, (string)$a['port']], ['SLOT', 'PORT'], $e->getMessage()), "\n";
    }
    $read = 0;
    foreach (['x1', 'x2', 'x3'] as $id) {
        $read += $f->get($id) === "value of $id";
    }
    echo "entries still readable during the migration: $read\n";
    // the migration ends
    while ($keys = tc_redis_cmd($a, 'CLUSTER', 'GETKEYSINSLOT', $slot, '100')) {
        foreach ($keys as $key) {
            tc_cluster_move_key($a, $b, $key);
        }
    }
    foreach ([$b, $a] as $node) {
        tc_redis_cmd($node, 'CLUSTER', 'SETSLOT', $slot, 'NODE', $idb);
    }
    if ($case === 'collectGarbage') {
        $f->collectGarbage();
    }
    echo "flushed after the migration: ", $f->flushByTag('all'), "\n";
    echo "x2 after its tag was flushed: ", var_export($f->get('x2'), true), "\n";
}
?>
--EXPECT--
flushByTag
threw: Redis at 127.0.0.1:PORT: slot SLOT of cache {tagcache:default:c} is migrating to another node and this command's keys are split between the two (TRYAGAIN, 5 tries): it did not run; such writes of the cache fail until the migration is over
entries still readable during the migration: 3
flushed after the migration: 3
x2 after its tag was flushed: false
collectGarbage
threw: Redis at 127.0.0.1:PORT: slot SLOT of cache {tagcache:default:c} is migrating to another node and this command's keys are split between the two (TRYAGAIN, 5 tries): it did not run; such writes of the cache fail until the migration is over
entries still readable during the migration: 3
flushed after the migration: 3
x2 after its tag was flushed: false
