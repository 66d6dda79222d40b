--TEST--
getOrCompute: a fatal error after the callback (in __serialize while storing) releases the FileBackend compute lock before shutdown functions run
--EXTENSIONS--
tagcache
--FILE--
<?php
/* The worker lives on (php-fpm): a leaked flock would make every later computation of the key,
 * in every process, wait lockTimeoutMs and then compute unlocked. */
require __DIR__ . '/../tagcache_helpers.inc';

use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;

class Bad
{
    public function __serialize(): array
    {
        trigger_error('fatal in __serialize', E_USER_ERROR);
        return [];
    }
}

$dir = null;
$c = null;
// registered before tc_tmpdir() registers the removal of $dir
register_shutdown_function(function () use (&$dir, &$c) {
    $lock = "$dir/Leak/locks/compute/k";
    clearstatcache();
    if (!file_exists($lock)) {
        echo "lock file: gone\n";
    } else {
        $fd = fopen($lock, 'r');
        echo "lock file: ", flock($fd, LOCK_EX | LOCK_NB) ? "free" : "held", "\n";
        fclose($fd);
    }
    $open = 0;
    foreach (glob('/proc/' . getmypid() . '/fd/*') as $fd) {
        $open += str_contains((string)@readlink($fd), '/locks/compute/');
    }
    echo "open lock files: $open\n";
    // INF recomputes a hit only when the lock is free at once; a held lock returns the hit
    echo "recomputed: ", $c->getOrCompute('k', fn() => 'new', [], 60, INF, ['lockTimeoutMs' => 0]), "\n";
    echo "reentrancy key gone: ", $c->getOrCompute('k2', fn() => $c->getOrCompute('k', fn() => 'nested', [], 60, INF)), "\n";
});
$dir = tc_tmpdir('bailout-file');
$c = new VariableFrontend('Leak', new FileBackend(['cacheDirectory' => $dir]));
$c->set('k', 'old', [], 60);
$c->getOrCompute('k', fn() => new Bad, [], 60, INF);
echo "not reached\n";
?>
--EXPECTF--
Fatal error: fatal in __serialize in %s on line %d
lock file: gone
open lock files: 0
recomputed: new
reentrancy key gone: nested
