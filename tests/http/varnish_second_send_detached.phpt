--TEST--
VarnishClient: second sends still pending when the PHP process ends are sent by a detached process that holds none of its descriptors and logs failures to error_log
--EXTENSIONS--
tagcache
--INI--
pcre.jit=0
--SKIPIF--
<?php
if (!function_exists('proc_open')) die('skip proc_open not available');
if (!is_dir('/proc/self/fd')) die('skip needs /proc');
if (PHP_ZTS) die('skip threaded builds do not fork: they send synchronously at destruction (varnish_second_send_zts.phpt)');
?>
--FILE--
<?php
require __DIR__ . '/../http_helpers.inc';

$dir = tc_tmpdir('detached');
$ok = tc_fake_proxy();
$bad = tc_fake_proxy('seq:200,503');
$script = "$dir/purge-" . bin2hex(random_bytes(4)) . '.php';
file_put_contents($script, '<?php
$a = new TagCache\Http\VarnishClient([$argv[1]], ["secondSendDelay" => 3.0]);
$a->invalidateTags(["gone"])->flush();
$b = new TagCache\Http\VarnishClient([$argv[2]], ["secondSendDelay" => 0.2]);
$b->invalidateTags(["fails"])->flush();
echo "child pending ", $a->getDelayedCount() + $b->getDelayedCount(), "\n";
');
$php = getenv('TEST_PHP_EXECUTABLE') ?: PHP_BINARY;
$extra = getenv('TEST_PHP_EXTRA_ARGS') ?: '';
if (!str_contains($extra, 'tagcache') && !extension_loaded('tagcache')) {
    die("cannot pass the extension to the child\n");
}
$cmd = escapeshellarg($php) . ' ' . $extra . ' -d error_log=' . escapeshellarg("$dir/error.log") . ' '
    . escapeshellarg($script) . ' ' . escapeshellarg($ok['addr']) . ' ' . escapeshellarg($bad['addr']);
// fd 3 stands for what a php-fpm worker holds (its FastCGI socket): the sender must not keep it
$proc = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w'], 3 => ['pipe', 'w']], $pipes);
// each read returns at EOF: had the detached sender kept a pipe, it would block until it ends
echo stream_get_contents($pipes[1]);
echo 'stderr: ', stream_get_contents($pipes[2]), "|\n";
echo 'fd 3: ', stream_get_contents($pipes[3]), "|\n";
echo 'exit ', proc_close($proc), "\n";

// The sender of $a sleeps 3 s: it is still there, a process of the same command line.
$sender = null;
foreach (glob('/proc/[0-9]*/cmdline') as $f) {
    if (str_contains((string)@file_get_contents($f), basename($script))) {
        $sender = (int)basename(dirname($f));
    }
}
if ($sender === null) {
    echo "sender already gone\n";
} else {
    $fds = [];
    foreach (glob("/proc/$sender/fd/*") as $fd) {
        if ((int)basename($fd) < 1024) { // valgrind (run-tests -m) keeps its own at the top
            $fds[basename($fd)] = @readlink($fd);
        }
    }
    ksort($fds);
    echo 'sender fds: ', json_encode($fds), "\n";
    echo 'sender parent is this test: ', var_export(str_contains((string)@file_get_contents("/proc/$sender/status"), "PPid:\t" . getmypid() . "\n"), true), "\n";
}

$bans = fn(array $p) => count(($p['requests'])());
var_dump(tc_varnish_poll_until(fn() => $bans($ok) === 2));
echo implode(' ', array_map(fn($r) => tc_header($r, 'X-Cache-Tags'), ($ok['requests'])())), "\n";
var_dump(tc_varnish_poll_until(fn() => str_contains((string)@file_get_contents("$dir/error.log"), 'giving up')));
echo preg_replace(['/^\[[^]]+\]/m', '/127\.0\.0\.1:\d+/'], ['[DATE]', 'PROXY'], file_get_contents("$dir/error.log"));
echo 'requests to the failing proxy: ', $bans($bad), "\n";

function tc_varnish_poll_until(callable $cond): bool
{
    for ($deadline = microtime(true) + 30; !$cond() && microtime(true) < $deadline;) {
        usleep(20000);
    }
    return $cond();
}
?>
--EXPECT--
child pending 2
stderr: |
fd 3: |
exit 0
sender fds: ["\/dev\/null","\/dev\/null","\/dev\/null"]
sender parent is this test: false
bool(true)
(^|,)(gone)(,|$) (^|,)(gone)(,|$)
bool(true)
[DATE] tagcache: second send of BAN / X-Cache-Tags: (^|,)(fails)(,|$) on PROXY failed: HTTP 503 Bad Request (attempt 1, will retry)
[DATE] tagcache: second send of BAN / X-Cache-Tags: (^|,)(fails)(,|$) on PROXY failed: HTTP 503 Bad Request (attempt 2, will retry)
[DATE] tagcache: second send of BAN / X-Cache-Tags: (^|,)(fails)(,|$) on PROXY failed: HTTP 503 Bad Request (attempt 3, giving up)
requests to the failing proxy: 4
