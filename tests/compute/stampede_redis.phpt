--TEST--
getOrCompute on RedisBackend: 16 processes (4 under valgrind), one cold key -> one computation; a killed computer is replaced after the lock ttl; unrelated keys never wait
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
require __DIR__ . '/../redis_helpers.inc';
tc_redis_skipif();
if (!function_exists('proc_open')) die('skip proc_open not available');
?>
--FILE--
<?php
require __DIR__ . '/../redis_helpers.inc';
require __DIR__ . '/compute_helpers.inc';

$dir = tc_tmpdir();
$srv = tc_redis_start();
$backend = ['backend' => 'redis', 'port' => $srv['port']];
tc_compute_stampede($backend, $dir, tc_compute_workers(16), 'cold');
// the killed worker's lock stays until its PX runs out: kept short here
tc_compute_killed($backend, $dir, 'killed', ['lockTtlMs' => 300]);
tc_compute_unrelated($backend, $dir);
tc_compute_early($backend, $dir);
// released locks are deleted
echo "lock keys left: ", json_encode(tc_redis_cmd($srv, 'KEYS', '*#lock:*')), "\n";
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
lock keys left: []
