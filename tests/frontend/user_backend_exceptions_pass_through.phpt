--TEST--
Frontend over a PHP backend: exceptions thrown by the backend's methods reach the caller unchanged
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Frontend\VariableFrontend;

class Throwing implements TagCache\Backend\TaggableBackendInterface {
    public function setCache(TagCache\Frontend\FrontendInterface $cache): void {}
    private function fail(string $what): never { throw new RuntimeException("$what failed"); }
    public function set(string $entryIdentifier, string $data, array $tags = [], ?int $lifetime = null): void { $this->fail("set($entryIdentifier)"); }
    public function get(string $entryIdentifier): string|false { $this->fail("get($entryIdentifier)"); }
    public function has(string $entryIdentifier): bool { $this->fail('has'); }
    public function remove(string $entryIdentifier): bool { $this->fail('remove'); }
    public function flush(): void { $this->fail('flush'); }
    public function collectGarbage(): void { $this->fail('collectGarbage'); }
    public function flushByTag(string $tag): int { $this->fail('flushByTag'); }
    public function flushByTags(array $tags): int { $this->fail('flushByTags(' . implode(',', $tags) . ')'); }
    public function findIdentifiersByTag(string $tag): array { $this->fail("findIdentifiersByTag($tag)"); }
}
$cache = new VariableFrontend('throwing', new Throwing());
tc_expect_exception(fn() => $cache->set('a', [1]));
tc_expect_exception(fn() => $cache->get('a'));
tc_expect_exception(fn() => $cache->has('a'));
tc_expect_exception(fn() => $cache->remove('a'));
tc_expect_exception(fn() => $cache->flush());
tc_expect_exception(fn() => $cache->collectGarbage());
tc_expect_exception(fn() => $cache->flushByTag('t'));
tc_expect_exception(fn() => $cache->flushByTags(['t', 'u']));
tc_expect_exception(fn() => $cache->getByTag('t'));
$m = new TagCache\CacheManager();
$m->registerCache($cache);
// the manager reaches its other caches first, then throws one CacheFlushException whose
// previous is what the backend threw, unchanged
foreach ([fn() => $m->flushCachesByTag('x'), fn() => $m->flushCaches()] as $op) {
    $e = tc_expect_exception($op);
    echo '  previous ', get_class($e->getPrevious()), ': ', $e->getPrevious()->getMessage(), "\n";
}
?>
--EXPECT--
RuntimeException: set(a) failed
RuntimeException: get(a) failed
RuntimeException: has failed
RuntimeException: remove failed
RuntimeException: flush failed
RuntimeException: collectGarbage failed
RuntimeException: flushByTags(t) failed
RuntimeException: flushByTags(t,u) failed
RuntimeException: findIdentifiersByTag(t) failed
CacheFlushException: flushCachesByTag() failed for 1 of 1 cache: cache "throwing" (RuntimeException: flushByTags(x) failed)
  previous RuntimeException: flushByTags(x) failed
CacheFlushException: flushCaches() failed for 1 of 1 cache: cache "throwing" (RuntimeException: flush failed)
  previous RuntimeException: flush failed
