--TEST--
MemcachedBackend: server addresses (host:port, host, unix socket), bad options and bad input named with their rule, a server listed twice is refused naming both positions, a server that is down gives BackendException naming it and the cause
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/memcached_helpers.inc'; tc_memcached_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/memcached_helpers.inc';
use TagCache\Backend\MemcachedBackend;
use TagCache\Frontend\VariableFrontend;

echo "== bad servers\n";
foreach ([[], ['127.0.0.1:0'], ['127.0.0.1:65536'], ['127.0.0.1:'], ['127.0.0.1:11211x'], [''], ['a b:1'], ["h\0st"],
          ['unix://'], ['unix://relsock'], ['[::1'], ['127.0.0.1:1', 'h:2', '127.0.0.1:1'], ['127.0.0.1', '127.0.0.1:11211'],
          ['unix:///run/mc.sock', '/run/mc.sock'], ['[]:1'], [11211], [null], ['ok:1', ['nested']], 'host'] as $servers) {
    tc_expect_exception(fn() => new MemcachedBackend(['servers' => $servers]));
}
echo "== other options\n";
foreach ([['compression' => 1], ['defaultLifetime' => -5], ['applicationIdentifier' => 'a:b'], ['connectTimeout' => 0],
          ['readTimeout' => 'slow'], ['server' => ['x']]] as $options) {
    tc_expect_exception(fn() => new MemcachedBackend($options));
}
echo "== no servers: named when the cache is built\n";
tc_expect_exception(fn() => new VariableFrontend('NoServers', new MemcachedBackend([])));

echo "== accepted forms\n";
foreach (['127.0.0.1', 'localhost:11211', 'memcache.example:1', '[::1]:11211', '[::1]', 'unix:///run/mc.sock', '/run/mc.sock'] as $a) {
    echo $a, ': ', get_class(new MemcachedBackend(['servers' => [$a]])), "\n";
}

echo "== server down\n";
$port = tc_reserved_port();   // nothing listens there
$down = new VariableFrontend('Down', new MemcachedBackend(['servers' => ["127.0.0.1:$port"], 'connectTimeout' => 0.5]));
foreach (['set' => fn() => $down->set('a', 1, ['t']), 'get' => fn() => $down->get('a'), 'has' => fn() => $down->has('a'),
          'remove' => fn() => $down->remove('a'), 'flush' => fn() => $down->flush(), 'flushByTag' => fn() => $down->flushByTag('t'),
          'findIdentifiersByTag' => fn() => $down->getBackend()->findIdentifiersByTag('t')] as $op => $fn) {
    echo "$op: ";
    $e = tc_expect_exception($fn);
    echo '  ', $e instanceof TagCache\BackendException ? 'BackendException' : get_class($e), ', names the server: ',
         var_export(str_contains($e->getMessage(), "127.0.0.1:$port"), true), ', the cause: ',
         var_export(str_contains($e->getMessage(), 'cannot connect: Connection refused'), true), "\n";
}

