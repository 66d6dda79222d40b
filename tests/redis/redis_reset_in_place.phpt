--TEST--
RedisBackend: a re-set over an entry overwrites it whole: a compressed old value leaves no compression fields under a plain new one, lifetimes are set or removed, a key of another type is replaced
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
$c = new StringFrontend('R', new RedisBackend(['port' => $srv['port'], 'compressionLevel' => 6]));
$key = '{tagcache:default:R}:e:x';
$fields = function () use ($srv, $key) {
    $all = tc_redis_cmd($srv, 'HGETALL', $key);
    $names = [];
    for ($i = 0; $i < count($all); $i += 2) {
        $names[] = $all[$i];
    }
    sort($names);
    return implode(',', $names);
};
$big = str_repeat('compressible ', 1000);
$c->set('x', $big, ['a', 'b'], 100);
echo "compressed: ", $fields(), "\n";
$plain = random_bytes(40);
$c->set('x', $plain, ['a', 'b'], 100);          // same tags: written in place
echo "plain over compressed: ", $fields(), ", ", var_export($c->get('x') === $plain, true), "\n";
$c->set('x', 'v2', ['a', 'b'], 0);              // unlimited over limited
echo "unlimited: ttl ", tc_redis_cmd($srv, 'PTTL', $key), "\n";
$c->set('x', 'v3', ['b'], 50);                  // limited over unlimited, one tag dropped
$ttl = tc_redis_cmd($srv, 'PTTL', $key);
echo "limited: ", $ttl > 40000 && $ttl <= 50000 ? 'ok' : $ttl, ", ", $fields(), ", ", $c->get('x'), "\n";
var_dump(array_keys($c->getByTag('a')), array_keys($c->getByTag('b')));
$c->set('x', $big, ['b'], 0);
$c->set('x', 'v4', ['b'], 0);                   // plain over compressed, unlimited
echo "again: ", $fields(), ", ", $c->get('x'), ", ttl ", tc_redis_cmd($srv, 'PTTL', $key), "\n";
tc_redis_cmd($srv, 'DEL', $key);
tc_redis_cmd($srv, 'RPUSH', $key, 'not a hash');
$c->set('x', 'v5', ['b']);                      // a key of another type is replaced
echo "over a list: ", $fields(), ", ", $c->get('x'), "\n";
?>
--EXPECT--
compressed: d,k,n,t,z
plain over compressed: d,k,t, true
unlimited: ttl -1
limited: ok, d,k,t, v3
array(0) {
}
array(1) {
  [0]=>
  string(1) "x"
}
again: d,k,t, v4, ttl -1
over a list: d,k,t, v5
