<?php
/*
 * Shared helpers of the benchmark scripts: the run's settings, timing (throughput by rounds,
 * latency by samples), temporary directories, formatting and markdown tables.
 */

/** Settings of one run; quick mode is the smoke test, full mode gives the real figures. */
final class BenchConfig
{
    public function __construct(
        public bool $quick,
        public int $rounds,          // rounds of the throughput loop; the median is kept
        public float $roundTime,     // seconds one round aims at
        public float $sampleTime,    // seconds spent timing single operations
        public int $minSamples,
        public array $sizes,         // cache sizes of the flushByTag growth curve
        public int $flushRounds,     // flushes timed per cache size
        public int $processes,       // fresh processes per first-include measurement
    ) {
    }

    public static function fromArgv(array $argv): self
    {
        if (in_array('--quick', $argv, true)) {
            return new self(true, 3, 0.004, 0.003, 20, [1000], 11, 3);
        }
        return new self(false, 7, 0.08, 0.05, 200, [1000, 10000, 100000], 101, 25);
    }
}

/** The extra cost of the measuring loop itself (closure call, key lookup), subtracted from every figure. */
final class BenchOverhead
{
    public static ?float $perOp = null;
    public static ?float $sample = null;

    public static function calibrate(): void
    {
        $keys = bench_keys('k', 100);
        $op = static function (int $i) use ($keys) {
            return $keys[$i % 100];
        };
        $best = INF;
        for ($r = 0; $r < 5; $r++) {
            $t = hrtime(true);
            for ($i = 0; $i < 200000; $i++) {
                $op($i);
            }
            $best = min($best, (hrtime(true) - $t) / 1e9 / 200000);
        }
        self::$perOp = $best;
        $samples = [];
        for ($i = 0; $i < 20000; $i++) {
            $t = hrtime(true);
            $op($i);
            $samples[] = hrtime(true) - $t;
        }
        sort($samples);
        self::$sample = $samples[intdiv(count($samples), 2)] / 1e9;
    }
}

/**
 * Measures $op(int $i): throughput as the median of $cfg->rounds rounds (each sized to last about
 * $cfg->roundTime), latency percentiles from operations timed one by one, and the PHP heap's
 * peak above its level at the start. The loop's own cost is subtracted.
 *
 * @return array{perOp: float, p50: float, p99: float, peak: int, ops: int}
 */
function bench_measure(BenchConfig $cfg, Closure $op, int $maxOps = 1000000): array
{
    if (BenchOverhead::$perOp === null) {
        BenchOverhead::calibrate();
    }
    gc_collect_cycles();
    memory_reset_peak_usage();
    $base = memory_get_usage();
    // calibrate the round size: double until a run takes a tenth of a round
    $n = 1;
    $op(0);
    while (true) {
        $t = hrtime(true);
        for ($i = 0; $i < $n; $i++) {
            $op($i);
        }
        $el = (hrtime(true) - $t) / 1e9;
        if ($el >= $cfg->roundTime / 10 || $n >= $maxOps) {
            break;
        }
        $n *= 2;
    }
    $n = max(1, min($maxOps, (int) ceil($cfg->roundTime / max($el / $n, 1e-9))));
    $times = [];
    for ($r = 0; $r < $cfg->rounds; $r++) {
        $t = hrtime(true);
        for ($i = 0; $i < $n; $i++) {
            $op($i);
        }
        $times[] = (hrtime(true) - $t) / 1e9 / $n;
    }
    $perOp = bench_median($times);
    $peak = memory_get_peak_usage() - $base; // before the samples' own array
    $count = (int) min(20000, max($cfg->minSamples, $cfg->sampleTime / max($perOp, 1e-9)));
    $samples = [];
    for ($i = 0; $i < $count; $i++) {
        $t = hrtime(true);
        $op($i);
        $samples[] = (hrtime(true) - $t) / 1e9;
    }
    sort($samples);
    return [
        'perOp' => max($perOp - BenchOverhead::$perOp, 1e-10),
        'p50' => max(bench_percentile($samples, 50) - BenchOverhead::$sample, 1e-10),
        'p99' => max(bench_percentile($samples, 99) - BenchOverhead::$sample, 1e-10),
        'peak' => max(0, $peak),
        'ops' => $n,
    ];
}

/** Times $op once per call of $prepare (not timed), $count times: for operations that change the cache. */
function bench_measure_each(int $count, Closure $prepare, Closure $op): array
{
    $times = array_fill(0, $count, 0.0);
    gc_collect_cycles();
    memory_reset_peak_usage();
    $base = memory_get_usage();
    for ($r = 0; $r < $count; $r++) {
        $prepare($r);
        $t = hrtime(true);
        $op($r);
        $times[$r] = (hrtime(true) - $t) / 1e9;
    }
    $peak = memory_get_peak_usage() - $base;
    sort($times);
    return [
        'perOp' => bench_median($times),
        'p50' => bench_percentile($times, 50),
        'p99' => bench_percentile($times, 99),
        'peak' => max(0, $peak),
        'ops' => 1,
    ];
}

