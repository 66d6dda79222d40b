--TEST--
SharedMemoryBackend: a process SIGKILLed while it holds the segment lock (mid-write) does not block the others: the next operation recovers the lock, drops the possibly torn entries and goes on
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/shm_helpers.inc';
use TagCache\Frontend\VariableFrontend;

$segment = tc_shm_segment();
$c = new VariableFrontend('Robust', tc_shm_backend($segment));
$c->set('before', 'old', ['t']);
$marker = dirname($segment) . '/holding';
$seg = var_export($segment, true);
// The child stops inside its set(), holding the lock with the segment marked as mid-write.
$env = getenv();
$env['TAGCACHE_SHM_TEST_HOLD_LOCK'] = $marker;
$proc = proc_open(tc_shm_child_cmd(<<<PHP
\$c = new TagCache\Frontend\VariableFrontend('Robust', new TagCache\Backend\SharedMemoryBackend(['segment' => $seg, 'size' => 1 << 20]));
\$c->set('child', 'never finished', ['t']);
PHP), [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, $env);
// Wait until the child holds the lock (bounded: 30 s).
for ($i = 0; $i < 3000 && !file_exists($marker); $i++) {
    usleep(10000);
}
echo 'child holds the lock: ', var_export(file_exists($marker), true), "\n";
proc_terminate($proc, 9);
proc_close($proc);
// The next operation takes the lock over from the dead child.
var_dump($c->get('before'), $c->get('child'), $c->getBackend()->findIdentifiersByTag('t'));
$c->set('after', 'new', ['t']);
var_dump($c->get('after'));
$s = $c->getBackend()->getStatistics();
echo "recoveries {$s['recoveries']} entries {$s['entries']} orphanTags {$s['orphanTags']}\n";
?>
--EXPECT--
child holds the lock: true
bool(false)
bool(false)
array(0) {
}
string(3) "new"
recoveries 1 entries 1 orphanTags 0
