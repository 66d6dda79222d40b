--TEST--
MemcachedBackend across fork: a child that exits leaves the parent's connection working; parent and child reading at once each get their own values, never the other's replies
--EXTENSIONS--
tagcache
pcntl
posix
--SKIPIF--
<?php require __DIR__ . '/memcached_helpers.inc'; tc_memcached_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/memcached_helpers.inc';
use TagCache\Backend\MemcachedBackend;
use TagCache\Frontend\StringFrontend;

$srv = tc_memcached_start();
$cache = new StringFrontend('Fork', new MemcachedBackend(['servers' => [$srv['address']]]));
for ($i = 0; $i < 50; $i++) {
    $cache->set("p$i", "parent $i", ['t']);
    $cache->set("c$i", "child $i", ['t']);
}

echo "== a child that exits without using the cache\n";
$pid = pcntl_fork();
if ($pid === 0) {
    // the backend is destroyed here: it must not close the parent's connection; then gone
    // without shutdown functions (the server and its folder belong to the parent)
    unset($cache);
    posix_kill(getmypid(), SIGKILL);
}
pcntl_waitpid($pid, $status);
var_dump($cache->get('p1'));
$cache->set('after', 'x');
var_dump($cache->get('after'));

echo "== parent and child reading at once\n";
[$mine, $theirs] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$pid = pcntl_fork();
if ($pid === 0) {
    $bad = 0;
    try {
        for ($r = 0; $r < 40; $r++) {
            for ($i = 0; $i < 50; $i++) {
                $bad += $cache->get("c$i") !== "child $i";
            }
        }
    } catch (Throwable $e) {
        $bad = 'error: ' . $e->getMessage();
    }
    fwrite($theirs, (string)$bad);
    unset($cache);
    posix_kill(getmypid(), SIGKILL);
}
$bad = 0;
try {
    for ($r = 0; $r < 40; $r++) {
        for ($i = 0; $i < 50; $i++) {
            $bad += $cache->get("p$i") !== "parent $i";
        }
    }
} catch (Throwable $e) {
    $bad = 'error: ' . $e->getMessage();
}
pcntl_waitpid($pid, $status);
fclose($theirs);
echo "parent wrong reads: $bad\n";
echo 'child wrong reads: ', stream_get_contents($mine), "\n";
var_dump($cache->get('p2'), $cache->flushByTag('t'), $cache->get('p2'));
tc_memcached_stop($srv);
?>
--EXPECT--
== a child that exits without using the cache
string(8) "parent 1"
string(1) "x"
== parent and child reading at once
parent wrong reads: 0
child wrong reads: 0
string(8) "parent 2"
int(100)
bool(false)
