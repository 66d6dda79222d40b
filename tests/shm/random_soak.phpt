--TEST--
SharedMemoryBackend soak: 8 processes of random set/get/remove/flushByTag/getOrCompute on one small segment (evicting) for TAGCACHE_SOAK_SECONDS (60 s; 45 s under run-tests' default 60 s timeout) while random workers are SIGKILLed and respawned; every read belongs to its key, is not torn, and nothing flushed or removed is read back; afterwards no orphan tag and sane statistics
--EXTENSIONS--
tagcache
posix
--SKIPIF--
<?php
if (!function_exists('proc_open')) {
    die('skip proc_open is disabled');
}
?>
--INI--
memory_limit=1G
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/shm_helpers.inc';
use TagCache\Frontend\VariableFrontend;

$rnd = tc_random();
$seed = $rnd->getInt(1, 2 ** 30); // the children's seeds derive from it
// Under valgrind (run-tests -m sets USE_ZEND_ALLOC=0) every child runs under it too and takes
// seconds to start: 2 workers for 20 s, killed every 4 to 8 s.
$valgrind = getenv('USE_ZEND_ALLOC') === '0';
// 60 s when run-tests allows it (--set-timeout 90 or more); by default it kills a test after 60 s, so 45.
// A ZTS build runs the same code as the NTS run just before it in the suite: 20 s there.
$seconds = (float)(getenv('TAGCACHE_SOAK_SECONDS') ?: ($valgrind || PHP_ZTS ? 20 : ((int)getenv('TEST_TIMEOUT') >= 90 ? 60 : 45)));
$workers = $valgrind ? 2 : 8;
$dir = tc_tmpdir('soak');
$segment = "$dir/segment";
$size = 1 << 20; // small: 800 keys of up to 5 KB do not fit (even packed without waste), so sets evict
$keys = 800;
$log = "$dir/events";
touch($log);
$outputs = [];

$spawn = function (int $slot, int $life) use ($seed, $segment, $size, $keys, $log, $dir, &$outputs, &$until) {
    $name = "w$slot-$life";
    $args = ['seed' => $seed + $slot * 7919 + $life * 104729, 'segment' => $segment, 'size' => $size, 'log' => $log,
        'until' => $until, 'keys' => $keys, 'tags' => 24, 'name' => $name];
    $outputs[] = "$dir/$name.out";
    $code = 'require ' . var_export(__DIR__ . '/random_soak_child.inc', true) . ';';
    $cmd = tc_shm_child_cmd('$argv = [0, ' . var_export(json_encode($args), true) . ']; ' . $code);
    return proc_open($cmd, [['file', '/dev/null', 'r'], ['file', "$dir/$name.out", 'w'], ['file', "$dir/$name.out", 'a']], $pipes);
};

$until = microtime(true) + $seconds;
$procs = [];
$lives = array_fill(0, $workers, 0);
for ($i = 0; $i < $workers; $i++) {
    $procs[$i] = $spawn($i, 0);
}
// the killer: every 0.1 to 1 s (pacing, not synchronisation) a random worker gets SIGKILL and a successor
$kills = 0;
while (microtime(true) < $until - 0.5) {
    usleep($valgrind ? $rnd->getInt(4000000, 8000000) : $rnd->getInt(100000, 1000000));
    $slot = $rnd->getInt(0, $workers - 1);
    if (proc_get_status($procs[$slot])['running']) {
        proc_terminate($procs[$slot], 9);
        $kills++;
    }
    proc_close($procs[$slot]);
    $procs[$slot] = $spawn($slot, ++$lives[$slot]);
}
foreach ($procs as $p) {
    proc_close($p);
}

// the printed errors and the log's verdicts
$errors = [];
$ops = 0;
foreach ($outputs as $file) {
    foreach (file($file, FILE_IGNORE_NEW_LINES) ?: [] as $line) {
        if (preg_match('/^ops (\d+)$/', $line, $m)) {
            $ops += (int)$m[1];
        } elseif (!str_starts_with($line, 'seed')) {
            $errors[] = basename($file) . ": $line";
        }
    }
}
// One pass: an R line whose W line comes later in the log read a value whose write returned
// after the read began, hence after the flush's start: never a violation, so W lines seen so far suffice.
// A 60 s run logs a few million writes: the map of their serials needs a few hundred MB (--INI--).
$written = [];
$reads = 0;
$judged = 0;
$fh = fopen($log, 'r');
for ($offset = 0; ($line = fgets($fh)) !== false; $offset += strlen($line)) {
    if (str_starts_with($line, 'W ')) {
        $written[rtrim(substr($line, 2))] = $offset;
    } elseif (str_starts_with($line, 'R ')) {
        [, $wid, $flushStart] = explode(' ', rtrim($line));
        $reads++;
        if (isset($written[$wid])) {
            $judged++;
            if ($written[$wid] < (int)$flushStart) {
                $errors[] = "value $wid (written at serial {$written[$wid]}) was read after a flush that started at serial $flushStart had returned";
            }
        }
    }
}
fclose($fh);
unset($written);

// afterwards: every entry readable is whole and its key's; no orphan tag
$c = new VariableFrontend('Soak', tc_shm_backend($segment, ['size' => $size]));
$present = 0;
for ($k = 0; $k < $keys; $k++) {
    $v = $c->get("k$k");
    if ($v !== false) {
        $present++;
        if (!is_array($v) || $v['k'] !== "k$k" || crc32($v['pad']) !== $v['sum']) {
            $errors[] = "k$k reads " . json_encode($v) . ' after the run';
        }
    }
}
$s = $c->getBackend()->getStatistics();
echo "kills > 0: ", var_export($kills > 0, true), "\n";
echo "operations > workers: ", var_export($ops > $workers, true), "\n";
echo "reads judged against a flush > 0: ", var_export($judged > 0, true), "\n";
echo "evictions > 0: ", var_export($s['evictions'] > 0, true), "\n";
echo "orphanTags: {$s['orphanTags']}\n";
echo "entries as counted: ", var_export($s['cacheEntries'] === $present && $s['entries'] >= $present, true), "\n";
echo "bytesUsed + bytesFree <= size: ", var_export($s['bytesUsed'] + $s['bytesFree'] <= $s['size'], true), "\n";
echo 'errors: ', count($errors), "\n";
foreach (array_slice($errors, 0, 20) as $e) {
    echo "  $e\n";
}
$c->flush();
$s = $c->getBackend()->getStatistics();
echo "after flush: entries {$s['cacheEntries']} tags {$s['cacheTags']}\n";
echo "soak: $seconds s, $workers workers, $ops operations by the workers that lived to the end, $kills kills, " . $reads . " reads with a flush before, $judged judged, evictions {$s['evictions']}, recoveries {$s['recoveries']}\n";
?>
--EXPECTF--
seed: %d (replay with TAGCACHE_SEED=%d)
kills > 0: true
operations > workers: true
reads judged against a flush > 0: true
evictions > 0: true
orphanTags: 0
entries as counted: true
bytesUsed + bytesFree <= size: true
errors: 0
after flush: entries 0 tags 0
soak: %s
