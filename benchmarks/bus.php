<?php
/*
 * The fleet bus benchmark: one redis-server, three node processes (tests/helpers/bus_worker.php,
 * each with two file caches and a shared-memory cache), three varnishd (ban mode) purged by
 * node A, an origin; all started on 127.0.0.1 by tests/bus/fleet_helpers.inc and stopped by
 * PID at the end. Prints markdown tables:
 *   latency publish → applied on the 3 nodes and purged on the 3 varnishd (p50/p90/p99/max);
 *   stream length under steady load (trimmed by Bus::trim(), or capped by maxLength);
 *   publish throughput of one process; apply throughput of one node; Redis memory per 1000
 *   pending messages.
 * Run: `benchmarks/run bus [--quick]`, or directly
 *     TAGCACHE_SO=$PWD/modules/tagcache.so php -d extension=$PWD/modules/tagcache.so benchmarks/bus.php [--quick] [--clears=N] [--rate=N]
 * (--clears, --rate: the latency run's clears and clears published per second; 1000 at 200/s)
 * (TAGCACHE_SO: the extension the node processes load). TAGCACHE_BENCH_DIR=/dev/shm puts the
 * caches on tmpfs.
 */
require __DIR__ . '/lib.php';
require __DIR__ . '/../tests/bus/fleet_helpers.inc';

use TagCache\Bus\Bus;
use TagCache\Bus\Node;
use TagCache\CacheManager;

/** Nearest-rank percentiles of $values (seconds) as formatted cells: p50, p90, p99, max. */
function bus_percentiles(array $values): array
{
    sort($values);
    return array_map(fn($p) => bench_fmt_time(bench_percentile($values, $p)), [50, 90, 99, 100]);
}

/** For each of the $n messages after $base (in publish order), when the node's log says it had applied it. */
function bus_applied_times(array $node, int $base, int $n): array
{
    $times = [];
    $k = 1;
    foreach (file($node['config']['dir'] . '/applied.log', FILE_IGNORE_NEW_LINES) ?: [] as $line) {
        [$t, $total] = explode(' ', $line);
        while ($k <= $n && (int)$total >= $base + $k) {
            $times[$k++] = (float)$t;
        }
    }
    return $times;
}

/** Publishes for $seconds with $op($bus, $i) (returns clears it made); returns [clears/s, round trips/s, stream entries]. */
function bus_publish_rate(array $redis, array $busOpts, float $seconds, Closure $op): array
{
    $stream = 'bench:publish';
    tc_redis_cmd($redis, 'DEL', $stream);
    $bus = tc_fleet_bus($redis, $busOpts + ['stream' => $stream]);
    $clears = $trips = 0;
    $t0 = microtime(true);
    for ($i = 0; ($elapsed = microtime(true) - $t0) < $seconds; $i++) {
        [$c, $r] = $op($bus, $i);
        $clears += $c;
        $trips += $r;
    }
    $entries = tc_redis_cmd($redis, 'XLEN', $stream);
    tc_redis_cmd($redis, 'DEL', $stream);
    return [$clears / $elapsed, $trips / $elapsed, $entries];
}

/** One node in this process applies $n clears published before; returns messages/s. */
function bus_apply_rate(array $redis, string $label, ?CacheManager $manager, int $n, ?Closure $fill, array $proxies = [], bool $urls = false): array
{
    $stream = "bench:apply:$label";
    $bus = tc_fleet_bus($redis, ['stream' => $stream]);
    $node = new Node($bus, 'apply', $manager, $proxies, ['proxyOptions' => ['tagMode' => 'ban', 'secondSendDelay' => 0]]);
    $node->poll(0); // its group, at the stream's end
    if ($fill) {
        $fill($n);
    }
    for ($i = 0; $i < $n; $i++) {
        $urls ? $bus->purgeUrls(["/p$i"]) : $bus->flushByTags(["a$i"]);
    }
    $applied = 0;
    $t0 = microtime(true);
    while ($applied < $n && microtime(true) - $t0 < 120) {
        $applied += $node->poll(0);
    }
    $elapsed = microtime(true) - $t0;
    $stats = $node->getStats();
    if ($stats['purgesOutboxed'] || $stats['errors']) {
        bench_note("bus: apply \"$label\": {$stats['purgesOutboxed']} purges went to an outbox, {$stats['errors']} errors");
    }
    tc_redis_cmd($redis, 'DEL', $stream);
    return [$applied / $elapsed, $applied];
}

