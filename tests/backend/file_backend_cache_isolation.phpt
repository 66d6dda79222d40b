--TEST--
FileBackend: caches sharing one cacheDirectory keep entries, tags and flushes apart
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Frontend\StringFrontend;

$dir = tc_tmpdir();
$a = new VariableFrontend('iso_a', $ba = new FileBackend(['cacheDirectory' => $dir]));
$b = new StringFrontend('iso_b', $bb = new FileBackend(['cacheDirectory' => $dir]));
var_dump($ba->getCacheDirectory() !== $bb->getCacheDirectory());
$a->set('same', 'from a', ['shared']);
$b->set('same', 'from b', ['shared']);
var_dump($a->get('same'), $b->get('same'));
var_dump($ba->findIdentifiersByTag('shared'), $bb->findIdentifiersByTag('shared'));
var_dump($a->flushByTag('shared'));
var_dump($a->has('same'), $b->get('same'));
$a->set('x', 1);
$b->flush();
var_dump($a->get('x'), $b->has('same'));
$ba->freeze();
$b->set('y', 'not frozen');
var_dump($b->get('y'), $bb->isFrozen());
?>
--EXPECT--
bool(true)
string(6) "from a"
string(6) "from b"
array(1) {
  [0]=>
  string(4) "same"
}
array(1) {
  [0]=>
  string(4) "same"
}
int(1)
bool(false)
string(6) "from b"
int(1)
bool(false)
string(10) "not frozen"
bool(false)
