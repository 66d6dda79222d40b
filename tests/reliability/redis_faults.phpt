--TEST--
RedisBackend faults not covered by redis_failures.phpt: our connection killed by the server and a persistent connection across a restart on the same port are noticed and replaced without an exception; a server busy past readTimeout (DEBUG SLEEP) or paused in the middle of a large write gives a clear timeout BackendException, no crash, never a partial entry, and the next call works
--EXTENSIONS--
tagcache
posix
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../redis_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\StringFrontend;

function attempt(string $what, callable $op): mixed
{
    try {
        $r = $op();
        $out = is_string($r) && strlen($r) > 20 ? strlen($r) . ' bytes' : var_export($r, true);
    } catch (TagCache\BackendException $e) {
        $out = get_class($e) . ' (' . preg_replace(['/\d{4,5}/', '/\d+ ms/'], ['PORT', 'N ms'], $e->getMessage()) . ')';
        $r = $e;
    }
    echo "$what: $out\n";
    return $r;
}

$srv = tc_redis_start(['enable-debug-command yes']);
$pid = proc_get_status($srv['proc'])['pid'];
$cache = new StringFrontend('F', new RedisBackend(['port' => $srv['port'], 'connectTimeout' => 1, 'readTimeout' => 0.5]));
$cache->set('k', 'old', ['t']);

echo "-- the server closes our connection\n";
var_dump(tc_redis_cmd($srv, 'CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes') >= 1);
attempt('get', fn() => $cache->get('k'));
attempt('get again', fn() => $cache->get('k'));

echo "-- the server is busy for 1.5 s (readTimeout 0.5 s)\n";
$other = stream_socket_client("tcp://127.0.0.1:{$srv['port']}");
fwrite($other, "*3\r\n\$5\r\nDEBUG\r\n\$5\r\nSLEEP\r\n\$3\r\n1.5\r\n");
usleep(100000);
attempt('get', fn() => $cache->get('k'));
var_dump(fgets($other));   // the sleep is over
attempt('get after', fn() => $cache->get('k'));

echo "-- the server stops (SIGSTOP) while a 4 MB set is being written\n";
$big = str_repeat('N', 4 << 20);
posix_kill($pid, SIGSTOP);
// the timeout bounds each blocking send, and the kernel keeps accepting bytes for a while:
// allow a few timeouts, never a hang
attempt('set', fn() => $cache->set('k', $big, ['t']));
attempt('get while stopped', fn() => $cache->get('k'));
posix_kill($pid, SIGCONT);
usleep(200000);
$got = attempt('get after SIGCONT', fn() => $cache->get('k'));
var_dump($got === 'old' || $got === $big);   // whole old or whole new, never a part
var_dump(array_keys($cache->getByTag('t')));
attempt('set after', fn() => $cache->set('k', 'new', ['t']));
attempt('get after', fn() => $cache->get('k'));

echo "-- a persistent connection across a restart on the same port\n";
$p = new StringFrontend('P', new RedisBackend(['port' => $srv['port'], 'persistent' => true, 'readTimeout' => 0.5]));
$p->set('x', 'before');
tc_redis_stop($srv);
usleep(100000);
attempt('get while down', fn() => $p->get('x'));
$srv = tc_redis_start([], $srv['port']);
$first = attempt('first call after restart', fn() => $p->get('x'));
var_dump($first === false);   // the restarted server is empty; no exception
attempt('set', fn() => $p->set('x', 'after'));
attempt('get', fn() => $p->get('x'));
?>
--EXPECTF--
-- the server closes our connection
bool(true)
get: 'old'
get again: 'old'
-- the server is busy for 1.5 s (readTimeout 0.5 s)
get: TagCache\BackendException (Redis at 127.0.0.1:PORT: read timed out after N ms)
string(5) "+OK
"
get after: 'old'
-- the server stops (SIGSTOP) while a 4 MB set is being written
set: TagCache\BackendException (Redis at 127.0.0.1:PORT: %s timed out after N ms)
get while stopped: TagCache\BackendException (Redis at 127.0.0.1:PORT: %s)
get after SIGCONT: %s
bool(true)
array(1) {
  [0]=>
  string(1) "k"
}
set after: true
get after: 'new'
-- a persistent connection across a restart on the same port
get while down: TagCache\BackendException (Redis at 127.0.0.1:PORT: %s)
first call after restart: false
bool(true)
set: true
get: 'after'
