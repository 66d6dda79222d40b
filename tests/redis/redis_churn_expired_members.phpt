--TEST--
RedisBackend: the index leftovers only expiry can make (a tag set kept persistent by a member that has since expired, a re-set or remove of an expired entry) are gone after collectGarbage
--DESCRIPTION--
The cases behind the churn test's bound, one by one: re-set, remove and flushByTag drop
memberships at once, but an entry that expires leaves its memberships, and a later re-set or
remove of it finds no hash to read its old tags from. A tag set made persistent by an unlimited
member stays persistent after that member was re-set with a lifetime, so once it expires the set
holds nothing live and never expires: collectGarbage must remove it.
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
$backend = new RedisBackend(['port' => $srv['port'], 'readTimeout' => 30, 'connectTimeout' => 30]); // generous: valgrind on a loaded machine
$cache = new StringFrontend('Expired', $backend);
$p = $backend->getKeyPrefix();

$cache->set('a', 'x', ['keep'], 0);        // makes P:t:keep persistent
$cache->set('a', 'x', ['keep'], 1);        // ...and it stays so
$cache->set('b', 'x', ['old1', 'old2'], 1); // re-set after it expired, with other tags
$cache->set('c', 'x', ['gone'], 1);         // removed after it expired
$cache->set('live', 'x', ['old1'], 0);      // keeps P:t:old1 (and b's membership) alive
$cache->set('d', 'x', ['gone'], 0);         // keeps P:t:gone (and c's membership) alive
var_dump(tc_redis_cmd($srv, 'PTTL', "$p:t:keep"));

// one bounded wait for the three 1 s entries to expire (EXISTS expires them on access)
for ($deadline = microtime(true) + 20; microtime(true) < $deadline; usleep(100000)) {
    if (tc_redis_cmd($srv, 'EXISTS', "$p:e:a", "$p:e:b", "$p:e:c") === 0) {
        break;
    }
}
var_dump($cache->has('a'), $cache->has('b'), $cache->has('c'));
$cache->set('b', 'y', ['new'], 0);
var_dump($cache->remove('c'));

// what is left before GC: dead members, found by no reader
var_dump(tc_redis_cmd($srv, 'SMEMBERS', "$p:t:keep"), tc_redis_cmd($srv, 'PTTL', "$p:t:keep"));
var_dump(tc_redis_cmd($srv, 'SISMEMBER', "$p:t:old1", 'b'), $backend->findIdentifiersByTag('old1'));
var_dump(tc_redis_cmd($srv, 'SISMEMBER', "$p:t:gone", 'c'), tc_redis_cmd($srv, 'EXISTS', "$p:t:old2")); // old2 expired with b

$cache->collectGarbage();
$keys = tc_redis_cmd($srv, 'KEYS', "$p:t:*");
sort($keys);
echo implode("\n", $keys), "\n";
var_dump(tc_redis_cmd($srv, 'SMEMBERS', "$p:t:old1"), tc_redis_cmd($srv, 'SMEMBERS', "$p:t:gone"));
var_dump($backend->findIdentifiersByTag('new'), $cache->get('b'));
?>
--EXPECTF--
int(-1)
bool(false)
bool(false)
bool(false)
bool(false)
array(1) {
  [0]=>
  string(1) "a"
}
int(-1)
int(1)
array(1) {
  [0]=>
  string(4) "live"
}
int(1)
int(0)
%s:t:gone
%s:t:new
%s:t:old1
array(1) {
  [0]=>
  string(4) "live"
}
array(1) {
  [0]=>
  string(1) "d"
}
array(1) {
  [0]=>
  string(1) "b"
}
string(1) "y"
