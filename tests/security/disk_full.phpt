--TEST--
Security: a write that hits the file size limit (ulimit -f, standing for a full disk) never damages the old entry: with SIGXFSZ ignored it is a BackendException and no temporary file stays; with the default action the process dies, the old entry is intact and collectGarbage removes the half-written temporary file once aged (skipped under valgrind: child processes)
--EXTENSIONS--
tagcache
pcntl
--SKIPIF--
<?php
if (!function_exists('proc_open')) die('skip proc_open not available');
if (getenv('USE_ZEND_ALLOC') === '0') die('skip child processes under a file size limit: not under valgrind');
?>
--FILE--
<?php
require __DIR__ . '/../reliability/reliability_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\StringFrontend;

$dir = tc_tmpdir('full');
$cache = new StringFrontend('full', $backend = new FileBackend(['cacheDirectory' => $dir]));
$old = str_repeat('o', 1000);
$cache->set('big', $old, ['t']);
$tmp = $backend->getCacheDirectory() . '/tmp';
foreach (['ignore', 'default'] as $mode) {
    echo "-- SIGXFSZ $mode\n";
    [$out, $err, $status] = tc_reap(tc_spawn(__DIR__ . '/disk_full_child.inc', [$dir, $mode], 'ulimit -f 64; '));
    echo trim($out), $out === '' ? '(no output)' : '', "\n";
    // proc_close() gives the signal number of a child a signal ended
    echo "exit: ", $status === SIGXFSZ || $status === 128 + SIGXFSZ ? 'killed by SIGXFSZ' : $status, "\n";
    var_dump($cache->get('big') === $old, array_keys($cache->getByTag('t')), count(glob("$tmp/*")));
}
foreach (glob("$tmp/*") as $f) {
    touch($f, time() - 7200);
}
$cache->collectGarbage();
var_dump(count(glob("$tmp/*")), $cache->get('big') === $old);
?>
--EXPECTF--
-- SIGXFSZ ignore
set: TagCache\BackendException: cannot write entry big to PATH File too large
int(1000)
exit: 0
bool(true)
array(1) {
  [0]=>
  string(3) "big"
}
int(0)
-- SIGXFSZ default
(no output)
exit: killed by SIGXFSZ
bool(true)
array(1) {
  [0]=>
  string(3) "big"
}
int(1)
int(0)
bool(true)
