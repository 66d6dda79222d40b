--TEST--
FileBackend: an entry file one byte short or with bytes appended reads as a miss with a warning (StringFrontend gets no torn string)
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\StringFrontend;

$backend = new FileBackend(['cacheDirectory' => tc_tmpdir()]);
$cache = new StringFrontend('lencheck', $backend);
$cache->set('short', 'hello world', ['t']);
$cache->set('long', 'hello world', ['t']);
$f = tc_entry_file($backend, 'short');
file_put_contents($f, substr(file_get_contents($f), 0, -1));
file_put_contents(tc_entry_file($backend, 'long'), "appended", FILE_APPEND);
var_dump($cache->get('short'));
var_dump($cache->get('long'));
$byTag = @$cache->getByTag('t');
var_dump($byTag);
?>
--EXPECTF--
Warning: %s: FileBackend of cache "lencheck": entry "short" is corrupt (%s) and reads as a miss in %s on line %d
bool(false)

Warning: %s: FileBackend of cache "lencheck": entry "long" is corrupt (%s) and reads as a miss in %s on line %d
bool(false)
array(0) {
}
