--TEST--
ESI with Varnish: the shipped VCL announces Surrogate-Capability, assembles pages that ask for it with Surrogate-Control, and caches fragments apart (a fragment's tag ban refetches only that fragment)
--SKIPIF--
<?php require __DIR__ . '/../varnish_helpers.inc'; tc_varnish_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../varnish_helpers.inc';
$origin = tc_origin_start();
$v = tc_varnish_start('ban', $origin);

$get = function (string $path) use ($v) {
    $r = tc_raw_http($v['port'], 'GET', $path);
    return [$r['status'], str_replace("\n", ' | ', trim($r['body'])), tc_resp_header($r, 'Surrogate-Control')];
};
$page = '/page/home?tags=home&esi=header+cart';
var_dump($get($page));
// Everything from the cache: no fetch counter moves.
var_dump($get($page)[1]);
// Banning the cart fragment's tag: only the cart is fetched again.
echo tc_varnish_send($v, 'BAN', '/', ['X-Cache-Tags' => tc_ban_regex('cart')]), "\n";
var_dump($get($page)[1]);
// Banning the page's own tag: the page is fetched again, its fragments come from the cache.
echo tc_varnish_send($v, 'BAN', '/', ['X-Cache-Tags' => tc_ban_regex('home')]), "\n";
var_dump($get($page)[1]);
// The origin saw the capability only because the VCL set it; a page without Surrogate-Control
// is passed through unprocessed.
$r = tc_raw_http($origin['port'], 'GET', '/page/direct?esi=x');
var_dump(tc_resp_header($r, "Surrogate-Control"), str_contains($r["body"], "<esi:include"));
?>
--EXPECT--
array(3) {
  [0]=>
  int(200)
  [1]=>
  string(59) "page home fetch 1 | page header fetch 1 | page cart fetch 1"
  [2]=>
  NULL
}
string(59) "page home fetch 1 | page header fetch 1 | page cart fetch 1"
200 Banned
string(59) "page home fetch 1 | page header fetch 1 | page cart fetch 2"
200 Banned
string(59) "page home fetch 2 | page header fetch 1 | page cart fetch 2"
NULL
bool(true)
