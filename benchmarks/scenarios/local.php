<?php
/*
 * Local backends against their floors and against Neos.Cache (group "local", `bench.php local -`):
 * what issue 16's targets are measured by. Every row is timed in this run against a floor timed
 * in the same run; files go to TAGCACHE_BENCH_DIR (the runner's quick mode: /dev/shm) and are
 * removed afterwards.
 * - FileBackend behind StringFrontend (no serializer on either side) against Neos.Cache 9's
 *   FileBackend behind its StringFrontend: set of an existing entry with the same 3 tags, set of a
 *   new entry with 3 tags, get hit and miss, each with a plain-PHP floor (temp file + rename,
 *   file_get_contents, a failing fopen);
 * - getByTag returning 10 of 1,000 entries against reading the same 10 files in PHP;
 * - flushByTag of 10 entries with 3 tags at 1k, 10k and 100k entries against unlinking the same
 *   files (the entries and their 3 markers each) from PHP;
 * - TransientMemoryBackend::set with 3 tags against `$data[$id] = $v; foreach ($tags ...) $byTag[$t][$id] = true;`,
 *   for 100 B and 1 MB values (1 MB: time, and memory grown per stored entry);
 * - system calls per operation: `strace -f -c` over N operations in a child
 *   (scenarios/local_child.php) minus the same child with 0 operations, divided by N.
 */

use TagCache\Backend\FileBackend;
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\StringFrontend;

/** Issue 16's targets, system calls per operation (null: none set). */
const LOCAL_SYSCALL_TARGETS = [
    'set_existing' => ['set of an existing entry, same 3 tags', 7],
    'set_new' => ['set of a new entry, 3 tags', 10],
    'get_hit' => ['get hit', 3],
    'get_miss' => ['get miss', 1],
    'get_by_tag' => ['getByTag of 10 entries (per call)', null],
    'flush1' => ['flushByTag, per flushed entry (1 tag)', 6],
    'flush3' => ['flushByTag, per flushed entry (3 tags)', null],
];

/**
 * @param Closure(string $scenario, string $subject, string $kind, array $result, ?int $footprint): void $record
 * @param Closure(string $text): void $note
 * @param Closure(string $op, string $subject, ?float $perOp, ?int $target, string $label): void $syscalls
 */
function scenario_local(BenchConfig $cfg, Closure $record, Closure $note, Closure $syscalls): void
{
    $note('Values are strings stored as they are (StringFrontend on both file caches, the bare backend in memory): no serializer in these rows.');
    $neos = neos_available();
    if (!$neos) {
        $note('Neos.Cache FileBackend: skipped — ' . neos_missing_note());
    }
    local_file_rows($cfg, $record, $note, $neos);
    local_flush_rows($cfg, $record);
    local_memory_rows($cfg, $record, $note);
    local_syscall_rows($cfg, $note, $syscalls, $neos);
}

/** set / get rows: tagcache and Neos over StringFrontend, and the plain-PHP floor. */
function local_file_rows(BenchConfig $cfg, Closure $record, Closure $note, bool $neos): void
{
    $value = bench_value(100);
    $tags = ['tag-a', 'tag-b', 'tag-c'];
    $ids = bench_keys('e', 100);
    $subjects = [];
    $dir = bench_tmpdir('local-tc');
    $tc = new StringFrontend('Bench', new FileBackend(['cacheDirectory' => $dir]));
    $subjects['tagcache FileBackend (StringFrontend)'] = ['tagcache', $dir, static fn ($k, $v, $t) => $tc->set($k, $v, $t), static fn ($k) => $tc->get($k)];
    if ($neos) {
        $ndir = bench_tmpdir('local-neos');
        $n = neos_file_frontend($ndir);
        $subjects['Neos.Cache FileBackend (StringFrontend)'] = ['peer', $ndir, static fn ($k, $v, $t) => $n->set($k, $v, $t), static fn ($k) => @$n->get($k)];
    }
    $fdir = bench_tmpdir('local-floor');
    $subjects['floor: temp file + rename / file_get_contents / failing fopen'] = ['floor', $fdir,
        static function ($k, $v, $t) use ($fdir): void {
            file_put_contents("$fdir/$k.tmp", $v);
            rename("$fdir/$k.tmp", "$fdir/$k");
        },
        static fn ($k) => @file_get_contents("$fdir/$k"),
    ];
    try {
        foreach ($subjects as $name => [$kind, , $set, $get]) {
            foreach ($ids as $k) {
                $set($k, $value, $tags);
            }
            $record('set of an existing entry, same 3 tags, 100 B', $name, $kind,
                bench_measure($cfg, static fn (int $i) => $set($ids[$i % 100], $value, $tags)));
            $seq = 0;
            $record('set of a new entry, 3 tags, 100 B', $name, $kind,
                bench_measure($cfg, static function (int $i) use ($set, $value, $tags, &$seq): void {
                    $set('new' . $seq++, $value, $tags);
                }, 20000));
            $record('get hit, 100 B', $name, $kind, bench_measure($cfg, static fn (int $i) => $get($ids[$i % 100])));
            $record('get miss', $name, $kind, bench_measure($cfg, static fn (int $i) => $get('missing' . ($i % 100))));
        }
        // getByTag: 10 of 1,000 entries, against reading the same 10 entry files
        foreach (range(0, 999) as $i) {
            $tc->set("g$i", $value, $i < 10 ? ['ten', 'tag-b', 'tag-c'] : ['other', 'tag-b', 'tag-c']);
        }
        if (count($tc->getByTag('ten')) !== 10) {
            throw new RuntimeException('getByTag did not return the 10 entries');
        }
        $files = array_values(array_filter(glob("$dir/Bench/data/g*"), static fn ($p) => preg_match('~/g\d\D~', $p) === 1));
        $record('getByTag, 10 of 1,000 entries', 'tagcache FileBackend (StringFrontend)', 'tagcache',
            bench_measure($cfg, static fn (int $i) => $tc->getByTag('ten')));
        if (count($files) === 10) {
            $record('getByTag, 10 of 1,000 entries', 'floor: file_get_contents of the same 10 files', 'floor',
                bench_measure($cfg, static fn (int $i) => array_map('file_get_contents', $files)));
        } else {
            $note('getByTag floor left out: the 10 entry files were not found under data/ (' . count($files) . ')');
        }
    } finally {
        foreach ($subjects as [, $d]) {
            bench_rmdir($d);
        }
    }
}

