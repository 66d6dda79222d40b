--TEST--
RedisBackend on a real Redis Cluster (3 primaries, 3 replicas): caches land on their slots' primaries; a primary killed mid-run, its replica promoted: operations resume within a bound, nothing acknowledged is read wrong, tags stay true, flush() stays on one node, a slot with no node is a clear error
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
require __DIR__ . '/cluster_helpers.inc';
tc_redis_cluster_skipif();
?>
--FILE--
<?php
require __DIR__ . '/cluster_helpers.inc';
use TagCache\BackendException;
use TagCache\CacheManager;

// full coverage off: while one slot has no serving node the others keep working (checked below)
$cluster = tc_redis_cluster_start(3, 1, ['cluster-require-full-coverage no']);
// One cache per primary: cache names hash to slots, and the slots of three names fall apart.
$byPrimary = [];
foreach (['Pages', 'Menus', 'Users', 'Forms', 'Feeds', 'Media', 'Links', 'Votes', 'Teams', 'Notes'] as $name) {
    $prefix = "{tagcache:app:$name}";
    $port = tc_redis_cluster_owner($cluster, $prefix)['primary']['port'];
    $byPrimary[$port] ??= $name;
}
$names = array_values($byPrimary);
echo count($names), " caches on ", count($byPrimary), " primaries\n";
$manager = new CacheManager([
    'Default' => ['frontend' => 'VariableFrontend', 'backend' => 'RedisBackend',
                  'backendOptions' => ['cluster' => $cluster['seeds'], 'connectTimeout' => 0.5, 'readTimeout' => 2.0,
                                       'batchSize' => 7]],
] + array_fill_keys($names, []), ['applicationIdentifier' => 'app']);
$caches = [];
foreach ($names as $name) {
    $caches[$name] = $manager->getCache($name);
    $caches[$name]->has('warm-up');   // binds the backend, which names its key prefix
    var_dump($caches[$name]->getBackend()->getKeyPrefix() === "{tagcache:app:$name}");
}
[$victim, $other1, $other2] = $names;
$victimPrefix = "{tagcache:app:$victim}";

// Batch A: 60 entries per cache, then every 4th re-set with other tags (v2), then wait until
// the replicas hold all of it: these must survive the failover exactly.
$expect = [];
foreach ($caches as $name => $cache) {
    for ($i = 0; $i < 60; $i++) {
        $cache->set("e$i", ['cache' => $name, 'i' => $i, 'v' => 1], ['all', 'm' . ($i % 3)]);
        $expect[$name]["e$i"] = ['value' => ['cache' => $name, 'i' => $i, 'v' => 1], 'tags' => ['all', 'm' . ($i % 3)]];
    }
    for ($i = 0; $i < 60; $i += 4) {
        $cache->set("e$i", ['cache' => $name, 'i' => $i, 'v' => 2], ['all', 'moved']);
        $expect[$name]["e$i"] = ['value' => ['cache' => $name, 'i' => $i, 'v' => 2], 'tags' => ['all', 'moved']];
    }
}
// each cache's entries are on its own primary and on no other node's primary
$placedRight = true;
foreach ($names as $name) {
    $owner = tc_redis_cluster_owner($cluster, "{tagcache:app:$name}");
    foreach ($cluster['nodes'] as $port => $node) {
        $role = tc_redis_try_cmd($node, 'ROLE')[0];
        if ($role !== 'master') {
            continue;
        }
        $n = count(tc_redis_scan_keys($node, "{tagcache:app:$name}:e:*"));
        $placedRight = $placedRight && ($port === $owner['primary']['port'] ? $n === 60 : $n === 0);
    }
    tc_redis_wait_replicated($owner['primary'], $owner['replica']);
}
var_dump($placedRight);

// Batch B: written just before the kill, with no wait: replication may lose some of it.
$late = [];
for ($i = 0; $i < 40; $i++) {
    $caches[$victim]->set("b$i", "late-$i", ['late']);
    $late["b$i"] = "late-$i";
}

$kill = tc_redis_cluster_kill($cluster, $victimPrefix);
// The victim's cache resumes within the bound; until then only BackendException is thrown.
// The caches on the other primaries work all along (each attempt uses them first).
$otherFailures = [];
$resumed = tc_retry(function () use ($caches, $victim, $other1, $other2, &$otherFailures) {
    foreach ([$other1, $other2] as $name) {
        try {
            $caches[$name]->set('during', "$name during the failover", ['during']);
            if ($caches[$name]->get('during') !== "$name during the failover") {
                $otherFailures[] = "$name read wrong";
            }
        } catch (Throwable $e) {
            $otherFailures[] = get_class($e) . ': ' . $e->getMessage();
        }
    }
    $caches[$victim]->set('probe', 'after the failover', ['probe']);
    return $caches[$victim]->get('probe');
});
var_dump($resumed['ok'], $resumed['result'] === 'after the failover',
         array_diff($resumed['thrown'], [BackendException::class]), $otherFailures);
