<?php
/*
 * The foundation's figures: VariableFrontend get/set on FileBackend and TransientMemoryBackend
 * and flushByTag growth, each next to its floor measured in the same run.
 * Usage: php -d extension=modules/tagcache.so benchmarks/foundation.php [--quick]
 */

require __DIR__ . '/lib.php';

use TagCache\Backend\FileBackend;
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\VariableFrontend;

$quick = in_array('--quick', $argv, true);
$n = $quick ? 2000 : 20000;
$rounds = $quick ? 3 : 7;
$sizes = $quick ? [1000] : [1000, 10000, 100000];

$value = str_repeat('x', 88);           // serializes to 100 bytes: s:88:"...";
$keys = 100;
$rows = [];

// ---- FileBackend get hit vs unserialize(file_get_contents()) ----
$dir = bench_tmpdir('file');
$cache = new VariableFrontend('Bench', new FileBackend(['cacheDirectory' => $dir]), ['serializer' => 'php']);
for ($i = 0; $i < $keys; $i++) {
    $cache->set("k$i", $value, ['t1', 't2', 't3']);
    file_put_contents("$dir/plain$i", serialize($value));
}
$tc = bench_per_op(function ($n) use ($cache, $keys) {
    for ($i = 0; $i < $n; $i++) {
        $cache->get('k' . ($i % $keys));
    }
}, $n, $rounds);
$floor = bench_per_op(function ($n) use ($dir, $keys) {
    for ($i = 0; $i < $n; $i++) {
        unserialize(file_get_contents("$dir/plain" . ($i % $keys)));
    }
}, $n, $rounds);
$rows[] = ['FileBackend get hit', bench_fmt_ops($tc), 'unserialize(file_get_contents())', bench_fmt_ops($floor), sprintf('%.2f×', $tc / $floor), '≤ 1.20×'];

// ---- FileBackend set with 3 tags vs temp file + rename ----
$tc = bench_per_op(function ($n) use ($cache, $value, $keys) {
    for ($i = 0; $i < $n; $i++) {
        $cache->set('k' . ($i % $keys), $value, ['t1', 't2', 't3']);
    }
}, $n, $rounds);
$floor = bench_per_op(function ($n) use ($dir, $value, $keys) {
    for ($i = 0; $i < $n; $i++) {
        $path = "$dir/plain" . ($i % $keys);
        file_put_contents("$path.tmp", serialize($value));
        rename("$path.tmp", $path);
    }
}, $n, $rounds);
$rows[] = ['FileBackend set, 3 tags', bench_fmt_ops($tc), 'serialize + temp file + rename', bench_fmt_ops($floor), sprintf('%.2f×', $tc / $floor), '≤ 1.30×'];

// ---- FileBackend set of a new identifier with 3 tags (the tag markers are created) ----
$round = 0;
$tc = bench_per_op(function ($n) use ($cache, $value, &$round) {
    $round++;
    for ($i = 0; $i < $n; $i++) {
        $cache->set("new{$round}_$i", $value, ['t1', 't2', 't3']);
    }
}, intdiv($n, 4), $rounds);
$floor = bench_per_op(function ($n) use ($dir, $value, &$round) {
    $round++;
    for ($i = 0; $i < $n; $i++) {
        $path = "$dir/new{$round}_$i";
        file_put_contents("$path.tmp", serialize($value));
        rename("$path.tmp", $path);
    }
}, intdiv($n, 4), $rounds);
$rows[] = ['FileBackend set of a new id, 3 tags', bench_fmt_ops($tc), 'serialize + new temp file + rename', bench_fmt_ops($floor), sprintf('%.2f×', $tc / $floor), '—'];
$cache->flush();
bench_rmdir($dir);

