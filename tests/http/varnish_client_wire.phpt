--TEST--
VarnishClient: the requests on the wire for tags (ban and xkey), locations, bans, path bans, PURGE and refresh, sent to every proxy
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../http_helpers.inc';
use TagCache\Http\VarnishClient;

$a = tc_fake_proxy();
$b = tc_fake_proxy();
$client = new VarnishClient([$a['addr'], 'http://' . $b['addr'] . '/'], ['secondSendDelay' => 0, 'host' => 'www.example.test']);
$client->invalidateTags(['post-1', 'a.b*', 'post-1'])
       ->invalidateLocations([12, 'x-9'])
       ->ban(['X-Foo' => 'bar'])
       ->banPath('^/blog/', 'text/html', ['example.test'])
       ->purge('/page?x=1')
       ->refresh('http://other.test/news');
var_dump($client->getQueueSize());
$bytes = $client->getQueuedBytes();
var_dump($client->flush(), $client->getQueueSize());
var_dump(array_sum(array_column(($a['requests'])(), 'bytes')) === $bytes);
foreach ([$a, $b] as $proxy) {
    $seen = [];
    foreach (($proxy['requests'])() as $r) {
        $line = $r['method'] . ' ' . $r['target'] . ' host=' . tc_header($r, 'Host');
        foreach (['X-Cache-Tags', 'X-Tagcache-Location-Ban', 'X-Location-Id', 'X-Foo', 'X-Url', 'X-Content-Type', 'X-Host', 'Cache-Control'] as $h) {
            if (($v = tc_header($r, $h)) !== null) {
                $line .= " $h=$v";
            }
        }
        $seen[] = $line;
    }
    sort($seen);
    echo implode("\n", $seen), "\n--\n";
}

$x = tc_fake_proxy();
$xkey = new VarnishClient([$x['addr']], ['secondSendDelay' => 0, 'tagMode' => 'xkey']);
$xkey->invalidateTags(['t1', 't2'])->flush();
$soft = new VarnishClient([$x['addr']], ['secondSendDelay' => 0, 'tagMode' => 'xkey', 'softPurge' => true]);
$soft->invalidateTags(['t3'])->flush();
foreach (($x['requests'])() as $r) {
    echo $r['method'], ' ', $r['target'], ' purge=', tc_header($r, 'xkey-purge') ?? '-', ' soft=', tc_header($r, 'xkey-softpurge') ?? '-', "\n";
}
try {
    $xkey->invalidateTags(['has blank']);
} catch (TagCache\InvalidArgumentException $e) {
    echo "xkey refuses a blank\n";
}
try {
    $client->invalidateTags(["evil\r\nX-Injected: 1"]);
} catch (TagCache\InvalidArgumentException $e) {
    echo "CR/LF refused\n";
}
var_dump($client->getQueueSize(), $client->flush());
?>
--EXPECTF--
int(%d)
int(%d)
int(0)
bool(true)
BAN / host=www.example.test X-Cache-Tags=(^|,)(12|x-9)(,|$) X-Tagcache-Location-Ban=1 X-Url=.* X-Content-Type=.* X-Host=.*
BAN / host=www.example.test X-Cache-Tags=(^|,)(post-1|a\.b\*)(,|$) X-Url=.* X-Content-Type=.* X-Host=.*
BAN / host=www.example.test X-Foo=bar
BAN / host=www.example.test X-Url=^/blog/ X-Content-Type=text/html X-Host=%s
GET /news host=other.test Cache-Control=no-cache
PURGE /page?x=1 host=www.example.test
--
BAN / host=www.example.test X-Cache-Tags=(^|,)(12|x-9)(,|$) X-Tagcache-Location-Ban=1 X-Url=.* X-Content-Type=.* X-Host=.*
BAN / host=www.example.test X-Cache-Tags=(^|,)(post-1|a\.b\*)(,|$) X-Url=.* X-Content-Type=.* X-Host=.*
BAN / host=www.example.test X-Foo=bar
BAN / host=www.example.test X-Url=^/blog/ X-Content-Type=text/html X-Host=%s
GET /news host=other.test Cache-Control=no-cache
PURGE /page?x=1 host=www.example.test
--
PURGEKEYS / purge=t1 t2 soft=-
PURGEKEYS / purge=- soft=t3
xkey refuses a blank
CR/LF refused
int(0)
int(0)
