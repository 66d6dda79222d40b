<?php
/*
 * Scenarios of SharedMemoryBackend that the common families do not cover (group "shm_scenarios",
 * `bench.php shm -`):
 * - flushByTag hitting 10 entries in caches of 1k, 100k and 1M entries (one segment sized for
 *   1M): time per flush, which should not grow with the cache;
 * - two processes reading the same keys at once against one process alone: aggregate throughput
 *   (tagcache and, when loaded, apcu_fetch), the sign of a read lock convoy or its absence;
 * - compute-once: 16 processes ask getOrCompute for the same cold key at once, the callback
 *   taking 50 ms, on SharedMemoryBackend and FileBackend: how often the callback ran and the
 *   wall time over one computation;
 * - memory per entry for the same 100k entries of 100 B: SharedMemoryBackend's bytesUsed
 *   against APCu's used shared memory, each minus the payload bytes.
 * The compute-once and memory figures are notes (counts and bytes, not times); the others are
 * also table rows. Processes are forked with pcntl_fork; a child ends with SIGKILL on itself, so it runs no
 * shutdown code of objects it inherited from the parent.
 */

use TagCache\Backend\FileBackend;
use TagCache\Backend\SharedMemoryBackend;
use TagCache\Frontend\StringFrontend;
use TagCache\Frontend\VariableFrontend;

/**
 * @param Closure(string $scenario, string $subject, string $kind, array $result): void $record
 * @param Closure(string $text): void $note
 */
function scenario_shm(BenchConfig $cfg, Closure $record, Closure $note): void
{
    if (!function_exists('pcntl_fork')) {
        $note('pcntl is not loaded: the two-reader and compute-once scenarios are left out');
    }
    shm_flush_growth($cfg, $record, $note);
    shm_string_gets($cfg, $record, $note);
    if (function_exists('pcntl_fork')) {
        shm_two_readers($cfg, $record, $note);
        shm_compute_once($cfg, $record, $note);
    }
    shm_memory_per_entry($cfg, $record, $note);
}

/** A figure that is not a timed loop (a wall time, a throughput): the report's row shape. */
function shm_row(float $perOp, int $ops = 1): array
{
    return ['perOp' => $perOp, 'p50' => null, 'p99' => null, 'peak' => 0, 'ops' => $ops];
}

function shm_flush_growth(BenchConfig $cfg, Closure $record, Closure $note): void
{
    $sizes = $cfg->quick ? [1000] : [1000, 100000, 1000000];
    $dir = tc_shm_bench_dir('shm-flush');
    // 1M entries of 100 B with one tag take about 200 MB of blocks; the hash tables grow with the size
    $segSize = $cfg->quick ? 8 << 20 : 512 << 20;
    $c = new VariableFrontend('BenchFlush', new SharedMemoryBackend(['segment' => "$dir/segment", 'size' => $segSize]), ['serializer' => 'php']);
    $s = tc_subject('tagcache SharedMemoryBackend', $c);
    $value = bench_value(100);
    $filled = 0;
    foreach ($sizes as $size) {
        for ($i = $filled; $i < $size; $i++) {
            $c->set("e$i", $value, ['g' . ($i % 100)]);
        }
        $filled = $size;
        $st = $c->getBackend()->getStatistics();
        if ($st['evictions'] > 0) {
            throw new RuntimeException("the flush segment evicted at $size entries: make it larger");
        }
        $m = flush_measure($cfg, $s, 10, $value);
        $record('flushByTag hitting 10 of ' . number_format($size), 'tagcache SharedMemoryBackend', 'tagcache', $m);
        $note(sprintf('flushByTag hitting 10 of %s entries: median %.1f µs, p99 %.1f µs per flush (%d flushes)',
            number_format($size), $m['p50'] * 1e6, $m['p99'] * 1e6, $cfg->flushRounds));
    }
    bench_rmdir($dir);
}

/**
 * A string stored as it is, as apcu_store keeps a string: StringFrontend (no serializer) against
 * apcu_fetch, and VariableFrontend (serialize(), so one more copy when decoding) beside them.
 */