echo "== bad input\n";
$dir = tc_tmpdir('memcached');
$srv = tc_memcached_start(['-s', "$dir/mc.sock"], dir: $dir);
$cache = new VariableFrontend('Input', new MemcachedBackend(['servers' => ["unix://$dir/mc.sock"]]));
$cache->set('over-socket', 'yes', ['t']);
var_dump($cache->get('over-socket'));
$plain = new MemcachedBackend(['servers' => ["$dir/mc.sock"]]);
$plain->setCache($cache);
var_dump($plain->get('over-socket') !== false);
tc_expect_exception(fn() => $cache->set('a b', 1));
tc_expect_exception(fn() => $cache->set(str_repeat('x', 251), 1));
tc_expect_exception(fn() => $cache->set('ok', 1, ['bad tag']));
tc_expect_exception(fn() => $cache->set('ok', 1, [str_repeat('t', 251)]));
tc_expect_exception(fn() => $cache->get("nul\0"));
tc_expect_exception(fn() => $cache->flushByTag(''));
tc_expect_exception(fn() => $cache->getBackend()->findIdentifiersByTag("a\nb"));
$many = [];
for ($i = 0; $i < 70000; $i++) {
    $many[] = "t$i";
}
tc_expect_exception(fn() => $cache->set('many', 1, $many));
var_dump($cache->get('over-socket'));
?>
--EXPECTF--
== bad servers
InvalidArgumentException: MemcachedBackend option "servers" is an empty array: name at least one server, each "host:port", "host" (port 11211), "[v6]:port", "[v6]", "unix:///absolute/path" or "/absolute/path"
InvalidArgumentException: MemcachedBackend option "servers": server "127.0.0.1:%d" must be "host:port", "host" (port 11211), "[v6]:port", "[v6]", "unix:///absolute/path" or "/absolute/path" (port 1 to 65535)
InvalidArgumentException: MemcachedBackend option "servers": server "127.0.0.1:%d" must be "host:port", "host" (port 11211), "[v6]:port", "[v6]", "unix:///absolute/path" or "/absolute/path" (port 1 to 65535)
InvalidArgumentException: MemcachedBackend option "servers": server "127.0.0.1:" must be "host:port", "host" (port 11211), "[v6]:port", "[v6]", "unix:///absolute/path" or "/absolute/path" (port 1 to 65535)
InvalidArgumentException: MemcachedBackend option "servers": server "127.0.0.1:%dx" must be "host:port", "host" (port 11211), "[v6]:port", "[v6]", "unix:///absolute/path" or "/absolute/path" (port 1 to 65535)
InvalidArgumentException: MemcachedBackend option "servers": server "" must be "host:port", "host" (port 11211), "[v6]:port", "[v6]", "unix:///absolute/path" or "/absolute/path" (port 1 to 65535)
InvalidArgumentException: MemcachedBackend option "servers": server "a b:1" must be "host:port", "host" (port 11211), "[v6]:port", "[v6]", "unix:///absolute/path" or "/absolute/path" (port 1 to 65535)
InvalidArgumentException: MemcachedBackend option "servers": server "h\000st" must be "host:port", "host" (port 11211), "[v6]:port", "[v6]", "unix:///absolute/path" or "/absolute/path" (port 1 to 65535)
InvalidArgumentException: MemcachedBackend option "servers": server "unix://" must be "host:port", "host" (port 11211), "[v6]:port", "[v6]", "unix:///absolute/path" or "/absolute/path" (port 1 to 65535)
InvalidArgumentException: MemcachedBackend option "servers": server "unix://relsock" must be "host:port", "host" (port 11211), "[v6]:port", "[v6]", "unix:///absolute/path" or "/absolute/path" (port 1 to 65535)
InvalidArgumentException: MemcachedBackend option "servers": server "[::1" must be "host:port", "host" (port 11211), "[v6]:port", "[v6]", "unix:///absolute/path" or "/absolute/path" (port 1 to 65535)
InvalidArgumentException: MemcachedBackend option "servers": servers 1 and 3 are the same server (127.0.0.1:1): list each server once
InvalidArgumentException: MemcachedBackend option "servers": servers 1 and 2 are the same server (127.0.0.1:11211): list each server once
InvalidArgumentException: MemcachedBackend option "servers": servers 1 and 2 are the same server (socket /run/mc.sock): list each server once
InvalidArgumentException: MemcachedBackend option "servers": server "[]:1" must be "host:port", "host" (port 11211), "[v6]:port", "[v6]", "unix:///absolute/path" or "/absolute/path" (port 1 to 65535)
InvalidArgumentException: MemcachedBackend option "servers": a server must be a string ("host:port", "host" (port 11211), "[v6]:port", "[v6]", "unix:///absolute/path" or "/absolute/path"), got int
InvalidArgumentException: MemcachedBackend option "servers": a server must be a string ("host:port", "host" (port 11211), "[v6]:port", "[v6]", "unix:///absolute/path" or "/absolute/path"), got null
InvalidArgumentException: MemcachedBackend option "servers": a server must be a string ("host:port", "host" (port 11211), "[v6]:port", "[v6]", "unix:///absolute/path" or "/absolute/path"), got array
InvalidArgumentException: MemcachedBackend option "servers" must be a non-empty array of "host:port", "host" (port 11211), "[v6]:port", "[v6]", "unix:///absolute/path" or "/absolute/path", got string "host"
== other options
InvalidArgumentException: MemcachedBackend option "compression" must be a boolean, got int "1"
InvalidArgumentException: MemcachedBackend option "defaultLifetime" must be an integer >= 0 (seconds, 0 = unlimited), got int "-5"
InvalidArgumentException: Application identifier "a:b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: MemcachedBackend option "connectTimeout" must be a number of seconds > 0 and <= 3600, got int "0"
InvalidArgumentException: MemcachedBackend option "readTimeout" must be a number of seconds > 0 and <= 3600, got string "slow"
InvalidArgumentException: MemcachedBackend has no option "server"; known options: servers, compression, defaultLifetime, applicationIdentifier, connectTimeout, readTimeout
== no servers: named when the cache is built
InvalidArgumentException: MemcachedBackend needs option "servers": a non-empty array of "host:port", "host" (port 11211), "[v6]:port", "[v6]", "unix:///absolute/path" or "/absolute/path"
== accepted forms
127.0.0.1: TagCache\Backend\MemcachedBackend
localhost:11211: TagCache\Backend\MemcachedBackend
memcache.example:1: TagCache\Backend\MemcachedBackend
[::1]:11211: TagCache\Backend\MemcachedBackend
[::1]: TagCache\Backend\MemcachedBackend
unix:///run/mc.sock: TagCache\Backend\MemcachedBackend
/run/mc.sock: TagCache\Backend\MemcachedBackend
== server down
set: BackendException: MemcachedBackend: reading on memcached server 127.0.0.1:%d failed: cannot connect: Connection refused (is memcached running there and reachable?)
  BackendException, names the server: true, the cause: true
