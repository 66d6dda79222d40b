--TEST--
Bus: waiting clears coalesced (identical ones once) and merged (tags, locations, URLs of one kind and target), published as one entry
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/bus_helpers.inc'; tc_bus_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/bus_helpers.inc';
use TagCache\Bus\Bus;

$srv = tc_redis_start();
$bus = new Bus(tc_bus_options($srv, ['defer' => 'request', 'stream' => 'co']));
$bus->flushByTags(['a', 'b']);
$bus->flushByTags(['b', 'c', 'a']);
$bus->flushByTags(['a'], 'Pages');
$bus->flushByTags(['z'], 'Pages');
$bus->remove('Pages', 'e1');
$bus->remove('Pages', 'e1');
$bus->remove('Pages', 'e2');
$bus->flushAll();
$bus->flushAll();
$bus->purgeUrls(['http://x/1']);
$bus->purgeUrls(['http://x/2', 'http://x/1']);
$bus->purgeLocations([1]);
$bus->purgeLocations(['1', 2]);
$bus->purgeTags(['a']);
echo json_encode($bus->getPending(), JSON_UNESCAPED_SLASHES), "\n";
var_dump(tc_redis_cmd($srv, 'EXISTS', 'co'));
var_dump($bus->publish());
tc_bus_dump($srv, 'co');
var_dump($bus->getPending(), $bus->publish());
var_dump(tc_redis_cmd($srv, 'XLEN', 'co'));

echo "-- persistent and not: merged apart\n";
$bus->flushByTags(['a']);
$bus->flushByTags(['b'], null, true);
$bus->flushByTags(['c', 'b'], null, true);
echo json_encode(array_map(fn($m) => [$m['tags'], $m['persistent']], $bus->getPending())), "\n";
var_dump($bus->publish());
?>
--EXPECT--
[{"op":"flushByTags","application":"","cache":null,"tags":["a","b","c"],"persistent":false},{"op":"flushByTags","application":"","cache":"Pages","tags":["a","z"],"persistent":false},{"op":"remove","application":"","cache":"Pages","entry":"e1"},{"op":"remove","application":"","cache":"Pages","entry":"e2"},{"op":"flushAll","application":"","persistent":false},{"op":"purgeUrls","application":"","urls":["http://x/1","http://x/2"]},{"op":"purgeLocations","application":"","locations":["1","2"]},{"op":"purgeTags","application":"","tags":["a"]}]
int(0)
int(14)
1 entries
[{"op":"flushByTags","application":"","cache":null,"tags":["a","b","c"],"persistent":false},{"op":"flushByTags","application":"","cache":"Pages","tags":["a","z"],"persistent":false},{"op":"remove","application":"","cache":"Pages","entry":"e1"},{"op":"remove","application":"","cache":"Pages","entry":"e2"},{"op":"flushAll","application":"","persistent":false},{"op":"purgeUrls","application":"","urls":["http://x/1","http://x/2"]},{"op":"purgeLocations","application":"","locations":["1","2"]},{"op":"purgeTags","application":"","tags":["a"]}]
array(0) {
}
int(0)
int(1)
-- persistent and not: merged apart
[[["a"],false],[["b","c"],true]]
int(3)
