<?php
/*
 * Reads the figures bench.php wrote and prints the markdown report; in full mode also writes it,
 * the raw figures and the charts to benchmarks/results/ and the charts to benchmarks/charts/.
 * Usage: php report.php RAW.jsonl quick|full
 */

require __DIR__ . '/lib.php';
require __DIR__ . '/charts.php';

[, $raw, $mode] = $argv;
$results = [];
$notes = [];
$syscalls = [];
foreach (file($raw, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $line) {
    $row = json_decode($line, true);
    if ($row['type'] === 'note') {
        $notes[$row['group']][] = $row['text'];
    } elseif ($row['type'] === 'syscalls') {
        $syscalls[] = $row;
    } else {
        $results[] = $row;
    }
}

$titles = [
    'file' => 'File system (' . (getenv('TAGCACHE_BENCH_DIR') ?: sys_get_temp_dir()) . ')',
    'memory' => 'Memory: tagcache TransientMemoryBackend (this process) against Symfony ArrayAdapter, APCu and plain arrays',
    'shm' => 'Shared memory: tagcache SharedMemoryBackend against APCu (Symfony TagAwareAdapter(ApcuAdapter) and bare apcu_fetch / apcu_store)',
    'shm_scenarios' => 'Shared memory scenarios: flushByTag up to 1M entries, two readers, compute-once, memory per entry',
    'redis' => 'Redis (the runner\'s own redis-server on 127.0.0.1)',
    'php' => 'PHP code: PhpFrontend::requireOnce against require_once of a plain file',
    'tickets' => 'Write tickets: what a ticket costs on a set that did not race and on a miss (ratio here: ticketed time ÷ plain time)',
    'local' => 'Local backends at their floors: FileBackend and TransientMemoryBackend against plain PHP and Neos.Cache 9\'s FileBackend (StringFrontend on both sides, entries with 3 tags)',
    'stores_sqlite' => 'PDO on SQLite: tagcache PdoBackend against Symfony TagAwareAdapter(PdoAdapter) and the same statements through PDO',
    'stores_mariadb' => 'PDO on MariaDB (a server started for this run on 127.0.0.1): tagcache PdoBackend against Symfony TagAwareAdapter(PdoAdapter) and the same statements through PDO',
    'stores_memcached' => 'Memcached (a memcached started for this run on 127.0.0.1): tagcache MemcachedBackend against Symfony TagAwareAdapter(MemcachedAdapter) and the memcached extension',
    'http' => 'HTTP invalidation',
];

/** The tagcache row of each (group, scenario): the reference of the ratios. */
function report_reference(array $results): array
{
    $ref = [];
    foreach ($results as $r) {
        if ($r['kind'] === 'tagcache') {
            $ref[$r['group']][$r['scenario']] = $r;
        }
    }
    return $ref;
}

function report_ratio(array $ref, array $r): ?float
{
    $tc = $ref[$r['group']][$r['scenario']] ?? null;
    return ($tc && $r['kind'] !== 'tagcache') ? $tc['perOp'] / $r['perOp'] : null;
}

function report_render(array $results, array $notes, array $titles, string $mode, array $syscalls = []): string
{
    $ref = report_reference($results);
    ob_start();
    $cfg = BenchConfig::fromArgv($mode === 'quick' ? ['--quick'] : []);
    printf("# tagcache benchmarks — %s, %s mode\n\n", gmdate('Y-m-d H:i \U\T\C'), $mode);
    printf("%s, %d cores, PHP %s, OPcache off in the measuring processes, files in %s.\n\n",
        machine_name(), (int) shell_exec('nproc'), PHP_VERSION, getenv('TAGCACHE_BENCH_DIR') ?: sys_get_temp_dir());
    printf("ops/s: median of %d rounds of about %.0f ms each; p50 / p99: operations timed one by one; "
        . "the measuring loop's own cost is subtracted from both. Operations that change the cache "
        . "(flushByTag, first include) are timed one at a time: %d flushes per cache size, %d fresh processes per first include. "
        . "PHP peak: the PHP heap's peak above its level when the measurement started (APCu's shared memory, "
        . "Redis, the page cache and what C code allocates with malloc, tagcache's core included, are not in it). **Ratio = tagcache's time ÷ this row's time: below 1 "
        . "tagcache is faster, above 1 it is slower.** Values are strings, serialized with serialize() everywhere.\n\n",
        $cfg->rounds, $cfg->roundTime * 1000, $cfg->flushRounds, $cfg->processes);
    foreach ($titles as $group => $title) {
        $rows = array_values(array_filter($results, static fn ($r) => $r['group'] === $group));
        if (!$rows && empty($notes[$group])) {
            continue;
        }
        echo "## $title\n\n";
        foreach ($notes[$group] ?? [] as $n) {
            echo "- $n\n";
        }
        if (!empty($notes[$group])) {
            echo "\n";
        }
        if ($group === 'local') {
            report_syscalls($syscalls);
        }
        if (!$rows) {
            continue;
        }
        $order = array_flip(array_unique(array_column($rows, 'scenario')));
        $kinds = ['tagcache' => 0, 'peer' => 1, 'floor' => 2];
        usort($rows, static fn ($a, $b) => [$order[$a['scenario']], $kinds[$a['kind']]] <=> [$order[$b['scenario']], $kinds[$b['kind']]]);
        $table = [];
        $last = null;
        foreach ($rows as $r) {
            $ratio = report_ratio($ref, $r);
            $name = $r['kind'] === 'tagcache' ? "**{$r['subject']}**" : $r['subject'];
            $table[] = [$r['scenario'] === $last ? '' : $r['scenario'], $name, bench_fmt_ops($r['perOp']),
                bench_fmt_time($r['p50']), bench_fmt_time($r['p99']), bench_fmt_bytes($r['peak']),
                $ratio === null ? '—' : bench_fmt_ratio($ratio)];
            $last = $r['scenario'];
        }
        bench_table(['scenario', 'implementation', 'ops/s', 'p50', 'p99', 'PHP peak', 'ratio (tagcache time ÷ this)'], $table);
        report_growth($rows);
    }
    report_summary($results, $ref);
    return ob_get_clean();
}

/** System calls per operation (strace -f -c), one row per operation, a column per implementation. */
function report_syscalls(array $rows): void
{
    if (!$rows) {
        return;
    }
    $subjects = array_values(array_unique(array_column($rows, 'subject')));
    $by = [];
    foreach ($rows as $r) {
        $by[$r['op']]['label'] = $r['label'];
        $by[$r['op']]['target'] = $r['target'];
        $by[$r['op']][$r['subject']] = $r['perOp'];
    }
    $table = [];
    foreach ($by as $op) {
        $row = [$op['label']];
        foreach ($subjects as $s) {
            $row[] = array_key_exists($s, $op) ? ($op[$s] === null ? 'n/a' : sprintf('%.1f', $op[$s])) : '—';
        }
        $row[] = $op['target'] === null ? '—' : '≤ ' . $op['target'];
        $table[] = $row;
    }
    echo "System calls per operation (`strace -f -c` over the operations in a child process minus the same child with none, divided by the operations or the flushed entries):\n\n";
    bench_table(array_merge(['operation'], $subjects, ['target (issue 16)']), $table);
}

/** flushByTag time by cache size, one row per implementation. */
function report_growth(array $rows): void
{
    $growth = array_filter($rows, static fn ($r) => $r['size'] !== null && str_contains($r['scenario'], 'hitting 10 '));
    if (!$growth) {
        return;
    }
    $sizes = array_unique(array_column($growth, 'size'));
    sort($sizes);
    $by = [];
    foreach ($growth as $r) {
        $by[$r['subject']][$r['size']] = $r;
    }
    $table = [];
    foreach ($by as $subject => $points) {
        $row = [$subject];
        foreach ($sizes as $size) {
            $row[] = isset($points[$size]) ? bench_fmt_time($points[$size]['perOp']) : '—';
        }
        $big = $points[max(array_keys($points))];
        $row[] = $big['footprint'] === null ? '—' : bench_fmt_bytes($big['footprint']) . ' (' . $big['footprintUnit'] . ')';
        $table[] = $row;
    }
    echo "flushByTag hitting 10 entries, median time by cache size (entries of 100 B):\n\n";
    bench_table(array_merge(['implementation'], array_map(static fn ($s) => number_format($s) . ' entries', $sizes),
        ['what ' . number_format(max($sizes)) . ' entries occupy']), $table);
}

/** Ratio of every scenario against every peer and floor, per group. */
function report_summary(array $results, array $ref): void
{
    echo "## Summary: tagcache time ÷ other time (below 1: tagcache faster)\n\n";
    foreach (report_ratio_matrix($results, $ref) as $group => [$columns, $matrix]) {
        $table = [];
        foreach ($matrix as $scenario => $cells) {
            $row = [$scenario];
            foreach ($columns as $c) {
                $row[] = isset($cells[$c]) ? bench_fmt_ratio($cells[$c]) : '—';
            }
            $table[] = $row;
        }
        echo "$group:\n\n";
        bench_table(array_merge(['scenario'], $columns), $table);
    }
}

/** @return array<string, array{0: list<string>, 1: array<string, array<string, float>>}> */
function report_ratio_matrix(array $results, array $ref): array
{
    $out = [];
    foreach ($results as $r) {
        $ratio = report_ratio($ref, $r);
        if ($ratio === null) {
            continue;
        }
        $out[$r['group']][1][$r['scenario']][$r['subject']] = $ratio;
        $out[$r['group']][0][$r['subject']] = true;
    }
    foreach ($out as $g => [$cols, $m]) {
        $out[$g][0] = array_keys($cols);
    }
    return $out;
}

function machine_name(): string
{
    $cpu = '';
    foreach (@file('/proc/cpuinfo') ?: [] as $line) {
        if (str_starts_with($line, 'model name')) {
            $cpu = trim(explode(':', $line, 2)[1]);
            break;
        }
    }
    return trim(php_uname('s') . ' ' . php_uname('m') . ($cpu ? ", $cpu" : ''));
}

$md = report_render($results, $notes, $titles, $mode, $syscalls);
echo $md;
if ($mode === 'full') {
    $dir = __DIR__ . '/results';
    @mkdir($dir, 0777, true);
    file_put_contents("$dir/latest.md", $md);
    copy($raw, "$dir/latest.jsonl");
    $charts = charts_write($results, report_ratio_matrix($results, report_reference($results)), $dir);
    $committed = __DIR__ . '/charts';
    @mkdir($committed, 0777, true);
    foreach (glob("$committed/*.png") as $old) {
        unlink($old);
    }
    foreach ($charts as $png) {
        copy($png, "$committed/" . basename($png));
    }
    charts_readme($committed, $charts, machine_name(), (int) shell_exec('nproc'), getenv('TAGCACHE_BENCH_COMMAND') ?: 'benchmarks/run');
    fwrite(STDERR, "report: $dir/latest.md, charts in $committed/\n");
}
