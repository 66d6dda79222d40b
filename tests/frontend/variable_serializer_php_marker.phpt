--TEST--
VariableFrontend option serializer=php: payloads start with the 'p' marker and read back
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;

$backend = new FileBackend(['cacheDirectory' => tc_tmpdir()]);
$cache = new VariableFrontend('ser_php', $backend, ['serializer' => 'php']);
$value = ['list' => [1, 2, 3], 'obj' => new ArrayObject(['x' => 1])];
$cache->set('v', $value);
$raw = $backend->get('v');
var_dump($raw[0]);
var_dump(substr($raw, 1) === serialize($value));
var_dump($cache->get('v') == $value);
tc_expect_exception(fn() => new VariableFrontend('ser_bad', new FileBackend(['cacheDirectory' => sys_get_temp_dir()]), ['serializer' => 'json']));
tc_expect_exception(fn() => new VariableFrontend('ser_bad', new FileBackend(['cacheDirectory' => sys_get_temp_dir()]), ['serializer' => 1]));
tc_expect_exception(fn() => new VariableFrontend('ser_bad', new FileBackend(['cacheDirectory' => sys_get_temp_dir()]), ['compress' => true]));
?>
--EXPECT--
string(1) "p"
bool(true)
bool(true)
InvalidArgumentException: VariableFrontend option "serializer" must be "php" or "igbinary", got "json"
InvalidArgumentException: VariableFrontend option "serializer" must be "php" or "igbinary", got int
InvalidArgumentException: VariableFrontend has no option "compress"; known options: serializer, allowedClasses, hmacKey
