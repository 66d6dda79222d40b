--TEST--
RedisBackend: tag sets carry TTLs that follow their longest-living member, stale memberships go on re-set, collectGarbage cleans expired memberships
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
$backend = new RedisBackend(['port' => $srv['port']]);
$cache = new StringFrontend('Idx', $backend);
$p = $backend->getKeyPrefix();

$cache->set('short', 'x', ['ttl'], 100);
$ttl1 = tc_redis_cmd($srv, 'TTL', "$p:t:ttl");
var_dump($ttl1 > 90 && $ttl1 <= 100);
$cache->set('long', 'x', ['ttl'], 1000);
$ttl2 = tc_redis_cmd($srv, 'TTL', "$p:t:ttl");
var_dump($ttl2 > 990 && $ttl2 <= 1000);          // grew with the longer member
$cache->set('short2', 'x', ['ttl'], 50);
var_dump(tc_redis_cmd($srv, 'TTL', "$p:t:ttl") > 990);  // never shrinks below a member
$cache->set('forever', 'x', ['ttl'], 0);
var_dump(tc_redis_cmd($srv, 'TTL', "$p:t:ttl"));  // -1: an unlimited member keeps it

// re-set with other tags drops the old memberships
$cache->set('e', 'x', ['old1', 'old2']);
$cache->set('e', 'y', ['new']);
var_dump(tc_redis_cmd($srv, 'SISMEMBER', "$p:t:old1", 'e'), tc_redis_cmd($srv, 'EXISTS', "$p:t:old2"));
var_dump($backend->findIdentifiersByTag('old1'), $backend->findIdentifiersByTag('new'));
var_dump($cache->flushByTag('old1'), $cache->get('e'));

// an expired member: invisible at once, its membership cleaned by collectGarbage
$cache->set('gone', 'x', ['g'], 1);
$cache->set('stay', 'x', ['g'], 0);
sleep(2);
var_dump($backend->findIdentifiersByTag('g'));
var_dump(tc_redis_cmd($srv, 'SCARD', "$p:t:g"));
$cache->collectGarbage();
var_dump(tc_redis_cmd($srv, 'SCARD', "$p:t:g"));
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
int(-1)
int(0)
int(0)
array(0) {
}
array(1) {
  [0]=>
  string(1) "e"
}
int(0)
string(1) "y"
array(1) {
  [0]=>
  string(4) "stay"
}
int(2)
int(1)
