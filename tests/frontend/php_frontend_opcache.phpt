--TEST--
PhpFrontend + OPcache: a requireOnce'd entry is cached by OPcache; set() invalidates it
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
if (!function_exists('opcache_get_status')) die('skip OPcache not loaded');
?>
--INI--
opcache.enable=1
opcache.enable_cli=1
opcache.file_cache=
opcache.validate_timestamps=0
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\PhpFrontend;

$backend = new FileBackend(['cacheDirectory' => tc_tmpdir()]);
$cache = new PhpFrontend('opc', $backend);
$cache->set('entry', 'return "version 1";');
$path = realpath(tc_entry_file($backend, 'entry'));
var_dump(opcache_is_script_cached($path));
var_dump($cache->requireOnce('entry'));
var_dump(opcache_is_script_cached($path));
var_dump(isset(opcache_get_status(true)['scripts'][$path]));

// rewriting the entry invalidates the cached script, even with validate_timestamps=0
$cache->set('entry', 'return "version 2";');
var_dump(opcache_is_script_cached($path));
// a plain include (as a new request would do) sees the new code, not OPcache's old copy
var_dump(include $path);
?>
--EXPECT--
bool(false)
string(9) "version 1"
bool(true)
bool(true)
bool(false)
string(9) "version 2"
