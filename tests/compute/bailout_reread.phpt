--TEST--
getOrCompute: a fatal error in the re-read after taking the lock (a subclass's get()) releases the lock before shutdown functions run
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';

use TagCache\Backend\SharedMemoryBackend;
use TagCache\Frontend\VariableFrontend;

class FailingSecondRead extends VariableFrontend
{
    public int $reads = 0;

    public function get(string $entryIdentifier, &$ticket = null): mixed
    {
        if (++$this->reads === 2) { // the re-read getOrCompute does once it holds the lock
            trigger_error('fatal in get', E_USER_ERROR);
        }
        return parent::get($entryIdentifier, $ticket);
    }
}

$dir = null;
$c = null;
register_shutdown_function(function () use (&$dir, &$c) {
    $c->set('k', 'old', [], 60);
    // INF recomputes a hit only when the lock is free at once; a held lock returns the hit
    echo "recomputed: ", $c->getOrCompute('k', fn() => 'new', [], 60, INF, ['lockTimeoutMs' => 0]), "\n";
});
$dir = tc_tmpdir('bailout-reread');
$c = new FailingSecondRead('Compute', new SharedMemoryBackend(['segment' => "$dir/seg", 'size' => 1 << 20]));
$c->getOrCompute('k', fn() => 'never', [], 60, null, ['lockTtlMs' => 86400000]);
echo "not reached\n";
?>
--EXPECTF--
Fatal error: fatal in get in %s on line %d
recomputed: new
