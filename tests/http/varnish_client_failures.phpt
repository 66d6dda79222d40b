--TEST--
VarnishClient / Purger: one dead or failing proxy never stops the others; every failure is reported with its kind; failed requests can be kept for the next flush
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../http_helpers.inc';
use TagCache\Http\{Purger, VarnishClient};

$good = tc_fake_proxy();
$bad = tc_fake_proxy('400');
$junk = tc_fake_proxy('garbage');
$hang = tc_fake_proxy('hang');
$dead = '127.0.0.1:' . tc_http_free_port();

$client = new VarnishClient([$good['addr'], $bad['addr'], $junk['addr'], $hang['addr'], $dead], ['secondSendDelay' => 0, 'timeout' => 1.0, 'connectTimeout' => 0.5]);
$client->invalidateTags(['t1']);
try {
    $client->flush();
    echo "no exception\n";
} catch (TagCache\Http\PurgeException $e) {
    echo get_class($e), "\n";
    $kinds = [];
    foreach ($e->getFailures() as $f) {
        $kinds[] = str_replace([$bad['addr'], $junk['addr'], $hang['addr'], $dead], ['BAD', 'JUNK', 'HANG', 'DEAD'], $f['proxy']) . '=' . $f['kind'] . ($f['status'] ? ":$f[status]" : '');
    }
    sort($kinds);
    echo implode(' ', $kinds), "\n";
    var_dump(str_contains($e->getMessage(), '1 of 1 invalidation requests failed'));
}
var_dump(count(($good['requests'])()));    // the good proxy got its request anyway
var_dump($client->getQueueSize());          // dropped by default

// keepFailed: the failed request stays queued and goes again on the next flush
$retry = new VarnishClient([$good['addr'], $dead], ['secondSendDelay' => 0, 'connectTimeout' => 0.5]);
$purger = new Purger($retry, null, ['keepFailed' => true]);
$purger->purgeTags(['again']);
for ($i = 1; $i <= 2; $i++) {
    try {
        $purger->flush();
    } catch (TagCache\Http\PurgeException $e) {
        echo "attempt $i failed, queued: ", $retry->getQueueSize(), "\n";
    }
}
$again = array_filter(($good['requests'])(), fn($r) => str_contains((string)tc_header($r, 'X-Cache-Tags'), 'again'));
var_dump(count($again));
?>
--EXPECT--
TagCache\Http\PurgeException
BAD=bad_response:400 DEAD=unreachable HANG=timeout JUNK=bad_response
bool(true)
int(1)
int(0)
attempt 1 failed, queued: 1
attempt 2 failed, queued: 1
int(2)
