--TEST--
End to end: VarnishClient against real Varnish: regex metacharacters, path bans, PURGE, refresh, a malformed ban reported as a bad response, 10,000 tags split into requests that all land, and xkey purge / soft purge
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../varnish_helpers.inc'; tc_varnish_skipif(true); ?>
--FILE--
<?php
require __DIR__ . '/../varnish_helpers.inc';
use TagCache\Http\VarnishClient;

$origin = tc_origin_start();
$ban = tc_varnish_start('ban', $origin);
// the test's GETs send "Host: localhost": PURGE and refresh must name the same host
$client = new VarnishClient(["127.0.0.1:{$ban['port']}"], ['secondSendDelay' => 0, 'host' => 'localhost']);
$state = fn(array $v, string $p) => explode(' ', tc_varnish_get($v, $p))[0];
$warm = function (array $v, array $paths) {
    foreach ($paths as $p) {
        tc_varnish_get($v, $p);
    }
};

$paths = ['/page/m1?tags=a.b', '/page/m2?tags=aXb', '/page/m3?tags=x(1)'];
$warm($ban, $paths);
$client->invalidateTags(['a.b', 'x(1)'])->flush();
echo 'metacharacters: ', implode(' ', array_map(fn($p) => $state($ban, $p), $paths)), "\n";

$paths = ['/page/blog-one', '/page/blog-two', '/page/shop-one'];
$warm($ban, $paths);
$client->banPath('^/page/blog-')->flush();
echo 'path ban: ', implode(' ', array_map(fn($p) => $state($ban, $p), $paths)), "\n";

$warm($ban, ['/page/p1', '/page/p2']);
$client->purge('/page/p1')->flush();
echo 'purge: ', $state($ban, '/page/p1'), ' ', $state($ban, '/page/p2'), "\n";

$warm($ban, ['/page/r1']);
$before = tc_varnish_get($ban, '/page/r1');
$client->refresh('/page/r1')->flush();
$after = tc_varnish_get($ban, '/page/r1');
echo 'refresh: ', explode(' ', $after)[0], ' ', $before !== $after ? 'new content' : 'same content', "\n";

try {
    $client->ban(['X-Url' => '(unclosed'])->flush();
} catch (TagCache\Http\PurgeException $e) {
    $f = $e->getFailures()[0];
    echo "malformed ban: {$f['kind']} {$f['status']}\n";
}

// 10,000 tags: several requests, and every page carrying one of them goes
$tags = [];
for ($i = 0; $i < 10000; $i++) {
    $tags[] = "bulk-tag-number-$i";
}
$probe = ['/page/first?tags=bulk-tag-number-0', '/page/middle?tags=bulk-tag-number-5000', '/page/last?tags=bulk-tag-number-9999', '/page/keep?tags=bulk-tag-number-10000'];
$warm($ban, $probe);
$client->invalidateTags($tags);
$requests = $client->getQueueSize();
var_dump($requests > 1, $client->flush() === $requests);
echo '10,000 tags: ', implode(' ', array_map(fn($p) => $state($ban, $p), $probe)), "\n";

// xkey mode
$xk = tc_varnish_start('xkey', $origin);
$xclient = new VarnishClient(["127.0.0.1:{$xk['port']}"], ['secondSendDelay' => 0, 'tagMode' => 'xkey']);
$warm($xk, ['/page/x1?tags=k1', '/page/x2?tags=k2', '/page/x3?tags=k1,k3']);
$xclient->invalidateTags(['k1'])->flush();
echo 'xkey purge: ', implode(' ', array_map(fn($p) => $state($xk, $p), ['/page/x1?tags=k1', '/page/x2?tags=k2', '/page/x3?tags=k1,k3'])), "\n";
$soft = new VarnishClient(["127.0.0.1:{$xk['port']}"], ['secondSendDelay' => 0, 'tagMode' => 'xkey', 'softPurge' => true]);
$warm($xk, ['/page/s1?tags=s1']);
$soft->invalidateTags(['s1'])->flush();
echo 'xkey soft purge: ', $state($xk, '/page/s1?tags=s1'), "\n";
?>
--EXPECTF--
metacharacters: MISS HIT MISS
path ban: MISS MISS HIT
purge: MISS HIT
refresh: HIT new content
malformed ban: bad_response 400
bool(true)
bool(true)
10,000 tags: MISS MISS MISS HIT
xkey purge: MISS HIT MISS
xkey soft purge: %s
