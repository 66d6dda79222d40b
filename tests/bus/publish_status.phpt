--TEST--
Bus getStatus(): stream, nodes, outboxes and kept clears; trim() without nodes removes nothing
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/bus_helpers.inc'; tc_bus_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/bus_helpers.inc';
use TagCache\Bus\Bus;

$srv = tc_redis_start();
$bus = new Bus(tc_bus_options($srv, ['keepDirectory' => tc_tmpdir('keep') . '/k']));
var_dump($bus->getStatus());
$bus->flushAll();
$bus->flushCache('A');
$s = $bus->getStatus();
$last = tc_bus_entries($srv)[1][0];
var_dump($s['stream']['length'], $s['stream']['lastId'] === $last, is_string($s['stream']['firstId']));
// a consumer group as a node registers it: it has read nothing
tc_redis_cmd($srv, 'XGROUP', 'CREATE', 'tagcache:bus', 'nodeA', '0');
$s = $bus->getStatus();
var_dump(array_keys($s['nodes']), $s['nodes']['nodeA']['pending']);
var_dump($bus->trim(), tc_redis_cmd($srv, 'XLEN', 'tagcache:bus'));
tc_redis_stop($srv);
tc_expect_exception(fn() => $bus->getStatus());
tc_expect_exception(fn() => $bus->trim());
?>
--EXPECTF--
array(4) {
  ["stream"]=>
  array(4) {
    ["length"]=>
    int(0)
    ["firstId"]=>
    NULL
    ["lastId"]=>
    NULL
    ["maxDeletedId"]=>
    NULL
  }
  ["nodes"]=>
  array(0) {
  }
  ["outbox"]=>
  array(0) {
  }
  ["kept"]=>
  int(0)
}
int(2)
bool(true)
bool(true)
array(1) {
  [0]=>
  string(5) "nodeA"
}
int(0)
int(0)
int(2)
BusException: Reading the state of stream "tagcache:bus" failed: %s
BusException: Trimming stream "tagcache:bus" failed: %s
