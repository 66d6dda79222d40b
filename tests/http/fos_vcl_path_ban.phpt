--TEST--
FOSHttpCache's fos_ban.vcl and tagcache's VCL, one VarnishClient: path bans by X-Url, X-Content-Type and X-Host land on both, and Purger::purgeAll empties both
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../varnish_helpers.inc'; tc_fos_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../varnish_helpers.inc';
use TagCache\Http\{Purger, VarnishClient};

$origin = tc_origin_start();
$proxies = ['fos' => tc_fos_varnish_start('ban', $origin), 'tagcache' => tc_varnish_start('ban', $origin)];
$client = new VarnishClient(array_map(fn($v) => "127.0.0.1:{$v['port']}", array_values($proxies)), ['secondSendDelay' => 0]);

// name => [host, path]
$pages = [
    'news-html' => ['a.test', '/page/news1?ct=text/html'],
    'news-text' => ['a.test', '/page/news2?ct=text/plain'],
    'news-b' => ['b.test', '/page/news3?ct=text/html'],
    'news-ax' => ['aXtest', '/page/news4?ct=text/html'],
    'shop' => ['a.test', '/page/shop1?ct=text/html'],
];
$get = fn(array $v, string $name) => tc_varnish_get($v, $pages[$name][1], ['Host' => $pages[$name][0]]);
$warm = function () use ($proxies, $pages, $get) {
    foreach ($proxies as $v) {
        foreach (array_keys($pages) as $name) {
            $get($v, $name);
        }
    }
};
$show = function (string $what) use ($proxies, $pages, $get) {
    echo "-- $what\n";
    foreach ($proxies as $label => $v) {
        $gone = array_filter(array_keys($pages), fn($name) => explode(' ', $get($v, $name))[0] !== 'HIT');
        printf("%-8s %s\n", $label, $gone ? implode(' ', $gone) : '(nothing)');
    }
};

$warm();
$client->banPath('^/page/news')->flush();
$show('X-Url ^/page/news');

$warm();
$client->banPath('^/page/news', 'text/html')->flush();
$show('X-Url ^/page/news, X-Content-Type text/html');

$warm();
$client->banPath('^/page/', null, ['a.test'])->flush();
$show('X-Url ^/page/, X-Host a.test (quoted: not aXtest)');

$warm();
$client->banPath('^/page/news', 'text/html', ['a.test', 'b.test'])->flush();
$show('X-Url ^/page/news, text/html, hosts a.test and b.test');

$warm();
(new Purger($client))->purgeAll();
$client->flush();
$show('purgeAll');

try {
    $client->banPath('^/page/a b');
} catch (TagCache\InvalidArgumentException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump($client->getQueueSize());
?>
--EXPECT--
-- X-Url ^/page/news
fos      news-html news-text news-b news-ax
tagcache news-html news-text news-b news-ax
-- X-Url ^/page/news, X-Content-Type text/html
fos      news-html news-b news-ax
tagcache news-html news-b news-ax
-- X-Url ^/page/, X-Host a.test (quoted: not aXtest)
fos      news-html news-text shop
tagcache news-html news-text shop
-- X-Url ^/page/news, text/html, hosts a.test and b.test
fos      news-html news-b
tagcache news-html news-b
-- purgeAll
fos      news-html news-text news-b news-ax shop
tagcache news-html news-text news-b news-ax shop
TagCache\InvalidArgumentException: path regex "^/page/a b" contains a blank at byte 8: Varnish splits a ban expression on whitespace, so a ban value may not contain it (match a blank with \s)
int(0)
