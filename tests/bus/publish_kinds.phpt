--TEST--
Bus: each clear kind published at once (defer "none") as one stream entry, decoded back by Node::decode()
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/bus_helpers.inc'; tc_bus_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/bus_helpers.inc';
use TagCache\Bus\Bus;

$srv = tc_redis_start();
$bus = new Bus(tc_bus_options($srv, ['application' => 'backend']));
$bus->flushAll();
$bus->flushAll(true);
$bus->flushCache('Pages');
$bus->flushByTags(['t1', 't2']);
$bus->flushByTags(['t3'], 'Pages');
$bus->remove('Pages', 'entry_1');
$bus->purgeTags(['p1']);
$bus->purgeLocations([42, 'loc-a']);
$bus->purgeUrls(['http://example.com/a?b=1']);
$bus->banPath('^/news/', 'text/html', ['example.com']);
$bus->banPath('^/all/');
$bus->flushByTags([]); // nothing to clear: nothing published
var_dump($bus->getPending(), $bus->publish());
tc_bus_dump($srv);
var_dump(tc_redis_cmd($srv, 'XLEN', 'tagcache:bus'));
?>
--EXPECT--
array(0) {
}
int(0)
11 entries
[{"op":"flushAll","application":"backend","persistent":false}]
[{"op":"flushAll","application":"backend","persistent":true}]
[{"op":"flushCache","application":"backend","cache":"Pages"}]
[{"op":"flushByTags","application":"backend","cache":null,"tags":["t1","t2"],"persistent":false}]
[{"op":"flushByTags","application":"backend","cache":"Pages","tags":["t3"],"persistent":false}]
[{"op":"remove","application":"backend","cache":"Pages","entry":"entry_1"}]
[{"op":"purgeTags","application":"backend","tags":["p1"]}]
[{"op":"purgeLocations","application":"backend","locations":["42","loc-a"]}]
[{"op":"purgeUrls","application":"backend","urls":["http://example.com/a?b=1"]}]
[{"op":"banPath","application":"backend","pathRegex":"^/news/","contentType":"text/html","hosts":["example.com"]}]
[{"op":"banPath","application":"backend","pathRegex":"^/all/","contentType":null,"hosts":[]}]
int(11)
