--TEST--
RedisBackend: a tag set lost while its entry lives (evicted under an LRU maxmemory policy, as tag sets are never read) is restored by the next set with the same tags, inline and staged: getByTag and flushByTag find the entry again, and the restored set gets the entry's TTL (or stays persistent for an unlimited entry)
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../redis_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\StringFrontend;

// The staged path starts at TC_REDIS_STAGE_MIN (redis_set.c); 200 KB stays above it.
$big = str_repeat('x', 200000);
$src = @file_get_contents(__DIR__ . '/../../src/backend/redis_set.c');
if ($src !== false && preg_match('/#define TC_REDIS_STAGE_MIN (\d+)/', $src, $m) && strlen($big) < (int)$m[1]) {
    echo "payload below the staging size {$m[1]}: the staged path is not tested\n";
}

$srv = tc_redis_start();
$backend = new RedisBackend(['port' => $srv['port']]);
$cache = new StringFrontend('Lost', $backend);
$p = $backend->getKeyPrefix();
foreach (['inline' => ['v', 3600], 'staged' => [$big, 3600], 'inline unlimited' => ['v', 0],
          'staged unlimited' => [$big, 0]] as $path => [$v, $life]) {
    $id = 'a' . md5($path);
    $tag = 't' . md5($path);
    $cache->set($id, $v, [$tag, 'other'], $life);
    tc_redis_cmd($srv, 'DEL', "$p:t:$tag");              // what maxmemory eviction does
    $cache->set($id, $v . '2', [$tag, 'other'], $life);  // the re-set indexes it again
    $ttl = tc_redis_cmd($srv, 'PTTL', "$p:t:$tag");
    $got = $cache->getByTag($tag);
    printf("%s: getByTag %s, set TTL %s, flushByTag %d, readable after: %s, entries left under its other tag: %d\n", $path,
        $got === [$id => $v . '2'] ? 'finds it' : var_export(array_keys($got), true),
        $life ? ($ttl > 3500000 && $ttl <= 3600000 ? 'the entry\'s' : $ttl) : $ttl,
        $cache->flushByTag($tag), var_export($cache->has($id), true),
        count($cache->getByTag('other')));
}
?>
--EXPECT--
inline: getByTag finds it, set TTL the entry's, flushByTag 1, readable after: false, entries left under its other tag: 0
staged: getByTag finds it, set TTL the entry's, flushByTag 1, readable after: false, entries left under its other tag: 0
inline unlimited: getByTag finds it, set TTL -1, flushByTag 1, readable after: false, entries left under its other tag: 0
staged unlimited: getByTag finds it, set TTL -1, flushByTag 1, readable after: false, entries left under its other tag: 0
