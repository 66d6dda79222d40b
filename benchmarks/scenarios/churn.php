<?php
/*
 * The tag index under churn: how large a Redis tag index grows against the data it indexes,
 * for tagcache's RedisBackend (with periodic collectGarbage, and without) and Symfony's
 * RedisTagAwareAdapter, all driven through the same seeded operations on the same server.
 * Not part of the default run (several minutes): `benchmarks/run churn`, or directly
 *     php -d extension=modules/tagcache.so benchmarks/scenarios/churn.php [options]
 *   --seed=N          replay a run (default: TAGCACHE_SEED, else random; printed)
 *   --sets=N          sets in all (default 1000000); about 1 remove per 9 sets comes on top
 *   --ids=N           identifiers drawn from (default 100000)
 *   --gc-every=N      operations between two collectGarbage() calls (default 100000)
 *   --sample-every=N  operations between two samples of the index (default 100000)
 *   --subjects=LIST   any of tagcache,tagcache-nogc,symfony (default all three)
 * Uses the runner's redis-server (TAGCACHE_BENCH_REDIS_PORT) or starts its own on a free
 * loopback port in a temporary folder (tests/redis_helpers.inc), stopped at exit.
 *
 * Workload, per operation: an identifier drawn uniformly; 1 in 10 is a remove, the rest a set
 * of a 200-2000 byte string (serialize()d on both sides) with one of 10 hot "kind" tags plus
 * 0-4 tags of a pool of 3000 drawn with density falling as 1/sqrt (the first tags are hot), and
 * a lifetime: 30 % short (1-10 s, they expire during the run), 30 % 30-300 s, 40 % unlimited.
 * Re-sets of an identifier draw new tags, so they drop old ones.
 *
 * A sample, taken between operations (and before the collectGarbage due at the same operation,
 * so it shows the most the index holds), reads every key of the subject's database: bytes by
 * MEMORY USAGE (SAMPLES 0: every element) summed by a script per batch of keys, split into index
 * (tag sets) and data (entries); memberships, and live ones (the member's entry exists and still
 * carries the tag: tagcache's entry hash says so in its t field; for Symfony the entry key must
 * exist and the run's own model of its last tags list the tag).
 */

const CHURN_HOT_TAGS = 10;
const CHURN_TAG_POOL = 3000;

/** Options from argv (--name=value) over the defaults. */
function churn_options(array $argv): array
{
    $o = ['seed' => (int)(getenv('TAGCACHE_SEED') ?: random_int(1, 2 ** 31 - 1)), 'sets' => 1000000, 'ids' => 100000,
        'gc-every' => 100000, 'sample-every' => 100000, 'subjects' => 'tagcache,tagcache-nogc,symfony'];
    foreach (array_slice($argv, 1) as $arg) {
        if (!preg_match('/^--([a-z-]+)=(.+)$/', $arg, $m) || !array_key_exists($m[1], $o)) {
            throw new InvalidArgumentException("churn.php: unknown argument '$arg'");
        }
        $o[$m[1]] = $m[1] === 'subjects' ? $m[2] : (int)$m[2];
        if ($m[1] !== 'subjects' && $o[$m[1]] < 1) {
            throw new InvalidArgumentException("churn.php: --{$m[1]} must be a positive integer, got '{$m[2]}'");
        }
    }
    $o['subjects'] = explode(',', $o['subjects']);
    foreach ($o['subjects'] as $s) {
        if (!in_array($s, ['tagcache', 'tagcache-nogc', 'symfony'], true)) {
            throw new InvalidArgumentException("churn.php: unknown subject '$s' (tagcache, tagcache-nogc, symfony)");
        }
    }
    return $o;
}

/**
 * The operations, the same for every subject: yields [op number, 'set', id, value, tags,
 * lifetime] or [op number, 'remove', id] until $sets sets were yielded.
 */
function churn_ops(int $seed, int $sets, int $ids): Generator
{
    $rng = new Random\Randomizer(new Random\Engine\Mt19937($seed));
    $block = base64_encode($rng->getBytes(3072)); // 4096 characters that compress like data does
    for ($i = 1, $done = 0; $done < $sets; $i++) {
        $id = 'id' . $rng->getInt(0, $ids - 1);
        if ($rng->getInt(0, 9) === 0) {
            yield [$i, 'remove', $id];
            continue;
        }
        $tags = ['kind' . $rng->getInt(0, CHURN_HOT_TAGS - 1)];
        for ($n = $rng->getInt(0, 4); $n > 0; $n--) {
            $tags[] = 't' . (int)(CHURN_TAG_POOL * ($rng->getInt(0, 999999) / 1e6) ** 2);
        }
        $k = $rng->getInt(0, 9);
        $life = $k < 3 ? $rng->getInt(1, 10) : ($k < 6 ? $rng->getInt(30, 300) : 0);
        $value = substr($block, $rng->getInt(0, 2048), $rng->getInt(200, 2000));
        $done++;
        yield [$i, 'set', $id, $value, array_values(array_unique($tags)), $life];
    }
}

