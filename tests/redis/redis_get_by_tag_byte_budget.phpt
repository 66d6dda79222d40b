--TEST--
RedisBackend: getByTag reads a tag whose payloads add up to more than the one-step script's byte budget (TC_REDIS_FETCH_BUDGET) through the pipelined batches, not through Lua, and still returns every entry whole; a tag under the budget stays one round trip
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../redis_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\StringFrontend;

$budget = 262144;
$src = @file_get_contents(__DIR__ . '/../../src/backend/redis_by_tag.c');
if ($src !== false && preg_match('/#define TC_REDIS_FETCH_BUDGET "(\d+)"/', $src, $m)) {
    $budget = (int)$m[1];
}
$srv = tc_redis_start();
[$port, $roundTrips] = tc_redis_counting_proxy($srv);
$cache = new StringFrontend('Budget', new RedisBackend(['port' => $port, 'batchSize' => 10]));

// incompressible payloads: the budget counts stored bytes
$size = 100000;
$big = $small = [];
for ($i = 0, $n = intdiv($budget, $size) + 2; $i < $n; $i++) {   // more than the budget in all
    $big["b$i"] = random_bytes($size);
    $cache->set("b$i", $big["b$i"], ['big']);
}
for ($i = 0; $i < 3; $i++) {                                       // well under it
    $small["s$i"] = random_bytes(10000);
    $cache->set("s$i", $small["s$i"], ['small']);
}
$cache->getByTag('big'); // loads the scripts (a first use of each costs a NOSCRIPT round trip)

foreach (['small' => $small, 'big' => $big] as $tag => $want) {
    $before = $roundTrips(); // the proxy counts before it forwards: no waiting needed
    $got = $cache->getByTag($tag);
    $trips = $roundTrips() - $before;
    ksort($got);
    // batched: the script answers "too big" (1), find lists the set in SSCAN steps (as many as
    // the server takes with COUNT 10), one pipeline per batch of 10 entries
    $steps = 0;
    $cursor = '0';
    do {
        [$cursor] = tc_redis_cmd($srv, 'SSCAN', "{tagcache:default:Budget}:t:$tag", $cursor, 'COUNT', '10');
        $steps++;
    } while ($cursor !== '0');
    $batched = 1 + $steps + (int)ceil(count($want) / 10);
    printf("%s: %s, %s\n", $tag, $got === $want ? 'every entry whole' : 'wrong: ' . implode(',', array_keys($got)),
        $trips === 1 ? 'one round trip' : ($trips === $batched ? 'batched' : "$trips round trips ($steps SSCAN steps)"));
}
?>
--EXPECT--
small: every entry whole, one round trip
big: every entry whole, batched
