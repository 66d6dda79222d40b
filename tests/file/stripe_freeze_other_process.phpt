--TEST--
FileBackend stripes: a freeze by another process refuses this process's very next set (the frozen word of locks/stripes), and a flush by another process lets the next set through
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/../reliability/reliability_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\StringFrontend;

$dir = tc_tmpdir('stripe-freeze');
$child = tc_php_child() . ' ' . escapeshellarg(__DIR__ . '/stripe_child.inc') . ' ' . escapeshellarg($dir);
$c = new StringFrontend('C', new FileBackend(['cacheDirectory' => $dir]));
$c->set('a', 'one', ['t']);
var_dump(count(glob("$dir/C/locks/stripes-*")) === 1);

echo shell_exec("$child freeze");
tc_expect_exception(fn() => $c->set('a', 'two', ['t']));
var_dump($c->get('a'), $c->getBackend()->isFrozen());
echo shell_exec("$child set b");   // the other process is refused too

echo shell_exec("$child flush");
$c->set('a', 'three', ['t']);
var_dump($c->get('a'), $c->getBackend()->isFrozen());
?>
--EXPECTF--
bool(true)
freeze: ok
FrozenCacheException: cache in %s/C is frozen: writes and removals are refused until flush() thaws it
string(3) "one"
bool(true)
set: TagCache\FrozenCacheException: %s
flush: ok
string(5) "three"
bool(false)
