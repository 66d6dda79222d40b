--TEST--
FileBackend stripes: a writer killed with SIGKILL while it holds its stripe (blocked opening the old entry, made a FIFO) does not block the next writer of the same id, in another process or in this one
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
var_dump(posix_mkfifo("$dir/C/data/e.php", 0600));

// The child takes e's stripe, then opens data/e.php for its header: a FIFO blocks it there
// until a writer opens the other end. Our open returns once the child is inside, holding it.
$proc = proc_open("exec $child set e t", [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$fifo = fopen("$dir/C/data/e.php", 'w');
$pid = proc_get_status($proc)['pid'];
posix_kill($pid, SIGKILL);
stream_get_contents($pipes[1]);
fclose($pipes[1]);
fclose($pipes[2]);
$status = proc_close($proc);
fclose($fifo);
echo "child ended: ", $status === -1 || $status === 137 || $status === 9 ? 'killed' : "status $status", "\n";
unlink("$dir/C/data/e.php");

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
