--TEST--
Varnish VCL, xkey mode: PURGEKEYS with xkey-purge removes the pages carrying any of the keys and answers the count
--SKIPIF--
<?php require __DIR__ . '/../varnish_helpers.inc'; tc_varnish_skipif(true); ?>
--FILE--
<?php
require __DIR__ . '/../varnish_helpers.inc';
$v = tc_varnish_start('xkey', tc_origin_start());

$pages = [
    'a' => '/page/a?tags=news,post-1',
    'b' => '/page/b?tags=post-10',
    'c' => '/page/c?tags=sport&loc=7',
    'd' => '/page/d?xkey=own-key',              // the origin's own xkey header
    'e' => '/page/e?tags=t1,t2,t3,t4&split=1',  // tag header over four lines
    'f' => '/page/f',
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
foreach ($pages as $p) {
    if (!str_starts_with(tc_varnish_get($v, $p), 'HIT ')) {
        echo "not cached: $p\n";
    }
}

echo tc_varnish_send($v, 'PURGEKEYS', '/', ['xkey-purge' => 'post-1']), "\n";
state($v, $pages);
echo "-- several keys, location id as a key, the origin's own key\n";
echo tc_varnish_send($v, 'PURGEKEYS', '/', ['xkey-purge' => 'post-10 7 own-key unknown']), "\n";
state($v, $pages);
echo "-- a key of the third tag line; two header lines\n";
echo tc_varnish_send($v, 'PURGEKEYS', '/', ['xkey-purge' => ['nothing', 't3']]), "\n";
state($v, $pages);
echo "-- nothing to purge\n";
echo tc_varnish_send($v, 'PURGEKEYS', '/', ['xkey-purge' => 'unknown']), "\n";
echo tc_varnish_send($v, 'PURGEKEYS', '/'), "\n";
echo "-- BAN still works in xkey mode\n";
echo tc_varnish_send($v, 'BAN', '/', ['X-Url' => '^/page/f$']), "\n";
echo 'f: ', tc_varnish_get($v, $pages['f']), "\n";
?>
--EXPECT--
200 Purged 1
a: MISS page a fetch 2
b: HIT page b fetch 1
c: HIT page c fetch 1
d: HIT page d fetch 1
e: HIT page e fetch 1
f: HIT page f fetch 1
-- several keys, location id as a key, the origin's own key
200 Purged 3
a: HIT page a fetch 2
b: MISS page b fetch 2
c: MISS page c fetch 2
d: MISS page d fetch 2
e: HIT page e fetch 1
f: HIT page f fetch 1
-- a key of the third tag line; two header lines
200 Purged 1
a: HIT page a fetch 2
b: HIT page b fetch 2
c: HIT page c fetch 2
d: HIT page d fetch 2
e: MISS page e fetch 2
f: HIT page f fetch 1
-- nothing to purge
200 Purged 0
400 PURGEKEYS needs xkey-purge or xkey-softpurge
-- BAN still works in xkey mode
200 Banned
f: MISS page f fetch 2
