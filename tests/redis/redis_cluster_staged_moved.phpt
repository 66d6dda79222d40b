--TEST--
RedisBackend, cluster: a large entry (staged set, one MULTI ... EXEC pipeline) as the first command after the cache's slot moved to another node follows the MOVED that a queued command gets (EXEC answers EXECABORT: nothing ran) and is sent again to the new owner; during the migration an ASK inside MULTI is reported (not followed), nothing ran
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/topology_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/topology_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\VariableFrontend;

[$a, $b] = tc_cluster_pair();
$ida = tc_cluster_id($a);
$idb = tc_cluster_id($b);
$f = new VariableFrontend('c', new RedisBackend(['cluster' => ["127.0.0.1:{$a['port']}"]]));
$slot = (string)tc_cluster_slot($a, '{tagcache:default:c}');
foreach (['x1', 'x2', 'x3', 'x4', 'x5'] as $id) {
    $f->set($id, "value of $id", ['all']);
}
tc_redis_cmd($b, 'CLUSTER', 'SETSLOT', $slot, 'IMPORTING', $ida);
tc_redis_cmd($a, 'CLUSTER', 'SETSLOT', $slot, 'MIGRATING', $idb);
foreach (['x2', 'x4'] as $id) {
    tc_cluster_move_key($a, $b, "{tagcache:default:c}:e:$id");
}
// during the migration each of the five entries is readable one by one (ASK)
$one = 0;
foreach (['x1', 'x2', 'x3', 'x4', 'x5'] as $id) {
    $one += $f->get($id) !== false;
}
echo "get: $one\n";
// a staged set meanwhile: a queued command gets ASK (its new keys belong on the importing
// node), EXEC EXECABORT; not followed (keys split between two nodes), reported, nothing ran
$big = str_repeat('b', 40000);
try {
    $f->set('during', $big, ['all']);
    echo "staged set during the migration: ok\n";
} catch (TagCache\BackendException $e) {
    echo "staged set during the migration: ", preg_replace('/\d{4,5}/', 'N', $e->getMessage()), "\n";
}
// the migration ends
while ($keys = tc_redis_cmd($a, 'CLUSTER', 'GETKEYSINSLOT', $slot, '100')) {
    foreach ($keys as $key) {
        tc_cluster_move_key($a, $b, $key);
    }
}
foreach ([$b, $a] as $node) {
    tc_redis_cmd($node, 'CLUSTER', 'SETSLOT', $slot, 'NODE', $idb);
}
// a large entry (staged: MULTI ... EXEC) is the first command after the move
foreach (['big', 'big2'] as $id) {
    try {
        $f->set($id, $big, ['all']);
        echo "staged set $id: ok\n";
    } catch (Throwable $e) {
        echo "staged set $id threw: ", $e->getMessage(), "\n";
    }
}
var_dump($f->get('big') === $big, $f->get('big2') === $big, $f->get('during'));
echo "on the new owner: ", tc_redis_cmd($b, 'EXISTS', '{tagcache:default:c}:e:big'), ", keys on the old one: ", tc_redis_cmd($a, "DBSIZE"), "\n";
?>
--EXPECT--
get: 5
staged set during the migration: Redis at 127.0.0.1:N: ASK N 127.0.0.1:N for cache {tagcache:default:c}: its slot is migrating to another node and the pipeline did not run; try again once the migration is over
staged set big: ok
staged set big2: ok
bool(true)
bool(true)
bool(false)
on the new owner: 1, keys on the old one: 0
