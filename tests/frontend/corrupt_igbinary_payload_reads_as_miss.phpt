--TEST--
VariableFrontend (igbinary): a payload igbinary cannot read is a miss with a warning, not null; a stored null still reads as null
--EXTENSIONS--
tagcache
--SKIPIF--
<?php if (!extension_loaded('igbinary')) die('skip igbinary not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;

$backend = new FileBackend(['cacheDirectory' => tc_tmpdir()]);
$cache = new VariableFrontend('igcorrupt', $backend, ['serializer' => 'igbinary']);
$cache->set('null', null);
$cache->set('arr', ['a' => str_repeat('x', 20)]);
$file = tc_entry_file($backend, 'arr');
$bytes = file_get_contents($file);
// same length, so the file backend's own checks pass; the igbinary key type byte is broken
$bytes[strlen($bytes) - 25] = "\xff";
file_put_contents($file, $bytes);
var_dump($cache->get('null'), $cache->has('null'));
var_dump($cache->get('arr'));
?>
--EXPECTF--
NULL
bool(true)

Warning: igbinary_unserialize_array: %s in %s on line %d

Warning: %s: Cache "igcorrupt": entry "arr" holds bytes that igbinary cannot unserialize; it reads as a miss in %s on line %d
bool(false)
