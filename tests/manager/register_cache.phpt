--TEST--
CacheManager::registerCache: registered caches are served, DuplicateIdentifierException on a second one, persistent flag
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\CacheManager;
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\VariableFrontend;

$manager = new CacheManager([], ['cacheDirectory' => tc_tmpdir()]);
$cache = new VariableFrontend('Registered', new TransientMemoryBackend());
$manager->registerCache($cache);
var_dump($manager->hasCache('Registered'), $manager->getCache('Registered') === $cache);
var_dump($manager->isCachePersistent('Registered'));
tc_expect_exception(fn() => $manager->registerCache(new VariableFrontend('Registered', new TransientMemoryBackend())));
$p = new VariableFrontend('Kept', new TransientMemoryBackend());
$manager->registerCache($p, true);
var_dump($manager->isCachePersistent('Kept'));
var_dump($manager->isCachePersistent('Unknown'));

// a configured cache that was built cannot be registered again
$m2 = new CacheManager(['Conf' => ['backend' => 'TransientMemoryBackend']]);
$m2->getCache('Conf');
tc_expect_exception(fn() => $m2->registerCache(new VariableFrontend('Conf', new TransientMemoryBackend())));
?>
--EXPECT--
bool(true)
bool(true)
bool(false)
DuplicateIdentifierException: A cache with identifier "Registered" is already registered
bool(true)
bool(false)
DuplicateIdentifierException: A cache with identifier "Conf" is already registered
