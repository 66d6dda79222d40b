--TEST--
RedisBackend: two caches and two applications in one database stay apart; flush removes only its own keys; flushByTag counts right across small batches
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../redis_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\CacheManager;
use TagCache\Frontend\StringFrontend;

$srv = tc_redis_start();
tc_redis_cmd($srv, 'SET', 'foreign', 'keep me');
$config = ['Default' => ['frontend' => 'StringFrontend', 'backend' => 'RedisBackend', 'backendOptions' => ['port' => $srv['port'], 'batchSize' => 3]],
           'A' => [], 'B' => []];
$app1 = new CacheManager($config, ['applicationIdentifier' => 'one']);
$app2 = new CacheManager($config, ['applicationIdentifier' => 'two']);
foreach ([$app1, $app2] as $n => $m) {
    foreach (['A', 'B'] as $c) {
        for ($i = 0; $i < 10; $i++) {
            $m->getCache($c)->set("e$i", "$n$c$i", ['all', "t$i"]);
        }
    }
}
var_dump($app1->getCache('A')->get('e1'), $app2->getCache('B')->get('e1'));
var_dump($app1->getCache('A')->flushByTag('all'));            // 10, in batches of 3
var_dump($app1->getCache('B')->get('e1'), $app2->getCache('A')->get('e1'));
var_dump($app2->flushCachesByTags(['t1', 't2', 'all']));      // 20: each entry once
$app1->getCache('B')->flush();
var_dump($app1->getCache('B')->has('e5'));
var_dump(tc_redis_cmd($srv, 'GET', 'foreign'));
// what stays: the foreign key and the epochs hash of each cache that was flushed (write tickets)
var_dump(tc_redis_cmd($srv, 'DBSIZE'), count(tc_redis_cmd($srv, 'KEYS', '*#epochs')));
?>
--EXPECT--
string(3) "0A1"
string(3) "1B1"
int(10)
string(3) "0B1"
string(3) "1A1"
int(20)
bool(false)
string(7) "keep me"
int(5)
int(4)
