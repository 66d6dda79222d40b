--TEST--
getOrCompute: a fatal error after the callback (in __serialize while storing) frees the SharedMemoryBackend lock record at once; another process gets the lock, no takeover
--EXTENSIONS--
tagcache
--FILE--
<?php
/* The holder's pid stays alive (a php-fpm worker, here the shutdown function): without the
 * release its record would block the key until lockTtlMs. */
require __DIR__ . '/compute_helpers.inc';

use TagCache\Backend\SharedMemoryBackend;
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
$c = $b = null;
register_shutdown_function(function () use (&$dir, &$c, &$b) {
    // another process: beta INF recomputes the hit only when it gets the lock at once
    $w = tc_compute_start(['backend' => 'shm', 'segment' => "$dir/seg", 'key' => 'k', 'count' => "$dir/count",
        'lifetime' => 60, 'beta' => 'INF', 'stats' => true,
        'options' => ['lockTimeoutMs' => 0, 'lockTtlMs' => 86400000]]);
    echo "child: ", tc_compute_finish($w), "\n";
    echo "recomputed here: ", $c->getOrCompute('k', fn() => 'new', [], 60, INF, ['lockTimeoutMs' => 0]), "\n";
    echo "lockTakeovers: ", $b->getStatistics()['lockTakeovers'], "\n";
});
$dir = tc_tmpdir('bailout-shm');
$b = new SharedMemoryBackend(['segment' => "$dir/seg", 'size' => 1 << 20]);
$c = new VariableFrontend('Compute', $b);
$c->set('k', 'old', [], 60);
$c->getOrCompute('k', fn() => new Bad, [], 60, INF, ['lockTtlMs' => 86400000]);
echo "not reached\n";
?>
--EXPECTF--
Fatal error: fatal in __serialize in %s on line %d
child: self
lockTakeovers: 0
recomputed here: new
lockTakeovers: 0
