--TEST--
RedisBackend: a large set is staged (HSET P:s:<id> in one MULTI with the tag script): a frozen cache refuses it and keeps no staging hash; the first use after SCRIPT FLUSH works; a connection cut before EXEC leaves nothing and the write is repeated once; two writers of one id leave one whole entry; tag set TTLs follow the longest-living member on both paths; getByTag costs one round trip (one per batch beyond batchSize)
--EXTENSIONS--
tagcache
pcntl
posix
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../redis_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\StringFrontend;

const P = '{tagcache:default:Stage}';
$big = fn(string $c) => str_repeat($c, 100000); // above the staging size
$srv = tc_redis_start();

/** Every staging hash of the cache (there must never be one after a call returned). */
function staging(array $srv): array
{
    $keys = tc_redis_cmd($srv, 'KEYS', P . ':s:*');
    sort($keys);
    return $keys;
}

$backend = new RedisBackend(['port' => $srv['port']]);
$cache = new StringFrontend('Stage', $backend);

echo "-- frozen\n";
$cache->set('f', $big('a'), ['ft']);
$backend->freeze();
try {
    $cache->set('f', $big('b'), ['ft']);
    echo "stored\n";
} catch (TagCache\FrozenCacheException $e) {
    echo get_class($e), "\n";
}
var_dump($cache->get('f') === $big('a'), staging($srv));
$cache->flush();

echo "-- first use after SCRIPT FLUSH (NOSCRIPT inside EXEC)\n";
var_dump(tc_redis_cmd($srv, 'SCRIPT', 'FLUSH'));
$cache->set('n', $big('n'), ['nt']);
var_dump($cache->get('n') === $big('n'), $cache->getByTag('nt') === ['n' => $big('n')], staging($srv));

echo "-- tag set TTLs, staged and inline alike\n";
foreach (['staged' => $big('s'), 'inline' => 'small'] as $path => $v) {
    $cache->set("x$path", $v, ["new$path"], 100);
    $ttl1 = tc_redis_cmd($srv, 'PTTL', P . ":t:new$path");
    $cache->set("x$path", $v, ["new$path"], 5000);   // kept membership: stretched (EXPIRE GT)
    $ttl2 = tc_redis_cmd($srv, 'PTTL', P . ":t:new$path");
    $cache->set("y$path", $v, ["new$path"], 10);     // a shorter member does not shorten it
    $ttl3 = tc_redis_cmd($srv, 'PTTL', P . ":t:new$path");
    $cache->set("x$path", $v, ["new$path"], 0);      // unlimited: persistent
    $ttl4 = tc_redis_cmd($srv, 'PTTL', P . ":t:new$path");
    $cache->set("x$path", $v, ["new$path"], 50);     // stays persistent (GT)
    $ttl5 = tc_redis_cmd($srv, 'PTTL', P . ":t:new$path");
    $members = array_keys($cache->getByTag("new$path"));
    sort($members);
    printf("%s: new %s, stretched %s, kept %s, unlimited %d, then %d; members %s\n", $path,
        $ttl1 > 90000 && $ttl1 <= 100000 ? 'ok' : $ttl1, $ttl2 > 4900000 ? 'ok' : $ttl2,
        $ttl3 > 4900000 ? 'ok' : $ttl3, $ttl4, $ttl5, implode(',', $members));
}
var_dump(staging($srv));

