--TEST--
Bus onFailure "throw": Redis down raises BusException naming the server, the clears stay pending and are published once Redis is back; at release, where nothing can be thrown, they are kept in keepDirectory with a warning and published by the next publish; lost (with a warning) only when they cannot be kept either
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/bus_helpers.inc'; tc_bus_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/bus_helpers.inc';
use TagCache\Bus\Bus;

$srv = tc_redis_start();
$bus = new Bus(tc_bus_options($srv));
$bus->flushCache('A');
tc_redis_stop($srv);
$e = tc_expect_exception(fn() => $bus->flushByTags(['t']));
var_dump(get_class($e), $e->getCode(), str_contains($e->getMessage(), "127.0.0.1:{$srv['port']}"));
$e = tc_expect_exception(fn() => $bus->publish());
echo json_encode($bus->getPending()), "\n";
// a restarted server is empty: what was published before is gone, the pending clear is not
$srv = tc_redis_start($srv['extra'], $srv['port'], $srv['dir']);
var_dump($bus->publish(), $bus->getPending());
tc_bus_dump($srv);

echo "-- release while Redis is down: kept\n";
$keep = tc_tmpdir('keep') . '/kept';
$opts = tc_bus_options($srv, ['defer' => 'request', 'keepDirectory' => $keep]);
$bus2 = new Bus($opts);
$bus2->flushAll();
$bus2->remove('A', 'b');
tc_redis_stop($srv);
unset($bus2);
$bus3 = new Bus($opts);
echo "countKept: ", $bus3->countKept(), "\n";
echo "-- Redis back: the next publish sends them first\n";
$srv = tc_redis_start($srv['extra'], $srv['port'], $srv['dir']);
$bus3->flushCache('C');
var_dump($bus3->publish(), $bus3->countKept());
tc_bus_dump($srv);

echo "-- release when they cannot be kept either: lost, with a warning\n";
$bus4 = new Bus($opts);
$bus4->flushCache('D');
tc_redis_stop($srv);
chmod($keep, 0777);
unset($bus4);
chmod($keep, 0700);
echo "countKept: ", (new Bus($opts))->countKept(), "\n";
?>
--EXPECTF--
BusException: Publishing 1 clear to stream "tagcache:bus" failed (it stays pending): %s127.0.0.1:%d%s
string(25) "TagCache\Bus\BusException"
int(1010)
bool(true)
BusException: Publishing 1 clear to stream "tagcache:bus" failed (it stays pending): %s
[{"op":"flushByTags","application":"","cache":null,"tags":["t"],"persistent":false}]
int(1)
array(0) {
}
1 entries
[{"op":"flushByTags","application":"","cache":null,"tags":["t"],"persistent":false}]
-- release while Redis is down: kept

Warning: TagCache\Bus\Bus released with 2 clears not published to stream "tagcache:bus" (%s127.0.0.1:%d%s): kept in "%s/kept", published by the next publish to that stream or by tagcache bus:publish-kept in %s on line %d
countKept: 2
-- Redis back: the next publish sends them first
int(3)
int(0)
2 entries
[{"op":"flushAll","application":"","persistent":false},{"op":"remove","application":"","cache":"A","entry":"b"}]
[{"op":"flushCache","application":"","cache":"C"}]
-- release when they cannot be kept either: lost, with a warning

Warning: TagCache\Bus\Bus released with 1 clear not published to stream "tagcache:bus" and lost: %s; keeping them failed too: keepDirectory "%s/kept" is writable by group or others (mode 0777): refused, it must be 0700 in %s on line %d
countKept: 0
