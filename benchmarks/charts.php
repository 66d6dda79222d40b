<?php
/*
 * PNG charts through gnuplot (pngcairo): the flushByTag growth curves and the ratio bar charts.
 * Written only by the full mode; a missing gnuplot leaves the report without charts.
 */

/** @return list<string> paths of the PNGs written */
function charts_write(array $results, array $matrix, string $dir): array
{
    if (!trim((string) shell_exec('command -v gnuplot'))) {
        fwrite(STDERR, "charts: gnuplot not found, no charts\n");
        return [];
    }
    $titles = ['file' => 'file system', 'memory' => 'memory', 'redis' => 'Redis'];
    $pngs = [];
    foreach ($titles as $group => $title) {
        $growth = array_filter($results, static fn ($r) => $r['group'] === $group && $r['size'] !== null && str_contains($r['scenario'], 'hitting 10 '));
        if ($growth && ($png = chart_growth($growth, "$dir/growth-$group.png", "flushByTag hitting 10 entries — $title"))) {
            $pngs[] = $png;
        }
        if (isset($matrix[$group]) && ($png = chart_ratios($matrix[$group], "$dir/ratios-$group.png", "tagcache against peers and floors — $title"))) {
            $pngs[] = $png;
        }
    }
    return $pngs;
}

function chart_growth(array $rows, string $png, string $title): ?string
{
    $series = [];
    foreach ($rows as $r) {
        $series[$r['subject']][$r['size']] = $r['perOp'] * 1e6;
    }
    $data = '';
    $plots = [];
    $i = 0;
    foreach ($series as $subject => $points) {
        ksort($points);
        foreach ($points as $size => $us) {
            $data .= "$size\t$us\n";
        }
        $data .= "\n\n";
        $style = str_starts_with($subject, 'tagcache') ? 'lw 3 pt 7' : (str_starts_with($subject, 'floor') ? 'dt 2 lw 1.5 pt 6' : 'lw 1.5 pt 5');
        $plots[] = sprintf("'%%DATA%%' index %d using 1:2 with linespoints %s title %s", $i++, $style, chart_quote($subject));
    }
    $script = <<<GP
        set xlabel 'entries in the cache'
        set ylabel 'time per flush (µs, log)'
        set logscale x 10
        set logscale y 10
        set format x '%.0s%c'
        set format y '%g'
        set xrange [500:200000]
        set grid xtics ytics mytics
        set key outside below vertical maxrows 3
        GP;
    return chart_run($png, $title, $script, $data, 'plot ' . implode(", \\\n  ", $plots), 820, 520);
}

/** @param array{0: list<string>, 1: array<string, array<string, float>>} $m */
function chart_ratios(array $m, string $png, string $title): ?string
{
    [$columns, $matrix] = $m;
    $data = '';
    $min = 1;
    $max = 1;
    foreach ($matrix as $scenario => $cells) {
        $line = [(str_replace(['flushByTag hitting ', ', 3 tags', 'first requireOnce in a fresh process, '], ['flush ', '', 'first, '], $scenario))];
        foreach ($columns as $c) {
            $line[] = isset($cells[$c]) ? sprintf('%.4g', $cells[$c]) : '-';
            if (isset($cells[$c])) {
                $min = min($min, $cells[$c]);
                $max = max($max, $cells[$c]);
            }
        }
        $data .= implode("\t", $line) . "\n";
    }
    $lo = 10 ** floor(log10($min) - 0.01);
    $hi = 10 ** ceil(log10($max) + 0.01);
    $plots = [];
    foreach ($columns as $i => $c) {
        $plots[] = sprintf("'%%DATA%%' using %d%s title %s", $i + 2, $i === 0 ? ':xtic(1)' : '', chart_quote($c));
    }
    $height = 560;
    $script = <<<GP
        set datafile separator "\\t"
        set datafile missing '-'
        set style data histograms
        set style histogram clustered gap 1
        set style fill solid 0.85 border -1
        set boxwidth 0.9
        set logscale y 10
        set yrange [$lo:$hi]
        set ylabel "tagcache time ÷ other time (log)\\nbelow 1: tagcache faster"
        set format y '%g'
        set xtics rotate by -35 left nomirror
        set rmargin 9
        set grid ytics
        set key outside below vertical maxrows 3
        set arrow from graph 0, first 1 to graph 1, first 1 nohead lw 2 lc rgb 'black' front
        GP;
    return chart_run($png, $title, $script, $data, 'plot ' . implode(", \\\n  ", $plots), 900, $height);
}

function chart_run(string $png, string $title, string $script, string $data, string $plot, int $w, int $h): ?string
{
    $dataFile = tempnam(sys_get_temp_dir(), 'tcchart');
    file_put_contents($dataFile, $data);
    $gp = "set terminal pngcairo size $w,$h font 'DejaVu Sans,10' noenhanced\n"
        . 'set output ' . chart_quote($png) . "\n"
        . 'set title ' . chart_quote($title) . " font ',12'\n"
        . $script . "\n" . str_replace('%DATA%', $dataFile, $plot) . "\n";
    $proc = proc_open(['gnuplot'], [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    fwrite($pipes[0], $gp);
    fclose($pipes[0]);
    stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    $rc = proc_close($proc);
    unlink($dataFile);
    if ($rc !== 0 || !is_file($png)) {
        fwrite(STDERR, "charts: gnuplot failed for $png: $err\n");
        return null;
    }
    return $png;
}

function chart_quote(string $s): string
{
    return "'" . str_replace("'", "''", $s) . "'";
}

function charts_readme(string $dir, array $pngs, string $machine, int $cores, string $command): void
{
    $list = implode("\n", array_map(static fn ($p) => '- `' . basename($p) . '`', $pngs));
    $date = gmdate('Y-m-d H:i \U\T\C');
    $php = PHP_VERSION;
    file_put_contents("$dir/README.md", <<<MD
        # Benchmark charts

        The latest charts of a full benchmark run, written by `benchmarks/run` (full mode) and
        committed so they can be read without running anything. The run's tables are in
        `benchmarks/results/latest.md` of the machine that ran it (not committed).

        - date: $date
        - machine: $machine, $cores cores, PHP $php
        - command: `$command`

        $list

        `growth-*.png`: flushByTag hitting 10 entries against the number of entries in the cache
        (both axes logarithmic); flat lines cost what the tag holds, rising ones grow with the cache.
        `ratios-*.png`: tagcache's time divided by each peer's and floor's time per scenario (log
        scale): a bar below the line at 1 means tagcache is faster.

        MD);
}
