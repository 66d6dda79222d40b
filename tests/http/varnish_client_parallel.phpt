--TEST--
VarnishClient: three proxies are purged in parallel (each answers only once all three requests are open at once), and 10,000 tags split into requests that all fit the header limit
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../http_helpers.inc';
use TagCache\Http\VarnishClient;

// A barrier proves parallelism without a clock: each proxy answers 200 only once all three
// requests have arrived, so a client that waited for one answer before sending the next would
// get "504 Barrier Not Reached" from the first proxy instead.
$barrier = tc_tmpdir('barrier');
$proxies = [tc_fake_proxy("barrier:$barrier:3"), tc_fake_proxy("barrier:$barrier:3"), tc_fake_proxy("barrier:$barrier:3")];
$client = new VarnishClient(array_map(fn($p) => $p['addr'], $proxies), ['secondSendDelay' => 0, 'timeout' => 30]);
$client->invalidateTags(['p']);
var_dump($client->flush());
var_dump(count(glob("$barrier/*")));

// The same barrier with maxConnections 1 can never be met (so waiting 1 s for it decides
// nothing by timing): the limit is honoured.
$barrier1 = tc_tmpdir('barrier');
$one = array_map(fn() => tc_fake_proxy("barrier:$barrier1:2:1"), [1, 2]);
$serial = new VarnishClient(array_map(fn($p) => $p['addr'], $one), ['secondSendDelay' => 0, 'timeout' => 30, 'maxConnections' => 1]);
try {
    $serial->invalidateTags(['p'])->flush();
    echo "no exception\n";
} catch (TagCache\Http\PurgeException $e) {
    echo implode(' ', array_map(fn($f) => "{$f['kind']}:{$f['status']}", $e->getFailures())), "\n";
}

$p = tc_fake_proxy();
$many = new VarnishClient([$p['addr']], ['secondSendDelay' => 0, 'headerLength' => 7500]);
$tags = [];
for ($i = 0; $i < 10000; $i++) {
    $tags[] = "tag-$i";
}
$many->invalidateTags($tags);
$queued = $many->getQueueSize();
var_dump($many->flush() === $queued, $queued > 1);
$received = [];
$fits = true;
foreach (($p['requests'])() as $r) {
    $value = tc_header($r, 'X-Cache-Tags');
    $fits = $fits && strlen("X-Cache-Tags: $value") <= 7500;
    preg_match('/^\(\^\|,\)\((.*)\)\(,\|\$\)$/', $value, $m);
    foreach (explode('|', $m[1]) as $tag) {
        $received[] = stripslashes($tag);
    }
}
sort($received);
sort($tags);
var_dump($fits, $received === $tags, count(($p['requests'])()) === $queued);
?>
--EXPECT--
int(1)
int(3)
bad_response:504
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
