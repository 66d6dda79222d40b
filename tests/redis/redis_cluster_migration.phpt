--TEST--
RedisBackend cluster: while the cache's slot migrates, ASK is followed to the importing node (ASKING first); once it has moved, MOVED points the backend at the new owner; persistent connections too
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/topology_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/topology_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\VariableFrontend;

foreach ([false, true] as $persistent) {
    echo "persistent: ", var_export($persistent, true), "\n";
    [$a, $b] = tc_cluster_pair();
    $ida = tc_cluster_id($a);
    $idb = tc_cluster_id($b);
    $f = new VariableFrontend('c', new RedisBackend(['cluster' => ["127.0.0.1:{$a['port']}"], 'persistent' => $persistent]));
    $slot = (string)tc_cluster_slot($a, '{tagcache:default:c}');
    foreach (['x1', 'x2', 'x3'] as $id) {
        $f->set($id, "value of $id", ['all']);
    }

    // migration under way: x1's entry is on $b already, the rest still on $a
    tc_redis_cmd($b, 'CLUSTER', 'SETSLOT', $slot, 'IMPORTING', $ida);
    tc_redis_cmd($a, 'CLUSTER', 'SETSLOT', $slot, 'MIGRATING', $idb);
    tc_cluster_move_key($a, $b, '{tagcache:default:c}:e:x1');
    var_dump($f->get('x1'), $f->get('x2'), $f->has('x1'), $f->get('missing'));

    // the migration ends: every key on $b, the slot $b's on both nodes
    while ($keys = tc_redis_cmd($a, 'CLUSTER', 'GETKEYSINSLOT', $slot, '100')) {
        foreach ($keys as $key) {
            tc_cluster_move_key($a, $b, $key);
        }
    }
    foreach ([$b, $a] as $node) {
        tc_redis_cmd($node, 'CLUSTER', 'SETSLOT', $slot, 'NODE', $idb);
    }
    var_dump($f->get('x2'), $f->get('x3'));         // MOVED, then $b
    $f->set('x4', 'after the move', ['all']);
    var_dump(count($f->getByTag('all')), $f->flushByTag('all'));
    var_dump(count(tc_redis_cmd($a, 'KEYS', '*')), tc_redis_cmd($b, 'EXISTS', '{tagcache:default:c}#epochs'));
}
?>
--EXPECT--
persistent: false
string(11) "value of x1"
string(11) "value of x2"
bool(true)
bool(false)
string(11) "value of x2"
string(11) "value of x3"
int(4)
int(4)
int(0)
int(1)
persistent: true
string(11) "value of x1"
string(11) "value of x2"
bool(true)
bool(false)
string(11) "value of x2"
string(11) "value of x3"
int(4)
int(4)
int(0)
int(1)