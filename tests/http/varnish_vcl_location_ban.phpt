--TEST--
Varnish VCL, ban mode: BAN with X-Location-Id invalidates the pages of those locations only
--SKIPIF--
<?php require __DIR__ . '/../varnish_helpers.inc'; tc_varnish_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../varnish_helpers.inc';
$v = tc_varnish_start('ban', tc_origin_start());

$pages = [
    'one' => '/page/one?loc=1',
    'ten' => '/page/ten?loc=10',
    'both' => '/page/both?loc=7,1',
    'tagged1' => '/page/tagged1?tags=1',      // a tag "1" is not a location "1"
];
foreach ($pages as $p) {
    tc_varnish_get($v, $p);
}
echo tc_varnish_send($v, 'BAN', '/', ['X-Location-Id' => tc_ban_regex('1')]), "\n";
foreach ($pages as $name => $p) {
    echo $name, ': ', tc_varnish_get($v, $p), "\n";
}
echo tc_varnish_send($v, 'BAN', '/', ['X-Location-Id' => tc_ban_regex('10', '99')]), "\n";
foreach ($pages as $name => $p) {
    echo $name, ': ', tc_varnish_get($v, $p), "\n";
}
echo "-- tag and location together: both must match\n";
echo tc_varnish_send($v, 'BAN', '/', ['X-Location-Id' => tc_ban_regex('1'), 'X-Cache-Tags' => tc_ban_regex('1')]), "\n";
foreach ($pages as $name => $p) {
    echo $name, ': ', tc_varnish_get($v, $p), "\n";
}
?>
--EXPECT--
200 Banned
one: MISS page one fetch 2
ten: HIT page ten fetch 1
both: MISS page both fetch 2
tagged1: HIT page tagged1 fetch 1
200 Banned
one: HIT page one fetch 2
ten: MISS page ten fetch 2
both: HIT page both fetch 2
tagged1: HIT page tagged1 fetch 1
-- tag and location together: both must match
200 Banned
one: HIT page one fetch 2
ten: HIT page ten fetch 2
both: HIT page both fetch 2
tagged1: HIT page tagged1 fetch 1
