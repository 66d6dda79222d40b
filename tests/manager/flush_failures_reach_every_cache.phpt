--TEST--
CacheManager: flushCaches, flushCachesByTag(s) and collectGarbage reach every cache when some fail (a throwing PHP backend, a misconfigured cache), then throw one CacheFlushException naming each failed cache; getFailures() maps identifiers to what they threw, getPrevious() is the first; exit() inside a flush still ends the script
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/../array_backend.inc';
use TagCache\{CacheManager, CacheFlushException};

class FailingBackend extends ArrayBackend
{
    public function flushByTags(array $tags): int { throw new RuntimeException('store of B is down'); }
    public function flush(): void { throw new LogicException('flush of B refused'); }
    public function collectGarbage(): void { $this->calls[] = 'collectGarbage'; throw new TagCache\BackendException('gc of B failed'); }
}

function report(callable $op): ?CacheFlushException
{
    try {
        $r = $op();
        echo 'returned ', var_export($r, true), "\n";
        return null;
    } catch (CacheFlushException $e) {
        echo get_class($e), ' ', $e->getCode(), ': ', $e->getMessage(), "\n";
        echo '  is a BackendException, RuntimeException, TagCache\Exception: ',
            var_export($e instanceof TagCache\BackendException && $e instanceof RuntimeException && $e instanceof TagCache\Exception, true), "\n";
        foreach ($e->getFailures() as $id => $f) {
            echo "  $id => ", get_class($f), ': ', $f->getMessage(), "\n";
        }
        echo '  previous is the first failure: ', var_export($e->getPrevious() === array_values($e->getFailures())[0], true), "\n";
        return $e;
    }
}
function fill(CacheManager $m): void
{
    foreach (['A', 'B', 'C'] as $id) {
        $m->getCache($id)->set('e', "in $id", ['t']);
    }
}
function left(CacheManager $m): string
{
    $out = [];
    foreach (['A', 'B', 'C'] as $id) {
        $out[] = "$id:" . ($m->getCache($id)->has('e') ? 'kept' : 'flushed');
    }
    return '  ' . implode(' ', $out) . "\n";
}

$m = new CacheManager([
    'Default' => ['backend' => 'ArrayBackend'],
    'A' => [],
    'B' => ['backend' => 'FailingBackend'],
    'C' => [],
], ['cacheDirectory' => tc_tmpdir()]);

echo "-- flushCachesByTag\n";
fill($m);
report(fn() => $m->flushCachesByTag('t'));
echo left($m);
echo "-- flushCachesByTags\n";
fill($m);
report(fn() => $m->flushCachesByTags(['t', 'u']));
echo left($m);
echo "-- flushCaches, with a cache that cannot even be built\n";
$m->setCacheConfigurations(['D' => ['backend' => 'NoSuchBackendClass']]);
fill($m);
report(fn() => $m->flushCaches());
echo left($m);
echo "-- collectGarbage\n";
report(fn() => $m->collectGarbage());
foreach (['A', 'B', 'C'] as $id) {
    echo "  $id gc calls: ", count(array_keys($m->getCache($id)->getBackend()->calls, 'collectGarbage')), "\n";
}
echo "-- nothing fails: the count\n";
$ok = new CacheManager(['Default' => ['backend' => 'ArrayBackend'], 'A' => [], 'C' => []]);
foreach (['A', 'C'] as $id) {
    $ok->getCache($id)->set('e', 'v', ['t']);
}
report(fn() => $ok->flushCachesByTag('t'));

echo "-- exit() in a cache's flush is no failure to collect\n";
class ExitingBackend extends ArrayBackend
{
    public function flush(): void { echo "  B exits\n"; exit(0); }
}
$x = new CacheManager(['Default' => ['backend' => 'ArrayBackend'], 'A' => ['backend' => 'FailingBackend'], 'B' => ['backend' => 'ExitingBackend'], 'C' => []]);
register_shutdown_function(function () use ($x) {
    echo "  shutdown, no exception thrown\n";
});
try {
    $x->flushCaches();
} finally {
    echo "  not reached\n";
}
?>
--EXPECT--
-- flushCachesByTag
TagCache\CacheFlushException 1009: flushCachesByTag() failed for 1 of 3 caches (the other 2 were reached): cache "B" (RuntimeException: store of B is down)
  is a BackendException, RuntimeException, TagCache\Exception: true
  B => RuntimeException: store of B is down
  previous is the first failure: true
  A:flushed B:kept C:flushed
-- flushCachesByTags
TagCache\CacheFlushException 1009: flushCachesByTags() failed for 1 of 3 caches (the other 2 were reached): cache "B" (RuntimeException: store of B is down)
  is a BackendException, RuntimeException, TagCache\Exception: true
  B => RuntimeException: store of B is down
  previous is the first failure: true
  A:flushed B:kept C:flushed
-- flushCaches, with a cache that cannot even be built
TagCache\CacheFlushException 1009: flushCaches() failed for 2 of 4 caches (the other 2 were reached): cache "B" (LogicException: flush of B refused); cache "D" (TagCache\InvalidArgumentException: Cache "D": backend class "NoSuchBackendClass" does not exist)
  is a BackendException, RuntimeException, TagCache\Exception: true
  B => LogicException: flush of B refused
  D => TagCache\InvalidArgumentException: Cache "D": backend class "NoSuchBackendClass" does not exist
  previous is the first failure: true
  A:flushed B:kept C:flushed
-- collectGarbage
TagCache\CacheFlushException 1009: collectGarbage() failed for 2 of 4 caches (the other 2 were reached): cache "B" (TagCache\BackendException: gc of B failed); cache "D" (TagCache\InvalidArgumentException: Cache "D": backend class "NoSuchBackendClass" does not exist)
  is a BackendException, RuntimeException, TagCache\Exception: true
  B => TagCache\BackendException: gc of B failed
  D => TagCache\InvalidArgumentException: Cache "D": backend class "NoSuchBackendClass" does not exist
  previous is the first failure: true
  A gc calls: 1
  B gc calls: 1
  C gc calls: 1
-- nothing fails: the count
returned 2
-- exit() in a cache's flush is no failure to collect
  B exits
  shutdown, no exception thrown
