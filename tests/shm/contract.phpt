--TEST--
SharedMemoryBackend: the backend contract under VariableFrontend and StringFrontend (set, get, has, remove, tags, flush, lifetimes, freeze, iteration, garbage collection)
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/shm_helpers.inc';
use TagCache\Frontend\StringFrontend;
use TagCache\Frontend\VariableFrontend;

$segment = tc_shm_segment();
$caches = [
    'variable' => new VariableFrontend('Contract_V', tc_shm_backend($segment)),
    'string' => new StringFrontend('Contract_S', tc_shm_backend($segment)),
];
foreach ($caches as $name => $c) {
    echo "== $name\n";
    $b = $c->getBackend();
    $c->set('a', 'alpha', ['t1', 't2', 't1']);
    $c->set('b', 'beta', ['t1']);
    $c->set('c', 'gamma', ['t3']);
    $c->set('empty', '');
    var_dump($c->get('a'), $c->get('empty'), $c->has('b'), $c->get('nope'), $c->has('nope'));
    $ids = $b->findIdentifiersByTag('t1');
    sort($ids);
    echo 'findIdentifiersByTag(t1): ', implode(',', $ids), "\n";
    $byTag = $c->getByTag('t2');
    echo 'getByTag(t2): ', json_encode($byTag), "\n";
    // replacing an entry replaces its tags
    $c->set('a', 'alpha2', ['t3']);
    echo 'after re-set, t1: ', json_encode($b->findIdentifiersByTag('t1')), ' t2: ', json_encode($b->findIdentifiersByTag('t2')), "\n";
    var_dump($c->remove('b'), $c->remove('b'), $c->has('b'));
    echo 't1 after remove: ', json_encode($b->findIdentifiersByTag('t1')), "\n";
    echo 'flushByTag(t3): ', $c->flushByTag('t3'), "\n";
    var_dump($c->has('a'), $c->has('c'), $c->get('empty'));
    $c->set('x', 'X', ['p']);
    $c->set('y', 'Y', ['q']);
    $c->set('z', 'Z', ['r']);
    echo 'flushByTags([p, q, none]): ', $c->flushByTags(['p', 'q', 'none']), "\n";
    $ids = [];
    foreach ($b as $id => $value) {
        $ids[$id] = $value;
    }
    ksort($ids);
    echo 'iteration: ', json_encode(array_keys($ids)), "\n";
    // freeze: writes and removals refused until flush() thaws it
    $b->freeze();
    var_dump($b->isFrozen());
    try {
        $c->set('w', 'W');
    } catch (TagCache\Exception $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
    try {
        $b->freeze();
    } catch (TagCache\Exception $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
    var_dump($c->get('z'));
    $c->flush();
    var_dump($b->isFrozen(), $c->has('z'), $c->has('empty'));
    $stats = $b->getStatistics();
    echo 'cacheEntries ', $stats['cacheEntries'], ' cacheTags ', $stats['cacheTags'], ' orphanTags ', $stats['orphanTags'], "\n";
}

echo "== lifetimes\n";
$c = $caches['variable'];
$b = $c->getBackend();
$c->set('short', 'gone soon', ['t'], 2);
$c->set('keep', 'stays', ['t'], 0);
$c->set('default', 'stays too', ['t']);
var_dump($c->get('short'), count($b->findIdentifiersByTag('t')));
sleep(3);
echo "-- after 3s\n";
$ids = $b->findIdentifiersByTag('t');
sort($ids);
var_dump($c->get('short'), $c->has('short'), implode(',', $ids));
$before = $b->getStatistics()['cacheEntries'];
$b->collectGarbage();
echo "collectGarbage: $before -> ", $b->getStatistics()['cacheEntries'], " entries\n";
$c->flush();
try {
    $c->set('neg', 'v', [], -5);
} catch (\Throwable $e) {
    echo get_class($e), "\n";
}
?>
--EXPECTF--
== variable
string(5) "alpha"
string(0) ""
bool(true)
bool(false)
bool(false)
findIdentifiersByTag(t1): a,b
getByTag(t2): {"a":"alpha"}
after re-set, t1: ["b"] t2: []
bool(true)
bool(false)
bool(false)
t1 after remove: []
flushByTag(t3): 2
bool(false)
bool(false)
string(0) ""
flushByTags([p, q, none]): 2
iteration: ["empty","z"]
bool(true)
TagCache\FrozenCacheException: cache default:Contract_V in %s is frozen: writes and removals are refused until flush() thaws it
TagCache\FrozenCacheException: cache default:Contract_V in %s is already frozen: flush() thaws it
string(1) "Z"
bool(false)
bool(false)
bool(false)
cacheEntries 0 cacheTags 0 orphanTags 0
== string
string(5) "alpha"
string(0) ""
bool(true)
bool(false)
bool(false)
findIdentifiersByTag(t1): a,b
getByTag(t2): {"a":"alpha"}
after re-set, t1: ["b"] t2: []
bool(true)
bool(false)
bool(false)
t1 after remove: []
flushByTag(t3): 2
bool(false)
bool(false)
string(0) ""
flushByTags([p, q, none]): 2
iteration: ["empty","z"]
bool(true)
TagCache\FrozenCacheException: cache default:Contract_S in %s is frozen: writes and removals are refused until flush() thaws it
TagCache\FrozenCacheException: cache default:Contract_S in %s is already frozen: flush() thaws it
string(1) "Z"
bool(false)
bool(false)
bool(false)
cacheEntries 0 cacheTags 0 orphanTags 0
== lifetimes
string(9) "gone soon"
int(3)
-- after 3s
bool(false)
bool(false)
string(12) "default,keep"
collectGarbage: 3 -> 2 entries
%s
