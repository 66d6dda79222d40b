--TEST--
Varnish VCL: path bans with X-Url, X-Host and X-Content-Type (all given conditions must match)
--SKIPIF--
<?php require __DIR__ . '/../varnish_helpers.inc'; tc_varnish_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../varnish_helpers.inc';
$v = tc_varnish_start('ban', tc_origin_start());

$pages = [
    ['example.com', '/page/news-1'],
    ['example.com', '/page/news-2?ct=application/json'],
    ['example.com', '/page/sport-1'],
    ['other.test', '/page/news-1'],
    ['other.test', '/page/sport-1'],
];
function state(array $v, array $pages): void
{
    foreach ($pages as [$host, $path]) {
        echo str_pad("$host$path", 46), tc_varnish_get($v, $path, ['Host' => $host]), "\n";
    }
}
foreach ($pages as [$host, $path]) {
    tc_varnish_get($v, $path, ['Host' => $host]);
}

echo "-- X-Url ^/page/news- on every host\n";
echo tc_varnish_send($v, 'BAN', '/', ['X-Url' => '^/page/news-']), "\n";
state($v, $pages);

echo "-- X-Host ^other\\.test$ and X-Url sport\n";
echo tc_varnish_send($v, 'BAN', '/', ['X-Host' => '^other\.test$', 'X-Url' => 'sport']), "\n";
state($v, $pages);

echo "-- X-Content-Type json on example.com\n";
echo tc_varnish_send($v, 'BAN', '/', ['X-Host' => '^example\.com$', 'X-Content-Type' => '^application/json']), "\n";
state($v, $pages);

echo "-- X-Host alone\n";
echo tc_varnish_send($v, 'BAN', '/', ['X-Host' => '^example\.com$']), "\n";
state($v, $pages);
?>
--EXPECT--
-- X-Url ^/page/news- on every host
200 Banned
example.com/page/news-1                       MISS page news-1 fetch 2
example.com/page/news-2?ct=application/json   MISS page news-2 fetch 2
example.com/page/sport-1                      HIT page sport-1 fetch 1
other.test/page/news-1                        MISS page news-1 fetch 2
other.test/page/sport-1                       HIT page sport-1 fetch 1
-- X-Host ^other\.test$ and X-Url sport
200 Banned
example.com/page/news-1                       HIT page news-1 fetch 2
example.com/page/news-2?ct=application/json   HIT page news-2 fetch 2
example.com/page/sport-1                      HIT page sport-1 fetch 1
other.test/page/news-1                        HIT page news-1 fetch 2
other.test/page/sport-1                       MISS page sport-1 fetch 2
-- X-Content-Type json on example.com
200 Banned
example.com/page/news-1                       HIT page news-1 fetch 2
example.com/page/news-2?ct=application/json   MISS page news-2 fetch 3
example.com/page/sport-1                      HIT page sport-1 fetch 1
other.test/page/news-1                        HIT page news-1 fetch 2
other.test/page/sport-1                       HIT page sport-1 fetch 2
-- X-Host alone
200 Banned
example.com/page/news-1                       MISS page news-1 fetch 3
example.com/page/news-2?ct=application/json   MISS page news-2 fetch 4
example.com/page/sport-1                      MISS page sport-1 fetch 2
other.test/page/news-1                        HIT page news-1 fetch 2
other.test/page/sport-1                       HIT page sport-1 fetch 2