// ---- TransientMemoryBackend get hit vs unserialize() of a string in an array ----
$mem = new VariableFrontend('Bench', new TransientMemoryBackend(), ['serializer' => 'php']);
$plain = [];
for ($i = 0; $i < $keys; $i++) {
    $mem->set("k$i", $value, ['t1', 't2', 't3']);
    $plain["k$i"] = serialize($value);
}
$tc = bench_per_op(function ($n) use ($mem, $keys) {
    for ($i = 0; $i < $n * 5; $i++) {
        $mem->get('k' . ($i % $keys));
    }
}, $n, $rounds) / 5;
$floor = bench_per_op(function ($n) use (&$plain, $keys) {
    for ($i = 0; $i < $n * 5; $i++) {
        unserialize($plain['k' . ($i % $keys)]);
    }
}, $n, $rounds) / 5;
$rows[] = ['TransientMemoryBackend get hit', bench_fmt_ops($tc), 'unserialize($array[$key])', bench_fmt_ops($floor), sprintf('%.2f×', $tc / $floor), '≤ 1.00×'];
$tc = bench_per_op(function ($n) use ($mem, $value, $keys) {
    for ($i = 0; $i < $n * 5; $i++) {
        $mem->set('k' . ($i % $keys), $value, ['t1', 't2', 't3']);
    }
}, $n, $rounds) / 5;
$floor = bench_per_op(function ($n) use (&$plain, $value, $keys) {
    for ($i = 0; $i < $n * 5; $i++) {
        $plain['k' . ($i % $keys)] = serialize($value);
    }
}, $n, $rounds) / 5;
$rows[] = ['TransientMemoryBackend set, 3 tags', bench_fmt_ops($tc), '$array[$key] = serialize()', bench_fmt_ops($floor), sprintf('%.2f×', $tc / $floor), '—'];

echo "## get / set, 100-byte values (ops/s, median of $rounds rounds of $n)\n\n";
bench_table(['operation', 'tagcache ops/s', 'floor', 'floor ops/s', 'ratio (time)', 'target'], $rows);

// ---- flushByTag hitting 10 entries, growth with cache size ----
$rows = [];
foreach ($sizes as $size) {
    $dir = bench_tmpdir("flush$size");
    $cache = new VariableFrontend('Bench', new FileBackend(['cacheDirectory' => $dir]), ['serializer' => 'php']);
    for ($i = 0; $i < $size; $i++) {
        $cache->set("e$i", $value, ['all', 'g' . ($i % 100)]);
    }
    $flushes = 5;
    $times = [];
    $memBefore = memory_get_usage();
    $peakDelta = 0;
    for ($r = 0; $r < $flushes; $r++) {
        // 10 fresh entries carrying the tag (the cache keeps its size)
        for ($j = 0; $j < 10; $j++) {
            $cache->set("hot$j", $value, ["hot$r"]);
        }
        memory_reset_peak_usage();
        $t = hrtime(true);
        $count = $cache->flushByTag("hot$r");
        $times[] = (hrtime(true) - $t) / 1e9;
        $peakDelta = max($peakDelta, memory_get_peak_usage() - $memBefore);
        if ($count !== 10) {
            fwrite(STDERR, "flushByTag removed $count entries, expected 10\n");
            exit(1);
        }
    }
    sort($times);
    $tc = $times[intdiv($flushes, 2)];
    // floor: unlinking 10 files in the directory that holds the cache's entries, so the
    // file system pays the same price per directory entry
    $data = $cache->getBackend()->getCacheDirectory() . '/data';
    $ftimes = [];
    for ($r = 0; $r < $flushes; $r++) {
        for ($j = 0; $j < 10; $j++) {
            file_put_contents("$data/floor$j", 'x');
        }
        $t = hrtime(true);
        for ($j = 0; $j < 10; $j++) {
            unlink("$data/floor$j");
        }
        $ftimes[] = (hrtime(true) - $t) / 1e9;
    }
    sort($ftimes);
    $floor = $ftimes[intdiv($flushes, 2)];
    $rows[] = [number_format($size), bench_fmt_time($tc), bench_fmt_time($floor), sprintf('%.2f×', $tc / $floor), sprintf('%d B', $peakDelta), '< 1 ms'];
    bench_rmdir($dir);
}
echo "## flushByTag hitting 10 entries (FileBackend, median of 5)\n\n";
bench_table(['cache size', 'flushByTag', 'floor: unlink 10 files beside the entries', 'ratio', 'PHP peak memory during flush', 'target'], $rows);
