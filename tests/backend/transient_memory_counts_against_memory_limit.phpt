--TEST--
TransientMemoryBackend: entries count in memory_get_usage(); exceeding memory_limit is PHP's fatal error, not a crash
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
if (!function_exists('proc_open')) die('skip proc_open not available');
if (getenv('USE_ZEND_ALLOC') === '0') die('skip memory_limit is not enforced without the Zend allocator (valgrind)');
?>
--FILE--
<?php
require __DIR__ . '/../reliability/reliability_helpers.inc';
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\StringFrontend;

$cache = new StringFrontend('mem', new TransientMemoryBackend());
$chunk = str_repeat('x', 1 << 20);
$base = memory_get_usage();
for ($i = 0; $i < 32; $i++) {
    // A string of its own each time: the backend keeps the caller's string, not a copy.
    $cache->set("e$i", $chunk . $i, ['t' . ($i % 4)]);
}
$grown = memory_get_usage() - $base;
echo "32 MB stored, memory_get_usage grew by at least 32 MB: ", var_export($grown >= 32 << 20, true), "\n";
$cache->flush();
echo "after flush, back within 1 MB: ", var_export(memory_get_usage() - $base < 1 << 20, true), "\n";

// A child with a 64 MB limit stores 1 MB entries until the limit stops it; a shutdown function
// then still uses the cache: the store stayed consistent.
$code = <<<'PHP'
$cache = new TagCache\Frontend\StringFrontend('mem', new TagCache\Backend\TransientMemoryBackend());
register_shutdown_function(function () use ($cache) {
    for ($n = 0; $n < 200 && $cache->has("e$n"); $n++);
    echo "shutdown: cache usable, ", $n > 10 ? "many" : "few", " entries, flushed ", $cache->flushByTag('t') === $n ? "all" : "not all", "\n";
});
$chunk = str_repeat('y', 1 << 20);
for ($i = 0; $i < 200; $i++) {
    $cache->set("e$i", $chunk . $i, ['t']);
}
echo "not reached\n";
PHP;
$script = tc_tmpdir('memlimit') . '/child.php';
file_put_contents($script, "<?php\n" . $code);
$proc = proc_open(tc_php_child() . ' -d memory_limit=64M -d display_errors=1 ' . escapeshellarg($script),
    [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$out = stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]);
$status = proc_close($proc);
echo "child exit status: $status\n";
echo preg_replace('/\(tried to allocate \d+ bytes\).*/', '(tried to allocate N bytes)', trim($out)), "\n";
?>
--EXPECTF--
32 MB stored, memory_get_usage grew by at least 32 MB: true
after flush, back within 1 MB: true
child exit status: 255
%AFatal error: Allowed memory size of 67108864 bytes exhausted%s(tried to allocate N bytes)
shutdown: cache usable, many entries, flushed all
