--TEST--
FileBackend: a damaged length field in an entry of 4 KiB or more (400000000, 9000000000000000000, SIZE_MAX-1), a symbolic link to /dev/zero or to a sound entry, a FIFO and a directory in place of an entry all read as a reported miss through get, has, getByTag and findIdentifiersByTag (no allocation of the claimed length, no heap overflow, no blocking open), and flushByTag removes them without touching what they point to
--EXTENSIONS--
tagcache
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\StringFrontend;

$dir = tc_tmpdir('read-corrupt-length');
$backend = new FileBackend(['cacheDirectory' => $dir]);
$cache = new StringFrontend('corrupt', $backend);
$warnings = [];
set_error_handler(function (int $no, string $msg) use (&$warnings) {
    $warnings[] = preg_match('/entry "([^"]+)" is corrupt \((.*)\) and reads as a miss/', $msg, $m) ? "$m[1]: $m[2]" : "OTHER: $msg";
    return true;
});

/** Reads id every way, printing what came back and the distinct warnings. */
function probe($cache, $backend, string $id, string $tag): void
{
    global $warnings;
    $warnings = [];
    $got = [var_export($cache->get($id), true), var_export($cache->has($id), true), json_encode($cache->getByTag($tag)),
        json_encode($backend->findIdentifiersByTag($tag))];
    echo "$id: ", implode(' ', $got), ' | ', count($warnings), ' warnings: ', implode('; ', array_unique($warnings)), "\n";
}

foreach (['400000000', '9000000000000000000', '18446744073709551614'] as $claimed) {
    $backend->remove('big');
    $cache->set('big', str_repeat('b', 5000), ['t'], 0);
    $file = tc_entry_file($backend, 'big');
    $bytes = file_get_contents($file);
    file_put_contents($file, str_replace(' 0 5000 t', " 0 $claimed t", $bytes));
    probe($cache, $backend, 'big', 't');
}

// An entry of exactly 4096 bytes whose length claims one byte more, and one claiming less.
$cache->set('edge', str_repeat('e', 4096 - 46), ['e'], 0);
$file = tc_entry_file($backend, 'edge');
echo 'edge file ', filesize($file), " bytes\n";
file_put_contents($file, str_replace(' 0 4050 e', ' 0 4051 e', file_get_contents($file)));
probe($cache, $backend, 'edge', 'e');

$cache->set('sound', 'still here', ['s'], 0);
$soundFile = tc_entry_file($backend, 'sound');
$backend->remove('big');
$backend->remove('edge');

// Special files where an entry belongs; the markers stay so their tag finds them.
foreach (['zero', 'link', 'fifo', 'dir'] as $id) {
    $cache->set($id, $id, ['x', "x$id"], 0);
}
unlink(tc_entry_file($backend, 'zero'));
symlink('/dev/zero', tc_entry_file($backend, 'zero'));
unlink(tc_entry_file($backend, 'link'));
symlink($soundFile, tc_entry_file($backend, 'link'));
unlink(tc_entry_file($backend, 'fifo'));
posix_mkfifo(tc_entry_file($backend, 'fifo'), 0600) or print("no fifo\n");
unlink(tc_entry_file($backend, 'dir'));
mkdir(tc_entry_file($backend, 'dir'));
foreach (['zero', 'link', 'fifo', 'dir'] as $id) {
    probe($cache, $backend, $id, "x$id");
}
// A directory is no file an unlink removes: flushByTag would say so (tested elsewhere).
rmdir(tc_entry_file($backend, 'dir'));
$warnings = [];
echo 'flushByTag removed ', $backend->flushByTag('x'), ', warnings: ', count($warnings), "\n";
echo 'sound entry file still there: ', var_export(is_file($soundFile), true), "\n";
clearstatcache();
foreach (['zero', 'link', 'fifo'] as $id) {
    echo "$id: ", var_export(file_exists(tc_entry_file($backend, $id)) || is_link(tc_entry_file($backend, $id)), true), "\n";
}
tc_rmdir($dir);
?>
--EXPECT--
big: false false [] [] | 4 warnings: big: payload length 400000000 does not match the file size 5051
big: false false [] [] | 4 warnings: big: payload length 9000000000000000000 does not match the file size 5061
big: false false [] [] | 4 warnings: big: payload length 18446744073709551614 does not match the file size 5062
edge file 4096 bytes
edge: false false [] [] | 4 warnings: edge: payload length 4051 does not match the file size 4096
zero: false false [] [] | 4 warnings: zero: it is a symbolic link
link: false false [] [] | 4 warnings: link: it is a symbolic link
fifo: false false [] [] | 4 warnings: fifo: header line is missing (empty file)
dir: false false [] [] | 4 warnings: dir: it is a directory
flushByTag removed 0, warnings: 3
sound entry file still there: true
zero: false
link: false
fifo: false
