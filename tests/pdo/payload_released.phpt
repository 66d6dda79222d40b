--TEST--
PdoBackend on SQLite: a large payload is not held by the backend after set or get returns (the prepared statement it was bound to is not kept), so unset() gives the memory back at once
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/pdo_helpers.inc'; tc_pdo_skipif('sqlite'); ?>
--FILE--
<?php
require __DIR__ . '/pdo_helpers.inc';
use TagCache\Backend\PdoBackend;
use TagCache\Frontend\StringFrontend;

$dir = tc_tmpdir('pdo-payload');
$c = new StringFrontend('C', new PdoBackend(['dataSourceName' => "sqlite:$dir/c.sqlite"]));
$c->set('warm', 'x', ['t']); // connection and statements exist before the baseline
$c->get('warm');
$base = memory_get_usage();
$big = str_repeat('x', 20 << 20);
$c->set('big', $big, ['t']);
unset($big);
$afterSet = memory_get_usage() - $base;
echo "after set: ", $afterSet < (1 << 20) ? 'released' : "held $afterSet bytes", "\n";
$v = $c->get('big');
echo strlen($v), "\n";
unset($v);
$afterGet = memory_get_usage() - $base;
echo "after get: ", $afterGet < (1 << 20) ? 'released' : "held $afterGet bytes", "\n";
// small payloads still go through the kept statements, and the big entry is intact
$c->set('small', 'y', ['t']);
echo $c->get('small'), ' ', strlen($c->get('big')), ' ', count($c->getByTag('t')), "\n";
?>
--EXPECT--
after set: released
20971520
after get: released
y 20971520 3
