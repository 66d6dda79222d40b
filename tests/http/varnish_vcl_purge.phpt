--TEST--
Varnish VCL: PURGE removes one URL of one host (path or absolute URL as target); the rest stays cached
--SKIPIF--
<?php require __DIR__ . '/../varnish_helpers.inc'; tc_varnish_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../varnish_helpers.inc';
$v = tc_varnish_start('ban', tc_origin_start());

$pages = [
    ['example.com', '/page/a'],
    ['example.com', '/page/a?x=1'],
    ['example.com', '/page/b'],
    ['other.test', '/page/a'],
];
function state(array $v, array $pages): void
{
    foreach ($pages as [$host, $path]) {
        echo str_pad("$host$path", 26), tc_varnish_get($v, $path, ['Host' => $host]), "\n";
    }
}
foreach ($pages as [$host, $path]) {
    tc_varnish_get($v, $path, ['Host' => $host]);
}

echo tc_varnish_send($v, 'PURGE', '/page/a', ['Host' => 'example.com']), "\n";
state($v, $pages);
echo "-- absolute URL as target\n";
echo tc_varnish_send($v, 'PURGE', 'http://other.test/page/a', ['Host' => '127.0.0.1']), "\n";
state($v, $pages);
echo "-- a URL not in the cache\n";
echo tc_varnish_send($v, 'PURGE', '/page/none', ['Host' => 'example.com']), "\n";
?>
--EXPECT--
200 Purged
example.com/page/a        MISS page a fetch 2
example.com/page/a?x=1    HIT page a fetch 1
example.com/page/b        HIT page b fetch 1
other.test/page/a         HIT page a fetch 1
-- absolute URL as target
200 Purged
example.com/page/a        HIT page a fetch 2
example.com/page/a?x=1    HIT page a fetch 1
example.com/page/b        HIT page b fetch 1
other.test/page/a         MISS page a fetch 2
-- a URL not in the cache
200 Purged
