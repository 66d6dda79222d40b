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
    // one IPv6 address spelt two ways is one node
    ['cluster' => ['[::1]:7000', '[0:0::1]:7000']],
    ['sentinels' => ['[fe80::1:0:0:5]:26379', '[FE80:0:0:0:1::5]:26379']],
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
// rules between options: checked where the backend is constructed
foreach ([
    ['cluster' => ['127.0.0.1:7000'], 'sentinels' => ['127.0.0.1:26379'], 'sentinelService' => 'm'],
    ['cluster' => ['127.0.0.1:7000'], 'database' => 3],
    ['sentinels' => ['127.0.0.1:26379']],
    ['sentinelService' => 'mymaster'],
    ['sentinelPassword' => 'hunter2'],
    ['cluster' => ['127.0.0.1:7000'], 'hostname' => 'redis.example'],
    ['sentinels' => ['127.0.0.1:26379'], 'sentinelService' => 'm', 'port' => 6380],
] as $options) {
    try {
        new RedisBackend($options);
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
RedisBackend option "cluster": nodes 1 and 2 are the same node ([0:0::1]:7000): list each node once
RedisBackend option "sentinels": nodes 1 and 2 are the same node ([FE80:0:0:0:1::5]:26379): list each node once
RedisBackend option "sentinelService" must be a non-empty string without NUL bytes, got string ""
RedisBackend option "sentinelPassword" must be a string without NUL bytes or null, got array
RedisBackend options "cluster" and "sentinels" exclude each other: a Redis Cluster has no sentinels, give one or the other
RedisBackend option "database": 3 is not allowed with "cluster": a Redis Cluster has database 0 only
RedisBackend option "sentinels" needs "sentinelService": the non-empty master name the sentinels monitor
RedisBackend option "sentinelService" ("mymaster") needs "sentinels": the sentinels to ask for its primary
RedisBackend option "sentinelPassword" is for the sentinels: it needs "sentinels" (the data nodes' password is "password")
RedisBackend options "hostname"/"port" (redis.example:6379) are unused with "cluster": the nodes come from the cluster's slot map; leave them out
RedisBackend options "hostname"/"port" (127.0.0.1:6380) are unused with "sentinels": the nodes come from the sentinels; leave them out
built
bool(false)