--TEST--
Bus Node: cross-application sources: a backend application's clears reach only the caches each frontend node configured; another application's clears are ignored
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/node_helpers.inc';
use TagCache\Bus\Node;

$redis = tc_redis_start();
$ids = ['Shared', 'Pages', 'Local'];
$backend = tc_node_bus($redis, 'backend');
$other = tc_node_bus($redis, 'other');
$m1 = tc_node_manager($ids, [], 'front1');
$m2 = tc_node_manager($ids, [], 'front2');
$own = tc_node_manager($ids, [], 'backend');
$f1 = new Node(tc_node_bus($redis, 'front1'), 'front1', $m1, [], ['sources' => ['backend' => ['Shared', 'Missing']]]);
$f2 = new Node(tc_node_bus($redis, 'front2'), 'front2', $m2, [], ['sources' => ['backend' => ['*'], 'front2' => ['Local']]]);
$b = new Node(tc_node_bus($redis, 'backend'), 'backend', $own);   // default: its own application, every cache
foreach ([$f1, $f2, $b] as $n) {
    $n->poll();
}
foreach ([$m1, $m2, $own] as $m) {
    tc_node_fill($m, $ids);
}

$other->flushAll();
$other->flushByTags(['t2']);
$backend->flushByTags(['t1']);
$backend->remove('Pages', 'c');
foreach (['front1' => [$f1, $m1], 'front2' => [$f2, $m2], 'backend' => [$b, $own]] as $name => [$n, $m]) {
    $applied = $n->poll();
    echo "$name applied $applied: ", tc_node_show($m, $ids);
}
$s = $f1->getStats();
var_dump($s['applied'], $s['errors']);
?>
--EXPECT--
front1 applied 2: Shared: b c, Pages: a b c, Local: a b c
front2 applied 2: Shared: b c, Pages: b, Local: b c
backend applied 2: Shared: b c, Pages: b, Local: b c
int(2)
int(0)