get: BackendException: MemcachedBackend: reading on memcached server 127.0.0.1:%d failed: cannot connect: Connection refused (is memcached running there and reachable?)
  BackendException, names the server: true, the cause: true
has: BackendException: MemcachedBackend: reading on memcached server 127.0.0.1:%d failed: cannot connect: Connection refused (is memcached running there and reachable?)
  BackendException, names the server: true, the cause: true
remove: BackendException: MemcachedBackend: reading on memcached server 127.0.0.1:%d failed: cannot connect: Connection refused (is memcached running there and reachable?)
  BackendException, names the server: true, the cause: true
flush: BackendException: MemcachedBackend: flushing the cache on memcached server 127.0.0.1:%d failed: cannot connect: Connection refused (is memcached running there and reachable?)
  BackendException, names the server: true, the cause: true
flushByTag: BackendException: MemcachedBackend: reading on memcached server 127.0.0.1:%d failed: cannot connect: Connection refused (is memcached running there and reachable?)
  BackendException, names the server: true, the cause: true
findIdentifiersByTag: BackendException: MemcachedBackend: reading on memcached server 127.0.0.1:%d failed: cannot connect: Connection refused (is memcached running there and reachable?)
  BackendException, names the server: true, the cause: true
== bad input
string(3) "yes"
bool(true)
InvalidArgumentException: Entry identifier "a b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Entry identifier "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"... (251 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Tag "bad tag" (7 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Tag "tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt"... (251 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Entry identifier "nul\000" (4 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Tag "" (0 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Tag "a\nb" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: MemcachedBackend: entry "many" has 70000 tags, at most 65535 are supported
string(3) "yes"