echo "-- a connection cut before EXEC\n";
// A proxy that forwards both ways but, for the next $cuts EXECs, stops the client's bytes just
// before EXEC and closes both sides: the server discards the unfinished MULTI.
$dir = tc_tmpdir();
file_put_contents("$dir/proxy.php", <<<'PHP'
<?php
[, $listen, $target, $cutsFile] = $argv;
const EXEC_CMD = "*1\r\n\$4\r\nEXEC\r\n";
$srv = stream_socket_server("tcp://127.0.0.1:$listen");
$pairs = [];
for (;;) {
    $read = [$srv];
    foreach ($pairs as $p) { $read[] = $p[0]; $read[] = $p[1]; }
    $w = $e = null;
    if (stream_select($read, $w, $e, null) < 1) continue;
    foreach ($read as $s) {
        if ($s === $srv) {
            $c = stream_socket_accept($srv);
            $u = stream_socket_client("tcp://127.0.0.1:$target");
            $pairs[] = [$c, $u, ''];
            continue;
        }
        foreach ($pairs as $i => [$c, $u, $held]) {
            if ($s !== $c && $s !== $u) continue;
            $data = stream_socket_recvfrom($s, 1 << 20);
            $eof = $data === '' || $data === false;
            $at = false;
            if ($s === $c && !$eof) {
                // EXEC may arrive split over two reads: a tail that could begin it is held back
                $data = $held . $data;
                $at = strpos($data, EXEC_CMD);
                for ($keep = min(strlen(EXEC_CMD) - 1, strlen($data)); $at === false && $keep > 0; $keep--) {
                    if (str_starts_with(EXEC_CMD, substr($data, -$keep))) break;
                }
                $keep = $at === false ? $keep : 0;
                $pairs[$i][2] = $keep > 0 ? substr($data, -$keep) : '';
                $data = $keep > 0 ? substr($data, 0, -$keep) : $data;
                // an EXEC is cut while cuts are left, on whichever connection carries it
                if ($at !== false && ($left = (int)file_get_contents($cutsFile)) > 0) {
                    file_put_contents($cutsFile, (string)($left - 1));
                } elseif ($at !== false) {
                    $at = false;
                }
            }
            if ($eof || $at !== false) {
                // the bytes before EXEC reach the server before the close (TCP keeps the order)
                if ($at !== false) fwrite($u, substr($data, 0, $at));
                fclose($c); fclose($u); unset($pairs[$i]);
            } elseif ($data !== '') {
                fwrite($s === $c ? $u : $c, $data);
            }
        }
    }
}
PHP);
$pport = tc_free_port();
file_put_contents("$dir/cuts", '0');
$proxy = proc_open([PHP_BINARY, '-n', "$dir/proxy.php", (string)$pport, (string)$srv['port'], "$dir/cuts"],
    [['file', '/dev/null', 'r'], ['file', '/dev/null', 'w'], ['file', '/dev/null', 'w']], $pipes);
for ($deadline = microtime(true) + 20; microtime(true) < $deadline && !@stream_socket_client("tcp://127.0.0.1:$pport", $en, $es, 0.5);) {
    usleep(20000);
}
$via = new StringFrontend('Stage', new RedisBackend(['port' => $pport]));
$via->set('c', $big('1'), ['ct']);                 // before the proxy cuts: connects
file_put_contents("$dir/cuts", '1');               // the next EXEC is cut once
$via->set('c', $big('2'), ['ct']);                 // cut once (an open connection), repeated on a new one
var_dump(file_get_contents("$dir/cuts"), $via->get('c') === $big('2'), staging($srv));
file_put_contents("$dir/cuts", '100');             // every EXEC cut: the write fails
try {
    $via->set('c', $big('3'), ['other']);
    echo "stored\n";
} catch (TagCache\BackendException $e) {
    echo get_class($e), "\n";
}
file_put_contents("$dir/cuts", '0');
var_dump($via->get('c') === $big('2'), $via->getByTag('ct') === ['c' => $big('2')], $via->getByTag('other'), staging($srv));
proc_terminate($proxy, 9);
proc_close($proxy);

