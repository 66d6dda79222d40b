<?php
/*
 * Invalidation under load, with figures: the load of tests/load/invalidation_under_load.phpt
 * (php-fpm with 4 workers behind nginx and Varnish, redis-server, 16 concurrent readers, a post
 * edited every 50 ms, faults injected phase by phase) for longer, printing requests/s served,
 * stale and failed responses per phase and path. Not part of the default run (it takes about a
 * minute): `benchmarks/run load`, or directly
 *     php -d extension=modules/tagcache.so benchmarks/scenarios/load.php [SECONDS_PER_PHASE]
 * Replay the readers' and editor's choices with TAGCACHE_SEED=<seed printed>. Exit status 1
 * when a stale response was seen.
 */

/** Runs the phases for $seconds each; prints the table; returns the number of stale responses. */
function scenario_load(float $seconds = 10.0): int
{
    require_once __DIR__ . '/../../tests/load/harness.inc';
    $rng = tc_random();
    $env = tc_load_start();
    $features = $env['features'];
    echo "## Invalidation under load ($seconds s per phase)\n\n";
    echo 'Features detected: ', implode(', ', array_map(fn($k) => $k . '=' . ($features[$k] ? 'yes' : 'no'), array_keys($features))), ".\n";
    printf("php-fpm %d workers, %d readers (half through nginx, half through Varnish), %d posts, an edit every 50 ms, page build on a miss 0-%d ms, Varnish judged %.1f s after a purge returned.\n\n",
        $env['opts']['workers'], 16, $env['opts']['posts'], $env['opts']['renderMaxMs'], $env['opts']['secondSendDelay']);
    $result = tc_load_run($env, $rng, $seconds);
    tc_load_table($result);
    $stale = 0;
    foreach ($result['phases'] as $row) {
        $stale += $row['data']['stale'] + $row['varnish']['stale'];
    }
    echo "\nStale responses in all: $stale.\n";
    return $stale;
}

// run when invoked as a script; benchmarks/bench.php requires every scenario file and must not start it
if (realpath($_SERVER['SCRIPT_FILENAME'] ?? '') === __FILE__) {
    $seconds = (float)($argv[1] ?? 10);
    if ($seconds <= 0) {
        fwrite(STDERR, "usage: load.php [SECONDS_PER_PHASE > 0]\n");
        exit(2);
    }
    exit(scenario_load($seconds) > 0 ? 1 : 0);
}
