--TEST--
Bus Node: a node whose unread entries were trimmed (the stream's maxLength) detects the gap and flushes every cache its sources reach, persistent ones too; a node that kept up flushes nothing extra
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/node_helpers.inc';
use TagCache\Bus\Node;

$redis = tc_redis_start();
$ids = ['C1', 'P'];
$pub = tc_node_bus($redis, 'app', ['maxLength' => 100]);
$ma = tc_node_manager($ids, ['P']);
$mb = tc_node_manager($ids, ['P']);
$a = new Node(tc_node_bus($redis), 'keeps-up', $ma);
$b = new Node(tc_node_bus($redis), 'falls-behind', $mb);
$a->poll();
$b->poll();
tc_node_fill($ma, $ids);
tc_node_fill($mb, $ids);

$applied = 0;
for ($i = 0; $i < 150; $i++) {
    $pub->remove('C1', "gone$i");          // entries nobody stored: only a gap flush touches a, b, c
    if ($i % 50 === 49) {
        $applied += $a->poll();
    }
}
var_dump($applied);
echo 'keeps-up: ', tc_node_show($ma, $ids);
$s = $a->getStats();
var_dump($s['gaps'], $s['gapFlushes']);

var_dump($b->poll());                      // the first 50 are gone: flush, then resume at the end
echo 'falls-behind: ', tc_node_show($mb, $ids);
$s = $b->getStats();
var_dump($s['gaps'], $s['gapFlushes'], $s['applied']);

// after the gap it goes on normally
tc_node_fill($mb, $ids);
$pub->flushByTags(['t1']);
var_dump($b->poll(), $a->poll());
echo 'falls-behind: ', tc_node_show($mb, $ids);
var_dump($b->getStats()['gaps']);

echo "-- a node new to a stream that holds entries flushes once (it cannot tell itself from a node whose group Redis lost)\n";
$mc = tc_node_manager($ids, ['P']);
tc_node_fill($mc, $ids);
$c = new Node(tc_node_bus($redis), 'joins-late', $mc);
var_dump($c->poll());
echo 'joins-late: ', tc_node_show($mc, $ids);
tc_node_fill($mc, $ids);
$pub->remove('C1', 'nothing');
var_dump($c->poll());
echo 'joins-late: ', tc_node_show($mc, $ids);
var_dump($c->getStats()['gaps']);

echo "-- a node new to an empty stream flushes nothing\n";
$md = tc_node_manager($ids, ['P']);
tc_node_fill($md, $ids);
$d = new Node(tc_node_bus($redis, 'app', ['stream' => 'fresh']), 'first', $md);
var_dump($d->poll());
echo 'first: ', tc_node_show($md, $ids);
var_dump($d->getStats()['gaps']);
?>
--EXPECT--
int(150)
keeps-up: C1: a b c, P: a b c
int(0)
int(0)
int(0)
falls-behind: C1: -, P: -
int(1)
int(2)
int(0)
int(1)
int(1)
falls-behind: C1: b c, P: a b c
int(1)
-- a node new to a stream that holds entries flushes once (it cannot tell itself from a node whose group Redis lost)
int(0)
joins-late: C1: -, P: -
int(1)
joins-late: C1: a b c, P: a b c
int(1)
-- a node new to an empty stream flushes nothing
int(0)
first: C1: a b c, P: a b c
int(0)
