--TEST--
FOSHttpCache's fos_ban.vcl and tagcache's VCL, one VarnishClient in ban mode: tag bans and location bans land on both, and a tag matches exactly itself (regex metacharacters quoted)
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../varnish_helpers.inc'; tc_fos_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../varnish_helpers.inc';
use TagCache\Http\VarnishClient;

$origin = tc_origin_start();
$proxies = ['fos' => tc_fos_varnish_start('ban', $origin), 'tagcache' => tc_varnish_start('ban', $origin)];
$client = new VarnishClient(array_map(fn($v) => "127.0.0.1:{$v['port']}", array_values($proxies)), ['secondSendDelay' => 0]);

// page name => tags; a FOS site announces location ids among its tags (FOS's VCL tests no
// other header), tagcache's VCL reads them from X-Location-Id
$pages = [
    'post1' => ['post-1', 'blog'], 'post10' => ['post-10', 'blog'], 'dot' => ['a.b'], 'dotx' => ['aXb'],
    'meta' => ['c+d', 'x(y)', 'h|i', 'p^q$', 'b[1]', 'w{2}', 's\\t', 'q?'], 'h' => ['h'], 'i' => ['i'],
    'loc7' => ['7'], 'tag7' => ['7'], 'loc70' => ['70'], 'notype' => ['post-1'],
    'odd' => ['q"u', '#h', 'a~b', 'ü', "x'y", 'a\\\\b', '%2F', '&amp;'], 'odd2' => ['qu', 'ab', 'h'],
];
$locations = ['loc7' => '7', 'loc70' => '70'];
$url = function (string $name) use ($pages, $locations): string {
    $u = "/page/$name?tags=" . rawurlencode(implode(',', $pages[$name]));
    // notype: a page without Content-Type, which FOS's "content-type ~ .*" never matches
    $u .= $name === 'notype' ? '&ct=none' : '';
    return isset($locations[$name]) ? $u . '&loc=' . $locations[$name] : $u;
};
$warm = function () use ($proxies, $pages, $url) {
    foreach ($proxies as $v) {
        foreach (array_keys($pages) as $name) {
            tc_varnish_get($v, $url($name));
        }
    }
};
// every page on both proxies: HIT (still cached) or MISS (fetched anew, so it was banned)
$show = function (string $what) use ($proxies, $pages, $url) {
    echo "-- $what\n";
    foreach ($proxies as $label => $v) {
        $gone = [];
        foreach (array_keys($pages) as $name) {
            if (explode(' ', tc_varnish_get($v, $url($name)))[0] !== 'HIT') {
                $gone[] = $name;
            }
        }
        printf("%-8s %s\n", $label, $gone ? implode(' ', $gone) : '(nothing)');
    }
};

$warm();
$client->invalidateTags(['post-1'])->flush();
$show('tag post-1');
foreach ($proxies as $label => $v) {
    $r = tc_raw_http($v['port'], 'GET', $url('notype'));
    echo "$label notype Content-Type: ", tc_resp_header($r, 'Content-Type') ?? 'none', "\n";
}

$warm();
$client->invalidateTags(['a.b', 'h|i', 'p^q$', 'b[1]'])->flush();
$show('tags a.b, h|i, p^q$, b[1] (each only itself)');

$warm();
$client->invalidateTags(['c+d'])->flush();
$show('tag c+d');

$warm();
$client->invalidateTags(['blog', 'q?'])->flush();
$show('tags blog, q?');

$warm();
$client->invalidateTags(['q"u', '#h', 'a~b', 'ü', "x'y", 'a\\\\b', '%2F', '&amp;'])->flush();
$show('tags with quotes, #, ~, UTF-8, backslashes, % and & (never a ban error)');

$warm();
$client->invalidateLocations([7])->flush();
$show('location 7 (on FOS\'s VCL a location id is a tag)');

foreach ($proxies as $label => $v) {
    printf("%s bans added: %s\n", $label, tc_varnish_stat($v, 'MAIN.bans_added') >= 7 ? 'all' : 'missing');
}
?>
--EXPECT--
-- tag post-1
fos      post1
tagcache post1 notype
fos notype Content-Type: none
tagcache notype Content-Type: none
-- tags a.b, h|i, p^q$, b[1] (each only itself)
fos      dot meta
tagcache dot meta
-- tag c+d
fos      meta
tagcache meta
-- tags blog, q?
fos      post1 post10 meta
tagcache post1 post10 meta
-- tags with quotes, #, ~, UTF-8, backslashes, % and & (never a ban error)
fos      odd
tagcache odd
-- location 7 (on FOS's VCL a location id is a tag)
fos      loc7 tag7
tagcache loc7
fos bans added: all
tagcache bans added: all
