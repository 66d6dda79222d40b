--TEST--
CacheManager::collectGarbage: runs over every configured cache (persistent ones too) and removes expired entry files
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\CacheManager;

$dir = tc_tmpdir();
$config = ['Default' => ['backend' => 'FileBackend'], 'A' => [], 'P' => ['persistent' => true]];
$options = ['cacheDirectory' => $dir];
$writer = new CacheManager($config, $options);
foreach (['A', 'P'] as $id) {
    $writer->getCache($id)->set('old', 'x', ['t'], 1);
    $writer->getCache($id)->set('new', 'y', ['t'], 0);
}
$dataA = $writer->getCache('A')->getBackend()->getCacheDirectory() . '/data';
$dataP = $writer->getCache('P')->getBackend()->getCacheDirectory() . '/data';
echo implode(',', tc_files($dataA)), ' | ', implode(',', tc_files($dataP)), "\n";
sleep(2);
// a fresh manager that never fetched the caches
(new CacheManager($config, $options))->collectGarbage();
echo implode(',', tc_files($dataA)), ' | ', implode(',', tc_files($dataP)), "\n";
var_dump($writer->getCache('A')->get('new'), $writer->getCache('P')->get('new'));
?>
--EXPECT--
new.php,old.php | new.php,old.php
new.php | new.php
string(1) "y"
string(1) "y"
