--TEST--
Varnish: a fetch that started before a ban and ended after it is cached stale; the delayed second send removes it
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
require __DIR__ . '/../varnish_helpers.inc';
tc_varnish_skipif();
?>
--FILE--
<?php
require __DIR__ . '/../varnish_helpers.inc';
use TagCache\Http\VarnishClient;

$origin = tc_origin_start();
$v = tc_varnish_start('ban', $origin);
$client = new VarnishClient(['127.0.0.1:' . $v['port']], ['secondSendDelay' => 0.2]);

// 1. a visitor's request misses and Varnish starts the origin fetch; the origin holds it
$conn = stream_socket_client('tcp://127.0.0.1:' . $v['port'], $errno, $errstr, 10);
fwrite($conn, "GET /page/r?tags=race&hold=r HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
var_dump(tc_varnish_poll(fn() => is_file($origin['dir'] . '/r.held')));

// 2. the content changes: the ban reaches Varnish while the fetch is in flight
var_dump($client->invalidateTags(['race'])->flush());

// 3. the origin answers (rendered before the change): Varnish stores it after the ban
touch($origin['dir'] . '/r.release');
stream_set_timeout($conn, 20);
$answer = stream_get_contents($conn);
fclose($conn);
[$head, $body] = explode("\r\n\r\n", $answer, 2) + ['', ''];
// delivered while it was fetched: Varnish streams it chunked
echo trim(stripos($head, 'transfer-encoding: chunked') !== false ? tc_raw_http_dechunk($body) : $body), "\n";
echo 'after the first ban: ', tc_varnish_get($v, '/page/r?tags=race&hold=r'), "\n";

// 4. the second send, `secondSendDelay` later, removes what the race stored
var_dump($client->flushDelayed());
echo 'after the second send: ', tc_varnish_get($v, '/page/r?tags=race&hold=r'), "\n";
?>
--EXPECT--
bool(true)
int(1)
page r fetch 1
after the first ban: HIT page r fetch 1
int(1)
after the second send: MISS page r fetch 2
