--TEST--
Frozen caches as in Flow: entries never expire while frozen (reads and collectGarbage), a second freeze() is a FrozenCacheException, every backend object sees it
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;

$dir = tc_tmpdir('frozen');
$cache = new VariableFrontend('frz', new FileBackend(['cacheDirectory' => $dir]));
$cache->set('old', 'kept', ['t'], 100);
$cache->set('fresh', 'live', ['t'], 0);
// Let 'old' expire without waiting: its header gets an expiry in the past (same width).
$path = "$dir/frz/data/old.php";
$bytes = file_get_contents($path);
$at = strpos($bytes, 'tagcache1 D ') + strlen('tagcache1 D ');
$n = (int)(ctype_digit(substr($bytes, $at, 10)) && $bytes[$at + 10] === ' ');
$bytes = substr_replace($bytes, '1000000000', $at, 10);
file_put_contents($path, $bytes);
echo "header rewritten: $n\n";

echo "-- not frozen: expired reads as a miss\n";
var_dump($cache->get('old'), $cache->has('old'), array_keys($cache->getByTag('t')));

echo "-- frozen: the expired entry is back, and stays after collectGarbage\n";
$cache->getBackend()->freeze();
var_dump($cache->get('old'), $cache->has('old'));
$ids = array_keys($cache->getByTag('t'));
sort($ids);
var_dump($ids);
$cache->collectGarbage();
var_dump($cache->get('old'), file_exists($path));

echo "-- another backend object (as another process) sees it frozen, with the entry\n";
$other = new VariableFrontend('frz', new FileBackend(['cacheDirectory' => $dir]));
var_dump($other->getBackend()->isFrozen(), $other->get('old'));

echo "-- second freeze, from either object\n";
tc_expect_exception(fn() => $cache->getBackend()->freeze());
$e = tc_expect_exception(fn() => $other->getBackend()->freeze());
var_dump($e instanceof TagCache\FrozenCacheException, $e instanceof RuntimeException, $e->getCode());

echo "-- flush thaws: expiry counts again\n";
$other->flush();
var_dump($cache->getBackend()->isFrozen(), $cache->get('old'));
$cache->set('again', 1);
$cache->getBackend()->freeze();
var_dump($other->getBackend()->isFrozen());
?>
--EXPECTF--
header rewritten: 1
-- not frozen: expired reads as a miss
bool(false)
bool(false)
array(1) {
  [0]=>
  string(5) "fresh"
}
-- frozen: the expired entry is back, and stays after collectGarbage
string(4) "kept"
bool(true)
array(2) {
  [0]=>
  string(5) "fresh"
  [1]=>
  string(3) "old"
}
string(4) "kept"
bool(true)
-- another backend object (as another process) sees it frozen, with the entry
bool(true)
string(4) "kept"
-- second freeze, from either object
FrozenCacheException: cache in %s/frz is already frozen: flush() thaws it
FrozenCacheException: cache in %s/frz is already frozen: flush() thaws it
bool(true)
bool(true)
int(1007)
-- flush thaws: expiry counts again
bool(false)
bool(false)
bool(true)
