--TEST--
SharedMemoryBackend under a real php-fpm (4 static workers, cgi-fcgi): one worker's set is read by every other worker (distinct PIDs), and a flushByTag from the CLI on the same segment is seen by every worker on its next read
--EXTENSIONS--
tagcache
posix
--SKIPIF--
<?php
require __DIR__ . '/../fpm_helpers.inc';
tc_fpm_skipif();
if (posix_geteuid() === 0 && !posix_getpwnam('nobody')) {
    die('skip as root the workers run as nobody, and there is no such user');
}
?>
--FILE--
<?php
require __DIR__ . '/../fpm_helpers.inc';
require __DIR__ . '/shm_helpers.inc';
use TagCache\Backend\SharedMemoryBackend;
use TagCache\Frontend\VariableFrontend;

const WORKERS = 4;
$user = tc_shm_fpm_user();
$dir = tc_shm_shared_dir($user['root']);
foreach (['app' => 0755, 'shm' => 0700, 'arrived' => 0700, 'fpm' => 0711] as $sub => $mode) {
    mkdir("$dir/$sub");
    chmod("$dir/$sub", $mode);
}
touch("$dir/fpm/php-errors.log");
touch("$dir/gate");
chmod("$dir/gate", 0644);
$pool = [];
if ($user['root']) {
    foreach (['shm', 'arrived', 'fpm/php-errors.log'] as $mine) {
        chown("$dir/$mine", $user['uid']);
        chgrp("$dir/$mine", $user['gid']);
    }
    $pool = ["user = {$user['user']}", "group = {$user['group']}"];
}
$segment = "$dir/shm/segment";
$script = "$dir/app/w.php";
// A request: op=set stores id => value tagged tag; op=read reads id, says it arrived, and then
// waits on the gate (a shared flock the test holds exclusively), so one worker serves one
// request of a round and every worker of the pool serves one.
file_put_contents($script, '<?php
$c = new TagCache\Frontend\VariableFrontend("FpmShare", new TagCache\Backend\SharedMemoryBackend(["segment" => '
    . var_export($segment, true) . ', "size" => 1 << 20]));
$out = ["pid" => getmypid()];
if ($_GET["op"] === "set") {
    $c->set($_GET["id"], $_GET["value"], [$_GET["tag"]]);
} else {
    $out["value"] = $c->get($_GET["id"]);
    touch(' . var_export("$dir/arrived/", true) . ' . $_GET["round"] . "-" . getmypid());
    $gate = fopen(' . var_export("$dir/gate", true) . ', "r");
    flock($gate, LOCK_SH);
    fclose($gate);
}
echo json_encode($out);
');
chmod($script, 0644);

// the segment is created by the CLI, as the workers' user
$cli = fn() => new VariableFrontend('FpmShare', new SharedMemoryBackend(['segment' => $segment, 'size' => 1 << 20]));
tc_shm_as($user, fn() => $cli()->set('from-cli', 'cli value', ['other']));
$fpm = tc_fpm_start(WORKERS, [], "$dir/fpm", $pool);

/** One round: WORKERS concurrent reads of $id, each held by the gate until all arrived; [pid => value]. */
function round_of_reads(array $fpm, string $script, string $dir, string $round, string $id): array
{
    $gate = fopen("$dir/gate", 'r');
    flock($gate, LOCK_EX);
    $reqs = [];
    for ($i = 0; $i < WORKERS; $i++) {
        $reqs[] = tc_shm_fpm_send($fpm, $script, ['op' => 'read', 'id' => $id, 'round' => $round]);
    }
    // poll for the arrivals (a condition, not a pause): every worker holds one request
    for ($deadline = microtime(true) + 30; count(glob("$dir/arrived/$round-*")) < WORKERS && microtime(true) < $deadline;) {
        usleep(10000);
    }
    $arrived = count(glob("$dir/arrived/$round-*"));
    flock($gate, LOCK_UN);
    fclose($gate);
    $seen = [];
    foreach ($reqs as $req) {
        $r = tc_shm_fpm_finish($req);
        isset($r['pid']) ? $seen[$r['pid']] = $r['value'] : print("round $round: a request failed: " . json_encode($r) . "\n");
    }
    echo "round $round: $arrived workers arrived, ", count($seen), " distinct PIDs answered\n";
    ksort($seen);
    return $seen;
}

$set = tc_fpm_request($fpm, $script, ['op' => 'set', 'id' => 'shared', 'value' => 'written by a worker', 'tag' => 'T']);
$setter = json_decode($set['body'], true)['pid'] ?? null;
echo 'set by a worker: ', $set['status'], ' ', var_export(is_int($setter), true), "\n";
echo 'the CLI reads it: ', var_export(tc_shm_as($user, fn() => $cli()->get('shared')), true), "\n";

$before = round_of_reads($fpm, $script, $dir, 'before', 'shared');
echo 'every worker reads the value: ', var_export(array_unique(array_values($before)) === ['written by a worker'], true), "\n";
echo 'workers other than the writer read it: ', count(array_diff(array_keys($before), [$setter])) >= WORKERS - 1 ? 'yes' : 'no', "\n";
$cliValue = round_of_reads($fpm, $script, $dir, 'cli', 'from-cli');
echo 'every worker reads the CLI\'s value: ', var_export(array_unique(array_values($cliValue)) === ['cli value'], true), "\n";

echo 'flushByTag from the CLI: ', tc_shm_as($user, fn() => $cli()->getBackend()->flushByTag('T')), "\n";
$after = round_of_reads($fpm, $script, $dir, 'after', 'shared');
echo 'the same workers: ', var_export(array_keys($after) === array_keys($before), true), "\n";
echo 'every worker misses it on its next read: ', var_export(array_unique(array_values($after)) === [false], true), "\n";
$stats = tc_shm_as($user, fn() => $cli()->getBackend()->getStatistics());
echo "orphanTags {$stats['orphanTags']}, entries {$stats['cacheEntries']}\n";

tc_fpm_stop($fpm);
$errors = trim((string)@file_get_contents("$dir/fpm/php-errors.log"));
echo 'worker errors: ', $errors === '' ? 'none' : $errors, "\n";
?>
--EXPECT--
set by a worker: 200 true
the CLI reads it: 'written by a worker'
round before: 4 workers arrived, 4 distinct PIDs answered
every worker reads the value: true
workers other than the writer read it: yes
round cli: 4 workers arrived, 4 distinct PIDs answered
every worker reads the CLI's value: true
flushByTag from the CLI: 1
round after: 4 workers arrived, 4 distinct PIDs answered
the same workers: true
every worker misses it on its next read: true
orphanTags 0, entries 1
worker errors: none
