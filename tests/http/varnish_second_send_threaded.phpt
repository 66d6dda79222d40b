--TEST--
VarnishClient: a process with a second thread (one an extension started, here through FFI) is never forked for second sends (a lock held by that thread would hang the child): they are sent synchronously at destruction
--EXTENSIONS--
tagcache
ffi
--INI--
ffi.enable=1
--SKIPIF--
<?php
if (!is_dir('/proc/self/task')) die('skip needs /proc');
if (PHP_ZTS) die('skip threaded builds never fork (varnish_second_send_zts.phpt)');
try {
    FFI::cdef('void *dlsym(void *handle, const char *name);', 'libc.so.6');
} catch (Throwable $e) {
    die('skip needs glibc through FFI: ' . $e->getMessage());
}
?>
--FILE--
<?php
require __DIR__ . '/../http_helpers.inc';

/** pids of this process's children. */
function children(): array
{
    $out = [];
    foreach (glob('/proc/[0-9]*/stat') as $f) {
        $stat = (string)@file_get_contents($f);
        $fields = explode(' ', substr($stat, (int)strrpos($stat, ')') + 2));
        if (count($fields) > 1 && (int)$fields[1] === getmypid()) {
            $out[] = (int)basename(dirname($f));
        }
    }
    return $out;
}

$proxy = tc_fake_proxy();
$bans = fn() => count(($proxy['requests'])());

// a thread that waits in pause() until the process exits
$ffi = FFI::cdef('typedef unsigned long pthread_t;
    int pthread_create(pthread_t *t, void *attr, void *fn, void *arg);
    void *dlsym(void *handle, const char *name);', 'libc.so.6');
$thread = $ffi->new('pthread_t');
echo 'thread started: ', var_export($ffi->pthread_create(FFI::addr($thread), null, $ffi->dlsym(null, 'pause'), null) === 0, true), "\n";
echo 'threads: ', count(glob('/proc/self/task/*')), "\n";

$before = children();
$c = new TagCache\Http\VarnishClient([$proxy['addr']], ['secondSendDelay' => 0.3]);
$c->invalidateTags(['threaded'])->flush();
$c = null; // the hand-off: sends here, waiting until due
echo 'new children: ', count(array_diff(children(), $before)), "\n";
echo 'bans when the client is gone: ', $bans(), "\n";
?>
--EXPECT--
thread started: true
threads: 2
new children: 0
bans when the client is gone: 2
