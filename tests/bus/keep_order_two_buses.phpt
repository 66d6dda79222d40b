--TEST--
Bus onFailure "keep": clears kept by several buses of one process, alternating within the same milliseconds, are published in the order they were made
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/bus_helpers.inc'; tc_bus_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/bus_helpers.inc';
use TagCache\Bus\Bus;

$srv = tc_redis_start();
$keep = tc_tmpdir('keep') . '/kept';
$opts = tc_bus_options($srv, ['onFailure' => 'keep', 'keepDirectory' => $keep]);
$buses = [new Bus($opts), new Bus($opts), new Bus($opts)];
tc_redis_stop($srv);
// Round robin over three buses: consecutive keeps come from different buses, mostly within one millisecond.
for ($i = 0; $i < 60; $i++) {
    $buses[$i % 3]->flushCache("c$i");
}
echo "kept: ", $buses[0]->countKept(), "\n";

$srv = tc_redis_start($srv['extra'], $srv['port'], $srv['dir']);
$sender = new Bus($opts);
$sender->flushCache('last');
$caches = [];
foreach (tc_bus_entries($srv) as [, $messages]) {
    foreach ($messages as $m) {
        $caches[] = $m['cache'];
    }
}
$expected = array_merge(array_map(fn($i) => "c$i", range(0, 59)), ['last']);
echo $caches === $expected ? "published in call order\n" : "out of order:\n" . implode(' ', $caches) . "\n";
echo "kept after: ", $sender->countKept(), "\n";
tc_redis_stop($srv);
?>
--EXPECT--
kept: 60
published in call order
kept after: 0
