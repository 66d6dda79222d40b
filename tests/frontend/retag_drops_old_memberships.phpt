--TEST--
Frontend: set() again with other tags drops the old tag memberships
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\VariableFrontend;

$dir = tc_tmpdir();
foreach (['file' => new FileBackend(['cacheDirectory' => $dir]), 'memory' => new TransientMemoryBackend()] as $name => $backend) {
    echo "== $name\n";
    $cache = new VariableFrontend("retag_$name", $backend);
    $cache->set('item', 'v1', ['old', 'kept']);
    $cache->set('item', 'v2', ['new', 'kept']);
    var_dump($backend->findIdentifiersByTag('old'));
    var_dump($backend->findIdentifiersByTag('new'), $backend->findIdentifiersByTag('kept'));
    var_dump($cache->getByTag('old'));
    var_dump($cache->flushByTag('old'));
    var_dump($cache->get('item'));
    var_dump($cache->flushByTag('new'));
    var_dump($cache->has('item'));
    // Untagged re-set drops every membership.
    $cache->set('item2', 'x', ['t1']);
    $cache->set('item2', 'y');
    var_dump($backend->findIdentifiersByTag('t1'), $cache->flushByTag('t1'), $cache->get('item2'));
}
?>
--EXPECT--
== file
array(0) {
}
array(1) {
  [0]=>
  string(4) "item"
}
array(1) {
  [0]=>
  string(4) "item"
}
array(0) {
}
int(0)
string(2) "v2"
int(1)
bool(false)
array(0) {
}
int(0)
string(1) "y"
== memory
array(0) {
}
array(1) {
  [0]=>
  string(4) "item"
}
array(1) {
  [0]=>
  string(4) "item"
}
array(0) {
}
int(0)
string(2) "v2"
int(1)
bool(false)
array(0) {
}
int(0)
string(1) "y"
