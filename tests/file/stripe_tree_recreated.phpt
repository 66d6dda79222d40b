--TEST--
FileBackend stripes: the cache directory removed and recreated by another process while this backend holds its descriptors and mapping; the next set (tags it carried, new tags, another id) starts over in the new tree, lands there with its markers, and excludes the other process's writers again
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/../reliability/reliability_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\StringFrontend;

$dir = tc_tmpdir('stripe-tree');
$child = tc_php_child() . ' ' . escapeshellarg(__DIR__ . '/stripe_child.inc') . ' ' . escapeshellarg($dir);
$c = new StringFrontend('C', new FileBackend(['cacheDirectory' => $dir]));
$c->set('a', 'one', ['t', 'u']);

foreach (['a' => ['t', 'u'], 'b' => ['t', 'new'], 'a ' => ['v']] as $id => $tags) {
    $id = trim($id);
    tc_rmdir("$dir/C");
    echo shell_exec("$child set other t");   // another process builds a new tree
    $c->set($id, "mine $id", $tags);
    echo "$id: ", var_export($c->get($id), true), ", markers: ";
    foreach ($tags as $t) {
        echo $t, '=', var_export(is_file("$dir/C/tags/$t/$id"), true), ' ';
    }
    echo "\n";
    var_dump($c->get('other'));
}
// This process maps the stripes file of the new tree, not the removed one (an inode number
// would not tell: tmpfs reuses them).
$maps = array_filter(file('/proc/self/maps'), fn($l) => str_contains($l, "$dir/C/locks/stripes-"));
var_dump(count($maps) > 0 && !array_filter($maps, fn($l) => str_contains($l, '(deleted)')));
var_dump($c->getByTag('v'), count($c->getByTag('t')));
var_dump(glob("$dir/C/tmp/*"));
?>
--EXPECT--
set: ok
a: 'mine a', markers: t=true u=true 
string(10) "from child"
set: ok
b: 'mine b', markers: t=true new=true 
string(10) "from child"
set: ok
a: 'mine a', markers: v=true 
string(10) "from child"
bool(true)
array(1) {
  ["a"]=>
  string(6) "mine a"
}
int(1)
array(0) {
}
