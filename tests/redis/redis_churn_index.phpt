--TEST--
RedisBackend: under churn (re-sets with other tags, removes, expiries, periodic collectGarbage) the tag index holds only what GC has not reached yet, and nothing of a dead entry after it
--DESCRIPTION--
The small brother of benchmarks/scenarios/churn.php. Random sets (1-5 tags from a skewed pool
with a few hot tags; lifetimes of 1 s, 1 h or unlimited) and removes over a few thousand ids,
collectGarbage every tenth of the run, the index inspected by a read-only script between steps.

Bound during the run: memberships that are not live (entry gone, or no longer listing the tag)
only come from entries that expired (re-set, remove and flushByTag drop theirs at once; a re-set
or remove of an expired entry finds no hash and cannot). A GC that starts at time g removes every
membership whose entry had expired by then, and only 1 s entries expire here. So at any time
    memberships <= live memberships + tags of the 1 s sets that returned after g - 1 s,
g the start of the last GC (every 1 s set before the first GC, when none ran yet).
Also asserted at every sample: each live entry is a member of each of its tags' sets, and no
tag set expires before one of its live members (PTTL). After the run, one bounded wait until
every 1 s entry of the model is gone (polling EXISTS), then collectGarbage: no membership of a
dead entry, none of a tag its entry no longer has, no tag set without a live member; the entries
are exactly the model's; findIdentifiersByTag / getByTag reach every live entry through each of
its tags; flushByTag of a random tag removes exactly the live entries carrying it.
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../redis_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\StringFrontend;

$rng = tc_random();
// run-tests -m sets USE_ZEND_ALLOC=0: everything runs ~30x slower under valgrind, so less churn
$valgrind = getenv('USE_ZEND_ALLOC') === '0';
$sets = $valgrind ? 1500 : 20000;
$ids = $valgrind ? 300 : 2000;
$gcEvery = intdiv($sets, 10);
$sampleEvery = intdiv($sets, 40);

$srv = tc_redis_start();
// generous timeouts: under valgrind on a loaded machine a reply can take over the default second
$backend = new RedisBackend(['port' => $srv['port'], 'batchSize' => 50, 'readTimeout' => 30, 'connectTimeout' => 30]);
$cache = new StringFrontend('Churn', $backend);
$p = $backend->getKeyPrefix();
$glob = addcslashes($p, '*?[]\\');

