<?php
/*
 * One bus node as a process of its own, for the fleet tests (tests/bus/fleet_*.phpt) and the
 * bus benchmark: builds a CacheManager, a Bus and a Node from a JSON file (written by
 * tc_fleet_config() in tests/bus/fleet_helpers.inc), polls until SIGTERM or SIGINT, and
 * reports what it did in <dir>/status.json (replaced atomically after every poll that applied
 * something or failed, and at least every 0.5 s), so tests wait for outcomes, not for time.
 * It exits by itself when the process that started it ("parent") is gone.
 *   php -d extension=tagcache.so bus_worker.php CONFIG.json
 * Config: name, dir, parent, caches (CacheManager configurations or null), manager (its
 * options), bus (Bus options), proxies, node (Node options), log (append "<time> <applied
 * total>" to <dir>/applied.log after each poll that applied something), trimEvery (seconds
 * between Bus::trim() calls, 0 = never), pollTimeout (seconds).
 * status.json: pid, name, ready (a poll succeeded: the consumer group exists), polls, applied,
 * errors, lastError, stats (Node::getStats()), stopped, time.
 */
use TagCache\Bus\Bus;
use TagCache\Bus\Node;
use TagCache\CacheManager;

$config = json_decode((string)file_get_contents($argv[1] ?? ''), true);
if (!is_array($config)) {
    fwrite(STDERR, "usage: bus_worker.php CONFIG.json\n");
    exit(2);
}
$dir = $config['dir'];

$stop = false;
pcntl_async_signals(true);
pcntl_signal(SIGTERM, function () use (&$stop) { $stop = true; });
pcntl_signal(SIGINT, function () use (&$stop) { $stop = true; });

$manager = $config['caches'] === null ? null : new CacheManager($config['caches'], $config['manager']);
$bus = new Bus($config['bus']);
$node = new Node($bus, $config['name'], $manager, $config['proxies'], $config['node']);

$state = ['pid' => getmypid(), 'name' => $config['name'], 'ready' => false, 'polls' => 0, 'applied' => 0,
    'errors' => 0, 'lastError' => null, 'stats' => [], 'stopped' => false, 'time' => 0.0];
$report = function () use (&$state, $node, $dir) {
    $state['stats'] = $node->getStats();
    $state['time'] = microtime(true);
    file_put_contents("$dir/status.json.tmp", json_encode($state));
    rename("$dir/status.json.tmp", "$dir/status.json");
};
$log = $config['log'] ? fopen("$dir/applied.log", 'a') : null;
$parent = (int)$config['parent'];
$trimEvery = (float)$config['trimEvery'];
$lastTrim = $lastReport = 0.0;

while (!$stop) {
    if ($parent > 0 && !posix_kill($parent, 0)) {
        break; // the test or benchmark is gone: nobody will stop us
    }
    $changed = false;
    try {
        $n = $node->poll((float)$config['pollTimeout']);
        $state['polls']++;
        if ($n > 0) {
            $state['applied'] += $n;
            $changed = true;
            if ($log) {
                fwrite($log, sprintf("%.6f %d\n", microtime(true), $state['applied']));
                fflush($log);
            }
        }
        if (!$state['ready']) {
            $state['ready'] = $changed = true;
        }
        if ($trimEvery > 0 && microtime(true) - $lastTrim >= $trimEvery) {
            $bus->trim();
            $lastTrim = microtime(true);
        }
    } catch (Throwable $e) {
        if ($stop) {
            break; // the stop signal interrupted a wait: not a failure
        }
        $state['errors']++;
        $state['lastError'] = get_class($e) . ': ' . $e->getMessage();
        $changed = true;
        usleep(50000); // Redis down: try again soon, without spinning
    }
    if ($changed || microtime(true) - $lastReport >= 0.5) {
        $report();
        $lastReport = microtime(true);
    }
}
$state['stopped'] = true;
$report();
