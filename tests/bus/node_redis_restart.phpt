--TEST--
Bus Node: Redis down: poll() throws BusException naming the error; after Redis restarted empty the node reconnects, treats its lost group as a gap (flushes what its sources reach) and goes on
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/node_helpers.inc';
use TagCache\Bus\{Node, BusException};

$redis = tc_redis_start();
$ids = ['C1'];
$pub = tc_node_bus($redis);
$m = tc_node_manager($ids);
$node = new Node(tc_node_bus($redis), 'r', $m);
$node->poll();
tc_node_fill($m, $ids);

tc_redis_stop($redis);
try {
    $node->poll();
    echo "no exception\n";
} catch (BusException $e) {
    echo "down: ", get_class($e), ' ', str_contains($e->getMessage(), 'TagCache\Bus\Node "r": ') ? 'names the node' : $e->getMessage(), "\n";
}
echo tc_node_show($m, $ids);

$redis = tc_redis_restart($redis);        // empty: the stream and the group are gone
for ($i = 0; $i < 3; $i++) {              // the first call may meet the dead connection
    try {
        var_dump($node->poll());
        break;
    } catch (BusException $e) {
        echo "retry\n";
    }
}
echo tc_node_show($m, $ids);              // flushed: clears published meanwhile may be lost
$s = $node->getStats();
var_dump($s['gaps'], $s['gapFlushes']);

// and again with a clear published after the restart (stream there, group missing)
tc_node_fill($m, $ids);
$redis = tc_redis_restart($redis);
for ($i = 0; $i < 3; $i++) {
    try {
        $pub->remove('C1', 'nothing');
        break;
    } catch (BusException $e) {
    }
}
for ($i = 0; $i < 3; $i++) {
    try {
        $node->poll();
        break;
    } catch (BusException $e) {
    }
}
echo tc_node_show($m, $ids);
$s = $node->getStats();
var_dump($s['gaps'], $s['gapFlushes']);
tc_node_fill($m, $ids);
$pub->flushByTags(['t1']);
var_dump($node->poll());
echo tc_node_show($m, $ids);
?>
--EXPECTF--
down: TagCache\Bus\BusException names the node
C1: a b c
%Aint(0)
C1: -
int(1)
int(1)
C1: -
int(2)
int(2)
int(1)
C1: b c