echo "-- two writers of one id\n";
$seed = (int)(getenv('TAGCACHE_SEED') ?: random_int(1, 1 << 30));
echo "seed: $seed (replay with TAGCACHE_SEED=$seed)\n";
$kids = [];
foreach (['a', 'b'] as $w) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        mt_srand($seed + ord($w));
        $c = new StringFrontend('Stage', new RedisBackend(['port' => $srv['port']]));
        for ($i = 0; $i < 150; $i++) {
            $small = mt_rand(0, 1) === 1;
            $c->set('w', $small ? "$w small" : $big($w), ["tag-$w", 'both']);
        }
        posix_kill(getmypid(), SIGKILL); // no shutdown functions: they would stop the server
    }
    $kids[] = $pid;
}
foreach ($kids as $pid) {
    pcntl_waitpid($pid, $status);
}
$v = $cache->get('w');
$w = $v[0];
$t = tc_redis_cmd($srv, 'HGET', P . ':e:w', 't');
$ok = ($v === $big($w) || $v === "$w small") && $t === "tag-$w both"
    && $cache->getByTag("tag-$w") === ['w' => $v] && $cache->getByTag('both') === ['w' => $v]
    && $cache->getByTag($w === 'a' ? 'tag-b' : 'tag-a') === []
    && tc_redis_cmd($srv, 'SISMEMBER', P . ':t:tag-' . ($w === 'a' ? 'b' : 'a'), 'w') === 0
    && staging($srv) === [];
echo $ok ? "one whole entry\n" : "broken (seed $seed): " . var_export([$w, $t, staging($srv)], true) . "\n";

echo "-- getByTag round trips\n";
[$cport, $roundTrips] = tc_redis_counting_proxy($srv);
foreach ([100 => 'one step', 4 => 'batchSize 4'] as $batch => $label) {
    $c = new StringFrontend('Trip' . $batch, new RedisBackend(['port' => $cport, 'batchSize' => $batch]));
    for ($i = 0; $i < 10; $i++) {
        $c->set("e$i", "v$i", ['g', "own$i"]);
    }
    $c->set('other', 'o', ['h']);
    $c->set('e9', 'v9', ["own9"]);          // no longer carries g: skipped
    $c->getByTag('g'); // loads the scripts (a first use costs a NOSCRIPT round trip)
    // the proxy writes its count before it forwards a command: once a call returned, the
    // count includes all it sent
    $before = $roundTrips();
    $got = $c->getByTag('g');
    ksort($got);
    $trips = $roundTrips() - $before;
    // beyond batchSize: the script says so (1), find walks the set in SSCAN steps of
    // batchSize (counted here the same way), then one pipeline per batch of 4 entries (3)
    $steps = 0;
    if ($batch === 4) {
        $cursor = '0';
        do {
            [$cursor] = tc_redis_cmd($srv, 'SSCAN', "{tagcache:default:Trip$batch}:t:g", $cursor, 'COUNT', '4');
            $steps++;
        } while ($cursor !== '0');
    }
    printf("%s: %d entries, %s\n", $label, count($got),
        $trips === ($batch === 4 ? 1 + $steps + 3 : 1) ? 'round trips as expected' : "$trips round trips ($steps SSCAN steps)");
}
$before = $roundTrips();
// staged: MULTI .. EXEC sent as one pipeline, one round trip even when it reaches the proxy in
// pieces (the proxy parses RESP); 200 KB stays above the staging size (TC_REDIS_STAGE_MIN)
$c->set('large', str_repeat('l', 200000), ['g', 'h']);
printf("staged set: %d round trip(s)\n", $roundTrips() - $before);
?>
--EXPECTF--
-- frozen
TagCache\FrozenCacheException
bool(true)
array(0) {
}
-- first use after SCRIPT FLUSH (NOSCRIPT inside EXEC)
string(2) "OK"
bool(true)
bool(true)
array(0) {
}
-- tag set TTLs, staged and inline alike
staged: new ok, stretched ok, kept ok, unlimited -1, then -1; members xstaged,ystaged
inline: new ok, stretched ok, kept ok, unlimited -1, then -1; members xinline,yinline
array(0) {
}
-- a connection cut before EXEC
string(1) "0"
bool(true)
array(0) {
}
TagCache\BackendException
bool(true)
bool(true)
array(0) {
}
array(0) {
}
-- two writers of one id
seed: %d (replay with TAGCACHE_SEED=%d)
one whole entry
-- getByTag round trips
one step: 9 entries, round trips as expected
batchSize 4: 9 entries, round trips as expected
staged set: 1 round trip(s)
