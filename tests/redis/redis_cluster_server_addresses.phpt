--TEST--
RedisBackend, cluster and sentinel: a node address a server sends (CLUSTER SLOTS, MOVED, SENTINEL get-master-addr-by-name) must pass the host rule of the options: a socket path, a port with junk, a host with a NUL byte are refused and nothing is written anywhere
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/topology_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/topology_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\StringFrontend;
$other = tc_redis_start();        // an unrelated Redis, reachable on its unix socket and its port
$dir = tc_tmpdir('fakenode');
register_shutdown_function(fn() => tc_rmdir($dir));
$file = "$dir/answers.php";
tc_fake_answers($file, []);
$port = tc_fake_node($file);
$sock = $other['socket'];
$self = "*1\r\n*3\r\n:0\r\n:16383\r\n*2\r\n" . tc_resp_bulk('127.0.0.1') . ":$port\r\n";
$cluster = ['cluster' => ["127.0.0.1:$port"]];
$sentinel = ['sentinels' => ["127.0.0.1:$port"], 'sentinelService' => 'm'];
$cases = [
    'CLUSTER SLOTS socket' => [$cluster, ['CLUSTER SLOTS' => "*1\r\n*3\r\n:0\r\n:16383\r\n*2\r\n" . tc_resp_bulk($sock) . ":1\r\n"]],
    'CLUSTER SLOTS space' => [$cluster, ['CLUSTER SLOTS' => "*1\r\n*3\r\n:0\r\n:16383\r\n*2\r\n" . tc_resp_bulk('127.0.0.1 x') . ":{$other['port']}\r\n"]],
    'MOVED socket' => [$cluster, ['CLUSTER SLOTS' => $self, '*' => "-MOVED 7921 $sock:1\r\n"]],
    'ASK socket' => [$cluster, ['CLUSTER SLOTS' => $self, '*' => "-ASK 7921 $sock:1\r\n"]],
    'SENTINEL socket' => [$sentinel, ['SENTINEL' => "*2\r\n" . tc_resp_bulk($sock) . tc_resp_bulk('1')]],
    'SENTINEL port with junk' => [$sentinel, ['SENTINEL' => "*2\r\n" . tc_resp_bulk('127.0.0.1') . tc_resp_bulk("{$other['port']}junk")]],
    'SENTINEL host with NUL' => [$sentinel, ['SENTINEL' => "*2\r\n" . tc_resp_bulk("127.0.0.1\0/x") . tc_resp_bulk((string)$other['port'])]],
];
foreach ($cases as $name => [$opts, $answers]) {
    tc_fake_answers($file, $answers);
    tc_redis_cmd($other, 'FLUSHALL');
    try {
        (new StringFrontend('c', new RedisBackend($opts)))->set('x', 'written');
        echo "$name: set ran\n";
    } catch (TagCache\BackendException $e) {
        echo "$name: ", preg_replace('/\d{4,5}/', 'N', str_replace($sock, 'SOCKET', $e->getMessage())), "\n";
    }
    echo "$name: keys on the unrelated server: ", count(tc_redis_cmd($other, 'KEYS', '*')), "\n";
}
?>
--EXPECT--
CLUSTER SLOTS socket: Redis Cluster: no node answered for slot N of cache {tagcache:default:c} (seeds 127.0.0.1:N; last: 127.0.0.1:N answered CLUSTER SLOTS with a malformed map (or a node address against the rule of hosts))
CLUSTER SLOTS socket: keys on the unrelated server: 0
CLUSTER SLOTS space: Redis Cluster: no node answered for slot N of cache {tagcache:default:c} (seeds 127.0.0.1:N; last: 127.0.0.1:N answered CLUSTER SLOTS with a malformed map (or a node address against the rule of hosts))
CLUSTER SLOTS space: keys on the unrelated server: 0
MOVED socket: Redis at 127.0.0.1:N: storing an entry: MOVED N SOCKET:1
MOVED socket: keys on the unrelated server: 0
ASK socket: Redis at 127.0.0.1:N: storing an entry: ASK N SOCKET:1
ASK socket: keys on the unrelated server: 0
SENTINEL socket: Redis Sentinel: no sentinel named the primary of service "m" (sentinels tried: 127.0.0.1:N; last: 127.0.0.1:N answered no valid "host", "port" pair)
SENTINEL socket: keys on the unrelated server: 0
SENTINEL port with junk: Redis Sentinel: no sentinel named the primary of service "m" (sentinels tried: 127.0.0.1:N; last: 127.0.0.1:N answered no valid "host", "port" pair)
SENTINEL port with junk: keys on the unrelated server: 0
SENTINEL host with NUL: Redis Sentinel: no sentinel named the primary of service "m" (sentinels tried: 127.0.0.1:N; last: 127.0.0.1:N answered no valid "host", "port" pair)
SENTINEL host with NUL: keys on the unrelated server: 0
