--TEST--
getOrCompute on FileBackend: 16 processes (4 under valgrind), one cold key -> one computation; a killed computer is replaced; unrelated keys never wait
--EXTENSIONS--
tagcache
--SKIPIF--
<?php if (!function_exists('proc_open')) die('skip proc_open not available'); ?>
--FILE--
<?php
require __DIR__ . '/compute_helpers.inc';

$dir = tc_tmpdir();
$backend = ['backend' => 'file', 'dir' => "$dir/cache"];
tc_compute_stampede($backend, $dir, tc_compute_workers(16), 'cold');
tc_compute_killed($backend, $dir, 'killed', []);
tc_compute_unrelated($backend, $dir);
tc_compute_early($backend, $dir);
// no lock file is left behind
echo "lock files left: ", json_encode(array_values(array_filter(tc_files("$dir/cache"), fn($f) => str_contains($f, 'compute')))), "\n";
?>
--EXPECT--
n workers: callback ran 1 time(s); {"other":"n-1","self":1}
first: killed
second: self; callback ran 2 time(s)
third: other; callback ran 2 time(s)
B (key y) finished: self; A still computing: true; C (key x) still waiting: true
D (key x, no wait): self; A still computing: true
A: self; C: other; callback ran 3 time(s)
first: self; E (beta INF while A recomputes): other; A still computing: true
A: self; callback ran 2 time(s)
lock files left: []
