--TEST--
Varnish + origin guard: a page rendered while its data tag was flushed is marked stale and not cached, so the next visitor gets the new content (without a guard: the old page is cached)
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
require __DIR__ . '/../varnish_helpers.inc';
tc_varnish_skipif();
if (!method_exists('TagCache\Frontend\VariableFrontend', 'ticket')) die('skip write tickets are not in this build yet');
if (!preg_match('#\S*/tagcache\.so#', (string)@file_get_contents('/proc/self/maps'))) die('skip cannot find the loaded tagcache.so');
?>
--FILE--
<?php
require __DIR__ . '/../varnish_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Http\VarnishClient;

// The origin: php -S with this extension, a content cache in front of a "database" file.
preg_match('#\S*/tagcache\.so#', file_get_contents('/proc/self/maps'), $so);
$dir = tc_varnish_subdir('guard');
file_put_contents("$dir/router.php", <<<'PHP'
<?php
use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Http\ResponseTagger;
$dir = getenv('GUARD_DIR');
if ($_SERVER['REQUEST_URI'] === '/ping') {
    header('Cache-Control: no-store');
    echo "pong\n";
    return true;
}
$cache = new VariableFrontend('content', new FileBackend(['cacheDirectory' => "$dir/cache"]));
$tagger = new ResponseTagger(isset($_GET['guard']) ? ['guard' => $cache] : []);
$tagger->addTags(['post-1']);
if (($post = $cache->get('post-1')) === false) {
    $post = trim(file_get_contents("$dir/db"));
    $cache->set('post-1', $post, ['post-1']);
}
if (isset($_GET['hold'])) {
    touch("$dir/{$_GET['hold']}.held");
    for ($until = microtime(true) + 30; !is_file("$dir/{$_GET['hold']}.release") && microtime(true) < $until;) {
        usleep(5000); // polling the test's release file, bounded
    }
}
foreach ($tagger->getHeaders() as $line) {
    header($line, false);
}
header('Cache-Control: max-age=3600');
header('Content-Type: text/plain');
echo "post $post\n";
return true;
PHP);
$group = tc_varnish_spawn([PHP_BINARY, '-n', '-d', 'extension=' . $so[0], '-d', 'display_errors=stderr', '-S', '127.0.0.1:0', "$dir/router.php"],
    "$dir/origin.log", ['GUARD_DIR' => $dir]);
$port = 0;
tc_varnish_poll(function () use ($dir, &$port) {
    if (!$port && preg_match('#\(http://127\.0\.0\.1:(\d+)\) started#', (string)@file_get_contents("$dir/origin.log"), $m)) {
        $port = (int)$m[1];
    }
    return $port && (tc_raw_http($port, 'GET', '/ping', [], '', 1.0)['status'] ?? 0) === 200;
}, 30) or die('origin did not start: ' . file_get_contents("$dir/origin.log"));
$v = tc_varnish_start('ban', ['port' => $port]);
$cache = new VariableFrontend('content', new FileBackend(['cacheDirectory' => "$dir/cache"]));
$client = new VarnishClient(['127.0.0.1:' . $v['port']], ['secondSendDelay' => 0]); // the guard alone

foreach (['guard' => '?guard=1&', 'no guard' => '?'] as $label => $q) {
    echo "-- $label\n";
    file_put_contents("$dir/db", 'v1');
    $cache->flush();
    $hold = $label === 'guard' ? 'g' : 'n';
    // a visitor's request: the origin reads post-1 (v1), then is held while rendering
    $conn = stream_socket_client('tcp://127.0.0.1:' . $v['port'], $errno, $errstr, 10);
    fwrite($conn, "GET /p{$q}hold=$hold HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    var_dump(tc_varnish_poll(fn() => is_file("$dir/$hold.held")));
    // the edit: database, then the data cache tag, then the proxies
    file_put_contents("$dir/db", 'v2');
    $cache->flushByTag('post-1');
    $client->invalidateTags(['post-1'])->flush();
    touch("$dir/$hold.release");
    stream_set_timeout($conn, 20);
    [$head, $body] = explode("\r\n\r\n", stream_get_contents($conn), 2) + ['', ''];
    fclose($conn);
    preg_match('/^X-Cache: (\S+)/mi', $head, $m);
    echo 'the raced visitor: ', $m[1] ?? '-', ' ', trim(stripos($head, 'transfer-encoding: chunked') !== false ? tc_raw_http_dechunk($body) : $body), "\n";
    echo 'the next visitor:  ', tc_varnish_get($v, "/p{$q}hold=$hold"), "\n";
}
?>
--EXPECT--
-- guard
bool(true)
the raced visitor: PASS post v1
the next visitor:  MISS post v2
-- no guard
bool(true)
the raced visitor: MISS post v1
the next visitor:  HIT post v1
