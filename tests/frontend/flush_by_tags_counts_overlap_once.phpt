--TEST--
Frontend: flushByTag/flushByTags return counts; an entry carrying several of the tags counts once
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Frontend\StringFrontend;

$dir = tc_tmpdir();
$caches = [
    'file' => new VariableFrontend('overlap_f', new FileBackend(['cacheDirectory' => $dir])),
    'memory' => new StringFrontend('overlap_m', new TransientMemoryBackend()),
];
foreach ($caches as $name => $cache) {
    echo "== $name\n";
    $cache->set('a', 'A', ['t1', 't2']);
    $cache->set('b', 'B', ['t1', 't2', 't3']);
    $cache->set('c', 'C', ['t2']);
    $cache->set('d', 'D', ['t3']);
    $cache->set('e', 'E', ['other']);
    var_dump($cache->flushByTags(['t1', 't2', 't3', 't2']));
    var_dump($cache->has('a'), $cache->has('b'), $cache->has('c'), $cache->has('d'), $cache->has('e'));
    var_dump($cache->flushByTags(['t1', 't2']));
    var_dump($cache->flushByTags([]));
    var_dump($cache->flushByTag('nothing-here'));
    var_dump($cache->flushByTag('other'));
    var_dump($cache->flushByTag('other'));
    // the backend counts the same way
    $cache->set('x', 'X', ['u1', 'u2']);
    var_dump($cache->getBackend()->flushByTags(['u1', 'u2']));
}
?>
--EXPECT--
== file
int(4)
bool(false)
bool(false)
bool(false)
bool(false)
bool(true)
int(0)
int(0)
int(0)
int(1)
int(0)
int(1)
== memory
int(4)
bool(false)
bool(false)
bool(false)
bool(false)
bool(true)
int(0)
int(0)
int(0)
int(1)
int(0)
int(1)
