--TEST--
Bus defer "request": nothing in the stream until publish(); what is left is published when the bus is released (unset, end of a child process's request)
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/bus_helpers.inc'; tc_bus_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/bus_helpers.inc';
use TagCache\Bus\Bus;

$srv = tc_redis_start();
$opts = tc_bus_options($srv, ['defer' => 'request']);
$bus = new Bus($opts);
$bus->flushByTags(['a']);
$bus->flushCache('Pages');
var_dump(tc_redis_cmd($srv, 'EXISTS', 'tagcache:bus'));
var_dump($bus->publish());
tc_bus_dump($srv);

echo "-- released by unset\n";
$bus->remove('Pages', 'e1');
unset($bus);
tc_bus_dump($srv);

echo "-- released at the end of a child's request\n";
[$code, $out, $err] = tc_bus_child('<?php
$bus = new TagCache\Bus\Bus(' . var_export($opts, true) . ');
$bus->purgeUrls(["http://x/late"]);
$GLOBALS["keep"] = $bus;
echo count($bus->getPending()), " pending at exit\n";
');
var_dump($code, $out, $err);
tc_bus_dump($srv);

echo "-- a committed transaction waits for the release too\n";
$bus = new Bus($opts);
$bus->beginTransaction();
$bus->flushAll();
var_dump($bus->commit(), tc_redis_cmd($srv, 'XLEN', 'tagcache:bus'));
$bus = null;
var_dump(tc_redis_cmd($srv, 'XLEN', 'tagcache:bus'));

echo "-- an unfinished transaction is dropped at release\n";
$bus = new Bus($opts);
$bus->beginTransaction();
$bus->flushAll();
$bus = null;
var_dump(tc_redis_cmd($srv, 'XLEN', 'tagcache:bus'));
?>
--EXPECT--
int(0)
int(2)
1 entries
[{"op":"flushByTags","application":"","cache":null,"tags":["a"],"persistent":false},{"op":"flushCache","application":"","cache":"Pages"}]
-- released by unset
2 entries
[{"op":"flushByTags","application":"","cache":null,"tags":["a"],"persistent":false},{"op":"flushCache","application":"","cache":"Pages"}]
[{"op":"remove","application":"","cache":"Pages","entry":"e1"}]
-- released at the end of a child's request
int(0)
string(18) "1 pending at exit
"
string(0) ""
3 entries
[{"op":"flushByTags","application":"","cache":null,"tags":["a"],"persistent":false},{"op":"flushCache","application":"","cache":"Pages"}]
[{"op":"remove","application":"","cache":"Pages","entry":"e1"}]
[{"op":"purgeUrls","application":"","urls":["http://x/late"]}]
-- a committed transaction waits for the release too
int(1)
int(3)
int(4)
-- an unfinished transaction is dropped at release
int(4)
