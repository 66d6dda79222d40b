--TEST--
getOrCompute on SharedMemoryBackend: 16 processes (4 under valgrind), one cold key -> one computation; a SIGKILLed computer is taken over at once (not after its lock ttl); unrelated keys never wait
--EXTENSIONS--
tagcache
--SKIPIF--
<?php if (!function_exists('proc_open')) die('skip proc_open not available'); ?>
--FILE--
<?php
require __DIR__ . '/compute_helpers.inc';
use TagCache\Backend\SharedMemoryBackend;
use TagCache\Frontend\VariableFrontend;

$dir = tc_tmpdir();
$backend = ['backend' => 'shm', 'segment' => "$dir/segment"];
$shm = new SharedMemoryBackend(['segment' => "$dir/segment", 'size' => 1 << 20]);
new VariableFrontend('Compute', $shm);
$takeovers = fn() => $shm->getStatistics()['lockTakeovers'];
tc_compute_stampede($backend, $dir, tc_compute_workers(16), 'cold');
echo "lock takeovers after the stampede: ", $takeovers(), "\n";
// The killed worker's lock would last 10 minutes (lockTtlMs) and the waiter would wait up to
// 60 s (lockTimeoutMs), both beyond the test's time limit: the waiter computes because it
// saw the owner gone, which the takeover counter shows.
tc_compute_killed($backend, $dir, 'killed', ['lockTtlMs' => 600000]);
echo "lock takeovers after the kill: ", $takeovers(), "\n";
tc_compute_unrelated($backend, $dir);
tc_compute_early($backend, $dir);
echo "lock takeovers at the end: ", $takeovers(), "\n";
?>
--EXPECT--
n workers: callback ran 1 time(s); {"other":"n-1","self":1}
lock takeovers after the stampede: 0
first: killed
second: self; callback ran 2 time(s)
third: other; callback ran 2 time(s)
lock takeovers after the kill: 1
B (key y) finished: self; A still computing: true; C (key x) still waiting: true
D (key x, no wait): self; A still computing: true
A: self; C: other; callback ran 3 time(s)
first: self; E (beta INF while A recomputes): other; A still computing: true
A: self; callback ran 2 time(s)
lock takeovers at the end: 1
