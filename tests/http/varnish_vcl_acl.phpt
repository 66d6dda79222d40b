--TEST--
Varnish VCL: a client outside the tagcache_invalidators ACL gets 405 for BAN, PURGE and PURGEKEYS; its refresh and debug requests are served as usual
--SKIPIF--
<?php require __DIR__ . '/../varnish_helpers.inc'; tc_varnish_skipif(true); ?>
--FILE--
<?php
require __DIR__ . '/../varnish_helpers.inc';
// Two proxies whose ACL leaves out the loopback addresses the test sends from.
$proxies = [
    'ban' => tc_varnish_start('ban', tc_origin_start(), ['acl' => ['"192.0.2.1"', '"2001:db8::/32"']]),
    'xkey' => tc_varnish_start('xkey', tc_origin_start(), ['acl' => ['"192.0.2.0"/24']]),
];
foreach ($proxies as $mode => $v) {
    echo "== $mode\n";
    tc_varnish_get($v, '/page/a?tags=t1&loc=1');
    echo tc_varnish_send($v, 'BAN', '/', ['X-Cache-Tags' => tc_ban_regex('t1')]), "\n";
    echo tc_varnish_send($v, 'BAN', '/', ['X-Url' => '.']), "\n";
    echo tc_varnish_send($v, 'PURGE', '/page/a?tags=t1&loc=1'), "\n";
    echo tc_varnish_send($v, 'PURGEKEYS', '/', ['xkey-purge' => 't1']), "\n";
    echo tc_varnish_send($v, 'PURGEKEYS', '/', ['xkey-softpurge' => 't1']), "\n";
    echo tc_varnish_get($v, '/page/a?tags=t1&loc=1'), "\n";
    // refresh from outside: served from the cache, not refused (a browser reload sends this)
    echo tc_varnish_get($v, '/page/a?tags=t1&loc=1', ['Cache-Control' => 'no-cache']), "\n";
    // debug from outside: internal headers stay hidden
    $r = tc_raw_http($v['port'], 'GET', '/page/a?tags=t1&loc=1', ['X-Tagcache-Debug' => '1']);
    var_dump(tc_resp_header($r, 'X-Cache'), tc_resp_header($r, 'X-Cache-Tags'), tc_resp_header($r, 'x-url'), tc_resp_header($r, 'xkey'));
}
?>
--EXPECT--
== ban
405 Not allowed
405 Not allowed
405 Not allowed
405 Not allowed
405 Not allowed
HIT page a fetch 1
HIT page a fetch 1
string(3) "HIT"
NULL
NULL
NULL
== xkey
405 Not allowed
405 Not allowed
405 Not allowed
405 Not allowed
405 Not allowed
HIT page a fetch 1
HIT page a fetch 1
string(3) "HIT"
NULL
NULL
NULL
