--TEST--
FileBackend options: unknown options and bad values are InvalidArgumentException naming them; relative cacheDirectory made absolute
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;

tc_expect_exception(fn() => new FileBackend(['cacheDir' => '/tmp']));
tc_expect_exception(fn() => new FileBackend(['hostname' => 'localhost']));
tc_expect_exception(fn() => new FileBackend(['/tmp']));
tc_expect_exception(fn() => new FileBackend(['cacheDirectory' => "a\0b"]));
tc_expect_exception(fn() => new FileBackend(['cacheDirectory' => 5]));
tc_expect_exception(fn() => new FileBackend(['defaultLifetime' => '10']));
tc_expect_exception(fn() => new FileBackend(['defaultLifetime' => 1.5]));

$dir = tc_tmpdir();
chdir($dir);
$backend = new FileBackend(['cacheDirectory' => 'relative']);
$cache = new VariableFrontend('rel', $backend);
chdir('/');
$cache->set('x', 1);
var_dump($backend->getCacheDirectory() === realpath($dir) . '/relative/rel');
var_dump(is_file($dir . '/relative/rel/data/x.php'), $cache->get('x'));
?>
--EXPECT--
InvalidArgumentException: FileBackend has no option "cacheDir"; known options: cacheDirectory, defaultLifetime
InvalidArgumentException: FileBackend has no option "hostname"; known options: cacheDirectory, defaultLifetime
InvalidArgumentException: FileBackend options must be keyed by name; known options: cacheDirectory, defaultLifetime
InvalidArgumentException: FileBackend option "cacheDirectory" must be a non-empty path without NUL bytes, got string "a\000b"
InvalidArgumentException: FileBackend option "cacheDirectory" must be a non-empty path without NUL bytes, got int "5"
InvalidArgumentException: FileBackend option "defaultLifetime" must be an integer >= 0 (seconds, 0 = unlimited), got string "10"
InvalidArgumentException: FileBackend option "defaultLifetime" must be an integer >= 0 (seconds, 0 = unlimited), got float "1.5"
bool(true)
bool(true)
int(1)
