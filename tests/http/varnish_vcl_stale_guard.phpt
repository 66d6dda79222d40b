--TEST--
Varnish VCL (ban and xkey): a response marked X-Tagcache-Stale is delivered but never cached, and the header leaves only towards debug clients
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
require __DIR__ . '/../varnish_helpers.inc';
tc_varnish_skipif(true);
?>
--FILE--
<?php
require __DIR__ . '/../varnish_helpers.inc';

$origin = tc_origin_start();
foreach (['ban', 'xkey'] as $mode) {
    echo "-- $mode\n";
    $v = tc_varnish_start($mode, $origin);
    echo tc_varnish_get($v, "/page/s-$mode?tags=a&stale=1"), "\n";
    echo tc_varnish_get($v, "/page/s-$mode?tags=a&stale=1"), "\n";
    $r = tc_raw_http($v['port'], 'GET', "/page/s-$mode?tags=a&stale=1");
    echo 'stale header to a visitor: ', tc_resp_header($r, 'X-Tagcache-Stale') ?? 'none', "\n";
    $r = tc_raw_http($v['port'], 'GET', "/page/s-$mode?tags=a&stale=1", ['X-Tagcache-Debug' => '1']);
    echo 'stale header to a debug client: ', tc_resp_header($r, 'X-Tagcache-Stale') ?? 'none', "\n";
    // the same page without the mark is cached as usual
    echo tc_varnish_get($v, "/page/f-$mode?tags=a"), "\n";
    echo tc_varnish_get($v, "/page/f-$mode?tags=a"), "\n";
}
?>
--EXPECT--
-- ban
PASS page s-ban fetch 1
PASS page s-ban fetch 2
stale header to a visitor: none
stale header to a debug client: 1
MISS page f-ban fetch 1
HIT page f-ban fetch 1
-- xkey
PASS page s-xkey fetch 1
PASS page s-xkey fetch 2
stale header to a visitor: none
stale header to a debug client: 1
MISS page f-xkey fetch 1
HIT page f-xkey fetch 1