function bench_median(array $values): float
{
    sort($values);
    return $values[intdiv(count($values), 2)];
}

/** Nearest-rank percentile of sorted values. */
function bench_percentile(array $sorted, float $p): float
{
    $i = (int) ceil($p / 100 * count($sorted)) - 1;
    return $sorted[max(0, min(count($sorted) - 1, $i))];
}

/** @return list<string> */
function bench_keys(string $prefix, int $count): array
{
    $keys = [];
    for ($i = 0; $i < $count; $i++) {
        $keys[] = $prefix . $i;
    }
    return $keys;
}

/** A string value of exactly $bytes bytes (not compressible, so no layer gains by compressing). */
function bench_value(int $bytes): string
{
    $s = '';
    $seed = 'tagcache';
    while (strlen($s) < $bytes) {
        $seed = md5($seed, false);
        $s .= $seed;
    }
    return substr($s, 0, $bytes);
}

function bench_tmpdir(string $name): string
{
    // TAGCACHE_BENCH_DIR picks the file system (e.g. /dev/shm to leave the disk out)
    $base = getenv('TAGCACHE_BENCH_DIR') ?: sys_get_temp_dir();
    $dir = $base . '/tagcache-bench-' . $name . '-' . getmypid();
    bench_rmdir($dir);
    mkdir($dir, 0700, true);
    return $dir;
}

function bench_rmdir(string $dir): void
{
    if ($dir !== '' && is_dir($dir)) {
        exec('rm -rf ' . escapeshellarg($dir));
    }
}

/**
 * Memory this process holds: the PHP heap plus what C code got from malloc (tagcache's core
 * allocates with malloc, outside the PHP heap). malloc's figure comes from glibc's mallinfo2()
 * through FFI; without FFI only the PHP heap is counted.
 */
function bench_process_memory(): int
{
    static $ffi = false;
    if ($ffi === false) {
        $ffi = null;
        if (class_exists('FFI')) {
            try {
                $ffi = FFI::cdef('struct mallinfo2 { size_t arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost; };
                    struct mallinfo2 mallinfo2(void);', 'libc.so.6');
            } catch (Throwable $e) {
                $ffi = null;
            }
        }
    }
    $bytes = memory_get_usage();
    if ($ffi) {
        $m = $ffi->mallinfo2();
        $bytes += $m->uordblks + $m->hblkhd;
    }
    return $bytes;
}

/** Bytes of disk blocks used under $dir. */
function bench_du(string $dir): int
{
    $out = shell_exec('du -s --block-size=1 ' . escapeshellarg($dir) . ' 2>/dev/null');
    return (int) $out;
}

function bench_fmt_ops(float $perOp): string
{
    $ops = 1 / $perOp;
    return $ops >= 100 ? number_format($ops, 0, '.', ',') : sprintf('%.1f', $ops);
}

function bench_fmt_time(?float $sec): string
{
    if ($sec === null) {
        return '—';
    }
    if ($sec >= 1) {
        return sprintf('%.2f s', $sec);
    }
    if ($sec >= 1e-3) {
        return sprintf('%.2f ms', $sec * 1e3);
    }
    if ($sec >= 1e-6) {
        return sprintf('%.1f µs', $sec * 1e6);
    }
    return sprintf('%.0f ns', $sec * 1e9);
}

function bench_fmt_bytes(?int $bytes): string
{
    if ($bytes === null) {
        return '—';
    }
    if ($bytes >= 1 << 20) {
        return sprintf('%.1f MiB', $bytes / (1 << 20));
    }
    if ($bytes >= 1 << 10) {
        return sprintf('%.1f KiB', $bytes / (1 << 10));
    }
    return $bytes . ' B';
}

function bench_fmt_ratio(float $ratio): string
{
    if ($ratio >= 10) {
        return sprintf('%.0f×', $ratio);
    }
    return $ratio >= 0.1 ? sprintf('%.2f×', $ratio) : sprintf('%.2g×', $ratio);
}

/** Prints a markdown table; $rows are lists of cells. */
function bench_table(array $header, array $rows): void
{
    echo '| ', implode(' | ', $header), " |\n";
    echo '|', str_repeat('---|', count($header)), "\n";
    foreach ($rows as $row) {
        echo '| ', implode(' | ', $row), " |\n";
    }
    echo "\n";
}

/** Progress and skip notes go to stderr, so stdout stays the markdown report. */
function bench_note(string $msg): void
{
    fwrite(STDERR, $msg . "\n");
}
