--TEST--
VariableFrontend: getIdentifier, getBackend, set/get/has/remove return values, false on a miss
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;

$backend = new FileBackend(['cacheDirectory' => tc_tmpdir()]);
$cache = new VariableFrontend('basic_cache', $backend);

var_dump($cache->getIdentifier());
var_dump($cache->getBackend() === $backend);
var_dump($cache instanceof TagCache\Frontend\FrontendInterface);

var_dump($cache->get('missing'));
var_dump($cache->has('missing'));
var_dump($cache->remove('missing'));

$cache->set('entry', ['a' => 1, 'b' => [true, 2.5, 'x']]);
var_dump($cache->has('entry'));
var_dump($cache->get('entry'));

$cache->set('entry', 'overwritten');
var_dump($cache->get('entry'));

var_dump($cache->remove('entry'));
var_dump($cache->remove('entry'));
var_dump($cache->has('entry'));
var_dump($cache->get('entry'));
?>
--EXPECT--
string(11) "basic_cache"
bool(true)
bool(true)
bool(false)
bool(false)
bool(false)
bool(true)
array(2) {
  ["a"]=>
  int(1)
  ["b"]=>
  array(3) {
    [0]=>
    bool(true)
    [1]=>
    float(2.5)
    [2]=>
    string(1) "x"
  }
}
string(11) "overwritten"
bool(true)
bool(false)
bool(false)
bool(false)
