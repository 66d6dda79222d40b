--TEST--
RedisBackend: set/get/has/remove, tags, getByTag, flush, iteration, freeze and requireOnce under the frontends
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../redis_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\PhpFrontend;
use TagCache\Frontend\StringFrontend;
use TagCache\Frontend\VariableFrontend;

$srv = tc_redis_start();
$backend = new RedisBackend(['port' => $srv['port'], 'applicationIdentifier' => 'app']);
var_dump($backend->getKeyPrefix());
$cache = new VariableFrontend('Pages', $backend, ['serializer' => 'php']);
var_dump($backend->getKeyPrefix());

$cache->set('a', ['x' => 1], ['t1', 't2']);
$cache->set('b', false, ['t2']);
$cache->set('c', "bin\0ary", []);
var_dump($cache->get('a'), $cache->get('b'), $cache->has('b'), $cache->get('c') === "bin\0ary", $cache->get('none'));
$ids = $backend->findIdentifiersByTag('t2');
sort($ids);
var_dump($ids);
$byTag = $cache->getByTag('t2');
ksort($byTag);
var_dump(array_keys($byTag));
var_dump($cache->remove('c'), $cache->remove('c'));

$iter = [];
foreach ($backend as $id => $bytes) {
    $iter[$id] = $bytes[0];   // format marker of the stored payload
}
ksort($iter);
var_dump($iter);

var_dump($cache->flushByTags(['t1', 't2']), $cache->has('a'), $cache->has('b'));

$cache->set('d', 1);
$backend->freeze();
var_dump($backend->isFrozen());
try {
    $cache->set('e', 2);
} catch (TagCache\FrozenCacheException $e) {
    echo get_class($e), "\n";
}
var_dump($cache->get('d'));
$cache->flush();
var_dump($backend->isFrozen(), $cache->has('d'));

$code = new PhpFrontend('Code', new RedisBackend(['port' => $srv['port']]));
$code->set('answer', '$GLOBALS["runs"] = ($GLOBALS["runs"] ?? 0) + 1; return 6 * 7;');
var_dump($code->get('answer') === '$GLOBALS["runs"] = ($GLOBALS["runs"] ?? 0) + 1; return 6 * 7;');
var_dump($code->requireOnce('answer'), $code->requireOnce('answer'), $GLOBALS['runs'], $code->requireOnce('missing'));

$strings = new StringFrontend('Strings', new RedisBackend(['port' => $srv['port'], 'compressionLevel' => 6]));
$big = str_repeat('compressible ', 10000);
$strings->set('big', $big);
var_dump($strings->get('big') === $big);
?>
--EXPECT--
NULL
string(20) "{tagcache:app:Pages}"
array(1) {
  ["x"]=>
  int(1)
}
bool(false)
bool(true)
bool(true)
bool(false)
array(2) {
  [0]=>
  string(1) "a"
  [1]=>
  string(1) "b"
}
array(2) {
  [0]=>
  string(1) "a"
  [1]=>
  string(1) "b"
}
bool(true)
bool(false)
array(2) {
  ["a"]=>
  string(1) "p"
  ["b"]=>
  string(1) "p"
}
int(2)
bool(false)
bool(false)
bool(true)
TagCache\FrozenCacheException
int(1)
bool(false)
bool(false)
bool(true)
int(42)
bool(true)
int(1)
bool(false)
bool(true)