tc_redis_cluster_wait_promoted($cluster, $victimPrefix, $kill['replica']);
$promoted = $kill['replica'];
// the write that resumed landed on the promoted replica, not anywhere else
var_dump(tc_redis_try_cmd($promoted, 'EXISTS', "$victimPrefix:e:probe"));

// Batch A reads back exactly, in every cache; nothing reads wrong.
$wrong = 0;
foreach ($expect as $name => $entries) {
    foreach ($entries as $id => $e) {
        $wrong += $caches[$name]->get($id) === $e['value'] ? 0 : 1;
    }
}
echo "batch A wrong or missing: $wrong\n";
// Batch B: each entry is right or absent, never another value; its tag finds what is there.
$present = 0;
$wrong = 0;
foreach ($late as $id => $value) {
    $got = $caches[$victim]->get($id);
    if ($got === $value) {
        $present++;
    } elseif ($got !== false) {
        $wrong++;
    }
}
echo "batch B wrong: $wrong\n";
$byTag = $caches[$victim]->getByTag('late');
var_dump(count($byTag) === $present, array_diff_assoc($byTag, $late));
var_dump($caches[$victim]->flushByTag('late') === $present, $caches[$victim]->has('b0'), $caches[$victim]->getByTag('late'));

// Tags follow the last acknowledged write: re-set entries left m0/m1/m2 for "moved".
$moved = array_keys($caches[$victim]->getByTag('moved'));
sort($moved, SORT_NATURAL);
echo implode(',', $moved), "\n";
$m1 = array_keys(array_filter($expect[$victim], fn($e) => in_array('m1', $e['tags'], true)));
var_dump($caches[$victim]->flushByTag('m1') === count($m1));
$left = 0;
foreach ($expect[$victim] as $id => $e) {
    $left += $caches[$victim]->has($id) ? 1 : 0;
}
var_dump($left === 60 - count($m1), $caches[$victim]->get('e4') === $expect[$victim]['e4']['value']);

// New writes after the failover are read back, and live on the promoted node.
for ($i = 0; $i < 20; $i++) {
    $caches[$victim]->set("n$i", "new-$i", ['new']);
}
var_dump(count($caches[$victim]->getByTag('new')), $caches[$victim]->get('n7'),
         count(tc_redis_scan_keys($promoted, "$victimPrefix:e:n*")));

// flush() of the victim's cache empties it (on its node) and leaves the others intact.
$caches[$victim]->flush();
var_dump($caches[$victim]->has('n1'), $caches[$victim]->has('e5'), tc_redis_scan_keys($promoted, "$victimPrefix:*"));
$wrong = 0;
foreach ([$other1, $other2] as $name) {
    foreach ($expect[$name] as $id => $e) {
        $wrong += $caches[$name]->get($id) === $e['value'] ? 0 : 1;
    }
}
echo "other caches wrong or missing after flush: $wrong\n";
var_dump($manager->flushCachesByTag('moved') === 2 * 15);

// A slot no node serves (taken from every node's map): the first call may report the node's
// CLUSTERDOWN; within the bound the backend, with a fresh map, names the slot that has no node.
// Meanwhile the caches on other slots keep working.
$slot = tc_redis_cluster_keyslot($cluster, $victimPrefix);
foreach ($cluster['nodes'] as $node) {
    tc_redis_try_cmd($node, 'CLUSTER', 'DELSLOTS', (string)$slot);
}
$unserved = tc_retry(function () use ($caches, $victim, $slot) {
    try {
        $caches[$victim]->set('x', 1);
    } catch (BackendException $e) {
        if (str_contains($e->getMessage(), "slot $slot of cache {tagcache:app:$victim} has no node")) {
            return $e;
        }
        throw $e;
    }
    throw new RuntimeException('the set succeeded');
});
var_dump($unserved['ok'], array_diff($unserved['thrown'], [BackendException::class]));
$caches[$other1]->set('still', 'here');
var_dump($caches[$other1]->get('still'), $caches[$other2]->get('e1') === $expect[$other2]['e1']['value']);
?>
--EXPECT--
3 caches on 3 primaries
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
array(0) {
}
array(0) {
}
int(1)
batch A wrong or missing: 0
batch B wrong: 0
bool(true)
array(0) {
}
bool(true)
bool(false)
array(0) {
}
e0,e4,e8,e12,e16,e20,e24,e28,e32,e36,e40,e44,e48,e52,e56
bool(true)
bool(true)
bool(true)
int(20)
string(5) "new-7"
int(20)
bool(false)
bool(false)
array(0) {
}
other caches wrong or missing after flush: 0
bool(true)
bool(true)
array(0) {
}
string(4) "here"
bool(true)
