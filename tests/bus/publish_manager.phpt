--TEST--
CacheManager option "bus": flushCaches() and flushCachesByTag(s) publish after the local flush, also when a local cache failed (that failure thrown); a failing bus; bad values
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/bus_helpers.inc'; tc_bus_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/bus_helpers.inc';
use TagCache\Bus\Bus;
use TagCache\CacheManager;

$srv = tc_redis_start();
$dir = tc_tmpdir('mgr');
$bus = new Bus(tc_bus_options($srv, ['application' => 'shop']));
$configs = ['Pages' => ['backend' => 'FileBackend']];
$m = new CacheManager($configs, ['cacheDirectory' => $dir, 'bus' => $bus]);
$pages = $m->getCache('Pages');
$pages->set('one', 1, ['t']);
$pages->set('two', 2, ['u']);
var_dump($m->flushCachesByTag('t'), $pages->has('one'), $pages->has('two'));
$m->flushCachesByTags(['u', 'v']);
$m->flushCaches();
$m->flushCaches(true);
$m->flushCachesByTags(['w'], true);     // persistent caches too, on every node
$m->flushCachesByTags([]);              // nothing to publish (an immutable empty array)
var_dump($m->flushCachesByTags([], true));
tc_bus_dump($srv);
unset($bus);
var_dump($m->getCache('Pages') === $pages);

echo "-- a local cache fails: published anyway, the failure thrown\n";
$s2 = tc_bus_options($srv, ['stream' => 's2', 'keepDirectory' => tc_tmpdir('keep') . '/kept']);
$bus = new Bus($s2);
$m = new CacheManager($configs + ['Broken' => ['backend' => 'NoSuchBackend']], ['cacheDirectory' => $dir, 'bus' => $bus]);
$e = tc_expect_exception(fn() => $m->flushCachesByTag('x'));
var_dump(get_class($e->getPrevious()));
tc_bus_dump($srv, 's2');

echo "-- the bus fails too: its exception at the end of the chain\n";
tc_redis_stop($srv);
$e = tc_expect_exception(fn() => $m->flushCaches());
for ($p = $e; $p; $p = $p->getPrevious()) {
    echo '  ', get_class($p), "\n";
}
echo "-- only the bus fails\n";
$m2 = new CacheManager($configs, ['cacheDirectory' => $dir, 'bus' => $bus]);
$e = tc_expect_exception(fn() => $m2->flushCaches());
var_dump(count($bus->getPending()));
unset($m, $m2, $bus, $e); // released with them pending (the exception's trace held a closure holding $m2): kept, with a warning
echo "kept: ", (new Bus($s2))->countKept(), "\n";

echo "-- bad values\n";
tc_expect_exception(fn() => new CacheManager([], ['bus' => new stdClass()]));
tc_expect_exception(fn() => new CacheManager([], ['bus' => 'tagcache:bus']));
tc_expect_exception(fn() => new CacheManager([], ['nope' => 1]));

echo "-- cycles\n";
$m3 = new CacheManager([], ['bus' => new Bus(['defer' => 'request'])]);
$m3->self = $m3;
unset($m3);
var_dump(gc_collect_cycles() >= 1);
?>
--EXPECTF--
int(1)
bool(false)
bool(true)
int(0)
5 entries
[{"op":"flushByTags","application":"shop","cache":null,"tags":["t"],"persistent":false}]
[{"op":"flushByTags","application":"shop","cache":null,"tags":["u","v"],"persistent":false}]
[{"op":"flushAll","application":"shop","persistent":false}]
[{"op":"flushAll","application":"shop","persistent":true}]
[{"op":"flushByTags","application":"shop","cache":null,"tags":["w"],"persistent":true}]
bool(true)
-- a local cache fails: published anyway, the failure thrown
CacheFlushException: flushCachesByTag() failed for 1 of 2 caches (the other 1 was reached): cache "Broken" (TagCache\InvalidArgumentException: Cache "Broken": backend class "NoSuchBackend" does not exist)
string(33) "TagCache\InvalidArgumentException"
1 entries
[{"op":"flushByTags","application":"","cache":null,"tags":["x"],"persistent":false}]
-- the bus fails too: its exception at the end of the chain
CacheFlushException: flushCaches() failed for 1 of 2 caches (the other 1 was reached): cache "Broken" (TagCache\InvalidArgumentException: Cache "Broken": backend class "NoSuchBackend" does not exist)
  TagCache\CacheFlushException
  TagCache\InvalidArgumentException
  TagCache\Bus\BusException
-- only the bus fails
BusException: Publishing 2 clears to stream "s2" failed (they stay pending): %s
int(1)

Warning: TagCache\Bus\Bus released with 2 clears not published to stream "s2" (%s): kept in "%s/kept", published by the next publish to that stream or by tagcache bus:publish-kept in %s on line %d
kept: 2
-- bad values
TypeError: CacheManager option "bus" must be a TagCache\Bus\Bus, got stdClass
TypeError: CacheManager option "bus" must be a TagCache\Bus\Bus, got string
InvalidArgumentException: CacheManager has no option "nope"; known options: applicationIdentifier, cacheDirectory, persistentCacheDirectory, bus
-- cycles

Deprecated: Creation of dynamic property TagCache\CacheManager::$self is deprecated in %s on line %d
bool(true)

