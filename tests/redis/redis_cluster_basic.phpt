--TEST--
RedisBackend cluster: a one-node cluster serves every operation; every key of a cache (entries, tag sets, frozen marker, tickets, locks) is in the cache's slot; flush is one node's SCAN
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

$n = tc_cluster_single();
foreach ([false, true] as $persistent) {
    $b = new RedisBackend(['cluster' => ["127.0.0.1:{$n['port']}"], 'persistent' => $persistent]);
    $f = new VariableFrontend("c$persistent", $b);
    $f->set('a', [1, 2], ['t1', 't2']);
    $f->set('b', 'x', ['t2'], 60);
    var_dump($f->get('a'), $f->has('b'), count($f->getByTag('t2')), $f->flushByTag('t1'), $f->get('a'));
    // a write ticket and a compute lock (held while the callback runs): their keys must be
    // in the cache's slot too
    $f->get('a', $ticket);
    $slots = [];
    $keys = [];
    var_dump($f->getOrCompute('c', function () use ($n, &$keys) {
        $keys = tc_redis_cmd($n, 'KEYS', '*');
        return 'computed';
    }));
    $b->freeze();
    var_dump($b->isFrozen());
    $mine = fn($key) => str_starts_with($key, "{tagcache:default:c$persistent}");
    $keys = array_filter($keys, $mine);
    foreach (array_filter(array_merge($keys, tc_redis_cmd($n, 'KEYS', '*')), $mine) as $key) {
        $slots[tc_cluster_slot($n, $key)] = true;
    }
    var_dump(count(preg_grep('/#lock:c$/', $keys)), count(preg_grep('/#epochs$/', $keys)));
    var_dump(count($slots), array_key_first($slots) === tc_cluster_slot($n, "{tagcache:default:c$persistent}"));
    $f->flush();
    var_dump($f->has('b'), $b->isFrozen());
}
?>
--EXPECT--
array(2) {
  [0]=>
  int(1)
  [1]=>
  int(2)
}
bool(true)
int(2)
int(1)
bool(false)
string(8) "computed"
bool(true)
int(1)
int(1)
int(1)
bool(true)
bool(false)
bool(false)
array(2) {
  [0]=>
  int(1)
  [1]=>
  int(2)
}
bool(true)
int(2)
int(1)
bool(false)
string(8) "computed"
bool(true)
int(1)
int(1)
int(1)
bool(true)
bool(false)
bool(false)