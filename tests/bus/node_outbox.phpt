--TEST--
Bus Node: purges for a proxy that is down wait in its outbox (coalesced, later ones queued behind), and reach it in order once it is back; too old ones are dropped and reported
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/node_helpers.inc';
use TagCache\Bus\Node;

$redis = tc_redis_start();
$port = tc_http_free_port();               // nothing listens there yet
$proxy = "127.0.0.1:$port";
$pub = tc_node_bus($redis);
// polls never retry (retryDelay 60 s): retryOutbox() does
$opts = ['proxyOptions' => ['connectTimeout' => 0.5, 'timeout' => 2.0], 'retryDelay' => 60, 'maxRetryDelay' => 600];
$bus = tc_node_bus($redis);
$node = new Node($bus, 'edge', null, [$proxy], $opts);
$node->poll();

$pub->purgeTags(['one']);
$pub->purgeUrls(['http://example.com/two']);
$pub->flushByTags(['three']);
$pub->purgeTags(['one']);                  // the same purge again: waits once
var_dump($node->poll());
$s = $node->getStats();
var_dump($s['purgesSent'], $s['purgesOutboxed']);
$out = $pub->getStatus()['outbox'][$proxy];
var_dump($out['size']);

var_dump($node->retryOutbox());            // still down
var_dump($pub->getStatus()['outbox'][$proxy]['attempts']);

$up = tc_node_proxy_at($port);
$pub->banPath('^/four', 'text/html');      // the proxy is back, but older purges wait: this one goes behind them
var_dump($node->poll());
var_dump($node->retryOutbox());
foreach (($up['requests'])() as $r) {
    echo $r['method'], ' ', $r['target'], ' ', tc_header($r, 'X-Cache-Tags') ?? tc_header($r, 'X-Url') ?? tc_header($r, 'Host'), "\n";
}
$out = $pub->getStatus()['outbox'][$proxy] ?? ['size' => 0, 'attempts' => 0];
var_dump($out['size'], $out['attempts']);
$pub->purgeTags(['five']);                 // sent at once again
$node->poll();
$s = $node->getStats();
var_dump($s['purgesSent'], $s['purgesOutboxed'], $s['purgesDelivered'], $s['purgesDropped'], $s['errors']);
var_dump(count(($up['requests'])()));

// maxAge: a purge waiting longer is dropped, counted and reported
$deadPort = tc_http_free_port();
$old = new Node(tc_node_bus($redis), 'old', null, ["127.0.0.1:$deadPort"], ['maxAge' => 0.05, 'retryDelay' => 60, 'gapBan' => false]);
$old->poll();
$pub->purgeTags(['six']);
$old->poll();
usleep(100000);
var_dump($old->retryOutbox());
var_dump($old->getStats()['purgesDropped'], $pub->getStatus()['outbox']["127.0.0.1:$deadPort"]['size'] ?? 0);
?>
--EXPECTF--
int(4)
int(0)
int(4)
int(3)
int(0)
int(1)
int(1)
int(4)
BAN / (^|,)(one)(,|$)
PURGE /two example.com
BAN / (^|,)(three)(,|$)
BAN / ^/four
int(0)
int(0)
int(1)
int(5)
int(4)
int(0)
int(0)
int(5)

Warning: TagCache\Bus\Node::retryOutbox(): TagCache\Bus\Node "old": 1 purge waiting for proxy 127.0.0.1:%d longer than maxAge (0.05 s) dropped (kept in tagcache:bus:dead:127.0.0.1:%d) in %s on line %d
int(0)
int(1)
int(0)
