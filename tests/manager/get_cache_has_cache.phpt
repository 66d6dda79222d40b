--TEST--
CacheManager: getCache builds lazily and returns the same object; hasCache true when configured; NoSuchCacheException
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\CacheManager;

$dir = tc_tmpdir();
$manager = new CacheManager([
    'Default' => ['frontend' => 'VariableFrontend', 'backend' => 'FileBackend'],
    'Pages' => ['frontend' => 'StringFrontend'],
    'Broken' => ['backend' => 'NoSuchBackendClass'],
], ['cacheDirectory' => $dir]);
var_dump($manager->hasCache('Pages'), $manager->hasCache('Broken'), $manager->hasCache('Default'), $manager->hasCache('Nope'));
// lazy: nothing on disk before the first getCache
var_dump(tc_files($dir));
$pages = $manager->getCache('Pages');
echo get_class($pages), ' ', get_class($pages->getBackend()), ' ', $pages->getIdentifier(), "\n";
var_dump($manager->getCache('Pages') === $pages);
$pages->set('p', 'page');
var_dump($manager->getCache('Pages')->get('p'));
var_dump(str_starts_with($pages->getBackend()->getCacheDirectory(), $dir . '/'));
tc_expect_exception(fn() => $manager->getCache('Nope'));
tc_expect_exception(fn() => $manager->getCache('Default'));
tc_expect_exception(fn() => $manager->getCache('Broken'));
var_dump($manager->hasCache('Broken'));
$e = tc_expect_exception(fn() => $manager->getCache('Nope'));
var_dump($e instanceof TagCache\Exception);
?>
--EXPECT--
bool(true)
bool(true)
bool(false)
bool(false)
array(0) {
}
TagCache\Frontend\StringFrontend TagCache\Backend\FileBackend Pages
bool(true)
string(4) "page"
bool(true)
NoSuchCacheException: No cache "Nope" is configured or registered
NoSuchCacheException: No cache "Default" is configured or registered
InvalidArgumentException: Cache "Broken": backend class "NoSuchBackendClass" does not exist
bool(true)
NoSuchCacheException: No cache "Nope" is configured or registered
bool(true)
