--TEST--
Bus option maxLength: the stream never grows beyond its cap
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/bus_helpers.inc'; tc_bus_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/bus_helpers.inc';
use TagCache\Bus\Bus;

$srv = tc_redis_start();
$bus = new Bus(tc_bus_options($srv, ['maxLength' => 100]));
$max = 0;
for ($i = 0; $i < 250; $i++) {
    $bus->flushCache("c$i");
    $max = max($max, tc_redis_cmd($srv, 'XLEN', 'tagcache:bus'));
}
var_dump($max, tc_redis_cmd($srv, 'XLEN', 'tagcache:bus'));
$entries = tc_bus_entries($srv);
// the newest ones are kept
var_dump($entries[99][1][0]['cache']);
?>
--EXPECT--
int(100)
int(100)
string(4) "c249"
