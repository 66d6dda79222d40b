--TEST--
VariableFrontend/StringFrontend over a backend written in PHP: set/get/has/remove/flush/flushByTag/getByTag go through its methods
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../array_backend.inc';
use TagCache\Frontend\VariableFrontend;
use TagCache\Frontend\StringFrontend;

$backend = new ArrayBackend();
$cache = new VariableFrontend('user_be', $backend, ['serializer' => 'php']);
var_dump($backend->cache === $cache, $cache->getBackend() === $backend);
$cache->set('a', ['x' => 1], ['t1', 't2']);
$cache->set('b', 'bee', ['t1']);
$cache->set('123', false, ['t2']);
var_dump($backend->entries['b']);
var_dump($cache->get('a'), $cache->get('123'), $cache->has('123'), $cache->get('zzz'));
$byTag = $cache->getByTag('t1');
ksort($byTag);
var_dump($byTag);
var_dump(array_keys($cache->getByTag('t2')));
var_dump($cache->remove('b'), $cache->remove('b'));
var_dump($cache->flushByTags(['t1', 't2']));
var_dump($cache->has('a'), $cache->has('123'));
$cache->set('c', 1);
$cache->collectGarbage();
$cache->flush();
var_dump($backend->entries);
echo implode(' ', array_unique($backend->calls)), "\n";

echo "-- StringFrontend\n";
$b2 = new ArrayBackend();
$s = new StringFrontend('user_be_s', $b2);
$s->set('k', "raw\0bytes", ['t']);
var_dump($b2->entries['k'] === "raw\0bytes", $s->get('k') === "raw\0bytes", $s->flushByTag('t'), $s->get('k'));

echo "-- a user backend returning garbage\n";
class BadBackend extends ArrayBackend {
    public function get(string $entryIdentifier): string|false { return false; }
    public function findIdentifiersByTag(string $tag): array { return ['a']; }
}
$bad = new VariableFrontend('user_bad', new BadBackend());
var_dump($bad->get('a'), $bad->getByTag('t'));

echo "-- cycles are collected\n";
unset($cache, $backend, $s, $b2, $bad);
var_dump(gc_collect_cycles() >= 0);
?>
--EXPECT--
bool(true)
bool(true)
string(11) "ps:3:"bee";"
array(1) {
  ["x"]=>
  int(1)
}
bool(false)
bool(true)
bool(false)
array(2) {
  ["a"]=>
  array(1) {
    ["x"]=>
    int(1)
  }
  ["b"]=>
  string(3) "bee"
}
array(2) {
  [0]=>
  string(1) "a"
  [1]=>
  int(123)
}
bool(true)
bool(false)
int(2)
bool(false)
bool(false)
array(0) {
}
setCache set remove get has findIdentifiersByTag flushByTags collectGarbage flush
-- StringFrontend
bool(true)
bool(true)
int(1)
bool(false)
-- a user backend returning garbage
bool(false)
array(0) {
}
-- cycles are collected
bool(true)
