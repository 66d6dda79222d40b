--TEST--
Varnish VCL: a malformed BAN (bad regex, blank in a value, no condition, empty header) answers 400 with the reason, never 200, and bans nothing
--SKIPIF--
<?php require __DIR__ . '/../varnish_helpers.inc'; tc_varnish_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../varnish_helpers.inc';
$v = tc_varnish_start('ban', tc_origin_start());

$pages = ['/page/a?tags=t1', '/page/b?tags=t2&loc=1', '/page/c'];
foreach ($pages as $p) {
    tc_varnish_get($v, $p);
}
$bad = [
    'unclosed group' => ['X-Cache-Tags' => '(^|,)(t1(,|$)'],
    'bad quantifier' => ['X-Url' => '*page'],
    'bad class' => ['X-Location-Id' => '[1'],
    'blank' => ['X-Url' => '^/page/a b'],
    'no condition' => ['X-Other' => 'x'],
    'empty tags' => ['X-Cache-Tags' => ''],
    'empty host' => ['X-Host' => ' '],
    'bad and good' => ['X-Cache-Tags' => tc_ban_regex('t1'), 'X-Url' => '('],
];
foreach ($bad as $what => $headers) {
    echo str_pad($what, 16), tc_varnish_send($v, 'BAN', '/', $headers), "\n";
}
foreach ($pages as $p) {
    echo tc_varnish_get($v, $p), "\n";
}
// the proxy still bans fine afterwards
echo tc_varnish_send($v, 'BAN', '/', ['X-Cache-Tags' => tc_ban_regex('t1')]), "\n";
foreach ($pages as $p) {
    echo tc_varnish_get($v, $p), "\n";
}
?>
--EXPECTF--
unclosed group  400 Bad ban: Regex compile error: missing closing parenthesis
bad quantifier  400 Bad ban: Regex compile error: %s
bad class       400 Bad ban: Regex compile error: missing terminating ] for character class
blank           400 Bad ban: Expected && between conditions, found "b"
no condition    400 BAN needs X-Cache-Tags, X-Location-Id, X-Host, X-Url or X-Content-Type
empty tags      400 Empty X-Cache-Tags
empty host      400 Empty X-Host
bad and good    400 Bad ban: Regex compile error: missing closing parenthesis
HIT page a fetch 1
HIT page b fetch 1
HIT page c fetch 1
200 Banned
MISS page a fetch 2
HIT page b fetch 1
HIT page c fetch 1
