--TEST--
FileBackend: a cache directory removed (rm -rf) under a live backend: removals claim nothing they did not remove, writes work again, and once another backend recreated the directory the old object's flushByTag, remove, flush and collectGarbage reach the new entries instead of a deleted directory
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;

$dir = tc_tmpdir('vanished');
$a = new VariableFrontend('C', new FileBackend(['cacheDirectory' => $dir]));
foreach (['x', 'y', 'z'] as $id) {
    $a->set($id, $id, ['t']);
}
tc_rmdir("$dir/C");
echo "-- removed under a live backend\n";
var_dump($a->flushByTag('t'), $a->remove('x'), $a->get('x'), $a->getByTag('t'));
$a->flush();
$a->collectGarbage();
$a->set('x', 'again', ['t']);
var_dump($a->get('x'), $a->flushByTag('t'), $a->get('x'));

echo "-- removed, then recreated by another backend\n";
$b = new VariableFrontend('C', new FileBackend(['cacheDirectory' => $dir]));
function recreate(VariableFrontend $b, string $dir): void
{
    tc_rmdir("$dir/C");
    $b->set('w', 'new', ['t'], 1);
}
$a->set('old', 'o', ['t']);
recreate($b, $dir);
var_dump($a->flushByTag('t'), $b->get('w'));
recreate($b, $dir);
var_dump($a->remove('w'), $b->get('w'));
recreate($b, $dir);
$a->flush();
var_dump($b->get('w'), $b->getByTag('t'));
recreate($b, $dir);
// make w expired: gc of the old object must reach it
$file = "$dir/C/data/w.php";
file_put_contents($file, preg_replace('/^(<\?php __halt_compiler\(\); tagcache1 D )\d+ /', '${1}1 ', file_get_contents($file)));
$a->collectGarbage();
var_dump(file_exists($file), tc_files("$dir/C/tags"));
?>
--EXPECT--
-- removed under a live backend
int(0)
bool(false)
bool(false)
array(0) {
}
string(5) "again"
int(1)
bool(false)
-- removed, then recreated by another backend
int(1)
bool(false)
bool(true)
bool(false)
bool(false)
array(0) {
}
bool(false)
array(0) {
}
