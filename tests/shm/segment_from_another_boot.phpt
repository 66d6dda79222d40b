--TEST--
SharedMemoryBackend: a segment kept on disk across a reboot, left with its mutex held by a thread of the old boot and seq odd, is taken over by the first opener of the new boot (fresh mutex, every entry dropped) instead of blocking every process forever
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
if (!is_readable('/proc/sys/kernel/random/boot_id')) die('skip needs /proc/sys/kernel/random/boot_id');
if (PHP_INT_SIZE !== 8 || php_uname('m') !== 'x86_64') die('skip patches the glibc x86_64 mutex layout');
?>
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/shm_helpers.inc';
use TagCache\Frontend\StringFrontend;

$segment = tc_shm_segment();
$c = new StringFrontend('Boot', tc_shm_backend($segment));
$c->set('k', 'from the old boot', ['t']);
unset($c);

$boot = trim(file_get_contents('/proc/sys/kernel/random/boot_id'));
$bytes = file_get_contents($segment);
$at = strpos($bytes, $boot);
echo 'the header records this boot: ', var_export($at !== false && $at < 1 << 20, true), "\n";

// The state a machine crash leaves: the mutex word names a thread that no longer exists (the
// glibc x86_64 layout: lock word and owner at offsets 0 and 8 of the mutex, which starts at
// byte 24 of the header), a write cut short (dirty 1, seq odd), and the header's boot id is
// another boot's.
$fh = fopen($segment, 'r+');
$write = function (int $off, string $b) use ($fh) { fseek($fh, $off); fwrite($fh, $b); };
$write(24, pack('V', 0x3ffffff0));
$write(32, pack('V', 0x3ffffff0));
$seq = unpack('P', substr($bytes, 96, 8))[1];
$write(88, pack('V', 1));
$write(96, pack('P', $seq | 1));
$write($at, '00000000-0000-0000-0000-000000000000');
fclose($fh);

// A process of the new boot: before the take-over it waited for the dead thread forever.
$seg = var_export($segment, true);
$proc = proc_open(tc_shm_child_cmd(<<<PHP
\$c = new TagCache\Frontend\StringFrontend('Boot', new TagCache\Backend\SharedMemoryBackend(['segment' => $seg, 'size' => 1 << 20]));
var_dump(\$c->get('k'));
\$c->set('k2', 'new boot', ['t']);
var_dump(\$c->get('k2'), \$c->getByTag('t'));
\$s = \$c->getBackend()->getStatistics();
echo 'recoveries ', \$s['recoveries'], ', entries ', \$s['entries'], "\\n";
PHP), [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
for ($i = 0; $i < 3000 && proc_get_status($proc)['running']; $i++) {
    usleep(10000); // bounded wait for an outcome (30 s): the failure being tested is a hang
}
if (proc_get_status($proc)['running']) {
    proc_terminate($proc, 9);
    echo "the child is still blocked after 30 s\n";
}
echo stream_get_contents($pipes[1]), stream_get_contents($pipes[2]);
proc_close($proc);

$h = unpack('Vdirty/Vpad/Pseq', file_get_contents($segment, false, null, 88, 16));
echo 'dirty ', $h['dirty'], ', seq ', $h['seq'] % 2 ? 'odd' : 'even', "\n";
echo 'the header records this boot again: ', var_export(strpos(file_get_contents($segment), $boot) === $at, true), "\n";
// and this process, of the same boot, uses it as it is
$c = new StringFrontend('Boot', tc_shm_backend($segment));
var_dump($c->get('k2'));
?>
--EXPECT--
the header records this boot: true
bool(false)
string(8) "new boot"
array(1) {
  ["k2"]=>
  string(8) "new boot"
}
recoveries 1, entries 1
dirty 0, seq even
the header records this boot again: true
string(8) "new boot"
