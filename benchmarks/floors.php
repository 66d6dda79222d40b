<?php
/*
 * The floors: the same job done by plain PHP with no tags, measured in the same run. A floor
 * stores serialize()d values (a cache hands out copies) and, where a tagged cache looks a tag up,
 * works on the identifiers the scenario gives it: what is left is the storage's own price.
 */

/** unserialize(file_get_contents()); writes go to a temporary file renamed over the entry (atomic, like every file cache here). */
function floor_files_subject(): Subject
{
    $dir = bench_tmpdir('floor-files');
    $get = static function (string $k) use ($dir) {
        $s = @file_get_contents("$dir/$k");
        return $s === false ? false : unserialize($s);
    };
    return new Subject(
        name: 'floor: file_get_contents + unserialize',
        kind: 'floor',
        set: static function (string $k, string $v, array $tags) use ($dir): void {
            file_put_contents("$dir/$k.tmp", serialize($v));
            rename("$dir/$k.tmp", "$dir/$k");
        },
        get: $get,
        getByTag: static function (string $tag, array $keys) use ($get): array {
            $out = [];
            foreach ($keys as $k) {
                $out[$k] = $get($k);
            }
            return $out;
        },
        flushByTag: static function (string $tag, array $keys) use ($dir): int {
            $n = 0;
            foreach ($keys as $k) {
                $n += (int) @unlink("$dir/$k");
            }
            return $n;
        },
        fill: static function (array $entries) use ($dir): void {
            foreach ($entries as $k => [$v]) {
                file_put_contents("$dir/$k", serialize($v));
            }
        },
        footprint: static fn () => bench_du($dir),
        footprintUnit: 'disk',
        close: static function () use ($dir): void {
            bench_rmdir($dir);
        },
    );
}

/** unserialize($array[$key]) */
function floor_array_subject(): Subject
{
    $a = [];
    $get = static function (string $k) use (&$a) {
        return isset($a[$k]) ? unserialize($a[$k]) : false;
    };
    return new Subject(
        name: 'floor: PHP array + serialize',
        kind: 'floor',
        set: static function (string $k, string $v, array $tags) use (&$a): void {
            $a[$k] = serialize($v);
        },
        get: $get,
        getByTag: static function (string $tag, array $keys) use ($get): array {
            $out = [];
            foreach ($keys as $k) {
                $out[$k] = $get($k);
            }
            return $out;
        },
        flushByTag: static function (string $tag, array $keys) use (&$a): int {
            $n = 0;
            foreach ($keys as $k) {
                if (isset($a[$k])) {
                    unset($a[$k]);
                    $n++;
                }
            }
            return $n;
        },
        close: static function () use (&$a): void {
            $a = [];
        },
    );
}

/** apcu_fetch / apcu_store (APCu stores a string as it is) */
function floor_apcu_subject(): Subject
{
    apcu_clear_cache();
    return new Subject(
        name: 'floor: apcu_fetch / apcu_store',
        kind: 'floor',
        set: static function (string $k, string $v, array $tags): void {
            apcu_store($k, $v);
        },
        get: static fn (string $k) => apcu_fetch($k),
        getByTag: static fn (string $tag, array $keys) => apcu_fetch($keys),
        flushByTag: static fn (string $tag, array $keys) => count($keys) - count(apcu_delete($keys)),
        fill: static function (array $entries): void {
            $plain = [];
            foreach ($entries as $k => [$v]) {
                $plain[$k] = $v;
            }
            apcu_store($plain);
        },
        footprint: static fn () => (int) apcu_cache_info(true)['mem_size'],
        footprintUnit: 'APCu',
        close: static function (): void {
            apcu_clear_cache();
        },
    );
}

/**
 * phpredis GET / SET of serialize()d values (the bytes tagcache's VariableFrontend stores), and
 * for getByTag one MGET of the 10 keys: the floors of the Redis targets (set with tags against
 * SET, get hit against GET, getByTag against MGET).
 */
function floor_redis_subject(): Subject
{
    $r = bench_redis_connect(3);
    $r->flushDb();
    $get = static function (string $k) use ($r) {
        $s = $r->get($k);
        return $s === false ? false : unserialize($s);
    };
    return new Subject(
        name: 'floor: phpredis GET / SET / MGET',
        kind: 'floor',
        set: static function (string $k, string $v, array $tags) use ($r): void {
            $r->set($k, serialize($v));
        },
        get: $get,
        getByTag: static function (string $tag, array $keys) use ($r): array {
            return array_combine($keys, array_map(static fn ($s) => $s === false ? false : unserialize($s), $r->mGet($keys)));
        },
        flushByTag: static fn (string $tag, array $keys) => $r->del($keys),
        fill: static function (array $entries) use ($r): void {
            foreach (array_chunk($entries, 1000, true) as $chunk) {
                $r->mSet(array_map(static fn ($e) => serialize($e[0]), $chunk));
            }
        },
        footprint: static fn () => bench_redis_used_memory($r),
        footprintUnit: 'Redis',
        close: static function () use ($r): void {
            $r->flushDb();
        },
    );
}
