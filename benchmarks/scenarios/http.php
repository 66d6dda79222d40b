<?php
/*
 * HTTP invalidation fan-out: VarnishClient invalidating 1, 100 and 10,000 tags on 1 and 3 local
 * Varnish instances (the shipped ban VCL, started by the test helpers on 127.0.0.1), with wall
 * time, requests per proxy and bytes per proxy. Three proxies are sent in parallel, so their
 * wall time should stay close to one proxy's.
 */

/** @param Closure(string $scenario, string $subject, string $kind, array $result): void $record */
function scenario_http(BenchConfig $cfg, Closure $record, Closure $note): void
{
    require_once __DIR__ . '/../../tests/varnish_helpers.inc';
    if (!tc_varnishd()) {
        $note('HTTP invalidation: varnishd is not installed, left out');
        return;
    }
    $origin = tc_origin_start();
    $varnishes = tc_varnish_start_many(3, 'ban', $origin);
    $proxies = array_map(fn($v) => "127.0.0.1:{$v['port']}", $varnishes);
    $rounds = $cfg->quick ? 3 : 9;
    $counts = $cfg->quick ? [1, 100] : [1, 100, 10000];
    $walls = [];
    foreach ($counts as $n) {
        $tags = [];
        for ($i = 0; $i < $n; $i++) {
            $tags[] = "bench-tag-$i";
        }
        foreach ([1, 3] as $k) {
            $times = [];
            $requests = $bytes = 0;
            $peak = 0;
            for ($r = 0; $r < $rounds; $r++) {
                $client = new TagCache\Http\VarnishClient(array_slice($proxies, 0, $k), ['secondSendDelay' => 0]);
                $client->invalidateTags($tags);
                $requests = $client->getQueueSize();
                $bytes = $client->getQueuedBytes();
                memory_reset_peak_usage();
                $base = memory_get_usage();
                $t = hrtime(true);
                $client->flush();
                $times[] = (hrtime(true) - $t) / 1e9;
                $peak = max($peak, memory_get_peak_usage() - $base);
            }
            sort($times);
            $wall = bench_median($times);
            $walls[$n][$k] = $wall;
            $record(sprintf('invalidate %s tag%s on %d Varnish', number_format($n), $n === 1 ? '' : 's', $k),
                'tagcache VarnishClient', 'tagcache',
                ['perOp' => $wall, 'p50' => $wall, 'p99' => $times[(int)floor(0.99 * (count($times) - 1))], 'peak' => $peak, 'ops' => $rounds]);
            $note(sprintf('invalidate %s tags on %d Varnish: %d request%s per proxy, %s bytes per proxy, wall %s (median of %d)',
                number_format($n), $k, $requests, $requests === 1 ? '' : 's', number_format($bytes), bench_fmt_time($wall), $rounds));
        }
    }
    // The same fan-out to stand-ins that answer after 50 ms and use no CPU: what parallel sending
    // buys when the proxies, not this machine's two cores, set the pace.
    require_once __DIR__ . '/../../tests/http_helpers.inc';
    $slow = [tc_fake_proxy('slow:50'), tc_fake_proxy('slow:50'), tc_fake_proxy('slow:50')];
    foreach ([1, 3] as $k) {
        $times = [];
        for ($r = 0; $r < $rounds; $r++) {
            $client = new TagCache\Http\VarnishClient(array_map(fn($p) => $p['addr'], array_slice($slow, 0, $k)), ['secondSendDelay' => 0]);
            $client->invalidateTags(['t']);
            $t = hrtime(true);
            $client->flush();
            $times[] = (hrtime(true) - $t) / 1e9;
        }
        sort($times);
        $walls['1 (proxies answering after 50 ms)'][$k] = bench_median($times);
        $record("invalidate 1 tag on $k proxies answering after 50 ms", 'tagcache VarnishClient', 'tagcache',
            ['perOp' => bench_median($times), 'p50' => bench_median($times), 'p99' => end($times), 'peak' => 0, 'ops' => $rounds]);
    }
    foreach ($walls as $n => $byK) {
        $note(sprintf('%s tags: 3 proxies take %.2f× the wall time of 1 (target ≤ 1.5×)', is_int($n) ? number_format($n) : $n, $byK[3] / $byK[1]));
    }
}
