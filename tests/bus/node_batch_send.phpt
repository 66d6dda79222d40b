--TEST--
Bus Node: one poll's purges go to every proxy in one parallel send, tag clears merged into one request (one at a time when the merged list is refused); a proxy that fails gets every purge of that poll in its outbox, in read order; a message a proxy refuses is dropped alone
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/node_helpers.inc';
use TagCache\Bus\Node;

$redis = tc_redis_start();
$up = tc_node_proxy_at(tc_http_free_port());
$downPort = tc_http_free_port();           // nothing listens there yet
$down = "127.0.0.1:$downPort";
$pub = tc_node_bus($redis);
// headerLength 256: a 250-byte tag cannot fit in one header line, so both proxies refuse it
$opts = ['proxyOptions' => ['connectTimeout' => 0.5, 'timeout' => 2.0, 'headerLength' => 256], 'retryDelay' => 60];
$node = new Node(tc_node_bus($redis), 'edge', null, [$up['addr'], $down], $opts);
$node->poll();

$pub->purgeTags(['t1']);
$pub->flushByTags(['t2']);
$pub->purgeTags([str_repeat('x', 250)]);
$pub->purgeLocations(['l1']);
$pub->purgeUrls(['http://example.com/u1']);
$pub->purgeTags(['t1']);                   // the same purge again
var_dump($node->poll());
$s = $node->getStats();
echo "sent {$s['purgesSent']}, outboxed {$s['purgesOutboxed']}, errors {$s['errors']}\n";

function show(array $requests): void
{
    foreach ($requests as $r) {
        echo '  ', $r['method'], ' ', $r['target'], ' ', tc_header($r, 'X-Cache-Tags') ?? tc_header($r, 'Host'),
            tc_header($r, 'X-Tagcache-Location-Ban') ? ' (location)' : '', "\n";
    }
}
// the proxy that was up: the tag list holding the refused tag was queued message by message
// (so t1 and t2 apart), the location, the URL; in any order (parallel)
$got = ($up['requests'])();
usort($got, fn($a, $b) => [$a['method'], tc_header($a, 'X-Cache-Tags')] <=> [$b['method'], tc_header($b, 'X-Cache-Tags')]);
echo "up:\n";
show($got);
// the proxy that was down: everything of that poll waits, in read order (the repeated purge coalesced)
var_dump($pub->getStatus()['outbox'][$down]['size']);
$back = tc_node_proxy_at($downPort);
var_dump($node->retryOutbox());
echo "down, then back:\n";
show(($back['requests'])());
var_dump($pub->getStatus()['outbox'][$down]['size'] ?? 0);

// the proxies are both up: the next poll sends to both at once again
$pub->purgeTags(['t3']);
$pub->purgeTags(['t4']);
var_dump($node->poll());
$s = $node->getStats();
echo "sent {$s['purgesSent']}, outboxed {$s['purgesOutboxed']}, delivered {$s['purgesDelivered']}, errors {$s['errors']}\n";
echo 'last on each: ', tc_header(array_slice(($up['requests'])(), -1)[0], 'X-Cache-Tags'), ' ',
    tc_header(array_slice(($back['requests'])(), -1)[0], 'X-Cache-Tags'), "\n";
?>
--EXPECTF--
Warning: TagCache\Bus\Node::poll(): TagCache\Bus\Node "edge": a purgeTags message cannot be sent to proxy 127.0.0.1:%d and was dropped: %s in %s on line %d

Warning: TagCache\Bus\Node::poll(): TagCache\Bus\Node "edge": a purgeTags message cannot be sent to proxy 127.0.0.1:%d and was dropped: %s in %s on line %d
int(6)
sent 5, outboxed 5, errors 2
up:
  BAN / (^|,)(l1)(,|$) (location)
  BAN / (^|,)(t1)(,|$)
  BAN / (^|,)(t2)(,|$)
  PURGE /u1 example.com
int(4)
int(4)
down, then back:
  BAN / (^|,)(t1)(,|$)
  BAN / (^|,)(t2)(,|$)
  BAN / (^|,)(l1)(,|$) (location)
  PURGE /u1 example.com
int(0)
int(2)
sent 9, outboxed 5, delivered 4, errors 2
last on each: (^|,)(t3|t4)(,|$) (^|,)(t3|t4)(,|$)
