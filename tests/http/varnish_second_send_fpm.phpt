--TEST--
VarnishClient under php-fpm: the second send pending at the end of a request goes out from a child of the worker (never of the master, which logs "unknown child" for it when it is a container's PID 1) that holds neither the FastCGI connection nor anything else of the worker; the request ends at once, the worker serves on and reaps the sender at the end of a later request
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
require __DIR__ . '/../fpm_helpers.inc';
tc_fpm_skipif();
if (PHP_ZTS) die('skip threaded builds send synchronously at destruction');
if (!is_dir('/proc/self/fd')) die('skip needs /proc');
?>
--FILE--
<?php
require __DIR__ . '/../fpm_helpers.inc';
require __DIR__ . '/../http_helpers.inc';

$proxy = tc_fake_proxy();
$fpm = tc_fpm_start(1);
$script = $fpm['dir'] . '/purge.php';
file_put_contents($script, '<?php
$c = new TagCache\Http\VarnishClient([$_GET["proxy"]], ["secondSendDelay" => (float)$_GET["delay"]]);
$c->invalidateTags([$_GET["tag"]])->flush();
echo "pending ", $c->getDelayedCount(), " in ", getmypid(), "\n";
');
$bans = fn() => array_map(fn($r) => tc_header($r, 'X-Cache-Tags'), ($proxy['requests'])());

$r = tc_fpm_request($fpm, $script, ['proxy' => $proxy['addr'], 'delay' => '3', 'tag' => 'fpm']);
echo $r['status'], ' ', preg_replace('/ in \d+/', '', $r['body']);
$worker = (int)preg_replace('/.* in (\d+)\s*$/s', '$1', $r['body']);
// answered before the second send (3 s later): the FastCGI connection was not kept open by it
echo 'bans when the answer ended: ', count($bans()), "\n";

// the sender: a copy of the worker (same title), the worker's own child
$stat = function (int $pid): array {
    // "pid (comm) state ppid ...": comm may hold blanks, so split after its last ')'
    $stat = (string)@file_get_contents("/proc/$pid/stat");
    $f = explode(' ', substr($stat, (int)strrpos($stat, ')') + 2));
    return count($f) > 1 ? ['state' => $f[0], 'ppid' => (int)$f[1]] : ['state' => '', 'ppid' => 0];
};
$sender = null;
foreach (glob('/proc/[0-9]*/status') as $f) {
    $pid = (int)basename(dirname($f));
    if ($pid !== $worker && $stat($pid)['ppid'] === $worker
        && str_contains((string)@file_get_contents("/proc/$pid/cmdline"), 'pool tagcache')) {
        $sender = $pid;
    }
}
if ($sender === null) {
    echo "sender not found among the worker's children\n";
} else {
    // The sender closes what it inherited right after the fork: seen too early, the listing
    // still holds the worker's descriptors, so poll (bounded) until it has only its own.
    for ($i = 0; $i < 100; $i++) {
        $fds = [];
        foreach (glob("/proc/$sender/fd/*") as $fd) {
            $fds[] = @readlink($fd);
        }
        if (count($fds) <= 3) {
            break;
        }
        usleep(20000);
    }
    echo 'sender fds: ', implode(' ', $fds), "\n";
}

// the worker goes on serving
$r = tc_fpm_request($fpm, $script, ['proxy' => $proxy['addr'], 'delay' => '0', 'tag' => 'next']);
echo $r['status'], ' ', preg_replace('/ in \d+/', '', $r['body']);
for ($deadline = microtime(true) + 30; count($bans()) < 3 && microtime(true) < $deadline;) {
    usleep(20000); // polling the proxy's log for the second send, bounded
}
echo implode(' ', $bans()), "\n";

// the sender ended; the worker reaps it at the end of its next request (which hands nothing off)
for ($deadline = microtime(true) + 30; $sender && $stat($sender)['state'] !== 'Z' && microtime(true) < $deadline;) {
    usleep(20000);
}
echo 'sender a zombie until then: ', var_export($sender && $stat($sender)['state'] === 'Z', true), "\n";
$r = tc_fpm_request($fpm, $script, ['proxy' => $proxy['addr'], 'delay' => '0', 'tag' => 'last']);
echo $r['status'], ' ', preg_replace('/ in \d+/', '', $r['body']);
echo 'sender reaped: ', var_export($sender && $stat($sender)['ppid'] !== $worker, true), "\n";
$zombies = 0;
foreach (glob('/proc/[0-9]*/stat') as $f) {
    $s = $stat((int)basename(dirname($f)));
    $zombies += $s['ppid'] === $worker && $s['state'] === 'Z';
}
echo "zombies of the worker: $zombies\n";
?>
--EXPECT--
200 pending 1
bans when the answer ended: 1
sender fds: /dev/null /dev/null /dev/null
200 pending 0
(^|,)(fpm)(,|$) (^|,)(next)(,|$) (^|,)(fpm)(,|$)
sender a zombie until then: true
200 pending 0
sender reaped: true
zombies of the worker: 0
