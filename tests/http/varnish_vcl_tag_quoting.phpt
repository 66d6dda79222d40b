--TEST--
Varnish VCL, ban mode: post-1 does not invalidate post-10; a quoted tag with regex metacharacters invalidates only itself
--SKIPIF--
<?php require __DIR__ . '/../varnish_helpers.inc'; tc_varnish_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../varnish_helpers.inc';
$v = tc_varnish_start('ban', tc_origin_start());

$pages = [
    'p1' => '/page/p1?tags=post-1',
    'p10' => '/page/p10?tags=post-10',
    'p01' => '/page/p01?tags=xpost-1',
    'dot' => '/page/dot?tags=a.b',
    'axb' => '/page/axb?tags=aXb',
    'amp' => '/page/amp?tags=x%26y%25z',     // "x&y%z": characters PATTERN_TAG allows
    'mid' => '/page/mid?tags=first,post-1,last',
];
foreach ($pages as $p) {
    tc_varnish_get($v, $p);
}
function state(array $v, array $pages): void
{
    foreach ($pages as $name => $p) {
        echo $name, ': ', tc_varnish_get($v, $p), "\n";
    }
}

echo tc_varnish_send($v, 'BAN', '/', ['X-Cache-Tags' => tc_ban_regex('post-1')]), "\n";
state($v, $pages);
echo tc_ban_regex('a.b'), "\n";
echo tc_varnish_send($v, 'BAN', '/', ['X-Cache-Tags' => tc_ban_regex('a.b')]), "\n";
state($v, $pages);
echo tc_varnish_send($v, 'BAN', '/', ['X-Cache-Tags' => tc_ban_regex('x&y%z')]), "\n";
state($v, $pages);
?>
--EXPECT--
200 Banned
p1: MISS page p1 fetch 2
p10: HIT page p10 fetch 1
p01: HIT page p01 fetch 1
dot: HIT page dot fetch 1
axb: HIT page axb fetch 1
amp: HIT page amp fetch 1
mid: MISS page mid fetch 2
(^|,)(a\.b)(,|$)
200 Banned
p1: HIT page p1 fetch 2
p10: HIT page p10 fetch 1
p01: HIT page p01 fetch 1
dot: MISS page dot fetch 2
axb: HIT page axb fetch 1
amp: HIT page amp fetch 1
mid: HIT page mid fetch 2
200 Banned
p1: HIT page p1 fetch 2
p10: HIT page p10 fetch 1
p01: HIT page p01 fetch 1
dot: HIT page dot fetch 2
axb: HIT page axb fetch 1
amp: MISS page amp fetch 2
mid: HIT page mid fetch 2
