--TEST--
Frontend: flush() removes every entry of this cache only; collectGarbage() keeps live entries
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\VariableFrontend;

$dir = tc_tmpdir();
$pairs = [
    'file' => [new VariableFrontend('fl_a', new FileBackend(['cacheDirectory' => $dir])),
               new VariableFrontend('fl_b', new FileBackend(['cacheDirectory' => $dir]))],
    'memory' => [new VariableFrontend('fl_a', new TransientMemoryBackend()),
                 new VariableFrontend('fl_b', new TransientMemoryBackend())],
];
foreach ($pairs as $name => [$a, $b]) {
    echo "== $name\n";
    $a->set('x', 1, ['t']);
    $a->set('y', 2);
    $b->set('x', 'other cache', ['t']);
    $a->collectGarbage();
    var_dump($a->get('x'), $a->get('y'));
    $a->flush();
    var_dump($a->has('x'), $a->has('y'), $a->getByTag('t'));
    var_dump($b->get('x'));
    // usable after a flush
    $a->set('z', 3, ['t']);
    var_dump($a->getByTag('t'));
}
?>
--EXPECT--
== file
int(1)
int(2)
bool(false)
bool(false)
array(0) {
}
string(11) "other cache"
array(1) {
  ["z"]=>
  int(3)
}
== memory
int(1)
int(2)
bool(false)
bool(false)
array(0) {
}
string(11) "other cache"
array(1) {
  ["z"]=>
  int(3)
}