/** Symfony Cache: 7.x from benchmarks/peers/vendor when benchmarks/run installed it, else Debian's 5.4. */
function churn_symfony(): ?string
{
    $vendor = __DIR__ . '/../peers/vendor';
    if (is_file("$vendor/symfony/cache/Adapter/RedisTagAwareAdapter.php")) {
        require_once "$vendor/autoload.php";
        return 'Symfony Cache ' . (class_exists('Composer\\InstalledVersions') ? Composer\InstalledVersions::getPrettyVersion('symfony/cache') : '?') . ' (benchmarks/peers/vendor)';
    }
    if (is_file('/usr/share/php/Symfony/Component/Cache/autoload.php')) {
        require_once '/usr/share/php/Symfony/Component/Cache/autoload.php';
        return "Symfony Cache 5.4 (Debian's php-symfony-cache)";
    }
    return null;
}

/**
 * One subject: set/remove/gc callables, and how to read its keys: index($key) gives the tag of
 * an index key (null: not one), member($m) the identifier a member stands for, data($key)
 * whether a key is an entry, live($memberKeys) which of them are entries that exist, with
 * their tags when the store says (tagcache) or null (then the run's model says).
 */
function churn_subject(string $name, int $port, int $db): array
{
    if ($name === 'symfony') {
        $r = new Redis();
        $r->connect('127.0.0.1', $port, 5.0);
        $r->select($db);
        $pool = new Symfony\Component\Cache\Adapter\RedisTagAwareAdapter($r, 'churn', 0, new Symfony\Component\Cache\Marshaller\DefaultMarshaller(false));
        return [
            'set' => static function (string $id, string $v, array $tags, int $life) use ($pool): void {
                $item = $pool->getItem($id);
                $item->set($v)->tag($tags)->expiresAfter($life ?: null);
                $pool->save($item) || throw new RuntimeException("Symfony: save($id) failed");
            },
            'remove' => static fn (string $id) => $pool->deleteItem($id),
            'gc' => null, // RedisTagAwareAdapter has no prune(): nothing cleans its tag sets
            // tag keys are <namespace>:<"\0tags\0" (5.x) or "\1tags\1" (7.x)><tag>, items <namespace>:<key>
            'index' => static fn (string $k) => preg_match('/^churn:[\x00\x01]tags[\x00\x01](.*)$/s', $k, $m) ? $m[1] : null,
            'member' => static fn (string $m) => substr($m, 6),
            'data' => static fn (string $k) => str_starts_with($k, 'churn:id'),
            'entryKey' => static fn (string $m) => $m,
            'tagsField' => false,
        ];
    }
    $backend = new TagCache\Backend\RedisBackend(['port' => $port, 'database' => $db]);
    $cache = new TagCache\Frontend\VariableFrontend('Churn', $backend, ['serializer' => 'php']);
    $p = $backend->getKeyPrefix();
    $n = strlen("$p:t:");
    return [
        'set' => static fn (string $id, string $v, array $tags, int $life) => $cache->set($id, $v, $tags, $life),
        'remove' => static fn (string $id) => $cache->remove($id),
        'gc' => $name === 'tagcache' ? static fn () => $cache->collectGarbage() : null,
        'finalGc' => static fn () => $cache->collectGarbage(),
        'index' => static fn (string $k) => str_starts_with($k, "$p:t:") ? substr($k, $n) : null,
        'member' => static fn (string $m) => $m,
        'data' => static fn (string $k) => str_starts_with($k, "$p:e:"),
        'entryKey' => static fn (string $m) => "$p:e:$m",
        'tagsField' => true,
    ];
}

/**
 * Reads the whole database: bytes and keys by kind, memberships, live memberships. With
 * $gcStart (after a collectGarbage that started then), orphans of entries the model says were
 * still there when it started (set with a lifetime that ran out after it) are counted apart as
 * `late`: they died after GC looked, and only those may remain.
 */
