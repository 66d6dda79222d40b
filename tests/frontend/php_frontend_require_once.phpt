--TEST--
PhpFrontend: requireOnce returns the included value, runs once per process, false on a miss; get returns the code
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Backend\SimpleFileBackend;
use TagCache\Frontend\PhpFrontend;

$GLOBALS['runs'] = 0;
$dir = tc_tmpdir();
foreach (['FileBackend' => new FileBackend(['cacheDirectory' => $dir]),
          'SimpleFileBackend' => new SimpleFileBackend(['cacheDirectory' => $dir])] as $name => $backend) {
    echo "== $name\n";
    $cache = new PhpFrontend("php_ro_$name", $backend);
    $GLOBALS['runs'] = 0;
    $code = "\$GLOBALS['runs']++;\nreturn ['answer' => 42, 'line1' => __LINE__];";
    $cache->set('entry', $code);
    // get() returns exactly what was stored, first line included
    var_dump($cache->get('entry') === $code);
    var_dump($cache->requireOnce('entry'));
    var_dump($cache->requireOnce('entry'));
    var_dump($GLOBALS['runs']);
    var_dump($cache->requireOnce('missing'));
    // the backend's own requireOnce agrees about "already included"
    var_dump($backend->requireOnce('entry'));
    // code without a return statement gives 1, like include
    $cache->set('noreturn', '$GLOBALS["runs"] += 10;');
    var_dump($cache->requireOnce('noreturn'), $GLOBALS['runs']);
    // a function defined in an entry is usable afterwards
    $fn = 'tc_fn_' . strtolower(substr($name, 0, 4));
    $cache->set('func', "function $fn() { return 'defined'; }\nreturn true;");
    var_dump($cache->requireOnce('func'), $fn());
}
?>
--EXPECT--
== FileBackend
bool(true)
array(2) {
  ["answer"]=>
  int(42)
  ["line1"]=>
  int(3)
}
bool(true)
int(1)
bool(false)
bool(true)
int(1)
int(11)
bool(true)
string(7) "defined"
== SimpleFileBackend
bool(true)
array(2) {
  ["answer"]=>
  int(42)
  ["line1"]=>
  int(3)
}
bool(true)
int(1)
bool(false)
bool(true)
int(1)
int(11)
bool(true)
string(7) "defined"
