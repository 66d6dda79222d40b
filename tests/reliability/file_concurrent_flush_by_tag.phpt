--TEST--
FileBackend under 8 processes, 1,500 operations each, of random set / get / remove / getByTag / flushByTag(s): every read is a whole value of its key, own writes read back exactly, and after flushByTag returns nothing written before it with that tag is readable (skipped under valgrind: many processes)
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
if (!function_exists('proc_open')) die('skip proc_open not available');
if (getenv('USE_ZEND_ALLOC') === '0') die('skip spawns 8 processes for seconds: too slow under valgrind');
?>
--FILE--
<?php
require __DIR__ . '/reliability_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\StringFrontend;

const OPERATIONS = 1500;   // per process: the rarest kind (flushByTag "all", 0.2 %) runs about 3 times in each
$dir = tc_tmpdir('conc');
$children = [];
for ($i = 0; $i < 8; $i++) {
    $children["p$i"] = tc_spawn(__DIR__ . '/concurrency_worker.inc', [$dir, OPERATIONS, "p$i"]);
}
$total = 0;
foreach ($children as $label => $child) {
    [$out, $err, $status] = tc_reap($child);
    if (preg_match('/^(p\d) ok ops=(\d+)$/', trim($out), $m) && $err === '' && $status === 0) {
        echo "$label ok\n";
        $total += (int)$m[2];
    } else {
        echo "$label: ", trim($out), " stderr: $err exit=$status\n";
    }
}
echo "operations: $total\n";   // each process did all its operations and checked every one
// the index is consistent afterwards: getByTag(all) names exactly the live entries carrying "all"
$cache = new StringFrontend('conc', $backend = new FileBackend(['cacheDirectory' => $dir]));
$cache->collectGarbage();
$cdir = $backend->getCacheDirectory();
$problems = 0;
foreach (glob("$cdir/tags/*", GLOB_ONLYDIR) as $tagDir) {
    $markers = array_map('basename', glob("$tagDir/*"));
    $found = $backend->findIdentifiersByTag(basename($tagDir));
    sort($markers);
    sort($found);
    $problems += $markers !== $found;
}
var_dump($problems);
?>
--EXPECTF--
p0 ok
p1 ok
p2 ok
p3 ok
p4 ok
p5 ok
p6 ok
p7 ok
operations: 12000
int(0)
