--TEST--
PdoBackend through the CacheManager (a Caches.yaml-shaped configuration, SQLite): frontends of every kind, applicationIdentifier from the manager, flushCachesByTag across caches, flushCaches, collectGarbage
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/pdo_helpers.inc'; tc_pdo_skipif('sqlite'); ?>
--FILE--
<?php
require __DIR__ . '/pdo_helpers.inc';
use TagCache\CacheManager;

$dir = tc_tmpdir('pdo-manager');
$dsn = "sqlite:$dir/caches.sqlite";
// as Caches.yaml would say it
$config = [
    'Pages' => [
        'frontend' => 'VariableFrontend',
        'backend' => 'TagCache\Backend\PdoBackend',
        'backendOptions' => ['dataSourceName' => $dsn, 'defaultLifetime' => 0],
    ],
    'Fragments' => [
        'frontend' => 'TagCache\Frontend\StringFrontend',
        'backend' => 'PdoBackend',
        'backendOptions' => ['dataSourceName' => $dsn, 'cacheTableName' => 'fragments', 'tagsTableName' => 'fragment_tags'],
    ],
    'Code' => [
        'frontend' => 'PhpFrontend',
        'backend' => 'PdoBackend',
        'backendOptions' => ['dataSourceName' => $dsn],
    ],
];
$app1 = new CacheManager($config, ['applicationIdentifier' => 'app1']);
$app2 = new CacheManager($config, ['applicationIdentifier' => 'app2']);
foreach ([$app1, $app2] as $i => $m) {
    $m->getCache('Pages')->set('home', ['app' => $i + 1], ['page', 'shared']);
    $m->getCache('Fragments')->set('menu', "menu of app$i", ['shared']);
    $m->getCache('Code')->set('fn', 'return ' . ($i + 40) . ';');
}
var_dump($app1->getCache('Pages')->getBackend()->getCacheKey(), $app2->getCache('Fragments')->getBackend()->getCacheKey());
var_dump($app1->getCache('Pages')->get('home'), $app2->getCache('Fragments')->get('menu'), $app1->getCache('Code')->requireOnce('fn'));
var_dump($app1->flushCachesByTag('shared'));
var_dump($app1->getCache('Pages')->has('home'), $app1->getCache('Fragments')->has('menu'), $app2->getCache('Pages')->get('home'));
$app2->flushCaches();
var_dump($app2->getCache('Pages')->has('home'), $app2->getCache('Code')->has('fn'), $app1->getCache('Code')->has('fn'));
$app1->collectGarbage();
$look = new PDO($dsn);
echo implode(',', $look->query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")->fetchAll(PDO::FETCH_COLUMN)), "\n";
echo implode(',', $look->query('SELECT cache FROM cache ORDER BY cache')->fetchAll(PDO::FETCH_COLUMN)), "\n";
?>
--EXPECT--
string(10) "app1:Pages"
string(14) "app2:Fragments"
array(1) {
  ["app"]=>
  int(1)
}
string(12) "menu of app1"
int(40)
int(2)
bool(false)
bool(false)
array(1) {
  ["app"]=>
  int(2)
}
bool(false)
bool(false)
bool(true)
cache,fragment_tags,fragments,tags
app1:Code