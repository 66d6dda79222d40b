--TEST--
FileBackend collectGarbage: expired entry files and their tag memberships are removed from disk, live ones kept
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;

$backend = new FileBackend(['cacheDirectory' => tc_tmpdir()]);
$cache = new VariableFrontend('gc', $backend);
$cache->set('short1', 'x', ['t', 'only-short'], 1);
$cache->set('short2', 'x', [], 1);
$cache->set('long', 'y', ['t'], 3600);
$cache->set('forever', 'z', ['t']);
$data = $backend->getCacheDirectory() . '/data';
echo implode(',', tc_files($data)), "\n";
sleep(2);
// expired but not yet collected: invisible, yet still on disk
var_dump($cache->has('short1'));
var_dump(is_file(tc_entry_file($backend, 'short1')));
$cache->collectGarbage();
echo implode(',', tc_files($data)), "\n";
$tagFiles = array_filter(tc_files($backend->getCacheDirectory()), fn($f) => str_contains($f, 'short'));
var_dump(array_values($tagFiles));
var_dump($cache->get('long'), $cache->get('forever'));
$ids = $backend->findIdentifiersByTag('t');
sort($ids);
echo implode(',', $ids), "\n";
?>
--EXPECT--
forever.php,long.php,short1.php,short2.php
bool(false)
bool(true)
forever.php,long.php
array(0) {
}
string(1) "y"
string(1) "z"
forever,long
