--TEST--
RedisBackend: the set script refuses a server older than Redis 7.0 (no redis.REDIS_VERSION_NUM, or one below 0x070000) before it writes anything, and the refusal is a BackendException naming the server and its version, inline and staged
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../redis_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\StringFrontend;

// Only Redis 7 is installed. Part 1 runs the backend's own set script (as the backend sent it,
// captured by a logging proxy) on the real server with redis.REDIS_VERSION_NUM shadowed by a
// local table, as an older server would present it, and checks nothing was written.
$srv = tc_redis_start();
$dir = tc_tmpdir();
$pport = tc_free_port();
$proxy = proc_open([PHP_BINARY, '-n', __DIR__ . '/../helpers/counting_proxy.php', (string)$pport,
    (string)$srv['port'], "$dir/count", "$dir/log"],
    [['file', '/dev/null', 'r'], ['file', '/dev/null', 'w'], ['file', '/dev/null', 'w']], $pipes);
for ($deadline = microtime(true) + 20; microtime(true) < $deadline && !@stream_socket_client("tcp://127.0.0.1:$pport", $en, $es, 0.5);) {
    usleep(20000);
}
$cache = new StringFrontend('Old', new RedisBackend(['port' => $pport]));
$cache->set('a', 'v', ['t1', 't2'], 3600);  // a fresh server: NOSCRIPT, then EVAL with the source
proc_terminate($proxy, 9);
proc_close($proxy);
$eval = null;
foreach (file("$dir/log") as $line) {
    $args = array_map('base64_decode', json_decode($line, true));
    if (strtoupper($args[0]) === 'EVAL') {
        $eval = $args;
    }
}
if (!$eval) {
    exit("no EVAL of the set script was sent\n");
}
function shadowed(string $num, string $version): string
{
    return "local real_redis = redis\n"
        . "local redis = setmetatable({}, {__index = function(_, k)\n"
        . "  if k == 'REDIS_VERSION_NUM' then return $num end\n"
        . "  if k == 'REDIS_VERSION' then return $version end\n"
        . "  return real_redis[k]\nend})\n";
}
foreach (['no REDIS_VERSION_NUM (Redis 6 and older)' => shadowed('nil', 'nil'),
          'REDIS_VERSION_NUM of 6.2.14' => shadowed('0x06020e', "'6.2.14'"),
          'the real Redis 7' => ''] as $label => $prefix) {
    tc_redis_cmd($srv, 'FLUSHALL');
    $args = $eval;
    $args[1] = $prefix . $args[1];
    try {
        $r = tc_redis_cmd($srv, ...$args);
    } catch (Throwable $e) {
        $r = $e->getMessage();
    }
    printf("%s: %s; keys written: %d\n", $label, is_string($r) ? $r : var_export($r, true), tc_redis_cmd($srv, 'DBSIZE'));
}

// Part 2: the reply an old server gives, from a stand-in that answers every script with it and
// INFO with a 6.2 version: the backend raises BackendException naming server and version.
file_put_contents("$dir/fake.php", <<<'PHP'
<?php
$srv = stream_socket_server('tcp://127.0.0.1:' . $argv[1]);
$deadline = time() + 120;
while (time() < $deadline && ($c = @stream_socket_accept($srv, 5))) {
    $queued = null;
    while (($line = fgets($c)) !== false) {
        $args = [];
        for ($i = 0, $n = (int)substr($line, 1); $i < $n; $i++) {
            $len = (int)substr(fgets($c), 1);
            $args[] = $len ? stream_get_contents($c, $len) : '';
            fgets($c);
        }
        $cmd = strtoupper($args[0] ?? '');
        $reply = match (true) {
            str_starts_with($cmd, 'EVAL') => "-TAGCACHE_NEEDS_7 ?\r\n",
            $cmd === 'INFO' => '$' . strlen($info = "# Server\r\nredis_version:6.2.14\r\n") . "\r\n$info\r\n",
            $cmd === 'HSET' || $cmd === 'DEL' => ":1\r\n",
            default => "+OK\r\n",
        };
        if ($cmd === 'MULTI') {
            $queued = [];
        } elseif ($cmd === 'EXEC') {
            $reply = '*' . count($queued) . "\r\n" . implode('', $queued);
            $queued = null;
        } elseif ($queued !== null) {
            $queued[] = $reply;
            $reply = "+QUEUED\r\n";
        }
        fwrite($c, $reply);
    }
    fclose($c);
}
PHP);
$fport = tc_free_port();
$fake = proc_open([PHP_BINARY, '-n', "$dir/fake.php", (string)$fport],
    [['file', '/dev/null', 'r'], ['file', '/dev/null', 'w'], ['file', '/dev/null', 'w']], $pipes);
for ($deadline = microtime(true) + 20; microtime(true) < $deadline && !($probe = @stream_socket_client("tcp://127.0.0.1:$fport", $en, $es, 0.5));) {
    usleep(20000);
}
fclose($probe); // the stand-in serves one connection at a time: free it for the backend
$old = new StringFrontend('Old', new RedisBackend(['port' => $fport]));
foreach (['inline' => 'v', 'staged' => str_repeat('x', 200000)] as $path => $v) {
    try {
        $old->set('a', $v, ['t1']);
        echo "$path: stored\n";
    } catch (TagCache\BackendException $e) {
        echo "$path: ", get_class($e), ': ', str_replace((string)$fport, 'PORT', $e->getMessage()), "\n";
    }
}
proc_terminate($fake, 9);
proc_close($fake);
?>
--EXPECT--
no REDIS_VERSION_NUM (Redis 6 and older): -TAGCACHE_NEEDS_7 ?; keys written: 0
REDIS_VERSION_NUM of 6.2.14: -TAGCACHE_NEEDS_7 6.2.14; keys written: 0
the real Redis 7: 1; keys written: 3
inline: TagCache\BackendException: Redis at 127.0.0.1:PORT: RedisBackend needs Redis 7.0 or later (this server is 6.2.14)
staged: TagCache\BackendException: Redis at 127.0.0.1:PORT: RedisBackend needs Redis 7.0 or later (this server is 6.2.14)
