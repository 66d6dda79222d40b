--TEST--
FileBackend write-ticket epochs under mount faults (a private mount namespace): on a nearly full file system (filled before the backend is constructed) the epochs file is allocated whole before use, so ticket() and the bump of a flush throw naming the file and "No space left on device" (never SIGBUS), and work once space is back; a read-only cache folder can be constructed and read, while ticket() and flushes throw naming the epochs file
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

$child = tc_php_child() . ' ' . escapeshellarg(__DIR__ . '/epochs_mounts_child.inc');

echo "-- nearly full file system\n";
$dir = tc_fault_dir('epochs-full');
mkdir("$dir/C", 0700);
$cdir = escapeshellarg("$dir/C");
[$out, $rc] = tc_in_mount_ns("\"\$TC_MOUNT\" -t tmpfs -o size=512k,mode=0700 tmpfs $cdir && $child full " . escapeshellarg($dir));
echo $out, "\nstatus $rc\n";

echo "-- read-only cache folder\n";
$dir = tc_fault_dir('epochs-ro');
$c = new VariableFrontend('C', new FileBackend(['cacheDirectory' => $dir]));
$c->set('a', 'x', ['tag1']);
$c->ticket();
$d = new VariableFrontend('D', new FileBackend(['cacheDirectory' => $dir]));
$d->set('a', 'x', ['tag1']);
unlink("$dir/D/epochs"); // as a cache written before write tickets existed
var_dump(is_file("$dir/C/epochs"), is_file("$dir/D/epochs"));
$qdir = escapeshellarg($dir);
[$out, $rc] = tc_in_mount_ns("\"\$TC_MOUNT\" --bind $qdir $qdir && \"\$TC_MOUNT\" -o remount,bind,ro $qdir && $child ro " . escapeshellarg($dir));
echo $out, "\nstatus $rc\n";
?>
--EXPECT--
-- nearly full file system
ticket: TagCache\BackendException: cannot allocate the 65560 bytes of DIR/C/epochs: No space left on device
flushByTags: TagCache\BackendException: cannot allocate the 65560 bytes of DIR/C/epochs: No space left on device
get: false
epochs file: false, tmp/ empty: true
ticket is an int after the space came back: true
flushByTags: 0
ticketed set: true
get: 'y'
flushByTag: 1
status 0
-- read-only cache folder
bool(true)
bool(false)
cache C (epochs file made before)
construct: true
get: 'x'
has: true
getByTag: array (
  'a' => 'x',
)
ticket: TagCache\BackendException: cannot open DIR/C/epochs: Read-only file system
get with a ticket on a miss: TagCache\BackendException: cannot open DIR/C/epochs: Read-only file system
flushByTag: TagCache\BackendException: cannot open DIR/C/epochs: Read-only file system
flush: TagCache\BackendException: cannot open DIR/C/epochs: Read-only file system
still readable: 'x'
cache D (no epochs file)
construct: true
get: 'x'
has: true
getByTag: array (
  'a' => 'x',
)
ticket: TagCache\BackendException: cannot create DIR/D/epochs (its temporary file tmp/epochs.PID.N): Read-only file system
get with a ticket on a miss: TagCache\BackendException: cannot create DIR/D/epochs (its temporary file tmp/epochs.PID.N): Read-only file system
flushByTag: TagCache\BackendException: cannot create DIR/D/epochs (its temporary file tmp/epochs.PID.N): Read-only file system
flush: TagCache\BackendException: cannot create DIR/D/epochs (its temporary file tmp/epochs.PID.N): Read-only file system
still readable: 'x'
status 0
