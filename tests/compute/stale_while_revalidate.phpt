--TEST--
getOrCompute option staleWhileRevalidate: past its lifetime a value is served stale while one worker recomputes; beyond the window it is a miss; the option is validated and refused where no expiry is stored
--EXTENSIONS--
tagcache
--SKIPIF--
<?php if (!function_exists('proc_open')) die('skip proc_open not available'); ?>
--FILE--
<?php
require __DIR__ . '/compute_helpers.inc';
use TagCache\Backend\{FileBackend, SharedMemoryBackend, TransientMemoryBackend};
use TagCache\Frontend\{StringFrontend, VariableFrontend};

/* Waits for the wall clock (not for another process) to pass $until. */
function clock_past(float $until): void
{
    while (microtime(true) < $until) {
        usleep(20000);
    }
}

function run(string $label, array $backend, string $dir, VariableFrontend $cache): void
{
    echo "== $label\n";
    $count = "$dir/count";
    $one = fn(string $key, string $prefix, int $stale, array $more = []) => $backend + $more + [
        'key' => $key, 'count' => $count, 'print_value' => true, 'value_prefix' => $prefix,
        'lifetime' => 1, 'options' => ['staleWhileRevalidate' => $stale]];
    // s: stale for a minute after its second of life; t: for one second only
    echo "store s: ", tc_compute_finish(tc_compute_start($one('s', 'v1 ', 60))), "\n";
    echo "store t: ", tc_compute_finish(tc_compute_start($one('t', 't1 ', 1))), "\n";
    $stored = microtime(true);
    clock_past($stored + 1.1);

    // A finds s stale and recomputes it, held inside its callback until released (its new
    // value lives long: slow workers, e.g. under valgrind, must still find it fresh)
    $a = tc_compute_start($one('s', 'v2 ', 60, ['started' => "$dir/started-a", 'release' => "$dir/release-a", 'lifetime' => 600]));
    if (!tc_compute_wait("$dir/started-a")) {
        echo "A never started recomputing\n";
        return;
    }
    $b = tc_compute_finish(tc_compute_start($one('s', 'never ', 60)));
    echo "B while A recomputes: $b; A still computing: ", json_encode(tc_compute_running($a)),
        "; get() meanwhile: ", preg_replace('/ by \d+$/', '', $cache->get('s')), "\n";
    touch("$dir/release-a");
    echo "A: ", tc_compute_finish($a), "; then C: ", tc_compute_finish(tc_compute_start($one('s', 'never ', 60))),
        "; callback ran ", tc_compute_runs($count), " time(s)\n";

    // t is past lifetime + window (its backend entry lives 2 s, less than a second more)
    clock_past($stored + 3.1);
    echo "t present: ", json_encode($cache->has('t')), "\n";
    // D recomputes t (a miss: it takes the lock and waits for nobody); E, arriving while D
    // computes, has no stale value to take: it waits for D's.
    $d = tc_compute_start($one('t', 't2 ', 1, ['started' => "$dir/started-d", 'release' => "$dir/release-d", 'lifetime' => 600]));
    if (!tc_compute_wait("$dir/started-d")) {
        echo "D never started computing\n";
        return;
    }
    $e = tc_compute_start($one('t', 'never ', 1, ['options' => ['staleWhileRevalidate' => 1, 'lockTimeoutMs' => 60000]]));
    touch("$dir/release-d");
    echo "D: ", tc_compute_finish($d), "; E: ", tc_compute_finish($e), "; callback ran ", tc_compute_runs($count), " time(s)\n";
}

// TransientMemoryBackend: its memo keeps decoded copies without their expiry, so no stale
// window there (a memo hit would pass for fresh for the whole window)
$mem = new VariableFrontend('m', new TransientMemoryBackend());
$mem->getOrCompute('m', fn() => 'm1', [], 1, null, ['staleWhileRevalidate' => 60]);
$mem->get('m');

