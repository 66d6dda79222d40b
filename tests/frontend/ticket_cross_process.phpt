--TEST--
Write tickets, FileBackend across processes: a flush, flushByTag or remove in another process between the ticket and the set drops the set; two processes racing (writer: new version then flushByTag; reader: cache-aside with tickets) never leave a value older than the last flush readable
--EXTENSIONS--
tagcache
--SKIPIF--
<?php if (!function_exists('proc_open')) die('skip proc_open not available'); ?>
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/../ticket_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;

$dir = tc_tmpdir();
$c = new VariableFrontend('Tickets', new FileBackend(['cacheDirectory' => "$dir/cache"]));
tc_ticket_cross_process($c, 'file', "$dir/cache");
tc_ticket_race($c, 'file', "$dir/cache", $dir, 300);
?>
--EXPECTF--
child flushed 0
  then set: false, get: false
child flushed 0
  then set: true, get: 'value'
child flushed all
  then set: false, get: false
child removed: false
  then set: false, get: false
child removed: false
  then set: true, get: 'value'
seed: %d (replay with TAGCACHE_SEED=%d)
writer: 300 versions, stale reads after a flush: 0
reader done
after the race: nothing or the last version
