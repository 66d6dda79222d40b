<?php
/*
 * getByTag returning 10 entries of 100 B from a cache of 1,000 entries carrying 100 tags.
 * Symfony has no lookup by tag, so only tagcache and the floors run it; a floor is handed the
 * 10 identifiers and fetches them (an application keeping its own tag index would pay that and more).
 */

function scenario_get_by_tag(BenchConfig $cfg, Subject $s, Closure $record): void
{
    if ($s->getByTag === null) {
        return;
    }
    $value = bench_value(100);
    $entries = [];
    $byTag = [];
    for ($i = 0; $i < 1000; $i++) {
        $entries["e$i"] = [$value, ['g' . ($i % 100)]];
        $byTag[$i % 100][] = "e$i";
    }
    $s->fill($entries);
    $getByTag = $s->getByTag;
    $got = $getByTag('g7', $byTag[7]);
    ksort($got);
    $want = array_fill_keys($byTag[7], $value);
    ksort($want);
    if ($got !== $want) {
        throw new RuntimeException("{$s->name}: getByTag('g7') did not return its 10 entries");
    }
    $record('getByTag, 10 of 1,000', bench_measure($cfg, static function (int $i) use ($getByTag, $byTag) {
        return $getByTag('g' . ($i % 100), $byTag[$i % 100]);
    }));
}
