<?php
/*
 * Runs one scenario family for one storage group and appends its figures, as JSON lines, to a
 * file the report reads. benchmarks/run calls it once per (family, group), each in a fresh process.
 * Usage: php -d extension=tagcache.so -d apc.enable_cli=1 bench.php FAMILY GROUP OUT.jsonl [--quick]
 *   FAMILY: get_set, get_by_tag, flush (GROUP: file, memory, shm, redis), php_code, tickets, shm, local, stores, http (GROUP: -)
 * A peer or floor that fails is reported as a note; a tagcache failure fails the run.
 */

require __DIR__ . '/lib.php';
require __DIR__ . '/groups.php';
foreach (glob(__DIR__ . '/scenarios/*.php') as $file) {
    if (!str_ends_with($file, '_child.php')) {
        require_once $file;
    }
}

[, $family, $groupName, $out] = $argv + [null, null, null, null];
if (!$family || !$groupName || !$out) {
    fwrite(STDERR, "usage: bench.php FAMILY GROUP OUT.jsonl [--quick]\n");
    exit(2);
}
$cfg = BenchConfig::fromArgv($argv);
$fh = fopen($out, 'a');
$emit = static function (array $row) use ($fh): void {
    fwrite($fh, json_encode($row, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION) . "\n");
};
$note = static function (string $group, string $text) use ($emit): void {
    $emit(['type' => 'note', 'group' => $group, 'text' => $text]);
};
$result = static function (string $group, string $scenario, string $subject, string $kind, array $m, ?int $size = null, ?int $footprint = null, string $unit = '') use ($emit): void {
    $emit(['type' => 'result', 'group' => $group, 'scenario' => $scenario, 'subject' => $subject, 'kind' => $kind,
        'perOp' => $m['perOp'], 'p50' => $m['p50'], 'p99' => $m['p99'], 'peak' => $m['peak'], 'ops' => $m['ops'],
        'size' => $size, 'footprint' => $footprint, 'footprintUnit' => $unit]);
};

if ($family === 'php_code') {
    scenario_php_code($cfg, static function (string $scenario, string $subject, string $kind, array $m) use ($result): void {
        $result('php', $scenario, $subject, $kind, $m);
    });
    exit(0);
}
if ($family === 'tickets') {
    scenario_tickets($cfg, static function (string $scenario, string $subject, string $kind, array $m) use ($result): void {
        $result('tickets', $scenario, $subject, $kind, $m);
    }, static function (string $text) use ($note): void {
        $note('tickets', $text);
    });
    exit(0);
}
if ($family === 'shm') {
    scenario_shm($cfg, static function (string $scenario, string $subject, string $kind, array $m) use ($result): void {
        $result('shm_scenarios', $scenario, $subject, $kind, $m);
    }, static function (string $text) use ($note): void {
        $note('shm_scenarios', $text);
    });
    exit(0);
}
if ($family === 'local') {
    scenario_local($cfg, static function (string $scenario, string $subject, string $kind, array $m, ?int $size = null) use ($result): void {
        $result('local', $scenario, $subject, $kind, $m, $size);
    }, static function (string $text) use ($note): void {
        $note('local', $text);
    }, static function (string $op, string $subject, ?float $perOp, ?int $target, string $label) use ($emit): void {
        $emit(['type' => 'syscalls', 'group' => 'local', 'op' => $op, 'label' => $label, 'subject' => $subject, 'perOp' => $perOp, 'target' => $target]);
    });
    exit(0);
}
if ($family === 'stores') {
    $ok = scenario_stores($cfg, static function (string $group, string $scenario, string $subject, string $kind, array $m, ?int $size = null, ?int $footprint = null) use ($result): void {
        $result($group, $scenario, $subject, $kind, $m, $size, $footprint);
    }, $note);
    exit($ok ? 0 : 1);
}
if ($family === 'http') {
    scenario_http($cfg, static function (string $scenario, string $subject, string $kind, array $m) use ($result): void {
        $result('http', $scenario, $subject, $kind, $m);
    }, static function (string $text) use ($note): void {
        $note('http', $text);
    });
    exit(0);
}

$groups = bench_groups();
$group = $groups[$groupName] ?? null;
if (!$group || !function_exists("scenario_$family")) {
    fwrite(STDERR, "bench.php: unknown family or group: $family $groupName\n");
    exit(2);
}
if ($family === 'get_set') {
    // notes once per group, not once per family
    foreach ($group->notes as $text) {
        $note($groupName, $text);
    }
}
$failed = false;
foreach ($group->factories as $label => $factory) {
    $subject = null;
    $t = hrtime(true);
    try {
        $subject = $factory();
        $record = static function (string $scenario, array $m, ?int $size = null, ?int $footprint = null) use ($result, $groupName, $subject): void {
            $result($groupName, $scenario, $subject->name, $subject->kind, $m, $size, $footprint, $subject->footprintUnit);
        };
        ("scenario_$family")($cfg, $subject, $record, $groupName);
    } catch (Throwable $e) {
        $msg = "$label, $family: " . get_class($e) . ': ' . $e->getMessage();
        if (!str_starts_with($label, 'tagcache')) {
            $note($groupName, "$msg (left out)");
        } else {
            fwrite(STDERR, "bench.php: $msg\n" . $e->getTraceAsString() . "\n");
            $failed = true;
        }
    } finally {
        $subject?->close();
    }
    $cfg->quick || bench_note(sprintf('  %-8s %-6s %-45s %.1f s', $family, $groupName, $label, (hrtime(true) - $t) / 1e9));
}
exit($failed ? 1 : 0);
