<?php
/*
 * Origin server of the Varnish tests: a router for `php -S 127.0.0.1:PORT origin.php`.
 *
 *   /page/<name>?tags=a,b&loc=1,2&ct=text/html&maxage=3600&split=1&xkey=k1+k2
 *
 * answers 200 with a body "page <name> fetch <n>" where n counts the fetches of this host and
 * URL (so a re-fetch is visible), and the headers
 *   X-Cache-Tags: a,b       (split=1: one header line per tag; split=N: N tags per line)
 *   X-Location-Id: 1,2
 *   Content-Type: <ct>      (default text/plain; ct=none: no Content-Type header)
 *   Cache-Control: max-age=<maxage> (default 3600)
 *   xkey: k1 k2             (a surrogate key header sent by the origin itself)
 *   X-Origin-Fetch: <n>
 * hold=<name>: after counting the fetch, creates <state>/<name>.held and answers only once
 * <state>/<name>.release exists (a fetch a test keeps in flight; bounded at 30 s).
 * stale=1: adds "X-Tagcache-Stale: 1" (what ResponseTagger::getHeaders() sends for a page whose
 * tags were flushed while it was built).
 * esi=f1+f2: the body continues with <esi:include src="/page/<f>?tags=<f>"/> for each name,
 * and, when the request's Surrogate-Capability announces ESI/1.0, the response carries
 * Surrogate-Control: content="ESI/1.0" (the proxy then assembles the page); the body then
 * starts with an <esi:comment/>, as Varnish parses only bodies that start with '<'.
 * /ping answers 200 "pong", uncacheable. Anything else is 404.
 * Counters live in the folder named by the environment variable TAGCACHE_ORIGIN_STATE.
 */

$uri = $_SERVER['REQUEST_URI'];
$path = parse_url($uri, PHP_URL_PATH) ?? '/';
parse_str((string)parse_url($uri, PHP_URL_QUERY), $q);

if ($path === '/ping') {
    header('Cache-Control: no-store');
    header('Content-Type: text/plain');
    echo "pong\n";
    return true;
}

if (!preg_match('#^/page/([A-Za-z0-9._-]+)$#', $path, $m)) {
    http_response_code(404);
    header('Cache-Control: no-store');
    echo "not found\n";
    return true;
}

$state = getenv('TAGCACHE_ORIGIN_STATE') ?: sys_get_temp_dir();
$file = $state . '/fetch-' . md5(($_SERVER['HTTP_HOST'] ?? '') . ' ' . $uri);
$fp = fopen($file, 'c+');
flock($fp, LOCK_EX);
$n = (int)stream_get_contents($fp) + 1;
ftruncate($fp, 0);
rewind($fp);
fwrite($fp, (string)$n);
flock($fp, LOCK_UN);
fclose($fp);

if (isset($q['hold']) && preg_match('/^[A-Za-z0-9_-]+$/', $q['hold'])) {
    touch("$state/{$q['hold']}.held");
    for ($until = microtime(true) + 30; !is_file("$state/{$q['hold']}.release") && microtime(true) < $until;) {
        usleep(5000); // polling the test's release file, bounded
    }
}

$tags = isset($q['tags']) && $q['tags'] !== '' ? explode(',', $q['tags']) : [];
if ($tags) {
    $per = max(1, (int)($q['split'] ?? 0));
    if (!isset($q['split'])) {
        $per = count($tags);
    }
    foreach (array_chunk($tags, $per) as $i => $chunk) {
        // replace=false keeps every line: the tag header split over several lines
        header('X-Cache-Tags: ' . implode(',', $chunk), false);
    }
}
if (isset($q['loc']) && $q['loc'] !== '') {
    header('X-Location-Id: ' . $q['loc']);
}
if (($q['stale'] ?? '') === '1') {
    header('X-Tagcache-Stale: 1');
}
if (isset($q['xkey'])) {
    header('xkey: ' . $q['xkey']);
}
if (($q['ct'] ?? '') === 'none') {
    ini_set('default_mimetype', ''); // no Content-Type header at all
} else {
    header('Content-Type: ' . ($q['ct'] ?? 'text/plain'));
}
header('Cache-Control: max-age=' . (int)($q['maxage'] ?? 3600));
header('X-Origin-Fetch: ' . $n);
$esi = isset($q['esi']) && preg_match('/^[A-Za-z0-9._ +-]+$/', $q['esi']);
if ($esi && str_contains($_SERVER['HTTP_SURROGATE_CAPABILITY'] ?? '', 'ESI/1.0')) {
    header('Surrogate-Control: content="ESI/1.0"');
}
if ($esi) {
    // Varnish processes ESI only in bodies that start with '<' (unless esi_disable_xml_check)
    echo '<esi:comment text="assembled by the proxy"/>';
}
echo "page {$m[1]} fetch $n\n";
if ($esi) {
    foreach (preg_split('/[ +]+/', trim($q['esi']), -1, PREG_SPLIT_NO_EMPTY) as $f) {
        echo "<esi:include src=\"/page/$f?tags=$f\"/>";
    }
}
return true;
