--TEST--
RedisBackend: Redis down, refusing the password or too slow gives a BackendException naming host:port and the cause, the timeout itself (a paused server is a read timeout, not a hang); a restarted Redis works again
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../redis_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\StringFrontend;

function attempt(string $what, callable $op): void
{
    try {
        $r = $op();
        echo "$what: ", var_export($r, true), "\n";
    } catch (TagCache\BackendException $e) {
        printf("%s: %s (%s)\n", $what, get_class($e), preg_replace('/\d{4,5}/', 'PORT', $e->getMessage()));
    }
}

$port = tc_free_port();
$cache = new StringFrontend('F', new RedisBackend(['port' => $port, 'connectTimeout' => 2, 'readTimeout' => 2]));
attempt('nobody listening', fn() => $cache->get('k'));

$srv = tc_redis_start([], $port);
attempt('started', fn() => $cache->set('k', 'v'));
attempt('get', fn() => $cache->get('k'));
tc_redis_stop($srv);
usleep(200000);
attempt('killed', fn() => $cache->get('k'));
$srv = tc_redis_start([], $port);
attempt('restarted', fn() => $cache->get('k'));         // empty store (no persistence), no error
attempt('set again', fn() => $cache->set('k', 'v2'));
attempt('get again', fn() => $cache->get('k'));

posix_kill(proc_get_status($srv['proc'])['pid'], SIGSTOP);
attempt('paused', fn() => $cache->get('k'));
posix_kill(proc_get_status($srv['proc'])['pid'], SIGCONT);
attempt('resumed', fn() => $cache->get('k'));

$locked = tc_redis_start(['requirepass s3cret']);
$wrong = new StringFrontend('P', new RedisBackend(['port' => $locked['port'], 'password' => 'nope']));
attempt('wrong password', fn() => $wrong->get('k'));
$none = new StringFrontend('P', new RedisBackend(['port' => $locked['port']]));
attempt('no password', fn() => $none->set('k', 'v'));
$right = new StringFrontend('P', new RedisBackend(['port' => $locked['port'], 'password' => 's3cret']));
attempt('right password', fn() => $right->set('k', 'v'));
attempt('right password get', fn() => $right->get('k'));

$unix = new StringFrontend('U', new RedisBackend(['hostname' => $srv['socket']]));
attempt('unix socket set', fn() => $unix->set('k', 'via socket'));
attempt('unix socket get', fn() => $unix->get('k'));
$badUnix = new StringFrontend('U', new RedisBackend(['hostname' => $srv['dir'] . '/missing.sock']));
attempt('missing socket', fn() => $badUnix->get('k'));
?>
--EXPECTF--
nobody listening: TagCache\BackendException (Redis at 127.0.0.1:PORT: %s)
started: true
get: 'v'
killed: TagCache\BackendException (Redis at 127.0.0.1:PORT: %s)
restarted: false
set again: true
get again: 'v2'
paused: TagCache\BackendException (Redis at 127.0.0.1:PORT: read timed out after %s ms)
resumed: 'v2'
wrong password: TagCache\BackendException (Redis at 127.0.0.1:PORT: %s)
no password: TagCache\BackendException (Redis at 127.0.0.1:PORT: %s)
right password: true
right password get: 'v'
unix socket set: true
unix socket get: 'via socket'
missing socket: TagCache\BackendException (Redis at %s/missing.sock: %s)
