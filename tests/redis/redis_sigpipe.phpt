--TEST--
RedisBackend: with SIGPIPE at its default disposition (which ends the process), a server that closes the connection in the middle of a large write (its client-query-buffer-limit) gives a BackendException, never a dead PHP; over TCP and a unix socket (where such a write is EPIPE), persistent or not, the next call works
--EXTENSIONS--
tagcache
pcntl
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../redis_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\StringFrontend;

// A write to a connection the peer closed raises SIGPIPE unless the sender prevents it; its
// default action ends the process without a word.
var_dump(pcntl_signal(SIGPIPE, SIG_DFL));
$srv = tc_redis_start();
// Redis closes a client whose unread request passes this limit: a 16 MB write cannot fit in
// the socket buffers, so it is still under way when the server closes the connection.
var_dump(tc_redis_cmd($srv, 'CONFIG', 'SET', 'client-query-buffer-limit', '1mb'));
$big = random_bytes(16 << 20); // incompressible anyway; compression off below
$where = ['tcp' => ['port' => $srv['port']], 'unix socket' => ['hostname' => $srv['socket']]];
foreach ($where as $label => $at) foreach ([false, true] as $persistent) {
    echo $label, $persistent ? ', persistent' : '', "\n";
    $cache = new StringFrontend("Pipe$persistent", new RedisBackend(
        $at + ['persistent' => $persistent, 'compressionLevel' => 0]));
    $cache->set('small', 'v', ['t']);  // an open connection first: the write below reuses it
    for ($i = 0; $i < 3; $i++) {
        try {
            $cache->set('big', $big, ['t']);
            echo "stored\n";
        } catch (TagCache\BackendException $e) {
            $m = $e->getMessage();
            $named = str_contains($m, $label === 'tcp' ? ":{$srv['port']}:" : $srv['socket']);
            echo get_class($e), ': ', $named ? 'names the server' : $m, "\n";
        }
    }
    var_dump($cache->get('small'), $cache->has('big'));
}
tc_redis_stop($srv);
echo "alive\n";
?>
--EXPECT--
bool(true)
string(2) "OK"
tcp
TagCache\BackendException: names the server
TagCache\BackendException: names the server
TagCache\BackendException: names the server
string(1) "v"
bool(false)
tcp, persistent
TagCache\BackendException: names the server
TagCache\BackendException: names the server
TagCache\BackendException: names the server
string(1) "v"
bool(false)
unix socket
TagCache\BackendException: names the server
TagCache\BackendException: names the server
TagCache\BackendException: names the server
string(1) "v"
bool(false)
unix socket, persistent
TagCache\BackendException: names the server
TagCache\BackendException: names the server
TagCache\BackendException: names the server
string(1) "v"
bool(false)
alive