// Read-only view of the index, in one script so the view is consistent. Returns memberships,
// live ones, those of a dead entry, those of a tag the entry no longer lists, tag sets holding
// no live member, live memberships whose set expires before the entry (or has a TTL while the
// entry has none), entries, and (entry, tag) pairs missing from the tag's set.
const STATS = <<<'LUA'
local tpfx, epfx = ARGV[1] .. ':t:', ARGV[1] .. ':e:'
local total, live, dead, unlisted, empty, short, missing = 0, 0, 0, 0, 0, 0, 0
for _, tk in ipairs(redis.call('KEYS', ARGV[2] .. ':t:*')) do
  local tag = string.sub(tk, #tpfx + 1)
  local tttl = redis.call('PTTL', tk)
  local n = 0
  for _, id in ipairs(redis.call('SMEMBERS', tk)) do
    total = total + 1
    local ek = epfx .. id
    local t = redis.pcall('HGET', ek, 't')
    if type(t) ~= 'string' then dead = dead + 1
    elseif not string.find(' ' .. t .. ' ', ' ' .. tag .. ' ', 1, true) then unlisted = unlisted + 1
    else
      live, n = live + 1, n + 1
      local ettl = redis.call('PTTL', ek)
      if tttl ~= -1 and (ettl == -1 or ettl > tttl) then short = short + 1 end
    end
  end
  if n == 0 then empty = empty + 1 end
end
local eks = redis.call('KEYS', ARGV[2] .. ':e:*')
for _, ek in ipairs(eks) do
  local id = string.sub(ek, #epfx + 1)
  for tag in string.gmatch(redis.call('HGET', ek, 't'), '%S+') do
    if redis.call('SISMEMBER', tpfx .. tag, id) == 0 then missing = missing + 1 end
  end
end
return {total, live, dead, unlisted, empty, short, #eks, missing}
LUA;
$stats = static function () use ($srv, $p, $glob): array {
    $r = tc_redis_cmd($srv, 'EVAL', STATS, '0', $p, $glob);
    if (!is_array($r)) {
        throw new RuntimeException("stats script: $r");
    }
    return array_combine(['memberships', 'live', 'deadEntry', 'unlisted', 'noLiveMember', 'shortTtl', 'entries', 'missing'], $r);
};

// tags: one of 5 hot "kind" tags, then 0-4 from a pool skewed towards its first tags
$pool = max(50, intdiv($ids, 10));
$tagsFor = static function () use ($rng, $pool): array {
    $tags = ['kind' . $rng->getInt(0, 4)];
    for ($n = $rng->getInt(0, 4); $n > 0; $n--) {
        $tags[] = 't' . (int)($pool * ($rng->getInt(0, 999999) / 1e6) ** 2);
    }
    return array_values(array_unique($tags));
};

$model = [];         // id => [tags, lifetime] of what the cache should hold (1 s entries expire)
$shortSets = [];     // [time the set returned, number of tags] of each 1 s set
$gcStart = -INF;
$samples = $violations = 0;
$maxLag = 0;
for ($i = 1, $done = 0; $done < $sets; $i++) {
    $id = 'id' . $rng->getInt(0, $ids - 1);
    if ($rng->getInt(0, 9) === 0) {
        $cache->remove($id);
        unset($model[$id]);
    } else {
        $tags = $tagsFor();
        $life = [1, 1, 1, 0, 0, 0, 0, 3600, 3600, 3600][$rng->getInt(0, 9)];
        $cache->set($id, "v$i", $tags, $life);
        $model[$id] = [$tags, $life];
        if ($life === 1) {
            $shortSets[] = [microtime(true), count($tags)];
        }
        $done++;
    }
    if ($i % $sampleEvery === 0) {
        $s = $stats();
        $lag = 0;
        foreach ($shortSets as [$t, $n]) {
            $lag += $t > $gcStart - 1.01 ? $n : 0;
        }
        $samples++;
        $maxLag = max($maxLag, $s['memberships'] - $s['live']);
        if ($s['memberships'] > $s['live'] + $lag || $s['missing'] || $s['shortTtl']) {
            $violations++;
            echo "sample at op $i: ", json_encode($s), " bound: live + $lag\n";
        }
    }
    if ($i % $gcEvery === 0) {
        $gcStart = microtime(true);
        $cache->collectGarbage();
    }
}
echo "samples: ", $samples >= 40 ? 'ok' : $samples, ", violations: $violations\n";

// one bounded wait for the 1 s entries of the model to expire (the server's clock is real)
$short = array_keys(array_filter($model, fn($e) => $e[1] === 1));
$deadline = microtime(true) + ($valgrind ? 60 : 20);
while ($short && microtime(true) < $deadline) {
    $short = array_values(array_filter($short, fn($id) => tc_redis_cmd($srv, 'EXISTS', "$p:e:$id") === 1));
    if ($short) {
        usleep(100000);
    }
}
echo "1 s entries left: ", count($short), "\n";
$model = array_filter($model, fn($e) => $e[1] !== 1);

$before = $stats();
// entries that expired since the last GC left memberships behind: the GC below has work to do
echo "dead memberships before GC: ", $before['deadEntry'] + $before['unlisted'] > 0 ? 'some' : 'none', "\n";
$cache->collectGarbage();
$after = $stats();
echo "after GC: ", json_encode(['deadEntry' => $after['deadEntry'], 'unlisted' => $after['unlisted'],
    'noLiveMember' => $after['noLiveMember'], 'shortTtl' => $after['shortTtl'], 'missing' => $after['missing'],
    'memberships == live' => $after['memberships'] === $after['live']]), "\n";

// the entries are the model's, with the model's tags
$byTag = [];
$wrong = 0;
foreach ($model as $id => [$tags]) {
    $t = tc_redis_cmd($srv, 'HGET', "$p:e:$id", 't');
    $stored = explode(' ', (string)$t);
    $want = $tags;
    sort($stored);
    sort($want);
    $wrong += $stored === $want ? 0 : 1;
    foreach ($tags as $tag) {
        $byTag[$tag][] = $id;
    }
}
echo "entries: ", $after['entries'] === count($model) ? 'as the model' : "{$after['entries']} != " . count($model), ", wrong tags: $wrong\n";

// every live entry is found through each of its tags, and only live ones carrying it
$unreachable = 0;
$allTags = array_unique(array_merge(array_keys($byTag), ['kind0', 't0', 't1', 'never']));
foreach ($allTags as $tag) {
    $want = $byTag[$tag] ?? [];
    $got = $backend->findIdentifiersByTag($tag);
    sort($want);
    sort($got);
    $unreachable += $want === $got ? 0 : 1;
}
echo "tags whose findIdentifiersByTag differs from the model: $unreachable of ", count($allTags) > 10 ? 'many' : count($allTags), "\n";
$tag = array_keys($byTag)[$rng->getInt(0, count($byTag) - 1)];
$got = array_keys($cache->getByTag($tag));
$want = $byTag[$tag];
sort($got);
sort($want);
echo "getByTag: ", $got === $want ? 'the model' : 'differs', "\n";

// flushByTag of a random tag carried by at least two live entries
$candidates = array_keys(array_filter($byTag, fn($l) => count($l) >= 2));
$tag = $candidates[$rng->getInt(0, count($candidates) - 1)];
$hit = array_flip($byTag[$tag]);
$n = $cache->flushByTag($tag);
$gone = 0;
foreach (array_keys($model) as $id) {
    $gone += $cache->has($id) ? 0 : 1;
    if ($cache->has($id) === isset($hit[$id])) {
        echo "flushByTag($tag): $id ", isset($hit[$id]) ? 'survived' : 'was removed without the tag', "\n";
    }
}
echo "flushByTag: ", $n === count($hit) && $gone === count($hit) ? 'exactly the entries carrying it' : "$n flushed, $gone gone, " . count($hit) . " carry it", "\n";
$s = $stats();
echo "after flushByTag: dead memberships {$s['deadEntry']}, unlisted {$s['unlisted']}, missing {$s['missing']}, entries ", $s['entries'] === count($model) - count($hit) ? 'ok' : $s['entries'], "\n";
?>
--EXPECTF--
seed: %d (replay with TAGCACHE_SEED=%d)
samples: ok, violations: 0
1 s entries left: 0
dead memberships before GC: some
after GC: {"deadEntry":0,"unlisted":0,"noLiveMember":0,"shortTtl":0,"missing":0,"memberships == live":true}
entries: as the model, wrong tags: 0
tags whose findIdentifiersByTag differs from the model: 0 of many
getByTag: the model
flushByTag: exactly the entries carrying it
after flushByTag: dead memberships 0, unlisted 0, missing 0, entries ok