function bus_used_memory(array $redis): int
{
    return preg_match('/used_memory:(\d+)/', tc_redis_cmd($redis, 'INFO', 'memory'), $m) ? (int)$m[1] : 0;
}

$quick = in_array('--quick', $argv, true);
$clears = $quick ? 200 : 1000;
$rate = 200.0;
foreach ($argv as $arg) {
    if (preg_match('/^--clears=(\d+)$/', $arg, $m)) {
        $clears = max(1, (int)$m[1]);
    } elseif (preg_match('/^--rate=(\d+)$/', $arg, $m)) {
        $rate = max(1.0, (float)$m[1]);
    }
}
if (!class_exists(Bus::class) || !is_executable(TC_REDIS_SERVER)) {
    bench_note('benchmarks/bus.php: needs the bus (TagCache\Bus\Bus) and redis-server');
    exit(1);
}
$withVarnish = tc_varnishd() !== null && trim((string)shell_exec('command -v cc || command -v gcc')) !== '';
$seconds = $quick ? 0.3 : 2.0;

echo "## Fleet bus\n\n";
$redis = tc_fleet_redis();
$proxies = [];
if ($withVarnish) {
    $origin = tc_origin_start();
    $proxies = tc_varnish_start_many(3, 'ban', $origin);
} else {
    bench_note('varnishd (or a C compiler) is missing: latency measured without proxies');
}
$nodes = [];
foreach (['A', 'B', 'C'] as $name) {
    $opts = ['log' => true];
    if ($name === 'A' && $proxies) {
        $opts['proxies'] = array_map(fn($v) => "127.0.0.1:{$v['port']}", $proxies);
        $opts['node'] = ['proxyOptions' => ['tagMode' => 'ban', 'secondSendDelay' => 0]];
    }
    $nodes[$name] = tc_fleet_node($name, $redis, $opts);
}
preg_match('/redis_version:(\S+)/', tc_redis_cmd($redis, 'INFO', 'server'), $m);
$varnishVersion = $proxies && preg_match('/varnish-(\S+?)[ )]/', (string)shell_exec(escapeshellarg(tc_varnishd()) . ' -V 2>&1'), $vm) ? $vm[1] : '';
printf("redis-server %s, 3 node processes (each: 2 FileBackend caches and 1 SharedMemoryBackend cache), %s, PHP %s, %d cores.\n\n",
    $m[1] ?? '?', $proxies ? "3 varnishd $varnishVersion (ban mode) purged by node A" : 'no proxies', PHP_VERSION, (int)shell_exec('nproc'));

