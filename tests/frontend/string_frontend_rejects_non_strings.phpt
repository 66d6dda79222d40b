--TEST--
StringFrontend: stores strings as they are, rejects non-strings with InvalidDataException
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\StringFrontend;

$backend = new FileBackend(['cacheDirectory' => tc_tmpdir()]);
$cache = new StringFrontend('str_rej', $backend);
foreach ([42, 1.5, true, false, null, ['x'], new stdClass()] as $value) {
    tc_expect_exception(fn() => $cache->set('k', $value));
}
var_dump($cache->has('k'));
$cache->set('k', 'a:1:{i:0;s:1:"x";}', ['t']);
// no serialization: the backend holds exactly the string
var_dump($backend->get('k'));
var_dump($cache->get('k'));
var_dump($cache->getByTag('t'));
var_dump($cache->get('nope'));
?>
--EXPECT--
InvalidDataException: StringFrontend can only store strings, got int for entry "k"
InvalidDataException: StringFrontend can only store strings, got float for entry "k"
InvalidDataException: StringFrontend can only store strings, got bool for entry "k"
InvalidDataException: StringFrontend can only store strings, got bool for entry "k"
InvalidDataException: StringFrontend can only store strings, got null for entry "k"
InvalidDataException: StringFrontend can only store strings, got array for entry "k"
InvalidDataException: StringFrontend can only store strings, got stdClass for entry "k"
bool(false)
string(18) "a:1:{i:0;s:1:"x";}"
string(18) "a:1:{i:0;s:1:"x";}"
array(1) {
  ["k"]=>
  string(18) "a:1:{i:0;s:1:"x";}"
}
bool(false)