/** flushByTag of 10 entries with 3 tags in caches of 1k, 10k, 100k entries, and the unlink floor. */
function local_flush_rows(BenchConfig $cfg, Closure $record): void
{
    $sizes = $cfg->sizes;
    $dir = bench_tmpdir('local-flush');
    $tc = new StringFrontend('Bench', new FileBackend(['cacheDirectory' => $dir]));
    $value = bench_value(100);
    $victims = bench_keys('victim', 10);
    $filled = 0;
    try {
        foreach ($sizes as $size) {
            for ($i = $filled; $i < $size - 10; $i++) {
                $tc->set("f$i", $value, ['g' . ($i % 100), 'tag-b', 'tag-c']);
            }
            $filled = $size - 10;
            $round = 0;
            $prepare = static function () use ($tc, $victims, $value, &$round): void {
                $round++;
                foreach ($victims as $k) {
                    $tc->set($k, $value, ["flush$round", 'tag-b', 'tag-c']);
                }
            };
            // the files a flush of "flush$round" removes, found once (untimed) from the layout
            $paths = static function () use ($dir, $victims, &$round): array {
                $out = [];
                foreach ($victims as $k) {
                    foreach (["data/$k.php", "tags/flush$round/$k", "tags/tag-b/$k", "tags/tag-c/$k"] as $rel) {
                        $out[] = "$dir/Bench/$rel";
                    }
                }
                return $out;
            };
            $m = bench_measure_each($cfg->flushRounds, $prepare, static function () use ($tc, &$round): void {
                if ($tc->flushByTag("flush$round") !== 10) {
                    throw new RuntimeException('flushByTag did not flush 10 entries');
                }
            });
            $record('flushByTag of 10 entries (3 tags each), ' . number_format($size) . ' entries', 'tagcache FileBackend (StringFrontend)', 'tagcache', $m, $size);
            $list = [];
            $m = bench_measure_each($cfg->flushRounds, static function () use ($prepare, $paths, &$list): void {
                $prepare();
                $list = array_values(array_filter($paths(), 'is_file'));
                if (count($list) < 20) {
                    throw new RuntimeException('unlink floor: the entry and marker files are not where the layout says');
                }
                clearstatcache();
            }, static function () use (&$list): void {
                foreach ($list as $p) {
                    unlink($p);
                }
            });
            $record('flushByTag of 10 entries (3 tags each), ' . number_format($size) . ' entries', 'floor: unlink the 10 entry files and their markers', 'floor', $m, $size);
        }
    } finally {
        bench_rmdir($dir);
    }
}

