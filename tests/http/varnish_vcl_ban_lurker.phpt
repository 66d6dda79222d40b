--TEST--
Varnish VCL: tag bans test obj.http.* only, so the ban lurker evicts banned pages in the background without a request
--SKIPIF--
<?php require __DIR__ . '/../varnish_helpers.inc'; tc_varnish_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../varnish_helpers.inc';
$v = tc_varnish_start('ban', tc_origin_start(), ['params' => ['ban_lurker_age' => '0']]);

foreach (['a?tags=t1', 'b?tags=t1', 'c?tags=t2', 'd?loc=5', 'e'] as $p) {
    tc_varnish_get($v, "/page/$p");
}
$before = tc_varnish_stat($v, 'MAIN.n_object');
echo tc_varnish_send($v, 'BAN', '/', ['X-Cache-Tags' => tc_ban_regex('t1')]), "\n";
echo tc_varnish_send($v, 'BAN', '/', ['X-Location-Id' => tc_ban_regex('5')]), "\n";
echo tc_varnish_send($v, 'BAN', '/', ['X-Host' => '^localhost$', 'X-Url' => '^/page/e$', 'X-Content-Type' => 'text/']), "\n";
// no request touches the pages: only the lurker can remove them
var_dump(tc_varnish_poll(fn() => tc_varnish_stat($v, 'MAIN.bans_lurker_obj_killed') === 4, 30, 0.05));
var_dump($before - tc_varnish_stat($v, 'MAIN.n_object'));
var_dump(tc_varnish_stat($v, 'MAIN.bans_req'));    // bans that need a request to test
echo tc_varnish_get($v, '/page/c?tags=t2'), "\n";
echo tc_varnish_get($v, '/page/a?tags=t1'), "\n";
?>
--EXPECT--
200 Banned
200 Banned
200 Banned
bool(true)
int(4)
int(0)
HIT page c fetch 1
MISS page a fetch 2
