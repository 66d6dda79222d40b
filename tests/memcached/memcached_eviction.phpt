--TEST--
MemcachedBackend: under evictions (memcached with 1 MB of memory) and with counters deleted at random, no flushed entry is ever read back and no hit returns anything but the last value written (random; seed printed)
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/memcached_helpers.inc'; tc_memcached_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/memcached_helpers.inc';
use TagCache\Backend\MemcachedBackend;
use TagCache\Frontend\StringFrontend;

$rnd = tc_random();
$srv = tc_memcached_start(['-I', '8k', '-o', 'slab_chunk_max=4096'], mb: 1);
$cache = new StringFrontend('Evict', new MemcachedBackend(['servers' => [$srv['address']]]));
$backend = $cache->getBackend();

$tags = [];
for ($i = 0; $i < 12; $i++) {
    $tags[] = "tag$i";
}
$model = [];     // id => [value, tags] of the last write still in force
$flushed = [];   // id => true: its last write was flushed, so it must never be read back
$hits = $checks = $flushes = 0;
$bad = [];
for ($step = 0; $step < 1500; $step++) {
    $op = $rnd->getInt(0, 99);
    if ($op < 80) {
        $id = 'e' . $rnd->getInt(0, 299);
        $mine = [];
        foreach ((array)array_rand($tags, $rnd->getInt(1, 3)) as $k) {
            $mine[] = $tags[$k];
        }
        $value = "$id@$step:" . str_repeat("x", $rnd->getInt(4000, 7000));
        try {
            $cache->set($id, $value, $mine);
            $model[$id] = [$value, $mine];
            unset($flushed[$id]);
        } catch (TagCache\BackendException $e) {
            // memcached may refuse a write when its memory is this small: the entry is gone
            if (!str_contains($e->getMessage(), 'has no memory for entry')) {
                $bad[] = "step $step: " . $e->getMessage();
            }
            unset($model[$id]);
            $flushed[$id] = true;
        }
    } elseif ($op < 90) {
        // an entry read back must be its last write, and never one that was flushed
        $id = 'e' . $rnd->getInt(0, 299);
        $got = $cache->get($id);
        if ($got !== false) {
            $hits++;
            if (isset($flushed[$id]) || !isset($model[$id]) || $got !== $model[$id][0]) {
                $bad[] = "step $step: $id read back " . substr($got, 0, 20);
            }
        }
    } elseif ($op < 95) {
        // lose a counter or the generation as an eviction would
        $which = $rnd->getInt(0, 12);
        $key = $which === 12 ? 'tc:default:Evict:g' : "tc:default:Evict:t:tag$which";
        tc_memcached_cmd($srv, "delete $key");
        if ($which === 12) {
            foreach ($model as $id => $_) {
                $flushed[$id] = true; // not flushed, but a miss from now on is what we expect
            }
        }
    } else {
        $tag = $tags[$rnd->getInt(0, count($tags) - 1)];
        $cache->flushByTag($tag);
        $flushes++;
        foreach ($model as $id => [$value, $mine]) {
            if (in_array($tag, $mine, true)) {
                $flushed[$id] = true;
            }
        }
        foreach ($flushed as $id => $_) {
            $checks++;
            if ($cache->get($id) !== false) {
                $bad[] = "step $step: $id read back after flushByTag($tag)";
            }
        }
        if ($backend->findIdentifiersByTag($tag) !== []) {
            $bad[] = "step $step: findIdentifiersByTag($tag) lists entries after its flush";
        }
    }
}
$evictions = tc_memcached_stat($srv, "evictions");
echo 'evictions happened: ', var_export($evictions > 0, true), "\n";
echo 'flushes: ', var_export($flushes > 30, true), ', flushed entries checked: ', var_export($checks > 1000, true),
     ', hits: ', var_export($hits > 0, true), "\n";
echo 'violations: ', count($bad), "\n", implode("\n", array_slice($bad, 0, 10)), "\n";
?>
--EXPECTF--
seed: %d (replay with TAGCACHE_SEED=%d)
evictions happened: true
flushes: true, flushed entries checked: true, hits: true
violations: 0
