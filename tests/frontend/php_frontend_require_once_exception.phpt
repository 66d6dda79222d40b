--TEST--
PhpFrontend: an exception thrown by the entry's code passes through requireOnce; parse errors are catchable
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\PhpFrontend;

$cache = new PhpFrontend('php_exc', new FileBackend(['cacheDirectory' => tc_tmpdir()]));
$cache->set('throws', 'throw new DomainException("from the entry", 7);');
try {
    $cache->requireOnce('throws');
    echo "no exception\n";
} catch (DomainException $e) {
    echo get_class($e), ': ', $e->getMessage(), ' code ', $e->getCode(), "\n";
    var_dump(str_ends_with($e->getFile(), '/data/throws.php'));
}
$cache->set('bad', 'return 1 +;');
try {
    $cache->requireOnce('bad');
    echo "no exception\n";
} catch (ParseError $e) {
    echo get_class($e), "\n";
}
// still usable afterwards
$cache->set('good', 'return "fine";');
var_dump($cache->requireOnce('good'));
?>
--EXPECT--
DomainException: from the entry code 7
bool(true)
ParseError
string(4) "fine"
