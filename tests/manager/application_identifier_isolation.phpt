--TEST--
CacheManager: two applicationIdentifiers sharing a cacheDirectory do not see or flush each other's entries
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\CacheManager;

$dir = tc_tmpdir();
$config = ['Shared' => ['backend' => 'FileBackend']];
$app1 = new CacheManager($config, ['cacheDirectory' => $dir, 'applicationIdentifier' => 'app1']);
$app2 = new CacheManager($config, ['cacheDirectory' => $dir, 'applicationIdentifier' => 'app2']);
$app1->getCache('Shared')->set('k', 'from app1', ['t']);
var_dump($app2->getCache('Shared')->get('k'));
$app2->getCache('Shared')->set('k', 'from app2', ['t']);
var_dump($app1->getCache('Shared')->get('k'), $app2->getCache('Shared')->get('k'));
var_dump($app2->flushCachesByTag('t'));
var_dump($app1->getCache('Shared')->get('k'));
$app1->flushCaches();
var_dump($app1->getCache('Shared')->has('k'));
$app2->getCache('Shared')->set('k2', 'x');
$app1->flushCaches(true);
var_dump($app2->getCache('Shared')->get('k2'));
var_dump($app1->getCache('Shared')->getBackend()->getCacheDirectory() !== $app2->getCache('Shared')->getBackend()->getCacheDirectory());
// a third manager without applicationIdentifier is apart from both
$none = new CacheManager($config, ['cacheDirectory' => $dir]);
var_dump($none->getCache('Shared')->get('k2'));
?>
--EXPECT--
bool(false)
string(9) "from app1"
string(9) "from app2"
int(1)
string(9) "from app1"
bool(false)
string(1) "x"
bool(true)
bool(false)
