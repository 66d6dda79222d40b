--TEST--
Invalidation under load: no stale version after an edit returned (data cache) or after the second-purge delay (Varnish), with Redis restarted, Varnish killed and cache directories read-only
--DESCRIPTION--
php-fpm (4 workers) behind nginx and Varnish, redis-server, 16 concurrent readers (half through
nginx, half through Varnish) over 4 posts, and an editor that edits a random post every 50 ms:
bump its version, CacheManager::flushCachesByTag('post-N'), purge the tag on Varnish. Phases of
3 s: healthy; Redis stopped and started again; Varnish killed and started again; the file cache's
directories read-only for a second. Fails when any response is stale (see tests/load/harness.inc).
The same load for longer, with figures: benchmarks/run load.
--SKIPIF--
<?php
require __DIR__ . '/harness.inc';
tc_load_skipif();
?>
--CONFLICTS--
all
--FILE--
<?php
require __DIR__ . '/harness.inc';

$rng = tc_random();
$env = tc_load_start();
$features = $env['features'];
echo 'features: ', implode(', ', array_map(fn($k) => $k . '=' . ($features[$k] ? 'yes' : 'no'), array_keys($features))), "\n";
$result = tc_load_run($env, $rng, 3.0);
tc_load_table($result);

// the assertions: each phase served through both paths, had edits returned, and saw nothing stale
foreach (array_keys(tc_load_phases()) as $phase) {
    if (isset($result['skipped'][$phase])) {
        echo "$phase: skipped: {$result['skipped'][$phase]}\n";
        continue;
    }
    $row = $result['phases'][$phase];
    $served = $row['data']['served'] > 0 && $row['varnish']['served'] > 0 && $row['returned'] > 0;
    printf("%s: %s, %d stale (data cache), %d stale (Varnish)\n", $phase,
        $served ? 'served through both paths, edits returned' : 'NOTHING SERVED OR NO EDIT RETURNED',
        $row['data']['stale'], $row['varnish']['stale']);
}
?>
--EXPECTF--
seed: %d (replay with TAGCACHE_SEED=%d)
features: flushException=%s, tickets=%s, secondSend=%s, guard=%s, vclStale=%s
%A
healthy: served through both paths, edits returned, 0 stale (data cache), 0 stale (Varnish)
redis-restart: served through both paths, edits returned, 0 stale (data cache), 0 stale (Varnish)
varnish-restart: served through both paths, edits returned, 0 stale (data cache), 0 stale (Varnish)
read-only: %r(served through both paths, edits returned, 0 stale \(data cache\), 0 stale \(Varnish\)|skipped: .*)%r
