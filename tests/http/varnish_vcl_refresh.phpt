--TEST--
Varnish VCL: refresh (GET with Cache-Control: no-cache from an allowed client) fetches anew and replaces the cached page
--SKIPIF--
<?php require __DIR__ . '/../varnish_helpers.inc'; tc_varnish_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../varnish_helpers.inc';
$v = tc_varnish_start('ban', tc_origin_start());

echo tc_varnish_get($v, '/page/a?tags=t'), "\n";
echo tc_varnish_get($v, '/page/a?tags=t'), "\n";
echo tc_varnish_get($v, '/page/b'), "\n";
echo "-- refresh\n";
echo tc_varnish_get($v, '/page/a?tags=t', ['Cache-Control' => 'no-cache']), "\n";
echo tc_varnish_get($v, '/page/a?tags=t'), "\n";
echo tc_varnish_get($v, '/page/a?tags=t'), "\n";
echo tc_varnish_get($v, '/page/b'), "\n";
echo "-- refresh by absolute URL\n";
echo tc_varnish_get($v, 'http://localhost/page/b', ['Cache-Control' => 'no-cache', 'Host' => 'ignored.test']), "\n";
echo tc_varnish_get($v, '/page/b'), "\n";
echo "-- the refreshed copy still carries its tags\n";
echo tc_varnish_send($v, 'BAN', '/', ['X-Cache-Tags' => tc_ban_regex('t')]), "\n";
echo tc_varnish_get($v, '/page/a?tags=t'), "\n";
?>
--EXPECT--
MISS page a fetch 1
HIT page a fetch 1
MISS page b fetch 1
-- refresh
MISS page a fetch 2
HIT page a fetch 2
HIT page a fetch 2
HIT page b fetch 1
-- refresh by absolute URL
MISS page b fetch 2
HIT page b fetch 2
-- the refreshed copy still carries its tags
200 Banned
MISS page a fetch 3
