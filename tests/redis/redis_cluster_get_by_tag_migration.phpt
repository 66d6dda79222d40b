--TEST--
RedisBackend getByTag while the cache's slot migrates returns every entry, moved or not (one-step script and batched reads)
--EXTENSIONS--
tagcache
--INI--
pcre.jit=0
--SKIPIF--
<?php require __DIR__ . '/topology_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/topology_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\VariableFrontend;

$ids = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7'];

/** calls= of $cmd in the node's INFO commandstats (0 when never called). */
function calls(array $node, string $cmd): int
{
    preg_match("/cmdstat_$cmd:calls=(\\d+)/", (string)tc_redis_cmd($node, 'INFO', 'commandstats'), $m);
    return (int)($m[1] ?? 0);
}

// a steady cluster: the script reads every entry, nothing is read again (the second read
// would be a pipeline starting with PING); an entry gone (as if expired) while its member
// stays is read again once, and stays missing
$one = tc_cluster_single();
$f = new VariableFrontend('c', new RedisBackend(['cluster' => ["127.0.0.1:{$one['port']}"]]));
foreach ($ids as $id) {
    $f->set($id, "value of $id", ['all']);
}
tc_redis_cmd($one, 'CONFIG', 'RESETSTAT');
echo "steady: ", count($f->getByTag('all')), " entries, read again: ", calls($one, 'ping'), "\n";
tc_redis_cmd($one, 'DEL', '{tagcache:default:c}:e:x3');
echo "steady, x3 gone: ", count($f->getByTag('all')), " entries, read again: ", calls($one, 'ping'), "\n";
// an entry the node refuses to read (here an ACL key rule) is an exception naming it, never
// an entry left out
tc_redis_cmd($one, 'ACL', 'SETUSER', 'default', 'resetkeys', '~{tagcache:default:c}:t:*',
    '~{tagcache:default:c}:e:x[1-46-7]');
try {
    echo count($f->getByTag('all')), " entries\n";
} catch (TagCache\BackendException $e) {
    echo preg_replace('/:\d+:/', ':PORT:', $e->getMessage()), "\n";
}
// batchSize 100: the one-step script; batchSize 2: listed, then pipelined HMGETs in batches
// of two, so moved entries are both first and later commands of a pipeline
foreach ([100, 2] as $batch) {
    [$a, $b] = tc_cluster_pair();
    $ida = tc_cluster_id($a);
    $idb = tc_cluster_id($b);
    $be = new RedisBackend(['cluster' => ["127.0.0.1:{$a['port']}"], 'batchSize' => $batch]);
    $f = new VariableFrontend('c', $be);
    $slot = (string)tc_cluster_slot($a, '{tagcache:default:c}');
    foreach ($ids as $id) {
        $f->set($id, "value of $id", ['all']);
    }
    $f->set('other', 'not tagged all', ['else']);
    tc_redis_cmd($b, 'CLUSTER', 'SETSLOT', $slot, 'IMPORTING', $ida);
    tc_redis_cmd($a, 'CLUSTER', 'SETSLOT', $slot, 'MIGRATING', $idb);
    foreach (['x2', 'x4', 'x5'] as $id) {
        tc_cluster_move_key($a, $b, "{tagcache:default:c}:e:$id");
    }
    $all = $f->getByTag('all');
    ksort($all);
    echo "batch $batch, entries on both nodes: ", implode(',', array_keys($all)), "\n";
    var_dump($all['x4'] === 'value of x4');
    $found = $be->findIdentifiersByTag('all');
    sort($found);
    echo "batch $batch, found: ", implode(',', $found), "\n";
    // a removed entry stays missing (its member is still in the tag set)
    tc_redis_cmd($b, 'ASKING');
    var_dump(tc_redis_cmd($b, 'DEL', '{tagcache:default:c}:e:x5'));
    $all = $f->getByTag('all');
    ksort($all);
    echo "batch $batch, x5 removed: ", implode(',', array_keys($all)), "\n";
    // the tag set itself moves: the script (or the listing) now runs on the importing node,
    // where the entries not moved yet are missing
    tc_cluster_move_key($a, $b, '{tagcache:default:c}:t:all');
    $all = $f->getByTag('all');
    ksort($all);
    echo "batch $batch, tag set moved: ", implode(',', array_keys($all)), "\n";
    // the migration ends
    while ($keys = tc_redis_cmd($a, 'CLUSTER', 'GETKEYSINSLOT', $slot, '100')) {
        foreach ($keys as $key) {
            tc_cluster_move_key($a, $b, $key);
        }
    }
    foreach ([$b, $a] as $node) {
        tc_redis_cmd($node, 'CLUSTER', 'SETSLOT', $slot, 'NODE', $idb);
    }
    $all = $f->getByTag('all');
    ksort($all);
    echo "batch $batch, after the migration: ", implode(',', array_keys($all)), "\n";
}
?>
--EXPECT--
steady: 7 entries, read again: 0
steady, x3 gone: 6 entries, read again: 1
Redis at 127.0.0.1:PORT: reading entry x5 of tag all: NOPERM this user has no permissions to access one of the keys used as arguments
batch 100, entries on both nodes: x1,x2,x3,x4,x5,x6,x7
bool(true)
batch 100, found: x1,x2,x3,x4,x5,x6,x7
int(1)
batch 100, x5 removed: x1,x2,x3,x4,x6,x7
batch 100, tag set moved: x1,x2,x3,x4,x6,x7
batch 100, after the migration: x1,x2,x3,x4,x6,x7
batch 2, entries on both nodes: x1,x2,x3,x4,x5,x6,x7
bool(true)
batch 2, found: x1,x2,x3,x4,x5,x6,x7
int(1)
batch 2, x5 removed: x1,x2,x3,x4,x6,x7
batch 2, tag set moved: x1,x2,x3,x4,x6,x7
batch 2, after the migration: x1,x2,x3,x4,x6,x7
