--TEST--
Varnish VCL, ban mode: a cached page is a HIT until a BAN on one of its tags; other pages stay cached
--SKIPIF--
<?php require __DIR__ . '/../varnish_helpers.inc'; tc_varnish_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../varnish_helpers.inc';
$v = tc_varnish_start('ban', tc_origin_start());

$a = '/page/a?tags=news,post-1';
$b = '/page/b?tags=post-2';
$c = '/page/c?tags=sport';
$none = '/page/none';
foreach ([$a, $a, $b, $b, $c, $c, $none, $none] as $p) {
    echo tc_varnish_get($v, $p), "\n";
}

echo "-- ban post-1\n";
echo tc_varnish_send($v, 'BAN', '/', ['X-Cache-Tags' => tc_ban_regex('post-1')]), "\n";
foreach ([$a, $a, $b, $c, $none] as $p) {
    echo tc_varnish_get($v, $p), "\n";
}

echo "-- ban post-2|sport in one header\n";
echo tc_varnish_send($v, 'BAN', '/', ['X-Cache-Tags' => tc_ban_regex('post-2', 'sport')]), "\n";
foreach ([$a, $b, $c, $none] as $p) {
    echo tc_varnish_get($v, $p), "\n";
}

echo "-- two header lines are ORed\n";
echo tc_varnish_send($v, 'BAN', '/', ['X-Cache-Tags' => [tc_ban_regex('news'), tc_ban_regex('sport')]]), "\n";
foreach ([$a, $b, $c] as $p) {
    echo tc_varnish_get($v, $p), "\n";
}

echo "-- a tag nobody carries\n";
echo tc_varnish_send($v, 'BAN', '/', ['X-Cache-Tags' => tc_ban_regex('unknown')]), "\n";
foreach ([$a, $b, $c, $none] as $p) {
    echo tc_varnish_get($v, $p), "\n";
}
?>
--EXPECT--
MISS page a fetch 1
HIT page a fetch 1
MISS page b fetch 1
HIT page b fetch 1
MISS page c fetch 1
HIT page c fetch 1
MISS page none fetch 1
HIT page none fetch 1
-- ban post-1
200 Banned
MISS page a fetch 2
HIT page a fetch 2
HIT page b fetch 1
HIT page c fetch 1
HIT page none fetch 1
-- ban post-2|sport in one header
200 Banned
HIT page a fetch 2
MISS page b fetch 2
MISS page c fetch 2
HIT page none fetch 1
-- two header lines are ORed
200 Banned
MISS page a fetch 3
HIT page b fetch 2
MISS page c fetch 3
-- a tag nobody carries
200 Banned
HIT page a fetch 3
HIT page b fetch 2
HIT page c fetch 3
HIT page none fetch 1
