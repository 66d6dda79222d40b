--TEST--
PageCache records: a stored record is replayed; corrupt, stale and misplaced records are misses (corrupt ones with a warning, and removed)
--FILE--
<?php
function s(string $v): string { return pack('N', strlen($v)) . $v; }
function record(string $body, array $headers = [], int $flags = 0, int $expires = 0, int $status = 200, string $etag = ''): string
{
    $r = 'TCPG' . chr(1) . chr($flags) . pack('n', $status) . pack('J', time()) . pack('J', $expires)
        . s('http://shop.test/p') . s($etag) . s('') . pack('N', count($headers));
    foreach ($headers as $h) {
        $r .= s($h);
    }
    return $r . s($body);
}
ob_start(); // headers stay unsent, as at the top of a front controller
$fe = new TagCache\Frontend\StringFrontend('pages', new TagCache\Backend\TransientMemoryBackend());
$try = function (string $data, array $server = []) use ($fe) {
    $_SERVER = $server + ['REQUEST_METHOD' => 'GET', 'HTTP_HOST' => 'shop.test', 'REQUEST_URI' => '/p', 'QUERY_STRING' => ''];
    $pc = new TagCache\Page\PageCache($fe, ['secret' => str_repeat('s', 16)]);
    $fe->set($pc->getKey(), $data);
    echo '[';
    $hit = $pc->serve();
    echo '] ', var_export($hit, true), ' ', $pc->getStatus(), ' ', http_response_code(), ' stored: ', $fe->has($pc->getKey()) ? 'kept' : 'removed', "\n";
    if ($pc->getStatus() === 'MISS') {
        $pc->doNotCache(); // nothing of this test's output is stored at its end
    }
};
$try(record('hello', ['Content-Type: text/plain']));
$try(record('hello', [], 0, time() + 3600, 200, '"v1"'), ['HTTP_IF_NONE_MATCH' => 'W/"v1", "v2"']);
$try(record('head', []), ['REQUEST_METHOD' => 'HEAD']);
$try(record('stale', [], 0, time() - 10));
$try('garbage');
$try(substr(record('cut'), 0, -1));
$try(record('x') . 'extra');
$try(record('smuggled', ["X-A: b\r\nSet-Cookie: s=1"]));
$try(record('a user variant under the shared key', [], 2));
$try(str_replace('TCPG' . chr(1), 'TCPG' . chr(9), record('v9')));
?>
--EXPECTF--
[hello] true HIT 200 stored: kept
[] true HIT 304 stored: kept
[] true HIT 200 stored: kept
[] false MISS 200 stored: kept
[
Warning: TagCache\Page\PageCache::serve(): PageCache: entry tcpage_%x is corrupt (not a page record): treated as a miss and removed in %s on line %d
] false BYPASS 200 stored: removed
[
Warning: TagCache\Page\PageCache::serve(): PageCache: entry tcpage_%x is corrupt (truncated record): treated as a miss and removed in %s on line %d
] false BYPASS 200 stored: removed
[
Warning: TagCache\Page\PageCache::serve(): PageCache: entry tcpage_%x is corrupt (trailing bytes after the body): treated as a miss and removed in %s on line %d
] false BYPASS 200 stored: removed
[
Warning: TagCache\Page\PageCache::serve(): PageCache: entry tcpage_%x is corrupt (malformed header line): treated as a miss and removed in %s on line %d
] false BYPASS 200 stored: removed
[] false BYPASS 200 stored: kept
[
Warning: TagCache\Page\PageCache::serve(): PageCache: entry tcpage_%x is corrupt (unknown record version): treated as a miss and removed in %s on line %d
] false BYPASS 200 stored: removed