// ---- latency: publish → applied on every node (A's apply includes the purges of the 3 varnishd)
bench_note("bus: latency, $clears clears at $rate/s");
$base = [];
foreach ($nodes as $name => $node) {
    $base[$name] = tc_fleet_status($node)['applied'];
    $cache = tc_fleet_manager($node)->getCache('Data');
    for ($i = 0; $i < $clears; $i++) {
        $cache->set("lat$i", $i, ["lat$i"]);
    }
}
$bansBefore = array_map(fn($v) => tc_varnish_stat($v, 'MAIN.bans_added') ?? 0, $proxies);
$bus = tc_fleet_bus($redis);
$published = [];
$t0 = microtime(true);
for ($i = 1; $i <= $clears; $i++) {
    while (microtime(true) < $t0 + ($i - 1) / $rate) {
        usleep(200);
    }
    $published[$i] = microtime(true);
    $bus->flushByTags(['lat' . ($i - 1)]);
}
foreach ($nodes as $name => $node) {
    if (!tc_fleet_wait(fn() => tc_fleet_status($node)['applied'] >= $base[$name] + $clears, 120)) {
        bench_note("bus: node $name applied only " . (tc_fleet_status($node)['applied'] - $base[$name]) . " of $clears");
    }
}
$rows = [];
$all = [];
foreach ($nodes as $name => $node) {
    $times = bus_applied_times($node, $base[$name], $clears);
    $lat = [];
    foreach ($times as $k => $t) {
        $lat[] = $t - $published[$k];
        $all[$k] = max($all[$k] ?? 0.0, $t - $published[$k]);
    }
    $left = 0;
    $cache = tc_fleet_manager($node)->getCache('Data');
    for ($i = 0; $i < $clears; $i++) {
        $left += $cache->has("lat$i") ? 1 : 0;
    }
    $what = $name === 'A' && $proxies ? "node A (3 caches + purge of 3 varnishd)" : "node $name (3 caches)";
    $rows[] = array_merge([$what, count($lat)], $lat ? bus_percentiles($lat) : ['—', '—', '—', '—'], [$left]);
}
$rows[] = array_merge(['**all 3 nodes applied' . ($proxies ? ', 3 varnishd purged**' : '**'), count($all)], bus_percentiles($all), ['']);
echo "### Latency: publish → applied ($clears clears, one tag each, published at $rate/s)\n\n";
bench_table(['applied by', 'clears', 'p50', 'p90', 'p99', 'max', 'tagged entries left'], $rows);
if ($proxies) {
    $bans = [];
    foreach ($proxies as $i => $v) {
        $bans[] = (tc_varnish_stat($v, 'MAIN.bans_added') ?? 0) - $bansBefore[$i];
    }
    echo 'Bans received by the 3 varnishd: ', implode(', ', $bans), " (one per clear unless merged).\n\n";
}

// ---- steady load: how long the stream gets while the nodes apply
$steadyRate = $quick ? 200.0 : 500.0;
$steadyTime = $quick ? 1.0 : 5.0;
$rows = [];
foreach (['trim' => 'Bus::trim() every 0.5 s (entries every node applied)', 'cap' => 'no trim, maxLength 1000 (the hard cap)'] as $variant => $label) {
    bench_note("bus: steady load, $variant");
    $bus = tc_fleet_bus($redis, $variant === 'cap' ? ['maxLength' => 1000] : []);
    $bus->trim();
    $maxLen = 0;
    $n = 0;
    $t0 = $lastTrim = $lastSample = microtime(true);
    while (($now = microtime(true)) - $t0 < $steadyTime) {
        if ($now >= $t0 + $n / $steadyRate) {
            $bus->flushByTags(["s$variant$n"]);
            $n++;
        }
        if ($variant === 'trim' && $now - $lastTrim >= 0.5) {
            $bus->trim();
            $lastTrim = $now;
        }
        if ($now - $lastSample >= 0.05) {
            $maxLen = max($maxLen, (int)tc_redis_cmd($redis, 'XLEN', 'tagcache:bus'));
            $lastSample = $now;
        } else {
            usleep(200);
        }
    }
    $status = $bus->getStatus();
    $lags = array_map(fn($s) => $s['lag'], $status['nodes']);
    $rows[] = [$label, $n, sprintf('%.0f/s', $n / $steadyTime), $maxLen, $status['stream']['length'], implode(', ', $lags)];
    // the next variant starts with every node caught up
    tc_fleet_wait(function () use ($bus) {
        foreach ($bus->getStatus()['nodes'] as $s) {
            if ($s['lag'] > 0 || $s['pending'] > 0) {
                return false;
            }
        }
        return true;
    }, 60);
}
echo "### Stream length under steady load ($steadyRate clears/s for $steadyTime s, 3 nodes applying)\n\n";
bench_table(['trimming', 'clears', 'rate', 'longest stream seen', 'length at the end', 'lag of A, B, C at the end'], $rows);
$gaps = array_map(fn($n) => tc_fleet_status($n)['stats']['gaps'], $nodes);
echo 'Gaps seen by the nodes: ', implode(', ', $gaps), ".\n\n";
foreach ($nodes as $node) {
    tc_fleet_stop($node);
}

