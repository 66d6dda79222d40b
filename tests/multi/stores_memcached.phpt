--TEST--
TaggableMultiBackend with two MemcachedBackend children: other servers, or one server with another applicationIdentifier, are different stores (accepted); the same server list twice, in any order or spelling ("h" and "h:11211"), is refused
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
require __DIR__ . '/../memcached/memcached_helpers.inc';
tc_memcached_skipif();
?>
--FILE--
<?php
require __DIR__ . '/../memcached/memcached_helpers.inc';
use TagCache\Backend\MemcachedBackend;
use TagCache\Backend\TaggableMultiBackend;
use TagCache\Frontend\StringFrontend;

$server = tc_memcached_start();
$live = $server['address'];
// a reserved port nobody listens on: a second, different server (only ever refused by the kernel)
$dead = '127.0.0.1:' . tc_reserved_port();
$mc = fn (array $servers, string $app = 'a') => ['backend' => 'MemcachedBackend',
    'backendOptions' => ['servers' => $servers, 'applicationIdentifier' => $app, 'connectTimeout' => 0.5]];

echo "== one server, two applicationIdentifiers\n";
$c = new StringFrontend('C', new TaggableMultiBackend(['backendConfigurations' => [$mc([$live], 'a'), $mc([$live], 'b')]]));
$c->set('k', 'v', ['t']);
var_dump($c->get('k'));
foreach (['a', 'b'] as $app) {
    $one = new StringFrontend('C', new MemcachedBackend(['servers' => [$live], 'applicationIdentifier' => $app]));
    var_dump($one->get('k'));
}

echo "== other servers\n";
$c = new StringFrontend('D', new TaggableMultiBackend(['backendConfigurations' => [$mc([$live]), $mc([$dead])],
    'logErrors' => false, 'setInAllBackends' => false]));
$c->set('k', 'w');
var_dump($c->get('k'));

echo "== the same servers twice\n";
tc_expect_exception(fn () => new StringFrontend('E', new TaggableMultiBackend(['backendConfigurations' => [$mc([$live]), $mc([$live])]])));
tc_expect_exception(fn () => new StringFrontend('E', new TaggableMultiBackend(['backendConfigurations' => [
    $mc([$live, $dead]), ['backend' => 'TransientMemoryBackend'], $mc([$dead, $live])]])));
// "host" is "host:11211": the same server however it is written
tc_expect_exception(fn () => new StringFrontend('E', new TaggableMultiBackend(['backendConfigurations' => [
    $mc(['127.0.0.1']), $mc(['127.0.0.1:11211'])]])));
?>
--EXPECTF--
== one server, two applicationIdentifiers
string(1) "v"
string(1) "v"
string(1) "v"
== other servers
string(1) "w"
== the same servers twice
%sException: TaggableMultiBackend backends #1 (MemcachedBackend) and #2 (MemcachedBackend) keep their entries in the same store (a:E): a chain needs a different store per backend
%sException: TaggableMultiBackend backends #1 (MemcachedBackend) and #3 (MemcachedBackend) keep their entries in the same store (a:E): a chain needs a different store per backend
%sException: TaggableMultiBackend backends #1 (MemcachedBackend) and #2 (MemcachedBackend) keep their entries in the same store (a:E): a chain needs a different store per backend
