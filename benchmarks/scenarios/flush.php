<?php
/*
 * flushByTag (Symfony: invalidateTags) hitting 10 entries in caches of 1k, 10k and 100k entries:
 * the growth curve. The cache is filled once and grown in place (entries of 100 B, one of 100 tags
 * each). Every timed flush is prepared untimed: the same 10 identifiers are set again with a tag
 * of their own, so the cache keeps its size whether a flush deletes (tagcache, Redis) or only
 * bumps a tag version and leaves the stale entries in place (Symfony's TagAwareAdapter).
 * The Redis family also flushes 100 entries at the largest size.
 */

function scenario_flush(BenchConfig $cfg, Subject $s, Closure $record, string $group): void
{
    if ($s->flushByTag === null) {
        return;
    }
    $value = bench_value(100);
    $filled = 0;
    $footprint = 0;
    foreach ($cfg->sizes as $size) {
        $batch = [];
        for ($i = $filled; $i < $size; $i++) {
            $batch["e$i"] = [$value, ['g' . ($i % 100)]];
        }
        $before = ($s->footprint)();
        $s->fill($batch);
        $footprint += ($s->footprint)() - $before;
        unset($batch);
        $filled = $size;
        $label = 'flushByTag hitting 10 of ' . number_format($size);
        $record($label, flush_measure($cfg, $s, 10, $value), $size, $footprint);
    }
    if ($group === 'redis') {
        $record('flushByTag hitting 100 of ' . number_format($filled), flush_measure($cfg, $s, 100, $value), $filled, null);
    }
}

function flush_measure(BenchConfig $cfg, Subject $s, int $hits, string $value): array
{
    $set = $s->set;
    $get = $s->get;
    $flush = $s->flushByTag;
    $keys = bench_keys('hot', $hits);
    $prepare = static function (int $r) use ($set, $keys, $value, $hits) {
        foreach ($keys as $k) {
            $set($k, $value, ["hot$hits-$r"]);
        }
    };
    $result = bench_measure_each($cfg->flushRounds, $prepare, static function (int $r) use ($flush, $keys, $hits) {
        $flush("hot$hits-$r", $keys);
    });
    // check, untimed: a flush removes exactly what carries the tag
    $prepare(-1);
    $count = $flush("hot$hits--1", $keys);
    if ($count !== null && $count !== $hits) {
        throw new RuntimeException("{$s->name}: flushByTag removed $count entries, expected $hits");
    }
    foreach ($keys as $k) {
        $v = $get($k);
        if ($v !== false && $v !== null) {
            throw new RuntimeException("{$s->name}: entry $k survived flushByTag");
        }
    }
    return $result;
}
