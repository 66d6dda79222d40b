--TEST--
RedisBackend: a set with 5 tags, a get, a has and a remove cost one round trip each
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../redis_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\VariableFrontend;

$srv = tc_redis_start();
[$proxyPort, $roundTrips] = tc_redis_counting_proxy($srv);
$cache = new VariableFrontend('Trips', new RedisBackend(['port' => $proxyPort]), ['serializer' => 'php']);

// The first operations connect and load scripts; measure after them.
$cache->set('warm', 1, ['w1']);
$cache->get('warm');
$cache->remove('warm');

$tags = ['t1', 't2', 't3', 't4', 't5'];
$measure = function (string $what, callable $op) use ($roundTrips) {
    $before = $roundTrips();
    $op();
    usleep(100000); // let the proxy write its count
    printf("%s: %d\n", $what, $roundTrips() - $before);
};
$measure('set, 5 tags', fn() => $cache->set('k', str_repeat('v', 100), $tags));
$measure('set again, other tags', fn() => $cache->set('k', 'v2', ['t1', 'x']));
$measure('get', fn() => $cache->get('k'));
$measure('get miss', fn() => $cache->get('nothing'));
$measure('has', fn() => $cache->has('k'));
$measure('remove', fn() => $cache->remove('k'));

// the proxy counts what it sees: the stored data went through it
var_dump(tc_redis_cmd($srv, 'EXISTS', '{tagcache:default:Trips}:e:k'));
?>
--EXPECT--
set, 5 tags: 1
set again, other tags: 1
get: 1
get miss: 1
has: 1
remove: 1
int(0)
