--TEST--
SharedMemoryBackend: a full segment evicts; eviction keeps the invariants (every read value belongs to its key and is its latest write, nothing flushed comes back, no orphan tag links, getByTag only lists entries carrying the tag) under random set/get/remove/flushByTag
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/shm_helpers.inc';
use TagCache\Frontend\VariableFrontend;

$rnd = tc_random();
$segment = tc_shm_segment();
$c = new VariableFrontend('Evict', tc_shm_backend($segment));
$other = new VariableFrontend('Bystander', tc_shm_backend($segment));
$b = $c->getBackend();
// model: id => [version, tags] of the latest write; flushed ids are absent
$model = [];
$version = 0;
$errors = 0;
$check = function (string $id, $value) use (&$model, &$errors) {
    if ($value === false) {
        return; // evicted or never stored: a cache may lose entries
    }
    if (!isset($model[$id]) || !is_array($value) || $value['id'] !== $id || $value['v'] !== $model[$id][0]) {
        $errors++;
        echo "wrong value for $id: ", json_encode($value), ' model ', json_encode($model[$id] ?? null), "\n";
    }
};
for ($i = 0; $i < 6000; $i++) {
    $op = $rnd->getInt(0, 99);
    $id = 'e' . $rnd->getInt(0, 799);
    if ($op < 55) {
        $tags = [];
        for ($t = $rnd->getInt(0, 3); $t > 0; $t--) {
            $tags[] = 'tag' . $rnd->getInt(0, 29);
        }
        $v = ++$version;
        $c->set($id, ['id' => $id, 'v' => $v, 'pad' => str_repeat('x', $rnd->getInt(10, 6000))], $tags);
        $model[$id] = [$v, array_unique($tags)];
        if ($rnd->getInt(0, 9) === 0) {
            $other->set($id, str_repeat('o', 3000), ['tag1']);
        }
    } elseif ($op < 80) {
        $check($id, $c->get($id));
    } elseif ($op < 88) {
        $c->remove($id);
        unset($model[$id]);
    } elseif ($op < 97) {
        $tag = 'tag' . $rnd->getInt(0, 29);
        $c->flushByTag($tag);
        foreach ($model as $mid => [$v, $tags]) {
            if (in_array($tag, $tags, true)) {
                unset($model[$mid]);
            }
        }
        if ($c->getByTag($tag) !== []) {
            $errors++;
            echo "tag $tag still lists entries after its flush\n";
        }
    } else {
        $tag = 'tag' . $rnd->getInt(0, 29);
        foreach ($c->getByTag($tag) as $mid => $value) {
            $check($mid, $value);
            if (!in_array($tag, $model[$mid][1] ?? [], true)) {
                $errors++;
                echo "$mid listed under $tag it does not carry\n";
            }
        }
    }
}
foreach (array_keys($model) as $id) {
    $check($id, $c->get($id));
}
$s = $b->getStatistics();
echo 'evictions > 0: ', var_export($s['evictions'] > 0, true), "\n";
echo 'orphanTags: ', $s['orphanTags'], "\n";
echo 'errors: ', $errors, "\n";
echo 'bytesUsed + bytesFree <= size: ', var_export($s['bytesUsed'] + $s['bytesFree'] <= $s['size'], true), "\n";
$c->flush();
$other->flush();
$s = $b->getStatistics();
echo "after flush: entries {$s['entries']} bytesUsed {$s['bytesUsed']} cacheTags {$s['cacheTags']}\n";
?>
--EXPECTF--
seed: %d (replay with TAGCACHE_SEED=%d)
evictions > 0: true
orphanTags: 0
errors: 0
bytesUsed + bytesFree <= size: true
after flush: entries 0 bytesUsed 0 cacheTags 0
