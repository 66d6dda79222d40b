--TEST--
FileBackend write tickets when the cache directory is removed and recreated by another backend object between ticket and set, with a flush in between: the ticketed set is dropped and no stale value is readable after the flush; the backend that saw the tree go keeps no descriptor of the removed lock files, so its stripe locks exclude the flushers of the new tree
--EXTENSIONS--
tagcache
--SKIPIF--
<?php if (!is_dir('/proc/self/fd')) die('skip needs /proc/self/fd'); ?>
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;

/** Descriptors of this process open on lock files that have no name any more. */
function deleted_lock_fds(string $dir): int
{
    $n = 0;
    foreach (scandir('/proc/self/fd') as $fd) {
        $to = @readlink("/proc/self/fd/$fd");
        if ($to !== false && str_starts_with($to, "$dir/locks/") && str_ends_with($to, ' (deleted)')) {
            $n++;
        }
    }
    return $n;
}

$base = tc_tmpdir();
$setter = new VariableFrontend('C', new FileBackend(['cacheDirectory' => $base]));
$dir = rtrim($setter->getBackend()->getCacheDirectory(), '/');
$setter->set('page', 'v1', ['post']); // opens the stripe lock of 'page'

for ($round = 1; $round <= 2; $round++) {
    echo "-- round $round\n";
    tc_rmdir($dir);
    // another process (here: another backend object) rebuilds the cache
    $flusher = new VariableFrontend('C', new FileBackend(['cacheDirectory' => $base]));
    $flusher->set('other', 'o', ['other']);
    // round 1: the setter's ticket is the first use after the removal (it reopens the tree);
    // round 2: the ticket comes from the new epochs file through the setter's reopened tree
    var_dump($setter->get('page', $ticket), is_int($ticket));
    var_dump($flusher->flushByTag('post'));
    var_dump($setter->set('page', "stale $round", ['post'], null, $ticket));
    echo 'readable after the flush: ', var_export($flusher->get('page'), true), ' / ', var_export($setter->get('page'), true), "\n";
    echo 'descriptors on removed lock files: ', deleted_lock_fds($dir), "\n";
    $setter->get('page', $ticket);
    var_dump($setter->set('page', "fresh $round", ['post'], null, $ticket), $flusher->get('page'));
    echo 'descriptors on removed lock files: ', deleted_lock_fds($dir), "\n";
}
?>
--EXPECT--
-- round 1
bool(false)
bool(true)
int(0)
bool(false)
readable after the flush: false / false
descriptors on removed lock files: 0
bool(true)
string(7) "fresh 1"
descriptors on removed lock files: 0
-- round 2
bool(false)
bool(true)
int(0)
bool(false)
readable after the flush: false / false
descriptors on removed lock files: 0
bool(true)
string(7) "fresh 2"
descriptors on removed lock files: 0
