--TEST--
RedisBackend frozen as in Flow: freeze() drops every TTL of the cache (entries and tag sets never expire), a second freeze() is a FrozenCacheException, other connections see it
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../redis_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\StringFrontend;

$srv = tc_redis_start();
$cache = new StringFrontend('frz', new RedisBackend(['port' => $srv['port'], 'batchSize' => 2, 'readTimeout' => 30]));
$other = new StringFrontend('frz', new RedisBackend(['port' => $srv['port'], 'readTimeout' => 30]));
$neighbour = new StringFrontend('nb', new RedisBackend(['port' => $srv['port'], 'readTimeout' => 30]));
for ($i = 0; $i < 7; $i++) {   // several SCAN batches
    $cache->set("e$i", "v$i", ['t', "t$i"], 100);
}
$neighbour->set('x', 'y', [], 100);
$p = '{tagcache:default:frz}';
$ttl = fn(string $key) => tc_redis_cmd($srv, 'TTL', $key);
echo "before: entry ", $ttl("$p:e:e0") > 0 ? 'expires' : 'persists', ", tag set ", $ttl("$p:t:t") > 0 ? 'expires' : 'persists', "\n";

$cache->getBackend()->freeze();
$persist = 0;
for ($i = 0; $i < 7; $i++) {
    $persist += $ttl("$p:e:e$i") === -1 && $ttl("$p:t:t$i") === -1;
}
echo "frozen: $persist of 7 entries and their tag sets persist, tag set t ", $ttl("$p:t:t") === -1 ? 'persists' : 'expires', "\n";
echo "another cache untouched: ", $ttl('{tagcache:default:nb}:e:x') > 0 ? 'expires' : 'persists', "\n";
var_dump($other->getBackend()->isFrozen(), $other->get('e3'), count($other->getByTag('t')));
$cache->collectGarbage();
var_dump($cache->get('e6'));

foreach ([$cache, $other] as $c) {
    try {
        $c->getBackend()->freeze();
        echo "no exception\n";
    } catch (TagCache\FrozenCacheException $e) {
        echo get_class($e), ' ', $e->getCode(), ': ', str_contains($e->getMessage(), 'already frozen') ? 'already frozen' : $e->getMessage(), "\n";
    }
}
$other->flush();
var_dump($cache->getBackend()->isFrozen(), $cache->get('e1'));
?>
--EXPECT--
before: entry expires, tag set expires
frozen: 7 of 7 entries and their tag sets persist, tag set t persists
another cache untouched: expires
bool(true)
string(2) "v3"
int(7)
string(2) "v6"
TagCache\FrozenCacheException 1007: already frozen
TagCache\FrozenCacheException 1007: already frozen
bool(false)
bool(false)
