<?php
/*
 * ESI assembly: a page of 10 fragments assembled by EsiProcessor::process() against PHP
 * building the same string itself. Prints a markdown table (time per page, pages/s, ratio to
 * plain concatenation). All output pages are checked to be identical before timing.
 * Rows: concatenation of the 21 strings in PHP (the floor); concatenation with each fragment
 * read from the cache (10 get()); EsiProcessor with fragments in the cache
 * (TransientMemoryBackend and SharedMemoryBackend when available); EsiProcessor without a cache
 * (the callback returns each fragment); a PHP ESI processor (preg_replace_callback, no cache).
 * Rounds interleave the subjects, so load drifting during the run affects all alike.
 * Run: `benchmarks/run esi [--quick]`, or directly
 *     php -d extension=$PWD/modules/tagcache.so benchmarks/esi.php [--quick]
 */
require __DIR__ . '/lib.php';

use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\StringFrontend;
use TagCache\Page\EsiProcessor;

$quick = in_array('--quick', $argv, true);
$rounds = $quick ? 3 : 7;
$roundTime = $quick ? 0.05 : 0.4;

// The page: 11 runs of markup around 10 includes; fragments of 0.5 to 2 KiB.
$texts = [];
$fragments = [];
for ($i = 0; $i <= 10; $i++) {
    $texts[] = "<section id=\"s$i\">" . str_repeat("<p>static text $i of the page layout.</p>\n", 20 + $i) . '</section>';
}
for ($i = 0; $i < 10; $i++) {
    $fragments["/fragment/$i?user=42"] = "<div class=\"f$i\">" . str_repeat("<span>fragment $i item</span>", 20 + 8 * $i) . '</div>';
}
$srcs = array_keys($fragments);
$page = $texts[0];
for ($i = 0; $i < 10; $i++) {
    $page .= EsiProcessor::include($srcs[$i]) . $texts[$i + 1];
}
$render = fn(string $src) => $fragments[$src];

$cache = new StringFrontend('bench_esi', new TransientMemoryBackend());
foreach ($fragments as $src => $body) {
    $cache->set(EsiProcessor::fragmentIdentifier($src), $body);
}
$esiCached = new EsiProcessor($cache);
$esiBare = new EsiProcessor();
$ids = array_map(fn($s) => EsiProcessor::fragmentIdentifier($s), $srcs);

$subjects = [
    'PHP: concatenate the 21 strings' => function () use ($texts, $fragments, $srcs) {
        $out = $texts[0];
        for ($i = 0; $i < 10; $i++) {
            $out .= $fragments[$srcs[$i]] . $texts[$i + 1];
        }
        return $out;
    },
    'PHP: concatenate, 10 fragments by get() (TransientMemory)' => function () use ($texts, $cache, $ids) {
        $out = $texts[0];
        for ($i = 0; $i < 10; $i++) {
            $out .= $cache->get($ids[$i]) . $texts[$i + 1];
        }
        return $out;
    },
    'EsiProcessor::process, fragments cached (TransientMemory)' => fn() => $esiCached->process($page, $render),
    'EsiProcessor::process, no cache (callback returns each)' => fn() => $esiBare->process($page, $render),
    'PHP: preg_replace_callback ESI, no cache' => fn() => preg_replace_callback(
        '~<esi:include src="([^"]*)"/>~',
        fn($m) => $fragments[html_entity_decode($m[1], ENT_QUOTES | ENT_XML1)],
        $page
    ),
];

$expected = $subjects['PHP: concatenate the 21 strings']();
foreach ($subjects as $name => $fn) {
    if ($fn() !== $expected) {
        fwrite(STDERR, "benchmarks/esi.php: \"$name\" built another page\n");
        exit(1);
    }
}

/** Calls per round so that one round of $fn takes about $roundTime. */
function esi_calls(Closure $fn, float $roundTime): int
{
    $n = 1;
    do {
        $t = hrtime(true);
        for ($i = 0; $i < $n; $i++) {
            $fn();
        }
        $el = (hrtime(true) - $t) / 1e9;
        $n *= 2;
    } while ($el < $roundTime / 4);
    return max(1, (int)($n / 2 * $roundTime / max($el, 1e-9)));
}

// Rounds interleave the subjects (round r times each subject once), so load from other work
// on the machine drifting during the run weighs on every subject alike; median per subject.
$calls = array_map(fn($fn) => esi_calls($fn, $roundTime), $subjects);
$per = array_fill_keys(array_keys($subjects), []);
for ($r = 0; $r < $rounds; $r++) {
    foreach ($subjects as $name => $fn) {
        $n = $calls[$name];
        $t = hrtime(true);
        for ($i = 0; $i < $n; $i++) {
            $fn();
        }
        $per[$name][] = (hrtime(true) - $t) / 1e9 / $n;
    }
}

$rows = [];
$floor = null;
foreach ($per as $name => $times) {
    sort($times);
    $s = $times[intdiv($rounds, 2)];
    $floor ??= $s;
    $rows[] = [$name, bench_fmt_time($s), bench_fmt_ops($s), bench_fmt_ratio($s / $floor)];
}
printf("ESI assembly: page of %s with 10 fragments (%s assembled), %d rounds, median\n\n",
    bench_fmt_bytes(strlen($page)), bench_fmt_bytes(strlen($expected)), $rounds);
bench_table(['subject', 'per page', 'pages/s', 'vs concatenation'], $rows);
