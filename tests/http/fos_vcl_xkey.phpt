--TEST--
FOSHttpCache's fos_tags_xkey.vcl and tagcache's xkey VCL, one VarnishClient in xkey mode: purge removes, soft purge expires, exactly the pages carrying the keys
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../varnish_helpers.inc'; tc_fos_skipif(true); ?>
--FILE--
<?php
require __DIR__ . '/../varnish_helpers.inc';
use TagCache\Http\VarnishClient;

$origin = tc_origin_start();
$proxies = ['fos' => tc_fos_varnish_start('xkey', $origin), 'tagcache' => tc_varnish_start('xkey', $origin)];
$addrs = array_map(fn($v) => "127.0.0.1:{$v['port']}", array_values($proxies));
$hard = new VarnishClient($addrs, ['secondSendDelay' => 0, 'tagMode' => 'xkey']);
$soft = new VarnishClient($addrs, ['secondSendDelay' => 0, 'tagMode' => 'xkey', 'softPurge' => true]);

// the origin's own xkey header, which both VCLs read; max-age 60 leaves grace for soft purges
$pages = ['post1' => 'post-1+blog', 'post10' => 'post-10+blog', 'dot' => 'a.b', 'dotx' => 'aXb', 'loc' => '7'];
$url = fn(string $name) => "/page/$name?maxage=60&xkey=" . $pages[$name];
$warm = function () use ($proxies, $pages, $url) {
    foreach ($proxies as $v) {
        foreach (array_keys($pages) as $name) {
            // a stale page is fetched anew in the background: wait until the new copy is in
            tc_varnish_poll(fn() => explode(' ', tc_varnish_get($v, $url($name)))[0] === 'HIT', 20);
        }
    }
};
// the first GET after the purge says what the purge did: MISS (removed), STALE (expired,
// served from grace while fetched anew) or HIT (untouched)
$show = function (string $what) use ($proxies, $pages, $url) {
    echo "-- $what\n";
    foreach ($proxies as $label => $v) {
        $states = [];
        foreach (array_keys($pages) as $name) {
            $state = explode(' ', tc_varnish_get($v, $url($name)))[0];
            if ($state !== 'HIT') {
                $states[] = "$name=$state";
            }
        }
        printf("%-8s %s\n", $label, $states ? implode(' ', $states) : '(nothing)');
    }
};

$warm();
$hard->invalidateTags(['post-1', 'a.b'])->flush();
$show('purge post-1 a.b');

$warm();
$soft->invalidateTags(['blog'])->flush();
$show('soft purge blog');

$warm();
$hard->invalidateLocations([7])->flush();
$show('purge location 7');

try {
    $hard->invalidateTags(['a,b']);
} catch (TagCache\InvalidArgumentException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
-- purge post-1 a.b
fos      post1=MISS dot=MISS
tagcache post1=MISS dot=MISS
-- soft purge blog
fos      post1=STALE post10=STALE
tagcache post1=STALE post10=STALE
-- purge location 7
fos      loc=MISS
tagcache loc=MISS
TagCache\InvalidArgumentException: tag "a,b" contains a comma at byte 1: a tag may not contain commas, whitespace or NUL (commas separate tags in the tag header, blanks separate xkey keys, and Varnish splits a ban on whitespace)