function shm_string_gets(BenchConfig $cfg, Closure $record, Closure $note): void
{
    $dir = tc_shm_bench_dir('shm-string');
    $backend = static fn () => new SharedMemoryBackend(['segment' => "$dir/segment", 'size' => 16 << 20]);
    $string = new StringFrontend('BenchString', $backend());
    $variable = new VariableFrontend('BenchVariable', $backend(), ['serializer' => 'php']);
    foreach ([100, 10240] as $bytes) {
        $value = bench_value($bytes);
        $label = $bytes === 100 ? '100 B' : '10 KB';
        $string->set('s', $value);
        $variable->set('s', $value);
        $subjects = [
            'tagcache StringFrontend' => static fn () => $string->get('s'),
            'tagcache VariableFrontend' => static fn () => $variable->get('s'),
        ];
        if (apcu_available()) {
            apcu_store('bench-string', $value);
            $subjects['apcu_fetch'] = static fn () => apcu_fetch('bench-string');
        }
        $perOp = [];
        foreach ($subjects as $name => $get) {
            $m = bench_measure($cfg, $get);
            $perOp[$name] = $m['perOp'];
            $record("string get hit, $label, stored as it is", $name, $name === 'tagcache StringFrontend' ? 'tagcache' : 'peer', $m);
        }
        if (isset($perOp['apcu_fetch'])) {
            $note(sprintf('string get hit, %s: StringFrontend %.2f× apcu_fetch, VariableFrontend %.2f× (time ÷ time)',
                $label, $perOp['tagcache StringFrontend'] / $perOp['apcu_fetch'], $perOp['tagcache VariableFrontend'] / $perOp['apcu_fetch']));
        }
    }
    apcu_available() && apcu_delete('bench-string');
    bench_rmdir($dir);
}

/**
 * Forks $n children that each run $work(int $child): float|int|string and returns what they
 * returned (in child order). Each child writes its result to a file of its own.
 */
function shm_fork(int $n, Closure $work): array
{
    $dir = tc_shm_bench_dir('shm-fork');
    $pids = [];
    for ($i = 0; $i < $n; $i++) {
        $pid = pcntl_fork();
        if ($pid === -1) {
            throw new RuntimeException('pcntl_fork failed');
        }
        if ($pid === 0) {
            try {
                file_put_contents("$dir/$i", json_encode($work($i)));
            } finally {
                posix_kill(posix_getpid(), SIGKILL); // no shutdown of the parent's inherited objects
            }
        }
        $pids[] = $pid;
    }
    foreach ($pids as $pid) {
        pcntl_waitpid($pid, $status);
    }
    $out = [];
    for ($i = 0; $i < $n; $i++) {
        $out[] = json_decode((string) @file_get_contents("$dir/$i"), true);
    }
    bench_rmdir($dir);
    return $out;
}

/** Gets per second of $readers processes reading $get over 1,000 keys for $seconds, all starting together. */
function shm_read_throughput(int $readers, float $seconds, Closure $get, array $keys): float
{
    $start = microtime(true) + 0.05; // every child is forked by then
    $counts = shm_fork($readers, static function () use ($start, $seconds, $get, $keys): int {
        while (microtime(true) < $start) {
        }
        $end = $start + $seconds;
        $n = 0;
        while (microtime(true) < $end) {
            for ($i = 0; $i < 100; $i++) {
                $get($keys[($n + $i) % 1000]);
            }
            $n += 100;
        }
        return $n;
    });
    if (in_array(null, $counts, true)) {
        throw new RuntimeException('a reader process failed');
    }
    return array_sum($counts) / $seconds;
}

function shm_two_readers(BenchConfig $cfg, Closure $record, Closure $note): void
{
    $seconds = $cfg->quick ? 0.03 : 0.5;
    $pairs = $cfg->quick ? 1 : 3;
    $value = bench_value(100);
    $keys = bench_keys('r', 1000);
    $dir = tc_shm_bench_dir('shm-read');
    $c = new VariableFrontend('BenchRead', new SharedMemoryBackend(['segment' => "$dir/segment", 'size' => 16 << 20]), ['serializer' => 'php']);
    foreach ($keys as $k) {
        $c->set($k, $value, ['t1', 't2', 't3']);
    }
    $subjects = ['tagcache SharedMemoryBackend' => static fn (string $k) => $c->get($k)];
    if (apcu_available()) {
        foreach ($keys as $k) {
            apcu_store($k, $value);
        }
        $subjects['apcu_fetch'] = static fn (string $k) => apcu_fetch($k);
    }
    foreach ($subjects as $name => $get) {
        $runs = [];
        for ($p = 0; $p < $pairs; $p++) {
            $one = shm_read_throughput(1, $seconds, $get, $keys);
            $two = shm_read_throughput(2, $seconds, $get, $keys);
            $runs[] = [$one, $two, $two / $one];
        }
        usort($runs, static fn ($a, $b) => $a[2] <=> $b[2]);
        [$one, $two, $ratio] = $runs[intdiv(count($runs), 2)];
        $scenario = "$name: get hit 100 B, aggregate of the readers";
        $record($scenario, 'two processes at once', 'tagcache', shm_row(1 / $two));
        $record($scenario, 'one process', 'peer', shm_row(1 / $one));
        $note(sprintf('%s, two readers at once: %s gets/s in all, one reader alone: %s gets/s; two ÷ one = %.2f× (median of %d pairs of %.2f s)',
            $name, number_format($two), number_format($one), $ratio, $pairs, $seconds));
    }
    apcu_available() && apcu_clear_cache();
    bench_rmdir($dir);
}

