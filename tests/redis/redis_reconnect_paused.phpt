--TEST--
RedisBackend: a paused server (SIGSTOP) gives a read timeout, never a retry: each command that timed out reached the server exactly once, and no more connections were opened than one per command after the first
--EXTENSIONS--
tagcache
posix
--INI--
pcre.jit=0
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../redis_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\StringFrontend;

/** calls of each command and connections received so far, per INFO. */
function counters(array $srv): array
{
    $info = tc_redis_cmd($srv, 'INFO', 'all');
    preg_match('/total_connections_received:(\d+)/', $info, $m);
    $out = ['connections' => (int)$m[1]];
    foreach (['hmget', 'evalsha'] as $cmd) {   // (calls inside scripts count too)
        $out[$cmd] = preg_match("/cmdstat_$cmd:calls=(\\d+)/", $info, $m) ? (int)$m[1] : 0;
    }
    return $out;
}

$srv = tc_redis_start();
// Warm the server's code paths with a generous timeout (under valgrind the first script run is slow).
$warm = new StringFrontend('W', new RedisBackend(['port' => $srv['port'], 'readTimeout' => 20]));
$warm->set('k', 'v', ['t']);
$warm->get('k');
$warm->has('k');
$caches = [
    'non-persistent' => new StringFrontend('N', new RedisBackend(['port' => $srv['port'], 'readTimeout' => 1])),
    'persistent' => new StringFrontend('P', new RedisBackend(['port' => $srv['port'], 'readTimeout' => 1, 'persistent' => true])),
];
foreach ($caches as $c) {
    $c->set('k', 'v', ['t']);
}
$before = counters($srv);

posix_kill(tc_redis_pid($srv), SIGSTOP);
foreach ($caches as $name => $c) {
    foreach (['get' => fn() => $c->get('k'), 'set' => fn() => $c->set('k', 'w', ['t']), 'has' => fn() => $c->has('k')] as $op => $fn) {
        try {
            $fn();
            echo "$name $op: no exception\n";
        } catch (TagCache\BackendException $e) {
            echo "$name $op: ", preg_replace('/:\d+:/', ':PORT:', $e->getMessage()), "\n";
        }
    }
}
posix_kill(tc_redis_pid($srv), SIGCONT);

// The server now runs what it had received; wait until it has seen every command we sent.
// hmget: the two gets, and the HMGET of the old entry inside each of the two set scripts
$want = ['hmget' => 4, 'evalsha' => 2, 'connections' => 4];
for ($deadline = microtime(true) + 20; microtime(true) < $deadline; usleep(20000)) {
    $now = counters($srv);
    $seen = array_map(fn($k) => $now[$k] - $before[$k], array_keys($want));
    if (min(array_map(fn($s, $w) => $s - $w, $seen, $want)) >= 0) {
        break;
    }
}
$after = counters($srv);
foreach (['hmget', 'evalsha'] as $cmd) {
    echo "$cmd received: ", $after[$cmd] - $before[$cmd], "\n";
}
// the first command of each cache went over its open connection; the two after it (each
// after a timeout dropped the connection) over one new connection each
echo "connections opened: ", $after['connections'] - $before['connections'], "\n";
foreach ($caches as $name => $c) {
    echo "$name get after SIGCONT: ", var_export($c->get('k'), true), "\n";
}
?>
--EXPECT--
non-persistent get: Redis at 127.0.0.1:PORT: read timed out after 1000 ms
non-persistent set: Redis at 127.0.0.1:PORT: read timed out after 1000 ms
non-persistent has: Redis at 127.0.0.1:PORT: read timed out after 1000 ms
persistent get: Redis at 127.0.0.1:PORT: read timed out after 1000 ms
persistent set: Redis at 127.0.0.1:PORT: read timed out after 1000 ms
persistent has: Redis at 127.0.0.1:PORT: read timed out after 1000 ms
hmget received: 4
evalsha received: 2
connections opened: 4
non-persistent get after SIGCONT: 'w'
persistent get after SIGCONT: 'w'
