--TEST--
FileBackend stripes: a writer killed with SIGKILL while it holds its stripe (inside its set, with the old entry a FIFO it has open) does not block the next writer of the same id, in another process or in this one
--EXTENSIONS--
tagcache
pcntl
posix
--SKIPIF--
<?php if (!function_exists('posix_mkfifo')) die('skip posix_mkfifo missing'); ?>
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/../reliability/reliability_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\StringFrontend;

$dir = tc_tmpdir('stripe-kill');
$child = tc_php_child() . ' ' . escapeshellarg(__DIR__ . '/stripe_child.inc') . ' ' . escapeshellarg($dir);
$c = new StringFrontend('C', new FileBackend(['cacheDirectory' => $dir]));
$c->set('warm', 'x');
// The child takes e's stripe, then opens data/e.php for its header. That open does not block
// (entries are opened O_NONBLOCK), so the child may finish before the kill lands: then nothing
// was tested, and the round is played again (bounded) until the kill finds the child working.
$fifos = 0;
for ($round = 0; $round < 50; $round++) {
    @unlink("$dir/C/data/e.php");
    $fifos += posix_mkfifo("$dir/C/data/e.php", 0600) ? 1 : 0;
    $proc = proc_open("exec $child set e t", [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    // returns once the child has the FIFO open, inside its set
    $fifo = fopen("$dir/C/data/e.php", 'w');
    posix_kill(proc_get_status($proc)['pid'], SIGKILL);
    stream_get_contents($pipes[1]);
    fclose($pipes[1]);
    fclose($pipes[2]);
    $status = proc_close($proc);
    fclose($fifo);
    if ($status === -1 || $status === 137 || $status === 9) {
        break;
    }
}
var_dump($fifos === $round + 1);
echo "child ended: ", $status === -1 || $status === 137 || $status === 9 ? 'killed' : "status $status", "\n";
@unlink("$dir/C/data/e.php");

echo shell_exec("$child set e t");   // same id, same stripe: another process
$c->set('e', 'mine', ['t']);         // and this one
var_dump($c->get('e'), array_keys($c->getByTag('t')));
?>
--EXPECT--
bool(true)
child ended: killed
set: ok
string(4) "mine"
array(1) {
  [0]=>
  string(1) "e"
}
