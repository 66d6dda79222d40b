--TEST--
CacheManager: setCacheConfigurations adds/replaces entries, getCacheConfigurations returns them; bad configuration rejected whole
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\CacheManager;

$manager = new CacheManager(['A' => ['backend' => 'NullBackend']], ['cacheDirectory' => tc_tmpdir()]);
$manager->setCacheConfigurations([
    'Default' => ['backend' => 'TransientMemoryBackend'],
    'B' => ['frontend' => 'StringFrontend', 'persistent' => true],
]);
$manager->setCacheConfigurations(['A' => ['backend' => 'TransientMemoryBackend', 'backendOptions' => ['defaultLifetime' => 5]]]);
var_dump($manager->getCacheConfigurations());
var_dump($manager->hasCache('B'), $manager->isCachePersistent('B'), $manager->isCachePersistent('A'));
echo get_class($manager->getCache('A')->getBackend()), "\n";
echo "-- invalid configurations change nothing\n";
tc_expect_exception(fn() => $manager->setCacheConfigurations(['C' => ['backend' => 'NullBackend'], 'D' => ['lifetime' => 5]]));
var_dump($manager->hasCache('C'));
tc_expect_exception(fn() => $manager->setCacheConfigurations(['E' => 'FileBackend']));
tc_expect_exception(fn() => $manager->setCacheConfigurations(['E' => ['backend' => 5]]));
tc_expect_exception(fn() => $manager->setCacheConfigurations(['E' => ['backendOptions' => 'x']]));
tc_expect_exception(fn() => $manager->setCacheConfigurations(['E' => ['persistent' => 'yes']]));
tc_expect_exception(fn() => $manager->setCacheConfigurations(['a/b' => []]));
tc_expect_exception(fn() => $manager->setCacheConfigurations([['backend' => 'NullBackend']]));
tc_expect_exception(fn() => new CacheManager(['F' => ['frontend' => 'VariableFrontend', 'backendOption' => []]]));
var_dump(count($manager->getCacheConfigurations()));
?>
--EXPECT--
array(3) {
  ["A"]=>
  array(2) {
    ["backend"]=>
    string(22) "TransientMemoryBackend"
    ["backendOptions"]=>
    array(1) {
      ["defaultLifetime"]=>
      int(5)
    }
  }
  ["Default"]=>
  array(1) {
    ["backend"]=>
    string(22) "TransientMemoryBackend"
  }
  ["B"]=>
  array(2) {
    ["frontend"]=>
    string(14) "StringFrontend"
    ["persistent"]=>
    bool(true)
  }
}
bool(true)
bool(true)
bool(false)
TagCache\Backend\TransientMemoryBackend
-- invalid configurations change nothing
InvalidArgumentException: Configuration of cache "D" has an unknown key "lifetime"; known keys: frontend, backend, backendOptions, persistent
bool(false)
InvalidArgumentException: Configuration of cache "E" must be an array with keys frontend, backend, backendOptions, persistent; got string
InvalidArgumentException: Configuration of cache "E": "backend" must be a class name, got int
InvalidArgumentException: Configuration of cache "E": "backendOptions" must be an array, got string
InvalidArgumentException: Configuration of cache "E": "persistent" must be a boolean, got string
InvalidArgumentException: Cache identifier "a/b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Cache configurations must be keyed by cache identifier
InvalidArgumentException: Configuration of cache "F" has an unknown key "backendOption"; known keys: frontend, backend, backendOptions, persistent
int(3)
