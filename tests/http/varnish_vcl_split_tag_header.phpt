--TEST--
Varnish VCL: a tag header the origin splits over several lines (or writes with blanks after commas) is joined, so every tag matches in ban and xkey mode
--SKIPIF--
<?php require __DIR__ . '/../varnish_helpers.inc'; tc_varnish_skipif(true); ?>
--FILE--
<?php
require __DIR__ . '/../varnish_helpers.inc';
[$ban, $xkey] = [tc_varnish_start('ban', tc_origin_start()), tc_varnish_start('xkey', tc_origin_start())];

// 300 tags of ~30 bytes, 40 per line: 8 lines, some 1.2 KB each, about 9 KB in all (more than
// one 8 KiB header line could hold)
$tags = [];
for ($i = 0; $i < 300; $i++) {
    $tags[] = sprintf('content-%04d-%s', $i, str_repeat('x', 16));
}
$big = '/page/big?split=40&tags=' . implode(',', $tags);
$spaced = '/page/spaced?tags=' . rawurlencode('a, b ,c');
foreach ([$ban, $xkey] as $v) {
    tc_varnish_get($v, $big);
    tc_varnish_get($v, $spaced);
}
$r = tc_raw_http(tc_origin_start()['port'], 'GET', $big);
echo count($r['headers']['x-cache-tags']), " tag lines from the origin\n";
$r = tc_raw_http($ban['port'], 'GET', $big, ['X-Tagcache-Debug' => '1']);
var_dump(tc_resp_header($r, 'X-Cache-Tags') === implode(',', $tags));
$r = tc_raw_http($ban['port'], 'GET', $spaced, ['X-Tagcache-Debug' => '1']);
var_dump(tc_resp_header($r, 'X-Cache-Tags'));

echo "== ban\n";
foreach ([$tags[0], $tags[39], $tags[40], $tags[299]] as $i => $tag) {
    echo tc_varnish_send($ban, 'BAN', '/', ['X-Cache-Tags' => tc_ban_regex($tag)]), ' ', tc_varnish_get($ban, $big), "\n";
}
foreach (['a', 'b', 'c'] as $tag) {
    echo tc_varnish_send($ban, 'BAN', '/', ['X-Cache-Tags' => tc_ban_regex($tag)]), ' ', tc_varnish_get($ban, $spaced), "\n";
}
echo tc_varnish_send($ban, 'BAN', '/', ['X-Cache-Tags' => tc_ban_regex('content-0299')]), ' ', tc_varnish_get($ban, $big), "\n";

echo "== xkey\n";
foreach ([$tags[0], $tags[39], $tags[40], $tags[299]] as $tag) {
    echo tc_varnish_send($xkey, 'PURGEKEYS', '/', ['xkey-purge' => $tag]), ' ', tc_varnish_get($xkey, $big), "\n";
}
foreach (['a', 'b', 'c'] as $tag) {
    echo tc_varnish_send($xkey, 'PURGEKEYS', '/', ['xkey-purge' => $tag]), ' ', tc_varnish_get($xkey, $spaced), "\n";
}
?>
--EXPECT--
8 tag lines from the origin
bool(true)
string(5) "a,b,c"
== ban
200 Banned MISS page big fetch 2
200 Banned MISS page big fetch 3
200 Banned MISS page big fetch 4
200 Banned MISS page big fetch 5
200 Banned MISS page spaced fetch 2
200 Banned MISS page spaced fetch 3
200 Banned MISS page spaced fetch 4
200 Banned HIT page big fetch 5
== xkey
200 Purged 1 MISS page big fetch 2
200 Purged 1 MISS page big fetch 3
200 Purged 1 MISS page big fetch 4
200 Purged 1 MISS page big fetch 5
200 Purged 1 MISS page spaced fetch 2
200 Purged 1 MISS page spaced fetch 3
200 Purged 1 MISS page spaced fetch 4
