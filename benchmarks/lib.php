<?php
/* Shared helpers for the benchmark scripts: timing by rounds, medians, markdown tables. */

/** Runs $fn($n) for $rounds rounds and returns the median seconds per operation. */
function bench_per_op(callable $fn, int $n, int $rounds): float
{
    $times = [];
    for ($r = 0; $r < $rounds; $r++) {
        $t = hrtime(true);
        $fn($n);
        $times[] = (hrtime(true) - $t) / 1e9 / $n;
    }
    sort($times);
    return $times[intdiv(count($times), 2)];
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
    if (is_dir($dir)) {
        exec('rm -rf ' . escapeshellarg($dir));
    }
}

function bench_fmt_ops(float $perOp): string
{
    return number_format(1 / $perOp, 0, '.', ',');
}

function bench_fmt_time(float $sec): string
{
    return $sec >= 1e-3 ? sprintf('%.3f ms', $sec * 1e3) : sprintf('%.1f µs', $sec * 1e6);
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
