--TEST--
VarnishClient / Purger faults not covered by varnish_client_failures.phpt: proxies answering 500 / 503, slow within and beyond the timeout; with keepFailed no invalidation is lost while a proxy is down, then answering 500, then restarted on the same port: the next flush delivers every kept request
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../http_helpers.inc';
use TagCache\Http\{Purger, PurgeException, VarnishClient};

/** A fake proxy on a given port (so it can come back on the same one); returns [proc, log]. */
function proxy_on(int $port, string $mode, string $log): mixed
{
    $proc = proc_open([PHP_BINARY, '-n', __DIR__ . '/../helpers/fake_proxy.php', (string)$port, $log, $mode],
        [['file', '/dev/null', 'r'], ['file', '/dev/null', 'w'], ['file', '/dev/null', 'w']], $pipes);
    for ($deadline = microtime(true) + 10; microtime(true) < $deadline; usleep(20000)) {
        if ($probe = @stream_socket_client("tcp://127.0.0.1:$port", $e, $s, 0.5)) {
            fclose($probe);
            break;
        }
    }
    return $proc;   // the probe logs a request without a method, which tags_of() skips
}

function stop($proc): void
{
    proc_terminate($proc, 9);
    proc_close($proc);
}

function tags_of(string $log): array
{
    $tags = [];
    foreach (file($log, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $line) {
        $r = json_decode($line, true);
        if ($r['method'] !== '' && preg_match('/\(\^\|,\)\((.*)\)\(,\|\$\)/', (string)tc_header($r, 'X-Cache-Tags'), $m)) {
            array_push($tags, ...explode('|', $m[1]));
        }
    }
    sort($tags);
    return $tags;
}

function flush_report(string $what, callable $flush): void
{
    try {
        $sent = $flush();
        echo "$what: sent $sent\n";
    } catch (PurgeException $e) {
        $kinds = array_map(fn($f) => $f['kind'] . ($f['status'] ? ":$f[status]" : ''), $e->getFailures());
        sort($kinds);
        echo "$what: PurgeException ", implode(' ', $kinds), "\n";
    }
}

$dir = tc_tmpdir('http');
echo "-- 5xx and slow proxies beside a good one\n";
$good = tc_fake_proxy();
$e500 = tc_fake_proxy('500');
$e503 = tc_fake_proxy('503');
$slowOk = tc_fake_proxy('slow:200');
$slowBad = tc_fake_proxy('slow:4000');
$client = new VarnishClient([$good['addr'], $e500['addr'], $e503['addr'], $slowOk['addr'], $slowBad['addr']], ['secondSendDelay' => 0, 'timeout' => 1.0, 'connectTimeout' => 0.5]);
$client->invalidateTags(['x1']);
flush_report('flush', fn() => $client->flush());   // a proxy logs a request before answering
foreach (['good' => $good, '500' => $e500, '503' => $e503, 'slow:200' => $slowOk] as $name => $p) {
    echo "$name got ", count(($p['requests'])()), "\n";
}

echo "-- keepFailed across down / 500 / restart on the same port\n";
$port = tc_http_free_port();
$log1 = "$dir/first.jsonl";
$log2 = "$dir/second.jsonl";
$purger = new Purger($retry = new VarnishClient(["127.0.0.1:$port"], ['secondSendDelay' => 0, 'timeout' => 1.0, 'connectTimeout' => 0.5]), null, ['keepFailed' => true]);
$purger->purgeTags(['down1', 'down2']);
flush_report('proxy down', fn() => $purger->flush());
echo "queued: ", $retry->getQueueSize(), "\n";
$proc = proxy_on($port, '500', $log1);
$purger->purgeTags(['while500']);
flush_report('proxy answers 500', fn() => $purger->flush());
echo "queued: ", $retry->getQueueSize(), "\n";
echo "500 proxy saw: ", implode(' ', tags_of($log1)), "\n";
stop($proc);
$proc = proxy_on($port, '200', $log2);
$purger->purgeTags(['after']);
flush_report('proxy back', fn() => $purger->flush());
echo "queued: ", $retry->getQueueSize(), "\n";
echo "restarted proxy got: ", implode(' ', tags_of($log2)), "\n";
flush_report('nothing left', fn() => $purger->flush());
stop($proc);
?>
--EXPECT--
-- 5xx and slow proxies beside a good one
flush: PurgeException bad_response:500 bad_response:503 timeout
good got 1
500 got 1
503 got 1
slow:200 got 1
-- keepFailed across down / 500 / restart on the same port
proxy down: PurgeException unreachable
queued: 1
proxy answers 500: PurgeException bad_response:500 bad_response:500
queued: 2
500 proxy saw: down1 down2 while500
proxy back: sent 3
queued: 0
restarted proxy got: after down1 down2 while500
nothing left: sent 0
