--TEST--
Fleet: node B's worker killed with SIGKILL, then more clears published than the stream keeps (maxLength 100): the restarted B detects the gap and flushes every cache its sources reach (nothing silently missed), then applies new clears one by one again
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

$redis = tc_fleet_redis();
$busOpts = ['maxLength' => 100];
$caches = ['Data' => ['backend' => 'FileBackend'], 'Other' => ['backend' => 'FileBackend']];
$b = tc_fleet_node('B', $redis, ['caches' => $caches, 'bus' => $busOpts]);
$m = tc_fleet_manager($b);
foreach (['Data', 'Other'] as $id) {
    for ($i = 0; $i < 400; $i++) {
        $m->getCache($id)->set("e$i", $i, ["t$i"]);
    }
    $m->getCache($id)->set('keep', 'never cleared', ['keep']);
    $m->getCache($id)->set('plain', 'no tags');
}
$bus = tc_fleet_bus($redis, $busOpts);
for ($i = 0; $i < 20; $i++) {
    $bus->flushByTags(["t$i"]);
}
echo 'B applied the first 20: ', tc_fleet_wait(fn() => !tc_fleet_manager($b)->getCache('Data')->has('e19')) ? 'yes' : 'no', "\n";
tc_fleet_kill($b, SIGKILL);
for ($i = 20; $i < 400; $i++) {
    $bus->flushByTags(["t$i"]);
}
$status = $bus->getStatus();
echo 'stream length: ', $status['stream']['length'], ', B behind the trimmed start: ', var_export($status['nodes']['B']['gap'], true), "\n";

$b = tc_fleet_start($b['config']);
$flushed = function () use ($b): bool {
    $m = tc_fleet_manager($b);
    foreach (['Data', 'Other'] as $id) {
        if ($m->getCache($id)->has('keep') || $m->getCache($id)->has('plain') || $m->getCache($id)->has('e399')) {
            return false;
        }
    }
    return true;
};
echo 'B flushed its caches: ', tc_fleet_wait($flushed) ? 'yes' : 'no', "\n";
// the status follows the poll that flushed
tc_fleet_wait(fn() => tc_fleet_status($b)['stats']['gapFlushes'] >= 1 && tc_fleet_status($b)['stats']['gaps'] >= 1);
$s = tc_fleet_status($b);
echo 'B gaps: ', $s['stats']['gaps'] >= 1 ? 'at least 1' : $s['stats']['gaps'], ', gap flushes: ', $s['stats']['gapFlushes'] >= 1 ? 'at least 1' : $s['stats']['gapFlushes'], "\n";

// after the gap, clears apply one by one again: only the tagged entry goes
$m = tc_fleet_manager($b);
$m->getCache('Data')->set('after', 'x', ['after']);
$m->getCache('Data')->set('after-keep', 'x', ['other']);
$gapsBefore = $s['stats']['gaps'];
$bus->flushByTags(['after']);
echo 'B applied the clear after the gap: ', tc_fleet_wait(fn() => !tc_fleet_manager($b)->getCache('Data')->has('after')) ? 'yes' : 'no', "\n";
echo 'other entry kept: ', tc_fleet_manager($b)->getCache('Data')->has('after-keep') ? 'yes' : 'no', "\n";
$s = tc_fleet_stop($b);
echo 'no new gap: ', $s['stats']['gaps'] === $gapsBefore ? 'yes' : 'no', "\n";
$status = $bus->getStatus();
echo 'B now: pending ', $status['nodes']['B']['pending'], ', gap ', var_export($status['nodes']['B']['gap'], true), "\n";
?>
--EXPECT--
B applied the first 20: yes
stream length: 100, B behind the trimmed start: true
B flushed its caches: yes
B gaps: at least 1, gap flushes: at least 1
B applied the clear after the gap: yes
other entry kept: yes
no new gap: yes
B now: pending 0, gap false
