--TEST--
VarnishClient in a threaded (ZTS) build: second sends pending at the end are sent synchronously before the process exits
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
if (!PHP_ZTS) die('skip only threaded builds send synchronously (varnish_second_send_detached.phpt covers the others)');
if (!function_exists('proc_open')) die('skip proc_open not available');
?>
--FILE--
<?php
require __DIR__ . '/../http_helpers.inc';

$dir = tc_tmpdir('zts');
$p = tc_fake_proxy();
$php = getenv('TEST_PHP_EXECUTABLE') ?: PHP_BINARY;
$extra = getenv('TEST_PHP_EXTRA_ARGS') ?: '';
$code = '$c = new TagCache\Http\VarnishClient([$argv[1]], ["secondSendDelay" => 0.3]);'
    . ' $c->invalidateTags(["z"])->flush(); echo "pending ", $c->getDelayedCount(), "\n";';
echo shell_exec(escapeshellarg($php) . " $extra -r " . escapeshellarg($code) . ' ' . escapeshellarg($p['addr']));
// the process has exited: both sends were made before it did
echo count(($p['requests'])()), "\n";
?>
--EXPECT--
pending 1
2
