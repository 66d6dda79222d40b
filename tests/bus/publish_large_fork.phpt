--TEST--
Bus: a huge tag list is merged into messages of bounded size, still one entry; a forked child publishes over its own connection, never its parent's
--EXTENSIONS--
tagcache
pcntl
--SKIPIF--
<?php require __DIR__ . '/bus_helpers.inc'; tc_bus_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/bus_helpers.inc';
use TagCache\Bus\Bus;

$srv = tc_redis_start();
$bus = new Bus(tc_bus_options($srv, ['defer' => 'request']));
$tags = [];
for ($i = 0; $i < 25000; $i++) {
    $tags[] = "t$i";
}
$bus->flushByTags($tags);
$bus->flushByTags(['t5', 'extra']);
$pending = $bus->getPending();
var_dump(count($pending), array_sum(array_map(fn($m) => count($m['tags']), $pending)));
var_dump($bus->publish(), tc_redis_cmd($srv, 'XLEN', 'tagcache:bus'));
$entries = tc_bus_entries($srv);
$all = array_merge(...array_map(fn($m) => $m['tags'], $entries[0][1]));
var_dump(count($all), count(array_unique($all)), end($all));

echo "-- fork\n";
$bus = new Bus(tc_bus_options($srv));
$bus->flushCache('Parent1'); // the connection is open now
$pid = pcntl_fork();
if ($pid === 0) {
    for ($i = 0; $i < 20; $i++) {
        $bus->flushCache("Child$i");
    }
    posix_kill(getmypid(), SIGKILL); // no shutdown: nothing else of the parent's runs here
}
pcntl_waitpid($pid, $status);
for ($i = 2; $i < 22; $i++) {
    $bus->flushCache("Parent$i");
}
$caches = array_map(fn($e) => $e[1][0]['cache'], array_slice(tc_bus_entries($srv), 1));
var_dump(count($caches), count(preg_grep('/^Child/', $caches)), count(preg_grep('/^Parent/', $caches)));

echo "-- fork with clears waiting\n";
$seen = count(tc_bus_entries($srv));
$bus = new Bus(tc_bus_options($srv, ['defer' => 'request']));
$bus->flushCache('Waiting');
$bus->beginTransaction();
$bus->flushCache('InTransaction');
$pid = pcntl_fork();
if ($pid === 0) {
    // the waiting clears are the parent's: the child publishes only its own
    $bus->flushCache('ChildOwn');
    $own = count($bus->getPending());
    unset($bus); // released here: publishes what the child added
    posix_kill(getmypid(), $own === 1 ? SIGKILL : SIGTERM);
}
pcntl_waitpid($pid, $status);
var_dump(pcntl_wifsignaled($status) && pcntl_wtermsig($status) === SIGKILL);
var_dump($bus->inTransaction(), $bus->commit(), $bus->publish());
$caches = array_map(fn($e) => array_column($e[1], 'cache'), array_slice(tc_bus_entries($srv), $seen));
echo json_encode($caches), "\n";
?>
--EXPECT--
int(3)
int(25001)
int(2)
int(1)
int(25001)
int(25001)
string(5) "extra"
-- fork
int(41)
int(20)
int(21)
-- fork with clears waiting
bool(true)
bool(true)
int(1)
int(2)
[["ChildOwn"],["Waiting","InTransaction"]]
