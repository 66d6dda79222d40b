--TEST--
RedisBackend, cluster and sentinel, persistent connections or not: once a failover is over, the first operation of every cache succeeds (a connection refused by the dead primary, before anything was sent, is safe to run again on the node the map or the sentinels name now)
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
require __DIR__ . '/cluster_helpers.inc';
tc_redis_cluster_skipif();
// Two failovers of real servers that valgrind also traces take minutes there (about two of the
// valgrind run's wall time); redis_cluster_failover.phpt still kills a primary under valgrind and
// resolves the slot again after it.
if (getenv('USE_ZEND_ALLOC') === '0') die('skip two real failovers: minutes under valgrind');
?>
--FILE--
<?php
require __DIR__ . '/cluster_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\VariableFrontend;

/**
 * Two caches with persistent connections and two without, all on the node about to fail, used
 * once before $failover and read once after it.
 */
function scenario(array $options, array $names, callable $beforeKill, callable $failover): void
{
    $caches = [];
    foreach ($names as $i => $name) {
        $persistent = $i % 2 === 1;
        $caches[$name] = [$persistent, new VariableFrontend($name, new RedisBackend($options + ['persistent' => $persistent]))];
        $caches[$name][1]->set('x', "value of $name", ['t']);
    }
    $beforeKill();
    $failover();   // returns once the failover is over (promoted, map agreed / sentinel names it)
    foreach ($caches as $name => [$persistent, $cache]) {
        echo $persistent ? 'persistent: ' : 'own connection: ';
        try {
            var_dump($cache->get('x') === "value of $name");
        } catch (TagCache\BackendException $e) {
            echo get_class($e), ': ', preg_replace('/\d{4,5}/', 'N', $e->getMessage()), "\n";
        }
    }
}

echo "cluster\n";
$cluster = tc_redis_cluster_start();
// four caches whose slots the same primary serves: the cache identifier varies, the owner not
$owner = tc_redis_cluster_owner($cluster, '{tagcache:default:C0}');
$names = ['C0'];
for ($i = 1; count($names) < 4; $i++) {
    if (tc_redis_cluster_owner($cluster, "{tagcache:default:C$i}")['primary']['port'] === $owner['primary']['port']) {
        $names[] = "C$i";
    }
}
scenario(['cluster' => $cluster['seeds']], $names,
    fn() => tc_redis_wait_replicated($owner['primary'], $owner['replica']),
    function () use (&$cluster) {
        tc_redis_cluster_kill_primary($cluster, '{tagcache:default:C0}');
    });

echo "sentinel\n";
$topology = tc_redis_sentinel_start();
scenario(['sentinels' => ["127.0.0.1:{$topology['sentinel']['port']}"], 'sentinelService' => 'mymaster'],
    ['S0', 'S1', 'S2', 'S3'],
    fn() => tc_redis_wait_replicated($topology['primary'], $topology['replica']),
    function () use (&$topology) {
        tc_redis_sentinel_kill_primary($topology);
    });
?>
--EXPECT--
cluster
own connection: bool(true)
persistent: bool(true)
own connection: bool(true)
persistent: bool(true)
sentinel
own connection: bool(true)
persistent: bool(true)
own connection: bool(true)
persistent: bool(true)
