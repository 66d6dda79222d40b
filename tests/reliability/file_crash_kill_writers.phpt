--TEST--
FileBackend crash safety: writers SIGKILLed at random points (24 rounds) while readers read; no reader sees a partial or foreign value, every surviving entry is intact, collectGarbage removes aged temp files and stale markers (skipped under valgrind: many processes)
--EXTENSIONS--
tagcache
posix
--SKIPIF--
<?php
if (!function_exists('proc_open')) die('skip proc_open not available');
if (getenv('USE_ZEND_ALLOC') === '0') die('skip spawns many processes: too slow under valgrind');
?>
--FILE--
<?php
require __DIR__ . '/reliability_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\StringFrontend;

const ROUNDS = 24;
// One seed drives the kill points and every child's choices; the kernel's scheduling still varies.
$seed = tc_random()->getInt(1, 2 ** 31 - 1);
$dir = tc_tmpdir('crash');
$stop = "$dir/stop";
$readers = [tc_spawn(__DIR__ . '/crash_reader.inc', [$dir, $stop, "$seed-r1"]), tc_spawn(__DIR__ . '/crash_reader.inc', [$dir, $stop, "$seed-r2"])];
$killed = 0;
$writerErrors = '';
for ($round = 0; $round < ROUNDS; $round++) {
    $writers = [tc_spawn(__DIR__ . '/crash_writer.inc', [$dir, "w$round-a", (string)$seed]), tc_spawn(__DIR__ . '/crash_writer.inc', [$dir, "w$round-b", (string)$seed])];
    usleep(mt_rand(40000, 250000));
    foreach ($writers as $w) {
        $status = proc_get_status($w[0]);
        if ($status['running'] && posix_kill($status['pid'], SIGKILL)) {
            $killed++;
        }
    }
    foreach ($writers as $w) {
        [$out, $err] = tc_reap($w);
        $writerErrors .= $out . $err;
    }
}
touch($stop);
$readerLines = [];
foreach ($readers as $r) {
    [$out, $err, $status] = tc_reap($r);
    $readerLines[] = trim($out) . ($err !== '' ? " stderr: $err" : '') . " exit=$status";
}
echo "kill rounds: ", ROUNDS, ", writers killed mid-run: $killed", $killed >= ROUNDS ? '' : ' (too few)', "\n";
echo "writer output: ", $writerErrors === '' ? 'none' : $writerErrors, "\n";
foreach ($readerLines as $line) {
    echo "reader: $line\n";
}

// What the kills left behind, seen by a fresh process's backend
$backend = new FileBackend(['cacheDirectory' => $dir]);
$cache = new StringFrontend('crash', $backend);
$cdir = $backend->getCacheDirectory();
$temps = glob("$cdir/tmp/*");
echo "temp files left by the kills: ", count($temps), "\n";

function check_all(StringFrontend $cache, $backend): array
{
    $bad = [];
    $live = [];
    for ($i = 0; $i < 12; $i++) {
        $v = $cache->get("k$i");
        if ($v !== false) {
            $live[] = "k$i";
            if (($p = tc_value_problem("k$i", $v)) !== null) {
                $bad[] = $p;
            }
        }
    }
    foreach ($backend as $id => $stored) {
        if (($p = tc_value_problem((string)$id, $stored)) !== null) {
            $bad[] = "iteration: $p";
        }
    }
    return [$bad, $live];
}
[$bad, $live] = check_all($cache, $backend);
echo "bad entries before gc: ", count($bad) ? implode('; ', $bad) : 'none', "\n";

// Fresh temp files may belong to a live writer: collectGarbage keeps them
$cache->collectGarbage();
echo "fresh temp files kept by gc: ", count(glob("$cdir/tmp/*")) === count($temps) ? 'yes' : 'no', "\n";
// Aged past the threshold (1 hour), they are leftovers of dead writers and go
$planted = "$cdir/tmp/999999-1";
file_put_contents($planted, 'half a value'); // stands for a leftover when no kill landed mid-write
foreach (glob("$cdir/tmp/*") as $f) {
    touch($f, time() - 2 * 3600);
}
$cache->collectGarbage();
echo "aged temp files after gc: ", count(glob("$cdir/tmp/*")), "\n";

// After gc every marker names a live entry that carries its tag, and nothing live was lost
$markerProblems = [];
foreach (glob("$cdir/tags/*", GLOB_ONLYDIR) as $tagDir) {
    $tag = basename($tagDir);
    $markers = array_map('basename', glob("$tagDir/*"));
    $found = $backend->findIdentifiersByTag($tag);
    sort($markers);
    sort($found);
    if ($markers !== $found) {
        $markerProblems[] = "$tag: markers " . implode(',', $markers) . ' vs live ' . implode(',', $found);
    }
}
echo "stale markers after gc: ", $markerProblems ? implode('; ', $markerProblems) : 'none', "\n";
[$bad, $liveAfter] = check_all($cache, $backend);
echo "bad entries after gc: ", count($bad) ? implode('; ', $bad) : 'none', "\n";
echo "live entries kept by gc: ", $live === $liveAfter ? 'all' : 'LOST ' . implode(',', array_diff($live, $liveAfter)), "\n";
$all = array_keys($cache->getByTag('all'));
sort($all);
sort($liveAfter);
echo "getByTag(all) = live entries: ", $all === $liveAfter ? 'yes' : 'no: ' . implode(',', $all) . ' vs ' . implode(',', $liveAfter), "
";
// and the cache still works
$cache->set('k0', tc_value('k0', 'parent', 1, 10), ['all']);
var_dump(tc_value_problem('k0', $cache->get('k0')));
?>
--EXPECTF--
seed: %d (replay with TAGCACHE_SEED=%d)
kill rounds: 24, writers killed mid-run: %d
writer output: none
reader: reads=%d hits=%d exit=0
reader: reads=%d hits=%d exit=0
temp files left by the kills: %d
bad entries before gc: none
fresh temp files kept by gc: yes
aged temp files after gc: 0
stale markers after gc: none
bad entries after gc: none
live entries kept by gc: all
getByTag(all) = live entries: yes
NULL