/** TransientMemoryBackend::set with 3 tags, 100 B and 1 MB, against the PHP array floor. */
function local_memory_rows(BenchConfig $cfg, Closure $record, Closure $note): void
{
    $tags = ['tag-a', 'tag-b', 'tag-c'];
    foreach ([100 => '100 B', 1 << 20 => '1 MB'] as $bytes => $label) {
        $value = bench_value($bytes);
        $count = $bytes > 1000 ? 8 : 100;
        $ids = bench_keys('m', $count);
        $b = new TransientMemoryBackend();
        $b->setCache(new StringFrontend('Bench', $b));
        $record("TransientMemoryBackend::set, 3 tags, $label", 'tagcache TransientMemoryBackend', 'tagcache',
            bench_measure($cfg, static fn (int $i) => $b->set($ids[$i % $count], $value, $tags)));
        $data = [];
        $byTag = [];
        $record("TransientMemoryBackend::set, 3 tags, $label", 'floor: $data[$id] = $v + $byTag[$t][$id] = true', 'floor',
            bench_measure($cfg, static function (int $i) use (&$data, &$byTag, $ids, $count, $value, $tags): void {
                $id = $ids[$i % $count];
                $data[$id] = $value;
                foreach ($tags as $t) {
                    $byTag[$t][$id] = true;
                }
            }));
        unset($b, $data, $byTag);
        if ($bytes > 1000) {
            // memory grown per entry when each of 8 entries gets a distinct 1 MB string the caller keeps
            $values = array_map(static fn ($i) => bench_value($bytes - 8) . sprintf('%08d', $i), range(0, 7));
            gc_collect_cycles();
            $before = bench_process_memory();
            $b = new TransientMemoryBackend();
            $b->setCache(new StringFrontend('Bench', $b));
            foreach ($values as $i => $v) {
                $b->set("m$i", $v, $tags);
            }
            $tcGrowth = (bench_process_memory() - $before) / 8;
            unset($b);
            gc_collect_cycles();
            $before = bench_process_memory();
            $data = [];
            $byTag = [];
            foreach ($values as $i => $v) {
                $data["m$i"] = $v;
                foreach ($tags as $t) {
                    $byTag[$t]["m$i"] = true;
                }
            }
            $floorGrowth = (bench_process_memory() - $before) / 8;
            $note(sprintf('TransientMemoryBackend::set of a 1 MB value the caller keeps: memory grows %s per entry (PHP heap + malloc); the array floor %s',
                bench_fmt_bytes((int) $tcGrowth), bench_fmt_bytes((int) $floorGrowth)));
        }
    }
}

/** `strace -f -c` of the child with N operations minus with 0, over N. */
function local_syscall_rows(BenchConfig $cfg, Closure $note, Closure $syscalls, bool $neos): void
{
    $why = local_strace_unusable();
    if ($why !== null) {
        $note("system calls per operation: skipped — $why");
        return;
    }
    $n = $cfg->quick ? 100 : 1000;
    $subjects = ['tagcache' => 'tagcache FileBackend', 'floor' => 'floor (plain PHP on the same files)'];
    if ($neos) {
        $subjects['neos'] = 'Neos.Cache FileBackend';
    }
    foreach (LOCAL_SYSCALL_TARGETS as $kind => [$label, $target]) {
        foreach ($subjects as $s => $name) {
            if ($s === 'neos' && !in_array($kind, ['set_existing', 'set_new', 'get_hit', 'get_miss'], true)) {
                continue; // Neos finds tags by reading every entry: not the same operation
            }
            if ($cfg->quick && ($s !== 'tagcache' || $kind !== 'set_existing')) {
                continue; // the smoke test checks the path in a second; tests/file/syscall_budget.phpt the budget
            }
            $flush = str_starts_with($kind, 'flush');
            $with = local_strace_calls($s, $kind, $flush ? 1 : $n);
            $without = local_strace_calls($s, $kind, 0);
            $per = ($with === null || $without === null) ? null : ($with - $without) / ($flush ? 1000 : $n);
            $syscalls($kind, $name, $per, $target, $label);
        }
    }
}

function local_strace_unusable(): ?string
{
    if (trim((string) shell_exec('command -v strace 2>/dev/null')) === '') {
        return 'strace is not installed';
    }
    exec('strace -f -o /dev/null true 2>&1', $out, $rc);
    return $rc === 0 ? null : 'ptrace is not permitted here (`strace -f true` fails: ' . trim(implode(' ', $out)) . ')';
}

/** Total system calls of one child run, or null when strace's summary has no total. */
function local_strace_calls(string $subject, string $kind, int $n): ?int
{
    $dir = bench_tmpdir("local-strace-$subject-$kind-$n");
    $out = "$dir.strace";
    try {
        $php = escapeshellarg(PHP_BINARY) . ' -n -d extension=' . escapeshellarg(getenv('TAGCACHE_BENCH_SO') ?: dirname(__DIR__, 2) . '/modules/tagcache.so');
        $cmd = sprintf('strace -f -c -o %s %s %s %s %s %d %s 2>&1', escapeshellarg($out), $php,
            escapeshellarg(__DIR__ . '/local_child.php'), $subject, $kind, $n, escapeshellarg($dir));
        exec($cmd, $lines, $rc);
        if ($rc !== 0) {
            throw new RuntimeException("$cmd failed: " . implode("\n", $lines));
        }
        foreach (file($out) ?: [] as $line) {
            $f = preg_split('/\s+/', trim($line));
            if (end($f) === 'total' && isset($f[3]) && ctype_digit($f[3])) {
                return (int) $f[3];
            }
        }
        return null;
    } finally {
        @unlink($out);
        bench_rmdir($dir);
    }
}
