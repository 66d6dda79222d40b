--TEST--
RedisBackend across a Redis restart on the same port and unix socket: the next call on the same backend reconnects without an exception, persistent or not; with Redis down for good every call gives a clear BackendException naming the server
--EXTENSIONS--
tagcache
--INI--
pcre.jit=0
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../redis_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\StringFrontend;

function show(string $what, callable $op): void
{
    try {
        $r = $op();
        echo "$what: ", var_export($r, true), "\n";
    } catch (TagCache\BackendException $e) {
        echo "$what: ", get_class($e), ' (', preg_replace(['/:\d{4,5}\b/', '#/\S+/redis\.sock#'], [':PORT', 'SOCKET'], $e->getMessage()), ")\n";
    }
}

$srv = tc_redis_start();
$where = ['tcp' => ['port' => $srv['port']], 'unix socket' => ['hostname' => $srv['socket']]];
$caches = [];
foreach ($where as $via => $opts) {
    foreach ([false, true] as $persistent) {
        $name = $via . ($persistent ? ', persistent' : '');
        $caches[$name] = new StringFrontend('R' . count($caches), new RedisBackend($opts + ['persistent' => $persistent, 'readTimeout' => 10]));
    }
}

foreach ($caches as $name => $c) {
    echo "-- $name\n";
    $c->set('k', 'before', ['t']);
    $srv = tc_redis_restart($srv);
    show('get after restart', fn() => $c->get('k'));     // a new server: empty, and no exception
    show('set', fn() => $c->set('k', 'after', ['t']));
    show('get', fn() => $c->get('k'));
    $srv = tc_redis_restart($srv);
    show('has after restart', fn() => $c->has('k'));
    $c->set('k', 'again', ['t']);
    $srv = tc_redis_restart($srv);
    show('set after restart', fn() => $c->set('k', 'new', ['t']));
    show('getByTag', fn() => $c->getByTag('t'));
    $srv = tc_redis_restart($srv);
    $c->set('x', '1', ['u']);
    $srv = tc_redis_restart($srv);
    show('flushByTag after restart', fn() => $c->flushByTag('u'));
    $srv = tc_redis_restart($srv);
    show('remove after restart', fn() => $c->remove('x'));
}

echo "-- Redis down for good\n";
tc_redis_stop($srv);
foreach ($caches as $name => $c) {
    show("$name: get", fn() => $c->get('k'));
    show("$name: set", fn() => $c->set('k', 'v'));
}
?>
--EXPECT--
-- tcp
get after restart: false
set: true
get: 'after'
has after restart: false
set after restart: true
getByTag: array (
  'k' => 'new',
)
flushByTag after restart: 0
remove after restart: false
-- tcp, persistent
get after restart: false
set: true
get: 'after'
has after restart: false
set after restart: true
getByTag: array (
  'k' => 'new',
)
flushByTag after restart: 0
remove after restart: false
-- unix socket
get after restart: false
set: true
get: 'after'
has after restart: false
set after restart: true
getByTag: array (
  'k' => 'new',
)
flushByTag after restart: 0
remove after restart: false
-- unix socket, persistent
get after restart: false
set: true
get: 'after'
has after restart: false
set after restart: true
getByTag: array (
  'k' => 'new',
)
flushByTag after restart: 0
remove after restart: false
-- Redis down for good
tcp: get: TagCache\BackendException (Redis at 127.0.0.1:PORT: Connection refused)
tcp: set: TagCache\BackendException (Redis at 127.0.0.1:PORT: Connection refused)
tcp, persistent: get: TagCache\BackendException (Redis at 127.0.0.1:PORT: Connection refused)
tcp, persistent: set: TagCache\BackendException (Redis at 127.0.0.1:PORT: Connection refused)
unix socket: get: TagCache\BackendException (Redis at SOCKET: Connection refused)
unix socket: set: TagCache\BackendException (Redis at SOCKET: Connection refused)
unix socket, persistent: get: TagCache\BackendException (Redis at SOCKET: Connection refused)
unix socket, persistent: set: TagCache\BackendException (Redis at SOCKET: Connection refused)
