--TEST--
RedisBackend: a connection the server closed (CLIENT KILL, its idle `timeout`) is noticed before use and replaced: the next call succeeds, persistent or not
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../redis_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\StringFrontend;

/** Connections of other clients, asked over a connection of its own (the server's timeout closes idle ones). */
function others(array $srv): int
{
    $c = stream_socket_client("tcp://127.0.0.1:{$srv['port']}", $errno, $errstr, 2);
    tc_redis_write($c, ['CLIENT', 'LIST']);
    $list = tc_redis_read($c);
    fclose($c);
    return substr_count($list, "\n") - 1;
}

function attempt(string $what, callable $op): void
{
    try {
        echo "$what: ", var_export($op(), true), "\n";
    } catch (TagCache\BackendException $e) {
        echo "$what: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}

$srv = tc_redis_start();
$caches = [
    'non-persistent' => new StringFrontend('N', new RedisBackend(['port' => $srv['port'], 'readTimeout' => 10])),
    'persistent' => new StringFrontend('P', new RedisBackend(['port' => $srv['port'], 'persistent' => true, 'readTimeout' => 10])),
];
foreach ($caches as $name => $c) {
    $c->set('k', "v of $name", ['t']);
}
var_dump(others($srv));

echo "-- CLIENT KILL of every other client\n";
var_dump(tc_redis_cmd($srv, 'CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes'));
foreach ($caches as $name => $c) {
    attempt("$name get", fn() => $c->get('k'));
    $c->set('k', "w of $name", ['t']);
}
var_dump(tc_redis_cmd($srv, 'CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes'));
foreach ($caches as $name => $c) {
    attempt("$name set", fn() => $c->set('k', "x of $name", ['t']));
    attempt("$name getByTag", fn() => $c->getByTag('t'));
}
// (no remove here: a connection killed within a millisecond of its last answer is not
// checked before use, and remove is not repeated once it may have run; see TECHNOTES.md)

echo "-- timeout 1: the server closes connections idle for a second\n";
foreach ($caches as $name => $c) {
    $c->set('k', "y of $name", ['t']);
}
var_dump(tc_redis_cmd($srv, 'CONFIG', 'SET', 'timeout', '1'));
for ($deadline = microtime(true) + 30; others($srv) > 0 && microtime(true) < $deadline;) {
    usleep(100000);
}
var_dump(others($srv));   // ours are closed (the test's own helper connection too)
foreach ($caches as $name => $c) {
    attempt("$name get", fn() => $c->get('k'));
    attempt("$name flushByTag", fn() => $c->flushByTag('t'));
}
var_dump(others($srv));   // connected again
?>
--EXPECT--
int(2)
-- CLIENT KILL of every other client
int(2)
non-persistent get: 'v of non-persistent'
persistent get: 'v of persistent'
int(2)
non-persistent set: true
non-persistent getByTag: array (
  'k' => 'x of non-persistent',
)
persistent set: true
persistent getByTag: array (
  'k' => 'x of persistent',
)
-- timeout 1: the server closes connections idle for a second
string(2) "OK"
int(0)
non-persistent get: 'y of non-persistent'
non-persistent flushByTag: 1
persistent get: 'y of persistent'
persistent flushByTag: 1
int(2)
