--TEST--
RedisBackend cluster: a slot with no node, seeds that do not answer or are no cluster, CLUSTERDOWN and TRYAGAIN are clear BackendExceptions; the next operation finds the node again
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
use TagCache\BackendException;
use TagCache\Frontend\StringFrontend;

function attempt(callable $fn): void
{
    try {
        var_dump($fn());
    } catch (BackendException $e) {
        echo get_class($e), ': ', preg_replace('/\d{4,5}/', 'N', $e->getMessage()), "\n";
    }
}

// every slot but the cache's has an owner: the map has no node for it
$n = tc_cluster_node();
$slot = tc_cluster_slot($n, '{tagcache:default:c}');
tc_redis_cmd($n, 'CLUSTER', 'ADDSLOTSRANGE', '0', (string)($slot - 1));
tc_redis_cmd($n, 'CLUSTER', 'ADDSLOTSRANGE', (string)($slot + 1), '16383');
$f = new StringFrontend('c', new RedisBackend(['cluster' => ["127.0.0.1:{$n['port']}"]]));
attempt(fn() => $f->get('x'));
// a cache of another slot on the same node: the cluster is down (not every slot is served)
$other = new StringFrontend('other', new RedisBackend(['cluster' => ["127.0.0.1:{$n['port']}"]]));
attempt(fn() => $other->set('x', 'v'));
// the missing slot gets its node: both work again, the map is asked anew
tc_redis_cmd($n, 'CLUSTER', 'ADDSLOTS', (string)$slot);
tc_wait_for(fn() => tc_cluster_ok($n), 'the cluster to be whole');
attempt(fn() => $other->set('x', 'v'));
attempt(fn() => $f->set('x', 'v') ?? $f->get('x'));

// seeds: one that nobody listens on, then a plain Redis without cluster support
$plain = tc_redis_start();
$down = tc_free_port();
$g = new StringFrontend('c', new RedisBackend(['cluster' => ["127.0.0.1:$down", "127.0.0.1:{$plain['port']}"], 'connectTimeout' => 0.5]));
attempt(fn() => $g->get('x'));
$h = new StringFrontend('c', new RedisBackend(['cluster' => ["127.0.0.1:$down"], 'connectTimeout' => 0.5]));
attempt(fn() => $h->get('x'));

// TRYAGAIN: during a migration a write whose keys are split between the nodes is refused
// for a short while, then reported
[$a, $b] = tc_cluster_pair();
$k = new StringFrontend('c', new RedisBackend(['cluster' => ["127.0.0.1:{$a['port']}"]]));
$k->set('x1', 'one', ['all']);
$k->set('x2', 'two', ['all']);
tc_redis_cmd($b, 'CLUSTER', 'SETSLOT', (string)$slot, 'IMPORTING', tc_cluster_id($a));
tc_redis_cmd($a, 'CLUSTER', 'SETSLOT', (string)$slot, 'MIGRATING', tc_cluster_id($b));
tc_cluster_move_key($a, $b, '{tagcache:default:c}:e:x1');
attempt(fn() => $k->set('x1', 'one again', ['all']));
attempt(fn() => $k->get('x2'));
?>
--EXPECT--
TagCache\BackendException: Redis Cluster: slot N of cache {tagcache:default:c} has no node (map of 127.0.0.1:N; seeds 127.0.0.1:N)
TagCache\BackendException: Redis at 127.0.0.1:N: storing an entry: CLUSTERDOWN The cluster is down
bool(true)
bool(true)
TagCache\BackendException: Redis Cluster: no node answered for slot N of cache {tagcache:default:c} (seeds 127.0.0.1:N, 127.0.0.1:N; last: 127.0.0.1:N answered CLUSTER SLOTS with ERR This instance has cluster support disabled)
TagCache\BackendException: Redis Cluster: no node answered for slot N of cache {tagcache:default:c} (seeds 127.0.0.1:N; last: Redis at 127.0.0.1:N: Connection refused)
TagCache\BackendException: Redis at 127.0.0.1:N: slot N of cache {tagcache:default:c} is migrating to another node and this command's keys are split between the two (TRYAGAIN, 5 tries): it did not run; such writes of the cache fail until the migration is over
string(3) "two"