--TEST--
Bus onFailure "throw": Redis down raises BusException naming the server, the clears stay pending and are published once Redis is back; at release a warning counts what was lost
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

echo "-- release while Redis is down\n";
$bus2 = new Bus(tc_bus_options($srv, ['defer' => 'request']));
$bus2->flushAll();
$bus2->remove('A', 'b');
tc_redis_stop($srv);
unset($bus2);
echo "done\n";
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
-- release while Redis is down

Warning: TagCache\Bus\Bus released with 2 clears not published to stream "tagcache:bus": %s in %s on line %d
done
