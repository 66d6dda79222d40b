--TEST--
CacheManager: persistent caches are skipped by flushCaches/flushCachesByTag(s) unless asked; stored under persistentCacheDirectory
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\CacheManager;
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\VariableFrontend;

$dir = tc_tmpdir();
$pdir = tc_tmpdir('persistent');
$manager = new CacheManager([
    'Normal' => [],
    'Kept' => ['persistent' => true],
], ['cacheDirectory' => $dir, 'persistentCacheDirectory' => $pdir]);
$registered = new VariableFrontend('RegKept', new TransientMemoryBackend());
$manager->registerCache($registered, true);
var_dump($manager->isCachePersistent('Kept'), $manager->isCachePersistent('Normal'), $manager->isCachePersistent('RegKept'));

function fill($manager, $registered) {
    $manager->getCache('Normal')->set('e', 'n', ['t']);
    $manager->getCache('Kept')->set('e', 'k', ['t']);
    $registered->set('e', 'r', ['t']);
}
function state($manager, $registered) {
    printf("Normal=%s Kept=%s RegKept=%s\n", var_export($manager->getCache('Normal')->has('e'), true),
        var_export($manager->getCache('Kept')->has('e'), true), var_export($registered->has('e'), true));
}
fill($manager, $registered);
var_dump(str_starts_with($manager->getCache('Kept')->getBackend()->getCacheDirectory(), $pdir . '/'));
var_dump(str_starts_with($manager->getCache('Normal')->getBackend()->getCacheDirectory(), $dir . '/'));
echo "-- flushCaches()\n";
$manager->flushCaches();
state($manager, $registered);
echo "-- flushCaches(true)\n";
$manager->flushCaches(true);
state($manager, $registered);
fill($manager, $registered);
echo "-- flushCachesByTag\n";
var_dump($manager->flushCachesByTag('t'));
state($manager, $registered);
var_dump($manager->flushCachesByTag('t', true));
state($manager, $registered);
fill($manager, $registered);
echo "-- flushCachesByTags\n";
var_dump($manager->flushCachesByTags(['t', 'u']));
var_dump($manager->flushCachesByTags(['t', 'u'], true));
state($manager, $registered);
?>
--EXPECT--
bool(true)
bool(false)
bool(true)
bool(true)
bool(true)
-- flushCaches()
Normal=false Kept=true RegKept=true
-- flushCaches(true)
Normal=false Kept=false RegKept=false
-- flushCachesByTag
int(1)
Normal=false Kept=true RegKept=true
int(2)
Normal=false Kept=false RegKept=false
-- flushCachesByTags
int(1)
int(2)
Normal=false Kept=false RegKept=false
