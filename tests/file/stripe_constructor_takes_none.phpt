--TEST--
FileBackend stripes: constructing a backend takes no stripe, so a stripe held by another process (here a writer blocked inside its set) delays nobody but writers of that stripe: a new backend in this process is built, writes an id of another stripe and reads it back
--EXTENSIONS--
tagcache
posix
--SKIPIF--
<?php if (!function_exists('posix_mkfifo')) die('skip posix_mkfifo missing'); ?>
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/../reliability/reliability_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\StringFrontend;

// The stripe of an id: FNV-1a of its bytes, reduced by the stripe count (src/backend/file_store.c).
function stripe_of(string $id, int $n = 64): int
{
    $h = 2166136261;
    foreach (str_split($id) as $ch) {
        $h = (($h ^ ord($ch)) * 16777619) & 0xffffffff;
    }
    return $h % $n;
}

$dir = tc_tmpdir('stripe-ctor');
$child = tc_php_child() . ' ' . escapeshellarg(__DIR__ . '/stripe_child.inc') . ' ' . escapeshellarg($dir);
$c = new StringFrontend('C', new FileBackend(['cacheDirectory' => $dir]));
$c->set('warm', 'x');
var_dump(posix_mkfifo("$dir/C/data/e.php", 0600));

// The child takes e's stripe, then blocks opening data/e.php (a FIFO) until we open its other end.
$proc = proc_open("exec $child set e t", [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$fifo = fopen("$dir/C/data/e.php", 'w');   // returns once the child is inside, holding the stripe

$other = 'f';
for ($i = 0; stripe_of($other) === stripe_of('e'); $i++) {
    $other = "f$i";
}
$d = new StringFrontend('C', new FileBackend(['cacheDirectory' => $dir]));
$d->set($other, 'while held', ['t']);
var_dump($d->get($other), $d->getBackend()->isFrozen());

fclose($fifo);                              // the child reads an empty "entry" and goes on
echo stream_get_contents($pipes[1]);
fclose($pipes[1]);
fclose($pipes[2]);
proc_close($proc);
unlink("$dir/C/data/e.php");
?>
--EXPECTF--
bool(true)
string(10) "while held"
bool(false)
set: %s
