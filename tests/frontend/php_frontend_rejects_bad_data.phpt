--TEST--
PhpFrontend rejects code starting with <?php and non-strings (InvalidDataException); needs a PHP-capable backend
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\PhpFrontend;

$cache = new PhpFrontend('php_rej', new FileBackend(['cacheDirectory' => tc_tmpdir()]));
tc_expect_exception(fn() => $cache->set('a', '<?php return 1;'));
tc_expect_exception(fn() => $cache->set('a', "  \n<?PHP return 1;"));
tc_expect_exception(fn() => $cache->set('a', 42));
tc_expect_exception(fn() => $cache->set('a', ['return 1;']));
tc_expect_exception(fn() => $cache->set('a', null));
var_dump($cache->has('a'));
$e = tc_expect_exception(fn() => $cache->set('a', new stdClass()));
var_dump($e instanceof TagCache\Exception);
// code that merely contains "<?php" later on is fine
$cache->set('ok', 'return "<?php";');
var_dump($cache->requireOnce('ok'));
tc_expect_exception(fn() => new PhpFrontend('php_rej2', new TransientMemoryBackend()));
?>
--EXPECT--
InvalidDataException: PhpFrontend takes PHP code without the opening "<?php" tag (entry "a")
InvalidDataException: PhpFrontend takes PHP code without the opening "<?php" tag (entry "a")
InvalidDataException: PhpFrontend can only store strings, got int for entry "a"
InvalidDataException: PhpFrontend can only store strings, got array for entry "a"
InvalidDataException: PhpFrontend can only store strings, got null for entry "a"
bool(false)
InvalidDataException: PhpFrontend can only store strings, got stdClass for entry "a"
bool(true)
string(5) "<?php"
NotSupportedByBackendException: PhpFrontend "php_rej2" needs a backend that implements PhpCapableBackendInterface, got TagCache\Backend\TransientMemoryBackend
