--TEST--
CacheManager: a backend class written in PHP named in the configuration; flushCachesByTag(s) counts over all caches, skipping non-taggable ones
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/../array_backend.inc';
use TagCache\CacheManager;

class PlainUserBackend extends ArrayBackend {}
// strip the TaggableBackendInterface: a BackendInterface-only user backend
class UntaggedBackend implements TagCache\Backend\BackendInterface {
    public array $calls = [];
    public function setCache(TagCache\Frontend\FrontendInterface $cache): void {}
    public function set(string $entryIdentifier, string $data, array $tags = [], ?int $lifetime = null): void {}
    public function get(string $entryIdentifier): string|false { return false; }
    public function has(string $entryIdentifier): bool { return false; }
    public function remove(string $entryIdentifier): bool { return false; }
    public function flush(): void { $this->calls[] = 'flush'; }
    public function collectGarbage(): void { $this->calls[] = 'collectGarbage'; }
    public function flushByTag(string $tag): int { $this->calls[] = 'flushByTag'; return 99; }
}

$dir = tc_tmpdir();
$manager = new CacheManager([
    'Default' => ['backend' => 'ArrayBackend'],
    'U1' => [],
    'U2' => ['frontend' => 'StringFrontend', 'backendOptions' => ['label' => 'two']],
    'Native' => ['backend' => 'FileBackend'],
    'Untagged' => ['backend' => 'UntaggedBackend'],
    'Simple' => ['backend' => 'SimpleFileBackend'],
], ['cacheDirectory' => $dir]);
$u1 = $manager->getCache('U1');
echo get_class($u1->getBackend()), "\n";
$u1->set('a', ['v' => 1], ['t1', 't2']);
$u1->set('b', 'bee', ['t2']);
var_dump($u1->get('a'), $u1->has('b'), array_keys($u1->getByTag('t2')));
$manager->getCache('U2')->set('a', 'str', ['t1']);
$manager->getCache('Native')->set('a', 'n', ['t1']);
$manager->getCache('Native')->set('b', 'n', ['t2']);
$manager->getCache('Simple')->set('a', 's');
var_dump($manager->flushCachesByTags(['t1', 't2']));
var_dump($u1->has('a'), $u1->has('b'), $manager->getCache('U2')->has('a'), $manager->getCache('Native')->has('b'));
var_dump($manager->getCache('Simple')->get('a'));
var_dump($manager->getCache('Untagged')->getBackend()->calls);
$u1->set('c', 'x', ['t3']);
var_dump($manager->flushCachesByTag('t3'), $u1->remove('c'));
$manager->collectGarbage();
$manager->flushCaches();
var_dump($manager->getCache('Untagged')->getBackend()->calls);
var_dump($manager->getCache('Simple')->has('a'));
?>
--EXPECT--
ArrayBackend
array(1) {
  ["v"]=>
  int(1)
}
bool(true)
array(2) {
  [0]=>
  string(1) "a"
  [1]=>
  string(1) "b"
}
int(5)
bool(false)
bool(false)
bool(false)
bool(false)
string(1) "s"
array(0) {
}
int(1)
bool(false)
array(2) {
  [0]=>
  string(14) "collectGarbage"
  [1]=>
  string(5) "flush"
}
bool(false)
