--TEST--
TransientMemoryBackend: all methods; entries live in this object only
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Frontend\StringFrontend;

$backend = new TransientMemoryBackend(['defaultLifetime' => 0]);
var_dump($backend instanceof TagCache\Backend\TaggableBackendInterface,
    $backend instanceof TagCache\Backend\IterableBackendInterface,
    $backend instanceof TagCache\Backend\PhpCapableBackendInterface,
    $backend instanceof TagCache\Backend\FreezableBackendInterface);
$cache = new StringFrontend('mem', $backend);
$backend->set('a', 'A', ['t1']);
$backend->set('b', 'B', ['t1', 't2']);
$backend->set('c', 'C', [], 100);
var_dump($backend->get('a'), $backend->get('x'), $backend->has('c'), $backend->has('x'));
$ids = $backend->findIdentifiersByTag('t1');
sort($ids);
var_dump($ids);
var_dump($backend->remove('a'), $backend->remove('a'));
var_dump($backend->flushByTag('t2'), $backend->has('b'));
$backend->set('d', 'D', ['x']);
var_dump($backend->flushByTags(['x', 't1']));
$backend->collectGarbage();
var_dump($backend->get('c'));
$backend->flush();
var_dump($backend->has('c'), iterator_to_array($backend));

// another backend object never sees these entries
$other = new TransientMemoryBackend();
$cache2 = new StringFrontend('mem', $other);
$backend->set('shared', 'only here');
var_dump($other->get('shared'));
tc_expect_exception(fn() => new TransientMemoryBackend(['cacheDirectory' => '/tmp']));
tc_expect_exception(fn() => new TransientMemoryBackend([5]));
tc_expect_exception(fn() => $backend->set('bad id', 'x'));
?>
--EXPECT--
bool(true)
bool(true)
bool(false)
bool(false)
string(1) "A"
bool(false)
bool(true)
bool(false)
array(2) {
  [0]=>
  string(1) "a"
  [1]=>
  string(1) "b"
}
bool(true)
bool(false)
int(1)
bool(false)
int(1)
string(1) "C"
bool(false)
array(0) {
}
bool(false)
InvalidArgumentException: TransientMemoryBackend has no option "cacheDirectory"; known options: defaultLifetime
InvalidArgumentException: TransientMemoryBackend options must be keyed by name; known options: defaultLifetime
InvalidArgumentException: Entry identifier "bad id" (6 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
