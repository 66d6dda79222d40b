--TEST--
SharedMemoryBackend: phpinfo() shows the counters of this user's default segment (or that it does not exist yet) and the backend's options
--EXTENSIONS--
tagcache
--FILE--
<?php
ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();
preg_match('/^SharedMemoryBackend default segment => (.*)$/m', $info, $m);
$uid = posix_geteuid();
echo preg_match("#^/dev/shm/tagcache-$uid-default: (not created|\\d+ entries, \\d+ bytes used, \\d+ free, \\d+ hits, \\d+ misses, \\d+ evictions, \\d+ lock waits)$#", $m[1] ?? '') ? "row ok\n" : "row: " . ($m[1] ?? 'missing') . "\n";
preg_match('/^SharedMemoryBackend options => (.*)$/m', $info, $m);
echo $m[1], "\n";
?>
--EXPECT--
row ok
segment (a file path; default "/dev/shm/tagcache-<uid>-<applicationIdentifier>"), size (an integer from 1048576 to 1099511627776 (bytes, fixed when the segment is created); default 33554432), defaultLifetime (an integer >= 0 (seconds, 0 = unlimited); default 3600), applicationIdentifier (a non-empty string without NUL bytes; default "default")
