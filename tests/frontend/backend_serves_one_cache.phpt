--TEST--
A backend serving one cache refuses a second cache identifier; the same identifier may bind again
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Backend\SimpleFileBackend;
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Backend\NullBackend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Frontend\StringFrontend;

$dir = tc_tmpdir();
foreach ([new FileBackend(['cacheDirectory' => $dir]), new SimpleFileBackend(['cacheDirectory' => $dir]),
          new TransientMemoryBackend(), new NullBackend()] as $backend) {
    $first = new VariableFrontend('first', $backend);
    tc_expect_exception(fn() => new StringFrontend('second', $backend));
    tc_expect_exception(fn() => $backend->setCache(new VariableFrontend('third', new TransientMemoryBackend())));
    // rebinding to the same identifier is allowed
    $again = new StringFrontend('first', $backend);
    var_dump($again->getIdentifier());
}
echo "-- a backend must be bound before use\n";
$fresh = new FileBackend(['cacheDirectory' => $dir]);
var_dump($fresh->getCacheDirectory());
tc_expect_exception(fn() => $fresh->get('x'));
echo "-- invalid cache identifier\n";
tc_expect_exception(fn() => new VariableFrontend('a/b', new FileBackend(['cacheDirectory' => $dir])));
tc_expect_exception(fn() => new VariableFrontend('', new TransientMemoryBackend()));
?>
--EXPECT--
InvalidArgumentException: This FileBackend already serves cache "first" and cannot also serve "second": give each cache its own backend
InvalidArgumentException: This FileBackend already serves cache "first" and cannot also serve "third": give each cache its own backend
string(5) "first"
InvalidArgumentException: This SimpleFileBackend already serves cache "first" and cannot also serve "second": give each cache its own backend
InvalidArgumentException: This SimpleFileBackend already serves cache "first" and cannot also serve "third": give each cache its own backend
string(5) "first"
InvalidArgumentException: This TransientMemoryBackend already serves cache "first" and cannot also serve "second": give each cache its own backend
InvalidArgumentException: This TransientMemoryBackend already serves cache "first" and cannot also serve "third": give each cache its own backend
string(5) "first"
InvalidArgumentException: This NullBackend already serves cache "first" and cannot also serve "second": give each cache its own backend
InvalidArgumentException: This NullBackend already serves cache "first" and cannot also serve "third": give each cache its own backend
string(5) "first"
-- a backend must be bound before use
NULL
NotSupportedByBackendException: This FileBackend serves no cache yet: pass it to a frontend (which calls setCache()) before using it
-- invalid cache identifier
InvalidArgumentException: Cache identifier "a/b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Cache identifier "" (0 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
