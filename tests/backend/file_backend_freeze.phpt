--TEST--
FileBackend freeze: writes throw FrozenCacheException, reads work, flush thaws, the state survives a new instance
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Frontend\PhpFrontend;

$dir = tc_tmpdir();
$backend = new FileBackend(['cacheDirectory' => $dir]);
$cache = new VariableFrontend('frozen', $backend);
$cache->set('a', 'A', ['t']);
$cache->set('b', 'B', ['t']);
var_dump($backend->isFrozen());
$backend->freeze();
var_dump($backend->isFrozen());
$e = tc_expect_exception(fn() => $cache->set('c', 'C'));
var_dump($e instanceof TagCache\BackendException);
tc_expect_exception(fn() => $backend->set('a', 'changed'));
tc_expect_exception(fn() => $cache->remove('a'));
tc_expect_exception(fn() => $cache->flushByTag('t'));
tc_expect_exception(fn() => $cache->flushByTags(['t']));
var_dump($cache->get('a'), $cache->has('b'), $cache->has('c'));
var_dump(array_keys($cache->getByTag('t')) == ['a', 'b'] || array_keys($cache->getByTag('t')) == ['b', 'a']);
$cache->collectGarbage();
var_dump($cache->get('b'));

echo "-- a new instance on the same directory\n";
$backend2 = new FileBackend(['cacheDirectory' => $dir]);
$cache2 = new VariableFrontend('frozen', $backend2);
var_dump($backend2->isFrozen(), $cache2->get('a'));
tc_expect_exception(fn() => $cache2->set('a', 'x'));

echo "-- flush thaws\n";
$cache2->flush();
var_dump($backend2->isFrozen(), $cache2->has('a'));
$cache2->set('after', 'thawed');
var_dump($cache->get('after'));
$backend3 = new FileBackend(['cacheDirectory' => $dir]);
new VariableFrontend('frozen', $backend3);
var_dump($backend3->isFrozen());

echo "-- frozen PHP cache still includes\n";
$pb = new FileBackend(['cacheDirectory' => $dir]);
$php = new PhpFrontend('frozen_php', $pb);
$php->set('code', 'return "frozen code";');
$pb->freeze();
var_dump($php->requireOnce('code'));
tc_expect_exception(fn() => $php->set('code', 'return 2;'));
?>
--EXPECTF--
bool(false)
bool(true)
FrozenCacheException: %s
bool(true)
FrozenCacheException: %s
FrozenCacheException: %s
FrozenCacheException: %s
FrozenCacheException: %s
string(1) "A"
bool(true)
bool(false)
bool(true)
string(1) "B"
-- a new instance on the same directory
bool(true)
string(1) "A"
FrozenCacheException: %s
-- flush thaws
bool(false)
bool(false)
string(6) "thawed"
bool(false)
-- frozen PHP cache still includes
string(11) "frozen code"
FrozenCacheException: %s
