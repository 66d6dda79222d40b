--TEST--
Fleet: redis-server restarted empty (its data lost) while a node runs: the stream comes back without the node's group, the node counts that as a gap and flushes every cache its sources reach instead of missing clears, then applies new clears one by one
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
require __DIR__ . '/fleet_helpers.inc';
tc_fleet_skipif();
?>
--FILE--
<?php
require __DIR__ . '/fleet_helpers.inc';

$redis = tc_fleet_redis();   // no persistence: a restart loses the stream and the groups
$caches = ['Data' => ['backend' => 'FileBackend']];
$b = tc_fleet_node('B', $redis, ['caches' => $caches]);
$c = tc_fleet_manager($b)->getCache('Data');
$c->set('first', 'x', ['first']);
$c->set('keep', 'x', ['keep']);
$bus = tc_fleet_bus($redis);
$bus->flushByTags(['first']);
echo 'applied before the restart: ', tc_fleet_wait(fn() => !tc_fleet_manager($b)->getCache('Data')->has('first')) ? 'yes' : 'no', "\n";
echo 'kept entry there: ', $c->has('keep') ? 'yes' : 'no', "\n";

$redis = tc_redis_restart($redis);   // SIGKILL, started again empty
// a clear published now recreates the stream; whatever was published while B could not read
// (here: nothing, but B cannot know) is lost with the old stream, so B must flush
$bus->flushByTags(['second']);
echo 'B flushed after the loss: ', tc_fleet_wait(fn() => !tc_fleet_manager($b)->getCache('Data')->has('keep'), 30) ? 'yes' : 'no: ' . json_encode(tc_fleet_status($b)), "\n";
// the status follows the poll that flushed
tc_fleet_wait(fn() => tc_fleet_status($b)['stats']['gaps'] >= 1);
$s = tc_fleet_status($b);
echo 'gaps: ', $s['stats']['gaps'] >= 1 ? 'at least 1' : $s['stats']['gaps'], "\n";

$c = tc_fleet_manager($b)->getCache('Data');
$c->set('third', 'x', ['third']);
$c->set('stay', 'x', ['stay']);
$gaps = $s['stats']['gaps'];
$bus->flushByTags(['third']);
echo 'applied after: ', tc_fleet_wait(fn() => !tc_fleet_manager($b)->getCache('Data')->has('third')) ? 'yes' : 'no', "\n";
echo 'other entry kept: ', $c->has('stay') ? 'yes' : 'no', "\n";
$s = tc_fleet_stop($b);
echo 'no new gap: ', $s['stats']['gaps'] === $gaps ? 'yes' : "no ({$s['stats']['gaps']})", "\n";
?>
--EXPECT--
applied before the restart: yes
kept entry there: yes
B flushed after the loss: yes
gaps: at least 1
applied after: yes
other entry kept: yes
no new gap: yes
