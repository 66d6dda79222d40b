--TEST--
RedisBackend under a real php-fpm pool (static, 3 workers, driven by cgi-fcgi): after Redis restarts on the same port, not a single request fails, with persistent connections held by every worker and with non-persistent ones
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
require __DIR__ . '/../redis_helpers.inc';
require __DIR__ . '/../fpm_helpers.inc';
tc_redis_skipif();
tc_fpm_skipif();
?>
--FILE--
<?php
require __DIR__ . '/../redis_helpers.inc';
require __DIR__ . '/../fpm_helpers.inc';

const WORKERS = 3;

$srv = tc_redis_start();
$fpm = tc_fpm_start(WORKERS);
$script = $fpm['dir'] . '/app.php';
file_put_contents($script, <<<'PHP'
<?php
// One request of an application: a cache on Redis, persistent or not as asked.
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\VariableFrontend;
header('Content-Type: application/json');
try {
    $cache = new VariableFrontend('Fpm', new RedisBackend([
        'port' => (int)$_GET['port'],
        'persistent' => $_GET['persistent'] === '1',
        'readTimeout' => 5,
    ]));
    $n = $_GET['n'];
    $cache->set("k$n", ['n' => $n], ['fpm']);
    $got = $cache->get("k$n");
    echo json_encode(['pid' => getmypid(), 'value' => $got, 'seen' => $cache->has('k0')]);
} catch (Throwable $e) {
    http_response_code(500);
    echo json_encode(['pid' => getmypid(), 'error' => get_class($e) . ': ' . $e->getMessage()]);
}
PHP);

$failures = [];
/** Runs one request; records a failure unless it answered 200 with its own value. Returns the worker's PID. */
$request = function (int $n, bool $persistent) use ($fpm, $srv, $script, &$failures): ?int {
    $r = tc_fpm_request($fpm, $script, ['port' => $srv['port'], 'persistent' => $persistent ? '1' : '0', 'n' => (string)$n]);
    $body = json_decode($r['body'], true);
    if ($r['status'] !== 200 || !is_array($body) || ($body['value'] ?? null) !== ['n' => (string)$n]) {
        $failures[] = "request $n: status {$r['status']}: " . trim($r['body']);
    }
    return $body['pid'] ?? null;
};

// Warm: every worker serves persistent requests, so each holds a pooled connection.
$warm = [];
for ($n = 1; $n <= 40 || (count($warm) < WORKERS && $n <= 400); $n++) {
    $warm[$request($n, true)] = true;
}
echo 'workers warmed: ', count($warm), ', failures: ', count($failures), "\n";
$clients = fn() => substr_count(tc_redis_cmd($srv, 'CLIENT', 'LIST'), "\n") - 1; // without the test's own
echo 'pooled connections: ', $clients(), "\n";

foreach (['first restart' => true, 'second restart' => false] as $round => $persistentFirst) {
    $srv = tc_redis_restart($srv);
    // Every worker must meet the restart with its stale connection and still answer: keep
    // going until each has served at least two requests after the restart.
    $served = [];
    $count = 0;
    for ($n = 1000; ($count < 60 || min(array_pad($served, WORKERS, 0)) < 2) && $count < 600; $n++, $count++) {
        $persistent = $persistentFirst ? $count % 4 !== 3 : $count % 4 === 3;
        $pid = $request($n, $persistent);
        $served[$pid] = ($served[$pid] ?? 0) + 1;
    }
    echo "$round: workers serving: ", count($served), ', failures: ', count($failures), "\n";
}
foreach (array_slice($failures, 0, 5) as $f) {
    echo $f, "\n";
}
tc_fpm_stop($fpm);
tc_redis_stop($srv);
?>
--EXPECT--
workers warmed: 3, failures: 0
pooled connections: 3
first restart: workers serving: 3, failures: 0
second restart: workers serving: 3, failures: 0
