--TEST--
FileBackend under mount faults (a private mount namespace): a read-only data/ makes flushByTag, remove and flush throw naming each entry with "Read-only file system" and count nothing, and after a read-write remount the same flush finishes; on a full file system a refused set leaves nothing behind, and flushByTag still counts exactly what was stored
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/fault_helpers.inc'; if ($why = tc_mount_ns_unsupported()) die("skip $why"); ?>
--FILE--
<?php
require __DIR__ . '/fault_helpers.inc';
require __DIR__ . '/reliability_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;

$child = tc_php_child() . ' ' . escapeshellarg(__DIR__ . '/mount_faults_child.inc');

echo "-- read-only data/\n";
$dir = tc_fault_dir('mount-ro');
$c = new VariableFrontend('C', new FileBackend(['cacheDirectory' => $dir]));
for ($i = 0; $i < 5; $i++) {
    $c->set("post-$i", $i, ['post']);
}
$c->set('keep', 'k', ['other']);
$data = escapeshellarg("$dir/C/data");
[$out, $rc] = tc_in_mount_ns("\"\$TC_MOUNT\" --bind $data $data && \"\$TC_MOUNT\" -o remount,bind,ro $data && $child ro " . escapeshellarg($dir));
echo $out, "\nstatus $rc\n";
// outside the namespace nothing was ever mounted: what the child flushed is gone here too
var_dump($c->get('post-1'), $c->getByTag('post'), $c->get('keep'));

echo "-- full file system\n";
$dir = tc_fault_dir('mount-full');
mkdir("$dir/C", 0700);
$cdir = escapeshellarg("$dir/C");
[$out, $rc] = tc_in_mount_ns("\"\$TC_MOUNT\" -t tmpfs -o size=512k,mode=0700 tmpfs $cdir && $child full " . escapeshellarg($dir));
echo $out, "\nstatus $rc\n";
?>
--EXPECT--
-- read-only data/
flushByTag: TagCache\BackendException: flushByTag could not remove 5 of 5 entries of cache in DIR/C: ID (data/ID.php: Read-only file system), ID (data/ID.php: Read-only file system), ID (data/ID.php: Read-only file system), and 2 more
readable 10, by tag 5
remove: TagCache\BackendException: remove could not remove 1 of 1 entry of cache in DIR/C: post-0 (data/post-0.php: Read-only file system)
flush: TagCache\BackendException: flush could not remove 6 of 6 entries of cache in DIR/C: ID (data/ID.php: Read-only file system), ID (data/ID.php: Read-only file system), ID (data/ID.php: Read-only file system), and 3 more
readable 10, by tag 5
remount rw: 0
flushByTag after repair: 5
readable 0, by tag 0
keep survives: 'k'
status 0
bool(false)
array(0) {
}
string(1) "k"
-- full file system
full after some sets: cannot write entry post-N to DIR/C/tmp/TMP: No space left on device
the refused entry is absent: false
tmp/ is empty: true
flushByTag counted exactly the stored entries: true
readable 0, by tag 0
collectGarbage: NULL
markers left: 0
set after the space came back: true
get: 'small'
status 0
