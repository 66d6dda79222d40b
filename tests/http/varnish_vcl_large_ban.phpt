--TEST--
Varnish VCL: BAN requests as large as tagcache sends them (a 7500-byte header line; several lines in one request) are accepted and match
--SKIPIF--
<?php require __DIR__ . '/../varnish_helpers.inc'; tc_varnish_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../varnish_helpers.inc';
$v = tc_varnish_start('ban', tc_origin_start());

// as many tags as fit in "X-Cache-Tags: <regex>" of at most 7500 bytes
$tags = [];
for ($i = 0; strlen('X-Cache-Tags: ' . tc_ban_regex(...$tags, ...[sprintf('post-%05d', $i)])) <= 7500; $i++) {
    $tags[] = sprintf('post-%05d', $i);
}
$line = 'X-Cache-Tags: ' . tc_ban_regex(...$tags);
echo count($tags), ' tags, ', strlen($line) > 7400 && strlen($line) <= 7500 ? 'line within 7400..7500 bytes' : strlen($line), "\n";
$first = '/page/first?tags=' . $tags[0];
$last = '/page/last?tags=other,' . end($tags);
$outside = '/page/outside?tags=post-99999';
foreach ([$first, $last, $outside] as $p) {
    tc_varnish_get($v, $p);
}
echo tc_varnish_send($v, 'BAN', '/', [$line]), "\n";
foreach ([$first, $last, $outside] as $p) {
    echo tc_varnish_get($v, $p), "\n";
}

echo "-- four lines of 450 tags (6.4 KB each) in one BAN\n";
$lines = [];
$pages = [];
for ($l = 0; $l < 4; $l++) {
    $chunk = [];
    for ($i = 0; $i < 450; $i++) {
        $chunk[] = sprintf('item-%d-%04d', $l, $i);
    }
    $lines[] = tc_ban_regex(...$chunk);
    $pages[] = "/page/p$l?tags=" . $chunk[449];
}
foreach ($pages as $p) {
    tc_varnish_get($v, $p);
}
echo tc_varnish_send($v, 'BAN', '/', ['X-Cache-Tags' => $lines]), "\n";
foreach ($pages as $p) {
    echo tc_varnish_get($v, $p), "\n";
}
echo tc_varnish_get($v, $outside), "\n";
?>
--EXPECTF--
%d tags, line within 7400..7500 bytes
200 Banned
MISS page first fetch 2
MISS page last fetch 2
HIT page outside fetch 1
-- four lines of 450 tags (6.4 KB each) in one BAN
200 Banned
MISS page p0 fetch 2
MISS page p1 fetch 2
MISS page p2 fetch 2
MISS page p3 fetch 2
HIT page outside fetch 1
