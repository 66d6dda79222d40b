--TEST--
RedisBackend, cluster and sentinel with persistent connections: new backend objects in one process (a request each under php-fpm) reuse the node the process resolved last for the same seeds (in any order) or sentinels, with no CLUSTER SLOTS or sentinel question of their own; after the node fails they ask again
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/topology_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/topology_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\StringFrontend;

function connections(array $server): int
{
    preg_match('/total_connections_received:(\d+)/', (string)tc_redis_cmd($server, 'INFO', 'stats'), $m);
    return (int)$m[1];
}

$dead = tc_free_port(); // a seed nobody listens on, listed first or last
echo "cluster\n";
$node = tc_cluster_single();
$seeds = ["127.0.0.1:{$node['port']}", "127.0.0.1:$dead"];
$before = connections($node);
(new StringFrontend('c', new RedisBackend(['cluster' => $seeds, 'persistent' => true])))->set('x', 'one');
echo "first backend: ", connections($node) - $before, " connections (CLUSTER SLOTS, then the pooled one)\n";
$before = connections($node);
$read = 0;
for ($i = 0; $i < 20; $i++) {
    $f = new StringFrontend('c', new RedisBackend(['cluster' => array_reverse($seeds), 'persistent' => true]));
    $read += $f->get('x') === 'one';
}
echo "20 more backends read $read entries over ", connections($node) - $before, " new connections\n";
// another cache, another slot: its own question
$before = connections($node);
(new StringFrontend('other', new RedisBackend(['cluster' => $seeds, 'persistent' => true])))->get('x');
echo "a cache of another slot: ", connections($node) - $before, " new connection\n";

echo "sentinel\n";
$primary = tc_redis_start();
$sentinel = tc_sentinel_start($primary, 'm');
$opts = ['sentinels' => ["127.0.0.1:{$sentinel['port']}", "127.0.0.1:$dead"], 'sentinelService' => 'm', 'persistent' => true];
$before = [connections($sentinel), connections($primary)];
(new StringFrontend('s', new RedisBackend($opts)))->set('x', 'one');
$before = [connections($sentinel), connections($primary)];
$read = 0;
for ($i = 0; $i < 20; $i++) {
    $read += (new StringFrontend('s', new RedisBackend($opts)))->get('x') === 'one';
}
echo "20 more backends read $read entries; new connections: sentinel ", connections($sentinel) - $before[0],
    ", primary ", connections($primary) - $before[1], "\n";
// the node fails (the pooled connection is killed, the server goes on): the next backend's
// first command finds the connection closed, asks the sentinel again, and works
tc_redis_cmd($primary, 'CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
$before = connections($sentinel);
$f = new StringFrontend('s', new RedisBackend($opts));
var_dump($f->get('x'));
echo "after the connection was lost: sentinel asked ", connections($sentinel) - $before, " time\n";
?>
--EXPECT--
cluster
first backend: 2 connections (CLUSTER SLOTS, then the pooled one)
20 more backends read 20 entries over 0 new connections
a cache of another slot: 1 new connection
sentinel
20 more backends read 20 entries; new connections: sentinel 0, primary 0
string(3) "one"
after the connection was lost: sentinel asked 1 time
