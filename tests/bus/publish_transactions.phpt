--TEST--
Bus transactions: clears wait until the outermost commit (one entry), nested levels, rollBack drops every level and publishes nothing, errors without a transaction
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
var_dump($bus->inTransaction());
$bus->beginTransaction();
$bus->flushByTags(['a']);
$bus->beginTransaction();
$bus->flushByTags(['b']);
$bus->remove('Pages', 'e');
var_dump($bus->inTransaction(), $bus->commit(), $bus->inTransaction(), count($bus->getPending()));
var_dump(tc_redis_cmd($srv, 'EXISTS', 'tagcache:bus'));
var_dump($bus->commit(), $bus->inTransaction(), $bus->getPending());
tc_bus_dump($srv);

echo "-- rollBack\n";
$bus->beginTransaction();
$bus->flushAll();
$bus->beginTransaction();
$bus->flushCache('X');
$bus->flushCache('Y');
var_dump($bus->rollBack(), $bus->inTransaction(), $bus->getPending());
var_dump(tc_redis_cmd($srv, 'XLEN', 'tagcache:bus'));

echo "-- errors\n";
tc_expect_exception(fn() => $bus->commit());
tc_expect_exception(fn() => $bus->rollBack());
$e = tc_expect_exception(fn() => $bus->commit());
var_dump($e->getCode(), $e instanceof TagCache\Exception);

echo "-- an empty transaction\n";
$bus->beginTransaction();
var_dump($bus->commit(), tc_redis_cmd($srv, 'XLEN', 'tagcache:bus'));

echo "-- a bad clear inside a transaction leaves the others\n";
$bus->beginTransaction();
$bus->flushCache('A');
tc_expect_exception(fn() => $bus->flushCache('not valid'));
var_dump($bus->commit());
tc_bus_dump($srv);
?>
--EXPECT--
bool(false)
bool(true)
int(0)
bool(true)
int(2)
int(0)
int(3)
bool(false)
array(0) {
}
1 entries
[{"op":"flushByTags","application":"","cache":null,"tags":["a","b"],"persistent":false},{"op":"remove","application":"","cache":"Pages","entry":"e"}]
-- rollBack
int(3)
bool(false)
array(0) {
}
int(1)
-- errors
BusException: commit() without a transaction: call beginTransaction() first
BusException: rollBack() without a transaction: call beginTransaction() first
BusException: commit() without a transaction: call beginTransaction() first
int(1010)
bool(true)
-- an empty transaction
int(0)
int(1)
-- a bad clear inside a transaction leaves the others
InvalidArgumentException: Cache identifier "not valid" (9 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
int(1)
2 entries
[{"op":"flushByTags","application":"","cache":null,"tags":["a","b"],"persistent":false},{"op":"remove","application":"","cache":"Pages","entry":"e"}]
[{"op":"flushCache","application":"","cache":"A"}]
