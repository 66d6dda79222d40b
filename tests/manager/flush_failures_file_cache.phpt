--TEST--
CacheManager: three file caches, the middle one's data/ immutable: flushCachesByTag flushes the first and the third and throws one CacheFlushException naming the middle with its backend's message; after the repair the same call removes exactly the entry left
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../reliability/fault_helpers.inc'; if ($why = tc_immutable_unsupported()) die("skip $why"); ?>
--FILE--
<?php
require __DIR__ . '/../reliability/fault_helpers.inc';
use TagCache\{CacheManager, CacheFlushException};

$dir = tc_fault_dir('manager-file');
$m = new CacheManager(['Default' => ['backend' => 'FileBackend'], 'A' => [], 'B' => [], 'C' => []],
    ['cacheDirectory' => $dir, 'applicationIdentifier' => 'app']);
foreach (['A', 'B', 'C'] as $id) {
    $m->getCache($id)->set('e', "in $id", ['t']);
    $m->getCache($id)->set('other', "in $id", ['u']);
}
function left(CacheManager $m): string
{
    $out = [];
    foreach (['A', 'B', 'C'] as $id) {
        $c = $m->getCache($id);
        $out[] = "$id:" . var_export($c->get('e'), true) . '/' . count($c->getByTag('t'));
    }
    return implode(' ', $out) . "\n";
}

$data = $m->getCache('B')->getBackend()->getCacheDirectory() . '/data';
tc_immutable($data, true);
try {
    $m->flushCachesByTag('t');
    echo "no exception\n";
} catch (CacheFlushException $e) {
    echo str_replace($dir, 'DIR', $e->getMessage()), "\n";
    echo implode(',', array_keys($e->getFailures())), ' ', get_class($e->getPrevious()), "\n";
}
echo left($m);
tc_immutable($data, false);
var_dump($m->flushCachesByTag('t'));
echo left($m);
foreach (['A', 'B', 'C'] as $id) {
    echo $m->getCache($id)->get('other'), "\n";
}
?>
--EXPECT--
flushCachesByTag() failed for 1 of 3 caches (the other 2 were reached): cache "B" (TagCache\BackendException: flushByTag could not remove 1 of 1 entry of cache in DIR/app/B: e (data/e.php: Operation not permitted))
B TagCache\BackendException
A:false/0 B:'in B'/1 C:false/0
int(1)
A:false/0 B:false/0 C:false/0
in A
in B
in C