function shm_compute_once(BenchConfig $cfg, Closure $record, Closure $note): void
{
    $workers = 16;
    $computeMs = 50;
    $backends = [
        'SharedMemoryBackend' => static fn (string $dir) => new SharedMemoryBackend(['segment' => "$dir/segment", 'size' => 4 << 20]),
        'FileBackend' => static fn (string $dir) => new FileBackend(['cacheDirectory' => "$dir/cache"]),
    ];
    foreach ($backends as $name => $make) {
        $dir = tc_shm_bench_dir('shm-compute');
        $count = "$dir/count";
        touch($count);
        $make($dir); // creates the segment or the folder before the race
        $start = microtime(true) + 0.1;
        $ends = shm_fork($workers, static function () use ($make, $dir, $count, $start, $computeMs): float {
            $c = new VariableFrontend('BenchCompute', $make($dir), ['serializer' => 'php']);
            while (microtime(true) < $start) {
            }
            $v = $c->getOrCompute('cold', static function () use ($count, $computeMs) {
                file_put_contents($count, "1\n", FILE_APPEND | LOCK_EX);
                usleep($computeMs * 1000);
                return 'computed';
            });
            if ($v !== 'computed') {
                throw new RuntimeException('getOrCompute returned ' . var_export($v, true));
            }
            return microtime(true);
        });
        if (in_array(null, $ends, true)) {
            throw new RuntimeException("$name: a compute-once worker failed");
        }
        $wall = max($ends) - $start;
        $runs = count(file($count));
        $note(sprintf('compute-once on %s: %d concurrent cold requests, the callback ran %d time(s); wall time %.0f ms = %.2f× one computation',
            $name, $workers, $runs, $wall * 1000, $wall * 1000 / $computeMs));
        bench_rmdir($dir);
    }
}

function shm_memory_per_entry(BenchConfig $cfg, Closure $record, Closure $note): void
{
    $n = $cfg->quick ? 1000 : 100000;
    $value = bench_value(100);
    $payload = strlen(serialize($value)); // what both store per entry: the php serializer's bytes
    $dir = tc_shm_bench_dir('shm-mem');
    $size = 64 << 20;
    foreach (['no tag' => 0, 'one of 100 tags' => 1] as $label => $tagged) {
        $c = new VariableFrontend('BenchMem' . $tagged, new SharedMemoryBackend(['segment' => "$dir/segment$tagged", 'size' => $size]), ['serializer' => 'php']);
        $b = $c->getBackend();
        $before = $b->getStatistics()['bytesUsed'];
        for ($i = 0; $i < $n; $i++) {
            $c->set("m$i", $value, $tagged ? ['g' . ($i % 100)] : []);
        }
        $st = $b->getStatistics();
        if ($st['evictions'] > 0 || $st['cacheEntries'] !== $n) {
            throw new RuntimeException("memory per entry: the segment evicted ($st[cacheEntries] of $n entries)");
        }
        $per = ($st['bytesUsed'] - $before) / $n - $payload;
        $note(sprintf('memory per entry, %s entries of %d payload bytes (100 B serialized), %s: SharedMemoryBackend %.1f bytes beyond the payload '
            . '(bytesUsed: whole blocks of entry header, id, tag link records, rounding to 16 bytes, and tag heads; the segment\'s fixed hash tables, %s, are not in it)',
            number_format($n), $payload, $label, $per, bench_fmt_bytes(intdiv($size, 512) * 8 * 2)));
    }
    bench_rmdir($dir);
    if (!apcu_available()) {
        $note('memory per entry: APCu is not loaded, no comparison');
        return;
    }
    apcu_clear_cache();
    $used = static function (): int {
        $i = apcu_sma_info(true);
        return $i['num_seg'] * $i['seg_size'] - $i['avail_mem'];
    };
    $before = $used();
    $s = serialize($value);
    for ($i = 0; $i < $n; $i++) {
        apcu_store("m$i", $s);
    }
    $per = ($used() - $before) / $n - $payload;
    apcu_clear_cache();
    $note(sprintf('memory per entry, APCu: %.1f bytes beyond the same %d payload bytes (used shared memory, apcu_sma_info: entry, key string, '
        . 'value string and allocator headers; its preallocated slot table is not in it), no tags', $per, $payload));
}