$dir = tc_tmpdir();
$shm = new SharedMemoryBackend(['segment' => "$dir/segment", 'size' => 1 << 20]);
mkdir("$dir/shm");
run('shm', ['backend' => 'shm', 'segment' => "$dir/segment"], "$dir/shm", new VariableFrontend('Compute', $shm));
mkdir("$dir/file");
run('file', ['backend' => 'file', 'dir' => "$dir/file/cache"], "$dir/file",
    new VariableFrontend('Compute', new FileBackend(['cacheDirectory' => "$dir/file/cache"])));

echo "== memory (past its lifetime): ", $mem->getOrCompute('m', fn() => 'm2', [], 1, null, ['staleWhileRevalidate' => 60]), "\n";
echo "== validation\n";
$v = new VariableFrontend('v', new TransientMemoryBackend());
$f = fn() => 'x';
foreach ([-1, 31536001, '60', 1.5, null] as $bad) {
    try {
        $v->getOrCompute('k', $f, [], 10, null, ['staleWhileRevalidate' => $bad]);
        echo "accepted ", var_export($bad, true), "\n";
    } catch (TagCache\InvalidArgumentException $e) {
        echo get_class($e), ": ", $e->getMessage(), "\n";
    }
}
echo "0 accepted: ", $v->getOrCompute('k', $f, [], 10, null, ['staleWhileRevalidate' => 0]), "\n";
class MyFrontend extends VariableFrontend {}
foreach ([new StringFrontend('s', new TransientMemoryBackend()), new MyFrontend('m', new TransientMemoryBackend())] as $fe) {
    try {
        $fe->getOrCompute('k', $f, [], 10, null, ['staleWhileRevalidate' => 5]);
        echo "accepted\n";
    } catch (TagCache\InvalidArgumentException $e) {
        echo get_class($e), ": ", $e->getMessage(), "\n";
    }
    echo "without it: ", $fe->getOrCompute('k', $f, [], 10, null, ['staleWhileRevalidate' => 0]), "\n";
}
?>
--EXPECT--
== shm
store s: v1 computed
store t: t1 computed
B while A recomputes: v1 computed; A still computing: true; get() meanwhile: v1 computed
A: v2 computed; then C: v2 computed; callback ran 3 time(s)
t present: false
D: t2 computed; E: t2 computed; callback ran 4 time(s)
== file
store s: v1 computed
store t: t1 computed
B while A recomputes: v1 computed; A still computing: true; get() meanwhile: v1 computed
A: v2 computed; then C: v2 computed; callback ran 3 time(s)
t present: false
D: t2 computed; E: t2 computed; callback ran 4 time(s)
== memory (past its lifetime): m2
== validation
TagCache\InvalidArgumentException: getOrCompute() option "staleWhileRevalidate" must be an int of seconds from 0 to 31536000, got -1
TagCache\InvalidArgumentException: getOrCompute() option "staleWhileRevalidate" must be an int of seconds from 0 to 31536000, got 31536001
TagCache\InvalidArgumentException: getOrCompute() option "staleWhileRevalidate" must be an int of seconds from 0 to 31536000, got string
TagCache\InvalidArgumentException: getOrCompute() option "staleWhileRevalidate" must be an int of seconds from 0 to 31536000, got float
TagCache\InvalidArgumentException: getOrCompute() option "staleWhileRevalidate" must be an int of seconds from 0 to 31536000, got null
0 accepted: x
TagCache\InvalidArgumentException: getOrCompute() option "staleWhileRevalidate" needs a TagCache\Frontend\VariableFrontend (not a subclass): TagCache\Frontend\StringFrontend stores no expiry beside the value, so a stale value could not be told from a fresh one
without it: x
TagCache\InvalidArgumentException: getOrCompute() option "staleWhileRevalidate" needs a TagCache\Frontend\VariableFrontend (not a subclass): MyFrontend stores no expiry beside the value, so a stale value could not be told from a fresh one
without it: x
