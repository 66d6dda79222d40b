--TEST--
Varnish VCL, xkey mode: xkey-softpurge keeps serving the stale page while it is fetched anew in the background
--SKIPIF--
<?php require __DIR__ . '/../varnish_helpers.inc'; tc_varnish_skipif(true); ?>
--FILE--
<?php
require __DIR__ . '/../varnish_helpers.inc';
$v = tc_varnish_start('xkey', tc_origin_start());

echo tc_varnish_get($v, '/page/a?tags=post-1'), "\n";
echo tc_varnish_get($v, '/page/b?tags=post-2'), "\n";
echo tc_varnish_get($v, '/page/a?tags=post-1'), "\n";
echo tc_varnish_send($v, 'PURGEKEYS', '/', ['xkey-softpurge' => 'post-1']), "\n";
// the first request after a soft purge gets the stale copy and starts the background fetch
echo tc_varnish_get($v, '/page/a?tags=post-1'), "\n";
$fresh = tc_varnish_poll(fn() => str_ends_with(tc_varnish_get($v, '/page/a?tags=post-1'), 'fetch 2'), 20, 0.05);
var_dump($fresh);
echo tc_varnish_get($v, '/page/a?tags=post-1'), "\n";
echo tc_varnish_get($v, '/page/b?tags=post-2'), "\n";
echo "-- purge and softpurge in one request add up\n";
echo tc_varnish_send($v, 'PURGEKEYS', '/', ['xkey-purge' => 'post-1', 'xkey-softpurge' => 'post-2']), "\n";
echo tc_varnish_get($v, '/page/a?tags=post-1'), "\n";
echo tc_varnish_get($v, '/page/b?tags=post-2'), "\n";
?>
--EXPECT--
MISS page a fetch 1
MISS page b fetch 1
HIT page a fetch 1
200 Purged 1
STALE page a fetch 1
bool(true)
HIT page a fetch 2
HIT page b fetch 1
-- purge and softpurge in one request add up
200 Purged 2
MISS page a fetch 3
STALE page b fetch 1
