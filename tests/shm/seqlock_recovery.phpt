--TEST--
SharedMemoryBackend seqlock: get/has are served while another process holds the segment mutex (no read lock); a writer killed mid-mutation leaves seq odd, the next locker resets the segment and makes seq even again
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/shm_helpers.inc';
use TagCache\Frontend\StringFrontend;

$segment = tc_shm_segment();
$c = new StringFrontend('Seq', tc_shm_backend($segment));
$big = str_repeat('0123456789', 1024);
$c->set('k', 'v');
$c->set('big', $big);

/** dirty and seq from the segment header (offsets asserted in shm_segment.c). */
function header_state(string $segment): string
{
    $h = unpack('Vdirty/Vpad/Pseq', file_get_contents($segment, false, null, 88, 16));
    return 'dirty ' . $h['dirty'] . ', seq ' . ($h['seq'] % 2 ? 'odd' : 'even');
}

/** Starts a child that stops inside a set() holding the mutex; returns its process. */
function holder(string $segment, string $hold, string $marker)
{
    $env = getenv();
    $env['TAGCACHE_SHM_TEST_HOLD_LOCK'] = $hold;
    $seg = var_export($segment, true);
    $proc = proc_open(tc_shm_child_cmd(<<<PHP
\$c = new TagCache\Frontend\StringFrontend('Seq', new TagCache\Backend\SharedMemoryBackend(['segment' => $seg, 'size' => 1 << 20]));
\$c->set('child', 'never finished');
PHP), [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, $env);
    // Wait until the child holds the lock (bounded: 30 s).
    for ($i = 0; $i < 3000 && !file_exists($marker); $i++) {
        usleep(10000);
    }
    echo 'child holds the lock: ', var_export(file_exists($marker), true), "\n";
    return $proc;
}

echo "== mutex held, no mutation begun yet\n";
$marker = dirname($segment) . '/holding-even';
$proc = holder($segment, "before-seq:$marker", $marker);
echo header_state($segment), "\n";
// With a read lock these would wait for the holder forever.
var_dump($c->get('k'), $c->get('big') === $big, $c->has('k'), $c->get('absent'));
proc_terminate($proc, 9);
proc_close($proc);

echo "== killed mid-mutation\n";
$marker = dirname($segment) . '/holding-odd';
$proc = holder($segment, $marker, $marker);
echo header_state($segment), "\n";
proc_terminate($proc, 9);
proc_close($proc);
// Readers fall back to the mutex, recover it and find the segment reset.
var_dump($c->get('k'), $c->has('big'));
echo header_state($segment), "\n";
$c->set('after', 'new');
var_dump($c->get('after'));
echo header_state($segment), "\n";
$s = $c->getBackend()->getStatistics();
echo "recoveries {$s['recoveries']} entries {$s['entries']} hits {$s['hits']} misses {$s['misses']}\n";
?>
--EXPECT--
== mutex held, no mutation begun yet
child holds the lock: true
dirty 1, seq even
string(1) "v"
bool(true)
bool(true)
bool(false)
== killed mid-mutation
child holds the lock: true
dirty 1, seq odd
bool(false)
bool(false)
dirty 0, seq even
string(3) "new"
dirty 0, seq even
recoveries 2 entries 1 hits 3 misses 2
