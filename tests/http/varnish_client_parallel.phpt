--TEST--
VarnishClient: three slow proxies are purged in parallel (about the time of one), and 10,000 tags split into requests that all fit the header limit
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../http_helpers.inc';
use TagCache\Http\VarnishClient;

$slow = [tc_fake_proxy('slow:600'), tc_fake_proxy('slow:600'), tc_fake_proxy('slow:600')];
$client = new VarnishClient(array_map(fn($p) => $p['addr'], $slow), ['timeout' => 10]);
$client->invalidateTags(['p']);
$t = microtime(true);
$client->flush();
$elapsed = microtime(true) - $t;
var_dump($elapsed >= 0.55, $elapsed < 1.5);   // sequential would take 1.8 s

$p = tc_fake_proxy();
$many = new VarnishClient([$p['addr']], ['headerLength' => 7500]);
$tags = [];
for ($i = 0; $i < 10000; $i++) {
    $tags[] = "tag-$i";
}
$many->invalidateTags($tags);
$queued = $many->getQueueSize();
var_dump($many->flush() === $queued, $queued > 1);
usleep(300000);
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
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
