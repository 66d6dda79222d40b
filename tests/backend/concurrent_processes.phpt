--TEST--
FileBackend: two processes writing and reading the same keys never see a torn or foreign value
--EXTENSIONS--
tagcache
--SKIPIF--
<?php if (!function_exists('proc_open')) die('skip proc_open not available'); ?>
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';

$dir = tc_tmpdir();
$php = getenv('TEST_PHP_EXECUTABLE') ?: PHP_BINARY;
$extra = getenv('TEST_PHP_EXTRA_ARGS') ?: '';
if (!str_contains($extra, 'tagcache') && !extension_loaded('tagcache')) {
    die("cannot pass the extension to the children\n");
}
$children = [];
foreach (['A', 'B'] as $label) {
    $cmd = escapeshellarg($php) . ' ' . $extra . ' ' . escapeshellarg(__DIR__ . '/concurrent_processes_child.inc')
        . ' ' . escapeshellarg($dir) . ' 2 ' . $label;
    $proc = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $children[$label] = [$proc, $pipes];
}
foreach ($children as $label => [$proc, $pipes]) {
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    $status = proc_close($proc);
    echo trim($out), " exit=$status\n";
    if ($err !== '') {
        echo "stderr of $label: $err\n";
    }
}
?>
--EXPECT--
A ok active exit=0
B ok active exit=0
