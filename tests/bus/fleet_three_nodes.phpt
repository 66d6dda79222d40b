--TEST--
Fleet: three node processes, three varnishd, one redis; flushByTags on A empties the tagged entries of A, B and C (file and shared-memory caches) and purges the tagged pages on all three proxies; untagged entries and pages stay
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
require __DIR__ . '/fleet_helpers.inc';
tc_fleet_skipif(true);
?>
--FILE--
<?php
require __DIR__ . '/fleet_helpers.inc';

$redis = tc_fleet_redis();
$origin = tc_origin_start();
$proxies = tc_varnish_start_many(3, 'ban', $origin);
$proxyAddrs = array_map(fn($v) => "127.0.0.1:{$v['port']}", $proxies);

// A is the node responsible for the proxies; B and C only have local caches
$nodes = [];
foreach (['A', 'B', 'C'] as $name) {
    $opts = $name === 'A' ? ['proxies' => $proxyAddrs, 'node' => ['proxyOptions' => ['tagMode' => 'ban', 'secondSendDelay' => 0]]] : [];
    $nodes[$name] = tc_fleet_node($name, $redis, $opts);
}
// every node's caches hold an entry tagged t, one tagged u and one without tags
foreach ($nodes as $name => $node) {
    $m = tc_fleet_manager($node);
    foreach (tc_fleet_caches($node) as $id) {
        $m->getCache($id)->set('tagged', "$name $id", ['t']);
        $m->getCache($id)->set('other', "$name $id", ['u']);
        $m->getCache($id)->set('plain', "$name $id");
    }
}
// pages: tagged t and tagged u, cached on every proxy (a distinct query per proxy: the
// origin counts fetches per URL)
foreach ($proxies as $i => $v) {
    tc_varnish_get($v, "/page/t?tags=t&p=$i");
    tc_varnish_get($v, "/page/u?tags=u&p=$i");
    echo "proxy $i: ", tc_varnish_get($v, "/page/t?tags=t&p=$i"), ' / ', tc_varnish_get($v, "/page/u?tags=u&p=$i"), "\n";
}

$bus = tc_fleet_bus($redis);
$bus->flushByTags(['t']);

$gone = function (array $node): bool {
    $m = tc_fleet_manager($node);
    foreach (tc_fleet_caches($node) as $id) {
        if ($m->getCache($id)->has('tagged')) {
            return false;
        }
    }
    return true;
};
foreach ($nodes as $name => $node) {
    echo "$name applied: ", tc_fleet_wait(fn() => $gone($node)) ? 'yes' : 'no: ' . json_encode(tc_fleet_status($node)), "\n";
}
foreach ($proxies as $i => $v) {
    $purged = tc_fleet_wait(fn() => str_starts_with(tc_varnish_get($v, "/page/t?tags=t&p=$i"), 'MISS'));
    echo "proxy $i: page t ", $purged ? 'purged' : 'still cached', ', page u ', tc_varnish_get($v, "/page/u?tags=u&p=$i"), "\n";
}
foreach ($nodes as $name => $node) {
    $m = tc_fleet_manager($node);
    $left = [];
    foreach (tc_fleet_caches($node) as $id) {
        $c = $m->getCache($id);
        $left[] = $id . ':' . implode(',', array_filter(['tagged', 'other', 'plain'], fn($e) => $c->has($e)));
    }
    echo "$name: ", implode(' ', $left), "\n";
}
foreach ($nodes as $name => $node) {
    $s = tc_fleet_stop($node); // its last report: every poll's stats
    echo "$name stopped: ", $s['stopped'] ? 'yes' : 'no', ', errors ', $s['errors'], ', gaps ', $s['stats']['gaps'],
        ', purges sent ', $s['stats']['purgesSent'] >= 1 ? 'some' : 'none', ', outboxed ', $s['stats']['purgesOutboxed'], "\n";
}
?>
--EXPECTF--
proxy 0: HIT page t fetch 1 / HIT page u fetch 1
proxy 1: HIT page t fetch 1 / HIT page u fetch 1
proxy 2: HIT page t fetch 1 / HIT page u fetch 1
A applied: yes
B applied: yes
C applied: yes
proxy 0: page t purged, page u HIT page u fetch 1
proxy 1: page t purged, page u HIT page u fetch 1
proxy 2: page t purged, page u HIT page u fetch 1
A: Data:other,plain Other:other,plain Shm:other,plain
B: Data:other,plain Other:other,plain Shm:other,plain
C: Data:other,plain Other:other,plain Shm:other,plain
A stopped: yes, errors 0, gaps 0, purges sent some, outboxed 0
B stopped: yes, errors 0, gaps 0, purges sent none, outboxed 0
C stopped: yes, errors 0, gaps 0, purges sent none, outboxed 0
