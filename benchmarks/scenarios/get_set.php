<?php
/*
 * get hit and set with 3 tags for values of 100 B, 10 KB and 1 MB, and get miss. Each round
 * cycles over a fixed set of identifiers (100, or 8 for 1 MB values), so a set overwrites an
 * existing entry with the same tags: the steady state of a warm cache.
 */

function scenario_get_set(BenchConfig $cfg, Subject $s, Closure $record): void
{
    $tags = ['t1', 't2', 't3'];
    foreach ([100 => '100 B', 10240 => '10 KB', 1048576 => '1 MB'] as $bytes => $label) {
        $value = bench_value($bytes);
        $count = $bytes > 100000 ? 8 : 100;
        $keys = bench_keys("k{$bytes}_", $count);
        $set = $s->set;
        $get = $s->get;
        foreach ($keys as $k) {
            $set($k, $value, $tags);
        }
        if ($get($keys[0]) !== $value) {
            throw new RuntimeException("{$s->name}: get after set did not return the value ($label)");
        }
        $record("get hit, $label", bench_measure($cfg, static function (int $i) use ($get, $keys, $count) {
            return $get($keys[$i % $count]);
        }));
        $record("set, 3 tags, $label", bench_measure($cfg, static function (int $i) use ($set, $keys, $count, $value, $tags) {
            $set($keys[$i % $count], $value, $tags);
        }));
    }
    $missing = bench_keys('missing', 100);
    $get = $s->get;
    if ($get($missing[0]) !== false && $get($missing[0]) !== null) {
        throw new RuntimeException("{$s->name}: a missing entry did not read as a miss");
    }
    $record('get miss', bench_measure($cfg, static function (int $i) use ($get, $missing) {
        return $get($missing[$i % 100]);
    }));
}
