--TEST--
FileBackend system-call budget per operation (issue 16): strace -f -c of a child with 200 operations minus the same child with none; a figure over its budget is printed (skipped without strace or ptrace, and under valgrind)
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
if (getenv('USE_ZEND_ALLOC') === '0') die('skip counts the extension\'s own system calls, not valgrind\'s');
if (!function_exists('exec')) die('skip exec not available');
if (trim((string) shell_exec('command -v strace 2>/dev/null')) === '') die('skip strace is not installed');
exec('strace -f -o /dev/null true 2>&1', $out, $rc);
if ($rc !== 0) die('skip ptrace is not permitted here (strace -f true fails)');
?>
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';

const OPS = 200;
const FLUSHED = 200; // entries the flush kinds make and flush in one call (syscall_budget.inc)

$php = getenv('TEST_PHP_EXECUTABLE') ?: PHP_BINARY;
$extra = getenv('TEST_PHP_EXTRA_ARGS') ?: '';
if (!str_contains($extra, 'tagcache')) {
    // the extension came from php.ini: the child reads the same ini
    $extra = '';
}
$base = tc_tmpdir('syscalls');

/** System calls of one child run (strace's total), or a message why not. */
function calls(string $php, string $extra, string $base, string $kind, int $ops): int|string
{
    static $run = 0;
    $dir = "$base/" . ++$run;
    mkdir($dir);
    $log = "$base/strace-$run";
    $cmd = sprintf('strace -f -c -o %s %s %s %s %s %d %s 2>&1', escapeshellarg($log), escapeshellarg($php), $extra,
        escapeshellarg(__DIR__ . '/syscall_budget.inc'), $kind, $ops, escapeshellarg($dir));
    exec($cmd, $out, $rc);
    if ($rc !== 0) {
        return "child failed ($rc): " . implode(' ', $out);
    }
    foreach (file($log) as $line) {
        $f = preg_split('/\s+/', trim($line));
        if (end($f) === 'total' && isset($f[3]) && ctype_digit($f[3])) {
            return (int) $f[3];
        }
    }
    return 'no total in the strace summary';
}

// kind => [label, budget per operation (null: printed only), divisor]
$kinds = [
    'set_existing' => ['set of an existing entry, unchanged 3 tags', 7, OPS],
    'set_new' => ['set of a new entry, 3 existing tags', 10, OPS],
    'get_hit' => ['get hit', 3, OPS],
    'get_miss' => ['get miss', 1, OPS],
    'get_by_tag' => ['getByTag of 10 entries, per call (4 per entry + 8)', 48, OPS],
    'flush1' => ['flushByTag, per flushed entry with 1 tag', 6, FLUSHED],
    'flush3' => ['flushByTag, per flushed entry with 3 tags', null, FLUSHED],
];
$measured = [];
$over = false;
foreach ($kinds as $kind => [$label, $budget, $div]) {
    $with = calls($php, $extra, $base, $kind, str_starts_with($kind, 'flush') ? 1 : OPS);
    $without = calls($php, $extra, $base, $kind, 0);
    if (!is_int($with) || !is_int($without)) {
        echo "$label: not counted: ", is_int($with) ? $without : $with, "\n";
        continue;
    }
    $per = ($with - $without) / $div;
    $measured[] = sprintf('%s %.2f', $kind, $per);
    if ($per <= 0) {
        echo "$label: not counted ($per)\n";
    } elseif ($budget === null) {
        echo "$label: counted\n";
    } elseif ($per <= $budget) {
        echo "$label: within $budget\n";
    } else {
        printf("%s: %.2f per operation, over the budget of %d\n", $label, $per, $budget);
        $over = true;
    }
}
if ($over) {
    // every figure, the 3-tag flush's too, in the failure's diff
    echo 'system calls per operation: ', implode(', ', $measured), "\n";
}
?>
--EXPECT--
set of an existing entry, unchanged 3 tags: within 7
set of a new entry, 3 existing tags: within 10
get hit: within 3
get miss: within 1
getByTag of 10 entries, per call (4 per entry + 8): within 48
flushByTag, per flushed entry with 1 tag: within 6
flushByTag, per flushed entry with 3 tags: counted
