--TEST--
Frontend: numeric-string identifiers ("123", "0", "007") work through set/get, getByTag and flushByTag
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Frontend\StringFrontend;

$dir = tc_tmpdir();
$caches = [
    'file/variable' => new VariableFrontend('num_v', new FileBackend(['cacheDirectory' => $dir])),
    'file/string' => new StringFrontend('num_s', new FileBackend(['cacheDirectory' => $dir])),
    'memory/variable' => new VariableFrontend('num_m', new TransientMemoryBackend()),
];
foreach ($caches as $label => $cache) {
    echo "== $label\n";
    $cache->set('123', 'one-two-three', ['numtag']);
    $cache->set('0', 'zero', ['numtag']);
    $cache->set('007', 'bond', ['numtag', '42']);
    var_dump($cache->get('123'), $cache->get('0'), $cache->get('007'));
    $byTag = $cache->getByTag('numtag');
    ksort($byTag, SORT_STRING);
    var_dump($byTag);
    $ids = $cache->getBackend()->findIdentifiersByTag('numtag');
    sort($ids, SORT_STRING);
    var_dump($ids);
    var_dump($cache->flushByTag('42'));
    var_dump($cache->has('007'), $cache->has('123'));
    var_dump($cache->flushByTag('numtag'));
    var_dump($cache->has('123'), $cache->has('0'));
}
?>
--EXPECT--
== file/variable
string(13) "one-two-three"
string(4) "zero"
string(4) "bond"
array(3) {
  [0]=>
  string(4) "zero"
  ["007"]=>
  string(4) "bond"
  [123]=>
  string(13) "one-two-three"
}
array(3) {
  [0]=>
  string(1) "0"
  [1]=>
  string(3) "007"
  [2]=>
  string(3) "123"
}
int(1)
bool(false)
bool(true)
int(2)
bool(false)
bool(false)
== file/string
string(13) "one-two-three"
string(4) "zero"
string(4) "bond"
array(3) {
  [0]=>
  string(4) "zero"
  ["007"]=>
  string(4) "bond"
  [123]=>
  string(13) "one-two-three"
}
array(3) {
  [0]=>
  string(1) "0"
  [1]=>
  string(3) "007"
  [2]=>
  string(3) "123"
}
int(1)
bool(false)
bool(true)
int(2)
bool(false)
bool(false)
== memory/variable
string(13) "one-two-three"
string(4) "zero"
string(4) "bond"
array(3) {
  [0]=>
  string(4) "zero"
  ["007"]=>
  string(4) "bond"
  [123]=>
  string(13) "one-two-three"
}
array(3) {
  [0]=>
  string(1) "0"
  [1]=>
  string(3) "007"
  [2]=>
  string(3) "123"
}
int(1)
bool(false)
bool(true)
int(2)
bool(false)
bool(false)
