--TEST--
SimpleFileBackend: plain entries, no tags and no positive lifetimes (NotSupportedByBackendException), unknown options rejected
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\SimpleFileBackend;
use TagCache\Frontend\VariableFrontend;

$dir = tc_tmpdir();
$backend = new SimpleFileBackend(['cacheDirectory' => $dir]);
var_dump($backend instanceof TagCache\Backend\TaggableBackendInterface,
    $backend instanceof TagCache\Backend\PhpCapableBackendInterface,
    $backend instanceof TagCache\Backend\IterableBackendInterface,
    method_exists($backend, 'freeze'));
$cache = new VariableFrontend('simple', $backend);
var_dump($backend->getCacheDirectory() === realpath($dir) . '/simple');
$cache->set('a', [1, 2]);
$cache->set('b', 'bee', [], 0);
$cache->set('c', 'see', [], null);
var_dump($cache->get('a'), $cache->get('b'), $cache->has('c'));
var_dump(is_file(tc_entry_file($backend, 'a')));
$e = tc_expect_exception(fn() => $cache->set('t', 1, ['tag']));
var_dump($e instanceof TagCache\NotSupportedByBackendException);
tc_expect_exception(fn() => $cache->set('t', 1, [], 60));
tc_expect_exception(fn() => $backend->set('t', 'x', ['tag']));
tc_expect_exception(fn() => $backend->set('t', 'x', [], 1));
var_dump($cache->has('t'));
var_dump($backend->remove('a'), $backend->remove('a'), $backend->get('a'));
$cache->collectGarbage();
var_dump($cache->get('b'));
$backend->flush();
var_dump($cache->has('b'), $cache->has('c'));
tc_expect_exception(fn() => new SimpleFileBackend(['defaultLifetime' => 5]));
tc_expect_exception(fn() => new SimpleFileBackend(['cacheDirectory' => '']));
tc_expect_exception(fn() => new SimpleFileBackend(['cacheDirectory' => ['x']]));
?>
--EXPECTF--
bool(false)
bool(true)
bool(true)
bool(false)
bool(true)
array(2) {
  [0]=>
  int(1)
  [1]=>
  int(2)
}
string(3) "bee"
bool(true)
bool(true)
NotSupportedByBackendException: SimpleFileBackend cannot store tags (entry "t" of cache "simple"): use a backend with tags such as FileBackend
bool(true)
NotSupportedByBackendException: SimpleFileBackend cannot expire entries (entry "t", lifetime 60): use 0 or null, or a backend with lifetimes such as FileBackend
NotSupportedByBackendException: SimpleFileBackend cannot store tags (entry "t" of cache "simple"): use a backend with tags such as FileBackend
NotSupportedByBackendException: SimpleFileBackend cannot expire entries (entry "t", lifetime 1): use 0 or null, or a backend with lifetimes such as FileBackend
bool(false)
bool(true)
bool(false)
bool(false)
string(3) "bee"
bool(false)
bool(false)
InvalidArgumentException: SimpleFileBackend has no option "defaultLifetime"; known options: cacheDirectory
InvalidArgumentException: SimpleFileBackend option "cacheDirectory" must be a non-empty path without NUL bytes, got string ""
InvalidArgumentException: SimpleFileBackend option "cacheDirectory" must be a non-empty path without NUL bytes, got array
