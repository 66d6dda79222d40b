--TEST--
PhpFrontend over RedisBackend (entries kept as code): after a parse error or a miss, the fixed entry is evaluated by the next requireOnce of the same request; code that ran and threw stays evaluated
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../redis_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\PhpFrontend;

$srv = tc_redis_start();
// generous: under valgrind on a busy machine the first script load can take seconds
$backend = new RedisBackend(['port' => $srv['port'], 'readTimeout' => 30]);
$cache = new PhpFrontend('Code', $backend);

$cache->set('entry', 'return 1 +;');
try {
    $cache->requireOnce('entry');
    echo "no exception\n";
} catch (ParseError $e) {
    echo get_class($e), "\n";
}
$cache->set('entry', '$GLOBALS["runs"] = ($GLOBALS["runs"] ?? 0) + 1; return "fixed";');
var_dump($cache->requireOnce('entry'), $cache->requireOnce('entry'), $GLOBALS['runs']);
// the backend's own requireOnce agrees
var_dump($backend->requireOnce('entry'));

var_dump($cache->requireOnce('later'));
$cache->set('later', 'return "later";');
var_dump($cache->requireOnce('later'));

$cache->set('throws', 'throw new RuntimeException("from the entry");');
try {
    $cache->requireOnce('throws');
} catch (RuntimeException $e) {
    echo $e->getMessage(), "\n";
}
var_dump($cache->requireOnce('throws'));
?>
--EXPECT--
ParseError
string(5) "fixed"
bool(true)
int(1)
bool(true)
bool(false)
string(5) "later"
from the entry
bool(true)
