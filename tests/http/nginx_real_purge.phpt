--TEST--
NginxClient against real nginx (the shipped integrations/nginx configuration, cache purge module): a cached page is purged (PURGE and purge location), refreshed, a purge of an uncached page succeeds, a stopped nginx is a named failure
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../nginx_helpers.inc'; tc_nginx_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../nginx_helpers.inc';
use TagCache\Http\{NginxClient, PurgeException};

$ngx = tc_nginx_start(tc_origin_start());
$addr = "127.0.0.1:$ngx[port]";
$c = new NginxClient([$addr], ['host' => 'localhost']);

echo tc_nginx_get($ngx, '/page/a'), "\n";
echo tc_nginx_get($ngx, '/page/a'), "\n";
echo tc_nginx_get($ngx, '/page/b?x=1'), "\n";
echo "-- purge\n";
echo $c->purge('/page/a')->flush(), "\n";
echo tc_nginx_get($ngx, '/page/a'), "\n";
echo tc_nginx_get($ngx, '/page/a'), "\n";
echo tc_nginx_get($ngx, '/page/b?x=1'), "\n";
echo "-- purge by absolute https URL (nginx keys pages by host and path)\n";
echo (new NginxClient([$addr]))->purge('https://localhost/page/b?x=1')->flush(), "\n";
echo tc_nginx_get($ngx, '/page/b?x=1'), "\n";
echo "-- a page of another host is another page\n";
echo tc_nginx_get($ngx, '/page/a', ['Host' => 'other.test']), "\n";
echo $c->purge('/page/a')->flush(), "\n";
echo tc_nginx_get($ngx, '/page/a', ['Host' => 'other.test']), "\n";
echo "-- purge of a page not cached: success\n";
echo $c->purge('/page/never')->purge('/page/a')->flush(), "\n";
echo "-- refresh\n";
echo tc_nginx_get($ngx, '/page/c'), "\n";
echo $c->refresh('/page/c')->flush(), "\n";
echo tc_nginx_get($ngx, '/page/c'), "\n";
echo "-- the refresh header with another value than 1 is ignored\n";
echo tc_nginx_get($ngx, '/page/c', ['X-Tagcache-Refresh' => '0']), "\n";
echo "-- location style\n";
$loc = new NginxClient([$addr], ['purgeLocation' => '/purge', 'host' => 'localhost']);
echo $loc->purge('/page/c')->flush(), "\n";
echo tc_nginx_get($ngx, '/page/c'), "\n";
echo "-- tags\n";
try { $c->invalidateTags(['t']); } catch (TagCache\NotSupportedByBackendException $e) { echo get_class($e), "\n"; }
echo "-- nginx stopped\n";
tc_nginx_stop($ngx);
try {
    $c->purge('/page/a')->flush();
    echo "no exception\n";
} catch (PurgeException $e) {
    foreach ($e->getFailures() as $f) {
        echo $f['request'], ' ', $f['proxy'] === $addr ? 'PROXY' : $f['proxy'], ' ', $f['kind'], "\n";
    }
}
?>
--EXPECT--
MISS page a fetch 1
HIT page a fetch 1
MISS page b fetch 1
-- purge
1
MISS page a fetch 2
HIT page a fetch 2
HIT page b fetch 1
-- purge by absolute https URL (nginx keys pages by host and path)
1
MISS page b fetch 2
-- a page of another host is another page
MISS page a fetch 1
1
HIT page a fetch 1
-- purge of a page not cached: success
2
-- refresh
MISS page c fetch 1
1
HIT page c fetch 2
-- the refresh header with another value than 1 is ignored
HIT page c fetch 2
-- location style
1
MISS page c fetch 3
-- tags
TagCache\NotSupportedByBackendException
-- nginx stopped
PURGE /page/a PROXY unreachable