function churn_sample(Redis $r, array $s, array $model, ?float $gcStart = null): array
{
    static $memsum = "local n = 0\nfor _, k in ipairs(KEYS) do n = n + (redis.call('MEMORY', 'USAGE', k, 'SAMPLES', '0') or 0) end\nreturn n\n";
    $keys = ['index' => [], 'data' => [], 'other' => []];
    $it = null;
    do {
        foreach ($r->scan($it, '*', 2000) ?: [] as $k) {
            $keys[($s['index'])($k) !== null ? 'index' : (($s['data'])($k) ? 'data' : 'other')][] = $k;
        }
    } while ($it > 0);
    $out = ['usedMemory' => (int)$r->info('memory')['used_memory']];
    foreach ($keys as $kind => $list) {
        $bytes = 0;
        foreach (array_chunk($list, 500) as $chunk) {
            $bytes += (int)$r->eval($memsum, $chunk, count($chunk));
        }
        $out[$kind . 'Bytes'] = $bytes;
        $out[$kind . 'Keys'] = count($list);
    }
    // memberships: SMEMBERS of every tag set, then one look at each distinct member's entry
    $pairs = [];
    foreach (array_chunk($keys['index'], 200) as $chunk) {
        $r->multi(Redis::PIPELINE);
        foreach ($chunk as $k) {
            $r->sMembers($k);
        }
        foreach ($r->exec() as $j => $members) {
            $pairs[($s['index'])($chunk[$j])] = $members;
        }
    }
    $members = [];
    foreach ($pairs as $list) {
        foreach ($list as $m) {
            $members[$m] = true;
        }
    }
    $state = []; // member => its entry's tags as ' a b ', or false when the entry is gone
    foreach (array_chunk(array_keys($members), 1000) as $chunk) {
        $r->multi(Redis::PIPELINE);
        foreach ($chunk as $m) {
            $s['tagsField'] ? $r->hGet(($s['entryKey'])($m), 't') : $r->exists(($s['entryKey'])($m));
        }
        foreach ($r->exec() as $j => $v) {
            $id = ($s['member'])($chunk[$j]);
            $state[$chunk[$j]] = $s['tagsField']
                ? (is_string($v) ? " $v " : false)
                : ($v && isset($model[$id]) ? ' ' . implode(' ', $model[$id][0]) . ' ' : false);
        }
    }
    $total = $live = $deadEntry = $late = 0;
    foreach ($pairs as $tag => $list) {
        foreach ($list as $m) {
            $total++;
            if ($state[$m] !== false && str_contains($state[$m], " $tag ")) {
                $live++;
                continue;
            }
            $deadEntry += $state[$m] === false ? 1 : 0;
            $e = $model[($s['member'])($m)] ?? null;
            $late += $gcStart !== null && $e && $e[1] >= $gcStart && in_array((string)$tag, $e[0], true) ? 1 : 0;
        }
    }
    return $out + ['memberships' => $total, 'live' => $live, 'orphans' => $total - $live, 'deadEntry' => $deadEntry, 'late' => $late];
}

function churn_mb(int $bytes): string
{
    return number_format($bytes / 1048576, 1);
}

function churn_ratio(array $x): string
{
    return $x['dataBytes'] ? number_format($x['indexBytes'] / $x['dataBytes'], 3) : '-';
}

/** Runs one subject through the whole churn in database $db; prints its samples; returns its summary. */
function churn_run(string $name, array $o, int $port, int $db): array
{
    $r = new Redis();
    $r->connect('127.0.0.1', $port, 30.0);
    $r->select($db);
    $r->flushDb();
    $base = (int)$r->info('memory')['used_memory'];
    $s = churn_subject($name, $port, $db);
    $model = []; // id => [tags of its last set, when it expires at the latest], while it should be there
    $peak = ['ratio' => 0.0, 'membershipRatio' => 0.0, 'orphans' => 0];
    $work = $gcTime = 0.0;
    $gcs = 0;
    echo "\n### $name\n\n| op | entries | data MB | index MB | index ÷ data | memberships | live | orphans | used_memory MB |\n|---|---|---|---|---|---|---|---|---|\n";
    $row = static function (string $op, array $x): void {
        printf("| %s | %d | %s | %s | %s | %d | %d | %d | %s |\n", $op, $x['dataKeys'], churn_mb($x['dataBytes']), churn_mb($x['indexBytes']),
            churn_ratio($x), $x['memberships'], $x['live'], $x['orphans'], churn_mb($x['usedMemory']));
    };
    $t0 = hrtime(true);
    foreach (churn_ops($o['seed'], $o['sets'], $o['ids']) as $op) {
        if ($op[1] === 'set') {
            ($s['set'])($op[2], $op[3], $op[4], $op[5]);
            $model[$op[2]] = [$op[4], $op[5] ? microtime(true) + $op[5] : INF];
        } else {
            ($s['remove'])($op[2]);
            unset($model[$op[2]]);
        }
        if ($op[0] % $o['sample-every'] === 0 || ($s['gc'] && $op[0] % $o['gc-every'] === 0)) {
            $work += (hrtime(true) - $t0) / 1e9;
            if ($op[0] % $o['sample-every'] === 0) {
                $x = churn_sample($r, $s, $model);
                $row((string)$op[0], $x);
                $peak['ratio'] = max($peak['ratio'], $x['dataBytes'] ? $x['indexBytes'] / $x['dataBytes'] : 0);
                $peak['membershipRatio'] = max($peak['membershipRatio'], $x['live'] ? $x['memberships'] / $x['live'] : 0);
                $peak['orphans'] = max($peak['orphans'], $x['orphans']);
            }
            if ($s['gc'] && $op[0] % $o['gc-every'] === 0) {
                $g = hrtime(true);
                ($s['gc'])();
                $gcTime += (hrtime(true) - $g) / 1e9;
                $gcs++;
            }
            $t0 = hrtime(true);
        }
        $ops = $op[0];
    }
    $work += (hrtime(true) - $t0) / 1e9;
    $end = churn_sample($r, $s, $model);
    $row('end', $end);
    $after = null;
    $finalGc = null;
    if (isset($s['finalGc'])) {
        $g = hrtime(true);
        $gcStart = microtime(true);
        ($s['finalGc'])();
        $finalGc = (hrtime(true) - $g) / 1e9;
        $after = churn_sample($r, $s, $model, $gcStart);
        $row('after collectGarbage', $after);
        echo "\nAfter collectGarbage: {$after['orphans']} orphans, {$after['late']} of them of entries that expired after it had started, ", $after['orphans'] - $after['late'], " left behind.\n";
    }
    $r->flushDb();
    $r->close();
    return compact('name', 'ops', 'work', 'gcTime', 'gcs', 'peak', 'end', 'after', 'finalGc', 'base');
}

