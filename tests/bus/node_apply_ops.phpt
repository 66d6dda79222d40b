--TEST--
Bus Node: every cache operation published on one server is applied to another server's caches (flushByTags of one cache or all, remove, flushCache, flushAll with and without persistent caches)
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/node_helpers.inc';
use TagCache\Bus\Node;

$redis = tc_redis_start();
$ids = ['C1', 'C2', 'P'];
$pub = tc_node_bus($redis);
$m = tc_node_manager($ids, ['P']);          // the other server's caches
$node = new Node(tc_node_bus($redis), 'server-b', $m);
var_dump($node->getName(), $node->poll());  // joins the stream at its end
tc_node_fill($m, $ids);

$steps = [
    'flushByTags t1 in C1' => fn() => $pub->flushByTags(['t1'], 'C1'),
    'flushByTags t2 (all)' => fn() => $pub->flushByTags(['t2']),
    'remove C2/c'          => fn() => $pub->remove('C2', 'c'),
    'flushCache C1'        => fn() => $pub->flushCache('C1'),
    'flushAll'             => fn() => $pub->flushAll(),
    'flushAll persistent'  => fn() => $pub->flushAll(true),
];
foreach ($steps as $label => $step) {
    if ($label === 'flushCache C1' || $label === 'flushAll') {
        tc_node_fill($m, $ids);
    }
    $step();
    $applied = $node->poll();
    echo "$label (applied $applied): ", tc_node_show($m, $ids);
}
// applying again is harmless: a cache or entry the node does not know is skipped
$pub->remove('Unknown', 'x');
$pub->flushCache('Unknown');
var_dump($node->poll());
$s = $node->getStats();
var_dump(array_keys($s));
var_dump($s['applied'], $s['gaps'], $s['errors'], $s['redelivered']);
?>
--EXPECT--
string(8) "server-b"
int(0)
flushByTags t1 in C1 (applied 1): C1: b c, C2: a b c, P: a b c
flushByTags t2 (all) (applied 1): C1: c, C2: c, P: a b c
remove C2/c (applied 1): C1: c, C2: -, P: a b c
flushCache C1 (applied 1): C1: -, C2: a b c, P: a b c
flushAll (applied 1): C1: -, C2: -, P: a b c
flushAll persistent (applied 1): C1: -, C2: -, P: -
int(2)
array(10) {
  [0]=>
  string(7) "applied"
  [1]=>
  string(4) "gaps"
  [2]=>
  string(10) "gapFlushes"
  [3]=>
  string(7) "gapBans"
  [4]=>
  string(11) "redelivered"
  [5]=>
  string(10) "purgesSent"
  [6]=>
  string(14) "purgesOutboxed"
  [7]=>
  string(15) "purgesDelivered"
  [8]=>
  string(13) "purgesDropped"
  [9]=>
  string(6) "errors"
}
int(8)
int(0)
int(0)
int(0)
