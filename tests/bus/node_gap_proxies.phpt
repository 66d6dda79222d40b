--TEST--
Bus Node: after a gap a node with proxies bans every page on them (banPath ".*", in ban and xkey mode alike), queued behind older purges in the outbox of a proxy that is down and delivered once it is back; a node without a gap, or with gapBan false, sends none
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/node_helpers.inc';
use TagCache\Bus\Node;

$redis = tc_redis_start();
$pub = tc_node_bus($redis, 'app', ['maxLength' => 100]);
$show = function (array $proxy): string {
    $out = [];
    foreach (($proxy['requests'])() as $r) {
        $out[] = $r['method'] . ' ' . $r['target'] . ' tags=' . (tc_header($r, 'X-Cache-Tags') ?? '-') . ' url=' . (tc_header($r, 'X-Url') ?? '-')
            . ' host=' . (tc_header($r, 'X-Host') ?? '-') . ' type=' . (tc_header($r, 'X-Content-Type') ?? '-');
    }
    return ($out ? implode("\n", $out) : '(none)') . "\n";
};
$quiet = ['retryDelay' => 60, 'maxRetryDelay' => 600, 'proxyOptions' => ['connectTimeout' => 0.5, 'timeout' => 2.0]];

$pCalm = tc_fake_proxy();
$pBan = tc_fake_proxy();
$pXkey = tc_fake_proxy();
$pOff = tc_fake_proxy();
$downPort = tc_http_free_port();           // nothing listens there until the proxy comes back
$calm = new Node(tc_node_bus($redis), 'calm', null, [$pCalm['addr']], $quiet);
$ban = new Node(tc_node_bus($redis), 'ban', null, [$pBan['addr']], $quiet);
$xkey = new Node(tc_node_bus($redis), 'xkey', null, [$pXkey['addr']], ['proxyOptions' => ['tagMode' => 'xkey']] + $quiet);
$off = new Node(tc_node_bus($redis), 'off', null, [$pOff['addr']], ['gapBan' => false] + $quiet);
$down = new Node(tc_node_bus($redis), 'down', null, ["127.0.0.1:$downPort"], $quiet);
foreach ([$calm, $ban, $xkey, $off, $down] as $n) {
    $n->poll();
}

// a purge the down proxy misses: it waits in the outbox
$pub->purgeTags(['older']);
foreach ([$calm, $ban, $xkey, $off, $down] as $n) {
    $n->poll();
}
echo "down outbox: ", $pub->getStatus()['outbox']["127.0.0.1:$downPort"]['size'], "\n";

// 150 clears no proxy sees (no cache is reached); only "calm" keeps up, the others fall behind
// the trimmed start
for ($i = 0; $i < 150; $i++) {
    $pub->remove('C1', "gone$i");
    if ($i % 50 === 49) {
        $calm->poll();
    }
}
// published after the trimmed ones: a node with a gap resumes at the stream's end and skips
// it with them (the ban covers it; with gapBan false that proxy keeps its pages)
$pub->purgeTags(['last']);
foreach (['calm' => $calm, 'ban' => $ban, 'xkey' => $xkey, 'off' => $off, 'down' => $down] as $name => $n) {
    $n->poll();
    $s = $n->getStats();
    echo "$name: gaps {$s['gaps']}, gapBans {$s['gapBans']}, sent {$s['purgesSent']}, outboxed {$s['purgesOutboxed']}, errors {$s['errors']}\n";
}
echo "-- calm's proxy\n", $show($pCalm);
echo "-- ban's proxy\n", $show($pBan);
echo "-- xkey's proxy\n", $show($pXkey);
echo "-- off's proxy\n", $show($pOff);
echo "down outbox: ", $pub->getStatus()['outbox']["127.0.0.1:$downPort"]['size'], "\n";

// the down proxy comes back: the older purge, then the ban of everything
$up = tc_node_proxy_at($downPort);
var_dump($down->retryOutbox());
echo "-- down's proxy, back\n", $show($up);
echo "down outbox: ", $pub->getStatus()['outbox']["127.0.0.1:$downPort"]['size'] ?? 0, "\n";

// no new gap: no new ban
$pub->purgeTags(['after']);
foreach ([$ban, $down] as $n) {
    $n->poll();
}
echo "ban: gapBans ", $ban->getStats()['gapBans'], ", requests ", count(($pBan['requests'])()), "\n";
echo "down: gapBans ", $down->getStats()['gapBans'], ", requests ", count(($up['requests'])()), "\n";
?>
--EXPECT--
down outbox: 1
calm: gaps 0, gapBans 0, sent 2, outboxed 0, errors 0
ban: gaps 1, gapBans 1, sent 2, outboxed 0, errors 0
xkey: gaps 1, gapBans 1, sent 2, outboxed 0, errors 0
off: gaps 1, gapBans 0, sent 1, outboxed 0, errors 0
down: gaps 1, gapBans 1, sent 0, outboxed 2, errors 0
-- calm's proxy
BAN / tags=(^|,)(older)(,|$) url=.* host=.* type=.*
BAN / tags=(^|,)(last)(,|$) url=.* host=.* type=.*
-- ban's proxy
BAN / tags=(^|,)(older)(,|$) url=.* host=.* type=.*
BAN / tags=- url=.* host=.* type=.*
-- xkey's proxy
PURGEKEYS / tags=- url=- host=- type=-
BAN / tags=- url=.* host=.* type=.*
-- off's proxy
BAN / tags=(^|,)(older)(,|$) url=.* host=.* type=.*
down outbox: 2
int(2)
-- down's proxy, back
BAN / tags=(^|,)(older)(,|$) url=.* host=.* type=.*
BAN / tags=- url=.* host=.* type=.*
down outbox: 0
ban: gapBans 1, requests 3
down: gapBans 1, requests 3