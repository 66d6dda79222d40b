--TEST--
RedisBackend: options cluster, sentinels, sentinelService, sentinelPassword are checked, each error names the value and the rule
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\StringFrontend;

foreach ([
    ['cluster' => []],
    ['cluster' => '127.0.0.1:7000'],
    ['cluster' => ['127.0.0.1']],
    ['cluster' => ['127.0.0.1:0']],
    ['cluster' => ['127.0.0.1:70000']],
    ['cluster' => ['::1:7000']],
    ['cluster' => ['[::1]7000']],
    ['cluster' => ['h o:7000']],
    ['cluster' => [7000]],
    ['cluster' => ['127.0.0.1:7000', '[::1]:7000', '127.0.0.1:7000']],
    ['sentinels' => []],
    ['sentinels' => ['sentinel']],
    ['sentinels' => ['a:26379', 'a:26379']],
    ['sentinelService' => ''],
    ['sentinelPassword' => ['x']],
] as $options) {
    try {
        new RedisBackend($options);
        echo "accepted\n";
    } catch (TagCache\InvalidArgumentException $e) {
        echo $e->getMessage(), "\n";
    }
}
// rules between options: checked when the backend is bound to its cache
foreach ([
    ['cluster' => ['127.0.0.1:7000'], 'sentinels' => ['127.0.0.1:26379'], 'sentinelService' => 'm'],
    ['cluster' => ['127.0.0.1:7000'], 'database' => 3],
    ['sentinels' => ['127.0.0.1:26379']],
    ['sentinelService' => 'mymaster'],
] as $options) {
    try {
        new StringFrontend('c', new RedisBackend($options));
        echo "accepted\n";
    } catch (TagCache\InvalidArgumentException $e) {
        echo $e->getMessage(), "\n";
    }
}
// well-formed lists build (nothing connects before the first operation); the sentinels'
// password is never echoed
$b = new RedisBackend(['cluster' => ['127.0.0.1:7000', '[::1]:7001', 'redis-1.example:7002']]);
$s = new RedisBackend(['sentinels' => ['127.0.0.1:26379'], 'sentinelService' => 'mymaster', 'sentinelPassword' => 'hunter2']);
new StringFrontend('c1', $b);
new StringFrontend('c2', $s);
echo "built\n";
try {
    new RedisBackend(['sentinelPassword' => 'hunter2', 'bogus' => 1]);
} catch (TagCache\InvalidArgumentException $e) {
    var_dump(str_contains($e->getMessage(), 'hunter2'));
}
?>
--EXPECT--
RedisBackend option "cluster" is an empty array: name at least one node, each "host:port" or "[IPv6]:port" with a port from 1 to 65535
RedisBackend option "cluster" must be a non-empty array of Redis Cluster seed nodes, each "host:port" or "[IPv6]:port", got string "127.0.0.1:7000"
RedisBackend option "cluster": node "127.0.0.1" must be "host:port" or "[IPv6]:port" with a port from 1 to 65535
RedisBackend option "cluster": node "127.0.0.1:0" must be "host:port" or "[IPv6]:port" with a port from 1 to 65535
RedisBackend option "cluster": node "127.0.0.1:70000" must be "host:port" or "[IPv6]:port" with a port from 1 to 65535
RedisBackend option "cluster": node "::1:7000" must be "host:port" or "[IPv6]:port" with a port from 1 to 65535
RedisBackend option "cluster": node "[::1]7000" must be "host:port" or "[IPv6]:port" with a port from 1 to 65535
RedisBackend option "cluster": node "h o:7000" must be "host:port" or "[IPv6]:port" with a port from 1 to 65535
RedisBackend option "cluster": node 1 must be a string ("host:port" or "[IPv6]:port" with a port from 1 to 65535), got int
RedisBackend option "cluster": nodes 1 and 3 are the same node (127.0.0.1:7000): list each node once
RedisBackend option "sentinels" is an empty array: name at least one node, each "host:port" or "[IPv6]:port" with a port from 1 to 65535
RedisBackend option "sentinels": node "sentinel" must be "host:port" or "[IPv6]:port" with a port from 1 to 65535
RedisBackend option "sentinels": nodes 1 and 2 are the same node (a:26379): list each node once
RedisBackend option "sentinelService" must be a non-empty string without NUL bytes, got string ""
RedisBackend option "sentinelPassword" must be a string without NUL bytes or null, got array
options cluster and sentinels exclude each other: a Redis Cluster has no sentinels, give one or the other
Redis database 3 cannot be used with a cluster: a cluster has only database 0
sentinels need a service: the master name they monitor (option sentinelService)
sentinel service "mymaster" needs the sentinels to ask (option sentinels)
built
bool(false)