// ---- publish throughput of one process (no node reading: the round trips alone)
bench_note('bus: publish throughput');
$rows = [];
$variants = [
    'flushByTags, 1 tag, defer none' => [[], function (Bus $b, int $i) {
        $b->flushByTags(["p$i"]);
        return [1, 1];
    }],
    'remove, defer none' => [[], function (Bus $b, int $i) {
        $b->remove('Data', "id$i");
        return [1, 1];
    }],
    'flushByTags, 1 tag each, 100 per publish() (merged into one message)' => [['defer' => 'request'], function (Bus $b, int $i) {
        for ($k = 0; $k < 100; $k++) {
            $b->flushByTags(["p{$i}_$k"]);
        }
        $b->publish();
        return [100, 1];
    }],
    'remove, 100 per publish() (one entry of 100 messages)' => [['defer' => 'request'], function (Bus $b, int $i) {
        for ($k = 0; $k < 100; $k++) {
            $b->remove('Data', "id{$i}_$k");
        }
        $b->publish();
        return [100, 1];
    }],
    'the same clear 100 times per publish() (coalesced)' => [['defer' => 'request'], function (Bus $b, int $i) {
        for ($k = 0; $k < 100; $k++) {
            $b->flushByTags(['same']);
        }
        $b->publish();
        return [100, 1];
    }],
];
foreach ($variants as $label => [$opts, $op]) {
    [$perSec, $tripsPerSec, $entries] = bus_publish_rate($redis, $opts, $seconds, $op);
    $rows[] = [$label, number_format($perSec, 0, '.', ','), number_format($tripsPerSec, 0, '.', ','), $entries];
}
echo "### Publish throughput (one process, $seconds s each)\n\n";
bench_table(['clears', 'clears/s', 'publishes/s', 'stream entries written'], $rows);

// ---- apply throughput of one node (in this process), clears published beforehand
bench_note('bus: apply throughput');
$n = $quick ? 500 : 5000;
$rows = [];
$dir = tc_fleet_state() . '/apply';
$applyVariants = [
    'no caches (read and acknowledge only)' => [null, null],
    'no caches, 3 varnishd (tag clears: merged into one BAN per proxy and poll)' => [null, 'proxies'],
    'no caches, 3 varnishd (URL purges: a PURGE to each per clear, sent in parallel per poll)' => [null, 'urls'],
    'FileBackend cache, one entry removed per clear' => [['Data' => ['backend' => 'FileBackend']], 'Data'],
    'SharedMemoryBackend cache, one entry removed per clear' => [['Data' => ['backend' => 'SharedMemoryBackend',
        'backendOptions' => ['segment' => "$dir/segment", 'size' => 64 << 20]]], 'Data'],
];
foreach ($applyVariants as $label => [$config, $cacheId]) {
    if (($cacheId === 'proxies' || $cacheId === 'urls') && !$proxies) {
        continue;
    }
    $manager = $config === null ? null : new CacheManager($config, ['applicationIdentifier' => 'app', 'cacheDirectory' => "$dir/" . md5($label)]);
    $fill = $manager === null ? null : function (int $n) use ($manager, $cacheId) {
        $cache = $manager->getCache($cacheId);
        for ($i = 0; $i < $n; $i++) {
            $cache->set("e$i", $i, ["a$i"]);
        }
    };
    $to = $cacheId === 'proxies' || $cacheId === 'urls' ? array_map(fn($v) => "127.0.0.1:{$v['port']}", $proxies) : [];
    [$perSec, $applied] = bus_apply_rate($redis, md5($label), $manager, $n, $fill, $to, $cacheId === 'urls');
    $left = 0;
    if ($manager) {
        for ($i = 0; $i < $n; $i++) {
            $left += $manager->getCache($cacheId)->has("e$i") ? 1 : 0;
        }
    }
    $rows[] = [$label, $applied, number_format($perSec, 0, '.', ','), $manager ? $left : '—'];
}
echo "### Apply throughput (one node, $n clears waiting, batchSize 100)\n\n";
bench_table(['node', 'clears applied', 'clears/s', 'tagged entries left'], $rows);

