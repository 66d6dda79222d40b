--TEST--
NginxClient: the requests on the wire (PURGE or purge location, refresh header, Host from the URL, https as http), 404 of a purge is success, 404 of a refresh and other errors fail with every failure named
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../http_helpers.inc';
use TagCache\Http\{NginxClient, PurgeException};

$p = tc_fake_proxy('200');
$c = new NginxClient([$p['addr']]);
$c->purge('/a?x=1#frag')->purge('http://example.test/b')->purge('https://example.test:8443/c')
  ->refresh('/d')->purge('/a?x=1');
echo "queued ", $c->getQueueSize(), "\n";
echo "sent ", $c->flush(), "\n";
echo "queued ", $c->getQueueSize(), "\n";
$show = function (array $p) {
    foreach (($p['requests'])() as $r) {
        $extra = [];
        foreach ($r['headers'] as [$n, $v]) {
            if (!in_array(strtolower($n), ['host', 'connection'], true)) {
                $extra[] = "$n: $v";
            }
        }
        echo $r['method'], ' ', $r['target'], ' Host=', str_replace((string)$p['port'], 'PORT', tc_header($r, 'Host')),
             $extra ? ' ' . implode(' ', $extra) : '', "\n";
    }
};
$show($p);

echo "-- location style, custom refresh header, host option\n";
$q = tc_fake_proxy('200');
$c = new NginxClient(["http://$q[addr]/"], ['purgeLocation' => '/purge', 'refreshHeader' => 'X-Refresh', 'host' => 'www.test']);
echo $c->purge('/p/1?q')->refresh('/p/2')->flush(), "\n";
$show($q);
$r = new NginxClient([$q['addr']], ['purgeMethod' => 'DELETE']);
$r->purge('/x')->flush();
echo (($q['requests'])()[2]['method']), "\n";

echo "-- 404 of a purge is success\n";
$nf = tc_fake_proxy('404');
$c = new NginxClient([$nf['addr']]);
echo $c->purge('/not-cached')->flush(), "\n";

echo "-- 404 of a refresh, a 500 and a dead proxy fail\n";
$err = tc_fake_proxy('500');
$dead = '127.0.0.1:' . tc_http_free_port();
$c = new NginxClient([$nf['addr'], $err['addr'], $dead], ['connectTimeout' => 0.5, 'timeout' => 2]);
$c->refresh('/r')->purge('/s');
try {
    $c->flush(true);
    echo "no exception\n";
} catch (PurgeException $e) {
    $kinds = [];
    foreach ($e->getFailures() as $f) {
        $kinds[] = $f['request'] . ' @' . str_replace([$nf['addr'], $err['addr'], $dead], ['NOTFOUND', 'ERROR', 'DEAD'], $f['proxy'])
            . ' ' . $f['kind'] . ($f['status'] ? ":$f[status]" : '');
    }
    sort($kinds);
    echo implode("\n", $kinds), "\n";
    var_dump(str_contains($e->getMessage(), '2 of 2 nginx purge requests failed'), $e instanceof TagCache\Exception, $e->getCode());
}
echo "kept ", $c->getQueueSize(), "\n";
echo "-- nothing queued\n";
echo (new NginxClient([$p['addr']]))->flush(), "\n";
?>
--EXPECT--
queued 5
sent 4
queued 0
PURGE /a?x=1 Host=127.0.0.1:PORT
PURGE /b Host=example.test
PURGE /c Host=example.test:8443
GET /d Host=127.0.0.1:PORT X-Tagcache-Refresh: 1
-- location style, custom refresh header, host option
2
GET /purge/p/1?q Host=www.test
GET /p/2 Host=www.test X-Refresh: 1
DELETE
-- 404 of a purge is success
1
-- 404 of a refresh, a 500 and a dead proxy fail
GET /r X-Tagcache-Refresh: 1 @DEAD unreachable
GET /r X-Tagcache-Refresh: 1 @ERROR bad_response:500
GET /r X-Tagcache-Refresh: 1 @NOTFOUND bad_response:404
PURGE /s @DEAD unreachable
PURGE /s @ERROR bad_response:500
bool(true)
bool(true)
int(1008)
kept 2
-- nothing queued
0
