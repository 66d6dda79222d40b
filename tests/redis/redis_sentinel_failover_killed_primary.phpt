--TEST--
RedisBackend through a real Sentinel (one primary, one replica, one sentinel): the primary killed mid-run, the replica promoted: operations resume within a bound, nothing acknowledged is read wrong, and the old primary back as a (writable) replica never receives the backend's writes
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
require __DIR__ . '/cluster_helpers.inc';
tc_redis_skipif();
?>
--FILE--
<?php
require __DIR__ . '/cluster_helpers.inc';
use TagCache\BackendException;
use TagCache\CacheManager;

$topology = tc_redis_sentinel_start('mymaster', 'sentinel secret');
$config = [
    'Default' => ['frontend' => 'VariableFrontend', 'backend' => 'RedisBackend',
                  'backendOptions' => ['sentinels' => ["127.0.0.1:{$topology['sentinel']['port']}"],
                                       'sentinelService' => 'mymaster', 'sentinelPassword' => 'sentinel secret',
                                       'connectTimeout' => 0.5, 'readTimeout' => 2.0, 'batchSize' => 7]],
    'Pages' => [], 'Menus' => [],
];
$manager = new CacheManager($config, ['applicationIdentifier' => 'app']);
$pages = $manager->getCache('Pages');
$menus = $manager->getCache('Menus');

// Batch A: written, some re-set with other tags, then replicated: must survive exactly.
$expect = [];
foreach (['Pages' => $pages, 'Menus' => $menus] as $name => $cache) {
    for ($i = 0; $i < 50; $i++) {
        $cache->set("e$i", [$name, $i, 1], ['all', 'm' . ($i % 3)]);
        $expect[$name]["e$i"] = [$name, $i, 1];
    }
    for ($i = 0; $i < 50; $i += 5) {
        $cache->set("e$i", [$name, $i, 2], ['all', 'moved']);
        $expect[$name]["e$i"] = [$name, $i, 2];
    }
}
// the writes went to the primary (a replica refuses them; it only gets them replicated)
var_dump(count(tc_redis_scan_keys($topology['primary'], '{tagcache:app:Pages}:e:*')));
tc_redis_wait_replicated($topology['primary'], $topology['replica']);

// Batch B: just before the kill, no wait: each is right or lost, never wrong.
$late = [];
for ($i = 0; $i < 30; $i++) {
    $pages->set("b$i", "late-$i", ['late']);
    $late["b$i"] = "late-$i";
}

tc_redis_sentinel_kill($topology);
$resumed = tc_retry(function () use ($pages) {
    $pages->set('probe', 'after the failover', ['probe']);
    return $pages->get('probe');
});
var_dump($resumed['ok'], $resumed['result'] === 'after the failover',
         array_diff($resumed['thrown'], [BackendException::class]));
tc_redis_sentinel_wait_promoted($topology);
var_dump(tc_redis_try_cmd($topology['primary'], 'EXISTS', '{tagcache:app:Pages}:e:probe'));

$wrong = 0;
foreach ($expect as $name => $entries) {
    foreach ($entries as $id => $value) {
        $wrong += $manager->getCache($name)->get($id) === $value ? 0 : 1;
    }
}
echo "batch A wrong or missing: $wrong\n";
$present = 0;
$wrong = 0;
foreach ($late as $id => $value) {
    $got = $pages->get($id);
    if ($got === $value) {
        $present++;
    } elseif ($got !== false) {
        $wrong++;
    }
}
echo "batch B wrong: $wrong\n";
var_dump(count($pages->getByTag('late')) === $present, $pages->flushByTag('late') === $present, $pages->getByTag('late'));
$moved = array_keys($pages->getByTag('moved'));
sort($moved, SORT_NATURAL);
echo implode(',', $moved), "\n";
var_dump($manager->flushCachesByTag('m0'));   // per cache 17 ids carry m0, 4 of them moved away

// The old primary comes back, empty, as a replica that would accept writes: the backend must
// not write there. Its connections are cut too, so it has to find the primary again.
$old = tc_redis_sentinel_restart_old($topology, ['replica-read-only no']);
var_dump(tc_redis_try_cmd($old, 'ROLE')[0], tc_redis_try_cmd($topology['primary'], 'ROLE')[0]);
tc_redis_try_cmd($topology['primary'], 'CLIENT', 'KILL', 'TYPE', 'normal');
$writes = tc_retry(function () use ($pages, $menus) {
    for ($i = 0; $i < 20; $i++) {
        $pages->set("n$i", "new-$i", ['new']);
        $menus->set("n$i", "new-$i", ['new']);
    }
    return true;
});
var_dump($writes['ok']);
// a second "request": a fresh manager resolves the service anew
$fresh = new CacheManager($config, ['applicationIdentifier' => 'app']);
$fresh->getCache('Pages')->set('fresh', 'from a new manager');
$onPrimary = 0;
foreach (['Pages', 'Menus'] as $name) {
    $onPrimary += count(tc_redis_scan_keys($topology['primary'], "{tagcache:app:$name}:e:n*"));
}
var_dump($onPrimary, tc_redis_try_cmd($topology['primary'], 'EXISTS', '{tagcache:app:Pages}:e:fresh'));
// what the old node holds came from the primary by replication, nothing more
tc_redis_wait_replicated($topology['primary'], $old);
var_dump(tc_redis_try_cmd($old, 'DBSIZE') === tc_redis_try_cmd($topology['primary'], 'DBSIZE'));
var_dump($pages->get('n3'), $menus->get('n19'), count($fresh->getCache('Menus')->getByTag('new')));
$pages->flush();
var_dump($pages->has('n3'), $menus->get('e1') === $expect['Menus']['e1']);
?>
--EXPECT--
int(50)
bool(true)
bool(true)
array(0) {
}
int(1)
batch A wrong or missing: 0
batch B wrong: 0
bool(true)
bool(true)
array(0) {
}
e0,e5,e10,e15,e20,e25,e30,e35,e40,e45
int(26)
string(5) "slave"
string(6) "master"
bool(true)
int(40)
int(1)
bool(true)
string(5) "new-3"
string(6) "new-19"
int(20)
bool(false)
bool(true)
