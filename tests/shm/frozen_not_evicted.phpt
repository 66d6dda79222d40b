--TEST--
SharedMemoryBackend: entries of a frozen cache are never evicted (a frozen cache refuses set, so an evicted entry would be lost for good); other caches evict among their own entries, and when only frozen entries are left a set fails naming the segment and why
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/shm_helpers.inc';
use TagCache\Frontend\StringFrontend;

$segment = tc_shm_segment();
$frozen = new StringFrontend('Frozen', tc_shm_backend($segment));
$busy = new StringFrontend('Busy', tc_shm_backend($segment));
$value = str_repeat('f', 3000);
for ($i = 0; $i < 180; $i++) {
    $frozen->set("f$i", $value, ['frozen']);
}
$frozen->getBackend()->freeze();
echo 'frozen: ', var_export($frozen->getBackend()->isFrozen(), true), "\n";

// A busy cache in the same segment cycles far more than the segment holds.
for ($i = 0; $i < 1000; $i++) {
    $busy->set("b$i", str_repeat('b', 3000), ['busy']);
}
$s = $busy->getBackend()->getStatistics();
echo 'the busy cache evicted: ', var_export($s['evictions'] > 500, true), ", its newest entry is there: ",
    var_export($busy->get('b999') === str_repeat('b', 3000), true), "\n";
$kept = count(array_filter(range(0, 179), fn($i) => $frozen->get("f$i") === $value));
echo "frozen entries kept: $kept of 180, getByTag: ", count($frozen->getByTag('frozen')), "\n";

// Nothing but frozen entries can make room for this one: the set fails, saying why.
try {
    $busy->set('huge', str_repeat('h', 300000));
    echo "huge: stored\n";
} catch (\Throwable $e) {
    echo get_class($e), ': ', str_replace($segment, '<segment>', $e->getMessage()), "\n";
}
$kept = count(array_filter(range(0, 179), fn($i) => $frozen->get("f$i") === $value));
echo "frozen entries still kept: $kept of 180\n";

// flush() thaws the frozen cache and empties it: then there is room.
$frozen->flush();
$busy->set('huge', str_repeat('h', 300000));
echo 'after thawing, huge is stored: ', var_export($busy->get('huge') === str_repeat('h', 300000), true), "\n";
echo 'orphanTags: ', $busy->getBackend()->getStatistics()['orphanTags'], "\n";
$busy->flush();
?>
--EXPECTF--
frozen: true
the busy cache evicted: true, its newest entry is there: true
frozen entries kept: 180 of 180, getByTag: 180
TagCache\BackendException: no room for entry "huge" (%d bytes) in shared memory segment <segment>: it is full of the 180 entries of frozen caches, which are never evicted (flush() a frozen cache to thaw it, or raise option size)
frozen entries still kept: 180 of 180
after thawing, huge is stored: true
orphanTags: 0
