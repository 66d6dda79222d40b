--TEST--
FileBackend: every BackendInterface/TaggableBackendInterface method used directly
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\StringFrontend;

$dir = tc_tmpdir();
$backend = new FileBackend(['cacheDirectory' => $dir, 'defaultLifetime' => 0]);
var_dump($backend instanceof TagCache\Backend\TaggableBackendInterface,
    $backend instanceof TagCache\Backend\PhpCapableBackendInterface,
    $backend instanceof TagCache\Backend\FreezableBackendInterface,
    $backend instanceof TagCache\Backend\IterableBackendInterface);
var_dump($backend->getCacheDirectory());
$cache = new StringFrontend('fb_methods', $backend);
var_dump($backend->getCacheDirectory() === realpath($dir) . '/fb_methods');

$backend->set('a', 'A', ['t1', 't2']);
$backend->set('b', 'B', ['t2']);
$backend->set('c', 'C');
var_dump($backend->get('a'), $backend->get('nope'));
var_dump($backend->has('b'), $backend->has('nope'));
var_dump(is_file($backend->getCacheDirectory() . '/data/a.php'));
$ids = $backend->findIdentifiersByTag('t2');
sort($ids);
var_dump($ids, $backend->findIdentifiersByTag('unknown'));
var_dump($backend->remove('b'), $backend->remove('b'));
var_dump($backend->findIdentifiersByTag('t2'));
var_dump($backend->flushByTag('t1'), $backend->has('a'));
$backend->set('d', 'D', ['x']);
$backend->set('e', 'E', ['y']);
var_dump($backend->flushByTags(['x', 'y', 'z']));
$backend->collectGarbage();
var_dump($backend->get('c'));
$backend->flush();
var_dump($backend->has('c'), tc_files($backend->getCacheDirectory() . '/data'));
echo "-- invalid arguments\n";
tc_expect_exception(fn() => $backend->set('a.b', 'x'));
tc_expect_exception(fn() => $backend->set('ok', 'x', ['bad tag']));
tc_expect_exception(fn() => $backend->findIdentifiersByTag('a/b'));
tc_expect_exception(fn() => $backend->flushByTag(''));
tc_expect_exception(fn() => $backend->flushByTags(['ok', 5]));
tc_expect_exception(fn() => $backend->requireOnce('../x'));
echo "-- no clone, no double construct\n";
tc_expect_exception(fn() => clone $backend);
tc_expect_exception(fn() => $backend->__construct([]));
?>
--EXPECTF--
bool(true)
bool(true)
bool(true)
bool(true)
NULL
bool(true)
string(1) "A"
bool(false)
bool(true)
bool(false)
bool(true)
array(2) {
  [0]=>
  string(1) "a"
  [1]=>
  string(1) "b"
}
array(0) {
}
bool(true)
bool(false)
array(1) {
  [0]=>
  string(1) "a"
}
int(1)
bool(false)
int(2)
string(1) "C"
bool(false)
array(0) {
}
-- invalid arguments
InvalidArgumentException: Entry identifier "a.b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Tag "bad tag" (7 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Tag "a/b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Tag "" (0 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Tags must be strings, got int
InvalidArgumentException: Entry identifier "../x" (4 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
-- no clone, no double construct
Error: Trying to clone an uncloneable object of class TagCache\Backend\FileBackend
Error: FileBackend is already constructed