// ---- Redis memory per 1000 messages waiting for a node
bench_note('bus: Redis memory');
$rows = [];
$memVariants = [
    '1 tag' => fn(Bus $b, int $i) => $b->flushByTags([sprintf('tag-%06d', $i)]),
    '10 tags' => fn(Bus $b, int $i) => $b->flushByTags(array_map(fn($k) => sprintf('tag-%06d-%d', $i, $k), range(0, 9))),
    '1 URL' => fn(Bus $b, int $i) => $b->purgeUrls([sprintf('https://www.example.com/articles/2026/a-title-of-some-length-%06d.html', $i)]),
];
foreach ($memVariants as $label => $op) {
    $stream = 'bench:mem:' . md5($label);
    $bus = tc_fleet_bus($redis, ['stream' => $stream]);
    (new Node($bus, 'idle'))->poll(0); // a node that reads nothing: every message stays pending
    $before = bus_used_memory($redis);
    for ($i = 0; $i < 1000; $i++) {
        $op($bus, $i);
    }
    $after = bus_used_memory($redis);
    $usage = tc_redis_cmd($redis, 'MEMORY', 'USAGE', $stream, 'SAMPLES', '0');
    $rows[] = [$label, bench_fmt_bytes($after - $before), bench_fmt_bytes((int)$usage), $bus->getStatus()['nodes']['idle']['lag'] ?? '?'];
    tc_redis_cmd($redis, 'DEL', $stream);
}
echo "### Redis memory per 1000 pending messages (one message per stream entry)\n\n";
bench_table(['message', 'used_memory growth', 'MEMORY USAGE of the stream', 'lag of the idle node'], $rows);

// ---- Redis down: what one failing publish costs while kept batches pile up (onFailure "keep")
bench_note('bus: publishing while Redis is down');
$keepRows = [];
$keepN = $quick ? 400 : 2000;
$keepDir = bench_tmpdir('bus-keep');
$deadPort = tc_free_port(); // nothing listens: connection refused, as when Redis is down
$floorDir = "$keepDir/floor";
mkdir($floorDir, 0700);
$keeping = new Bus(['port' => $deadPort, 'onFailure' => 'keep', 'keepDirectory' => "$keepDir/kept", 'timeout' => 1.0]);
$quarter = intdiv($keepN, 4);
for ($q = 1; $q <= 4; $q++) {
    $t = hrtime(true);
    for ($i = ($q - 1) * $quarter; $i < $q * $quarter; $i++) {
        $keeping->flushByTags(["k$i"]);
    }
    $perPublish = (hrtime(true) - $t) / 1e9 / $quarter;
    // floor: what keeping one batch needs at least (a file written, fsync'd and renamed)
    $t = hrtime(true);
    for ($i = 0; $i < $quarter; $i++) {
        $tmp = "$floorDir/.tmp-$q-$i";
        $h = fopen($tmp, 'x');
        fwrite($h, str_repeat('x', 120));
        fsync($h);
        fclose($h);
        rename($tmp, "$floorDir/$q-$i");
    }
    $floor = (hrtime(true) - $t) / 1e9 / $quarter;
    $keepRows[] = [number_format($q * $quarter), bench_fmt_time($perPublish), bench_fmt_time($floor), bench_fmt_ratio($perPublish / $floor)];
}
$kept = $keeping->countKept();
unset($keeping);
bench_rmdir($keepDir);
echo "### Publishing while Redis is down (onFailure \"keep\", connection refused, $keepN clears one at a time)\n\n";
bench_table(['kept batches by the end of the quarter', 'per failing publish', 'floor: write, fsync, rename one file', 'ratio'], $keepRows);
echo "All $kept clears kept.\n\n";