function churn_main(array $argv): int
{
    $o = churn_options($argv);
    $port = (int)getenv('TAGCACHE_BENCH_REDIS_PORT');
    if ($port <= 0) {
        require_once __DIR__ . '/../../tests/redis_helpers.inc';
        $port = tc_redis_start()['port'];
    }
    $symfony = in_array('symfony', $o['subjects'], true) ? churn_symfony() : null;
    printf("## Tag index under churn\n\nseed %d (replay with --seed=%d), %d sets over %d identifiers, 1 remove per 9 sets, collectGarbage every %d operations (tagcache), a sample every %d operations; %s; redis-server %s.\n",
        $o['seed'], $o['seed'], $o['sets'], $o['ids'], $o['gc-every'], $o['sample-every'], $symfony ?? 'Symfony Cache not installed',
        (new Redis())->connect('127.0.0.1', $port) ? 'on 127.0.0.1:' . $port : '?');
    $results = [];
    $db = 0;
    foreach ($o['subjects'] as $name) {
        if ($name === 'symfony' && !$symfony) {
            echo "\nSymfony left out: Symfony Cache is not installed.\n";
            continue;
        }
        $results[] = churn_run($name, $o, $port, $db++);
    }
    echo "\n### Summary\n\n| subject | run time (s) | ops/s | GC calls, time (s) | peak index ÷ data | peak memberships ÷ live | peak orphans | end: index ÷ data | end: orphans | after collectGarbage: index ÷ data, orphans, GC time (s) |\n|---|---|---|---|---|---|---|---|---|---|\n";
    $failed = 0;
    foreach ($results as $x) {
        printf("| %s | %.1f | %s | %d, %.1f | %.3f | %.3f | %d | %s | %d | %s |\n", $x['name'], $x['work'], number_format($x['ops'] / $x['work']),
            $x['gcs'], $x['gcTime'], $x['peak']['ratio'], $x['peak']['membershipRatio'], $x['peak']['orphans'], churn_ratio($x['end']), $x['end']['orphans'],
            $x['after'] ? sprintf('%s, %d (%d expired since), %.1f', churn_ratio($x['after']), $x['after']['orphans'], $x['after']['late'], $x['finalGc']) : 'no collectGarbage');
        $failed += $x['after'] && $x['after']['orphans'] > $x['after']['late'] ? 1 : 0;
    }
    foreach ($results as $x) {
        printf("%s%s at the end: %d other keys (neither tag set nor entry; tagcache: its write-ticket epochs), %s bytes.\n",
            $x === $results[0] ? "\n" : '', $x['name'], $x['end']['otherKeys'], number_format($x['end']['otherBytes']));
    }
    echo "\nrun time: the operations alone (samples and GC not counted). orphans: memberships whose entry is gone or no longer carries the tag; after collectGarbage, those of entries that expired after it started are counted apart (in brackets).\n";
    if ($failed) {
        fwrite(STDERR, "churn.php: memberships of dead entries left after collectGarbage\n");
    }
    return $failed ? 1 : 0;
}

// run when invoked as a script; benchmarks/bench.php requires every scenario file and must not start it
if (realpath($_SERVER['SCRIPT_FILENAME'] ?? '') === __FILE__) {
    try {
        exit(churn_main($argv));
    } catch (InvalidArgumentException $e) {
        fwrite(STDERR, $e->getMessage() . "\n");
        exit(2);
    }
}
