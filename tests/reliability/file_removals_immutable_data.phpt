--TEST--
FileBackend / SimpleFileBackend: entries that cannot be deleted (chattr +i on data/ or on one entry) make flushByTag(s), flush, remove and collectGarbage throw a BackendException naming them; nothing that stayed is counted, it stays findable by its tags, and the same call after the repair finishes the job
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/fault_helpers.inc'; if ($why = tc_immutable_unsupported()) die("skip $why"); ?>
--FILE--
<?php
require __DIR__ . '/fault_helpers.inc';
use TagCache\Backend\{FileBackend, SimpleFileBackend};
use TagCache\Frontend\VariableFrontend;

$dir = tc_fault_dir('immutable-data');
function attempt(string $what, callable $op): void
{
    global $dir;
    try {
        $r = $op();
        echo "$what: ", var_export($r, true), "\n";
    } catch (TagCache\BackendException $e) {
        $msg = str_replace($dir, 'DIR', $e->getMessage());
        if (substr_count($msg, ' (data/') > 1) {
            // readdir order is the file system's: which entries are named first varies
            $msg = preg_replace('/\b(post-\d|keep|old)\b/', 'ID', $msg);
        }
        echo "$what: ", get_class($e), ' ', $e->getCode(), ': ', $msg, "\n";
    }
}
/** Turns entry $id into one that expired long ago (its header's expiry becomes 1). */
function expire(string $data, string $id): void
{
    $file = "$data/$id.php";
    file_put_contents($file, preg_replace('/^(<\?php __halt_compiler\(\); tagcache1 D )\d+ /', '${1}1 ', file_get_contents($file)));
}
function state(VariableFrontend $c): string
{
    $live = [];
    for ($i = 0; $i < 5; $i++) {
        $v = $c->get("post-$i");
        if ($v !== false || $c->has("post-$i")) {
            $live[] = "post-$i";
        }
    }
    $byTag = array_keys($c->getByTag('post'));
    sort($byTag);
    return 'readable [' . implode(',', $live) . '] by tag [' . implode(',', $byTag) . '] keep=' . var_export($c->get('keep'), true);
}

$c = new VariableFrontend('C', new FileBackend(['cacheDirectory' => $dir]));
$data = "$dir/C/data";
function fill(VariableFrontend $c): void
{
    for ($i = 0; $i < 5; $i++) {
        $c->set("post-$i", $i, ['post', 'all']);
    }
    $c->set('keep', 'k', ['other']);
}

echo "-- data/ immutable\n";
fill($c);
$c->set('old', 'o', ['post']);
expire("$dir/C/data", 'old');
tc_immutable($data, true);
attempt('flushByTag', fn() => $c->flushByTag('post'));
echo state($c), "\n";
attempt('flushByTags', fn() => $c->flushByTags(['post', 'all']));
attempt('backend flushByTag', fn() => $c->getBackend()->flushByTag('all'));
attempt('backend remove', fn() => $c->getBackend()->remove('post-3'));
attempt('flush', fn() => $c->flush());
echo state($c), "\n";
attempt('remove', fn() => $c->remove('post-1'));
attempt('collectGarbage', fn() => $c->collectGarbage());
tc_immutable($data, false);
attempt('flushByTag after repair', fn() => $c->flushByTag('post'));   // the expired 'old' goes too, uncounted
echo state($c), "\n";
echo implode(',', tc_files("$dir/C/data")), ' | ', implode(',', tc_files("$dir/C/tags")), "\n";

echo "-- one entry immutable\n";
fill($c);
tc_immutable("$data/post-2.php", true);
attempt('flushByTag', fn() => $c->flushByTag('post'));
echo state($c), "\n";
attempt('flushByTags', fn() => $c->flushByTags(['post', 'all']));   // named once, not once per tag
attempt('remove', fn() => $c->remove('post-2'));
tc_immutable("$data/post-2.php", false);
attempt('flushByTags after repair', fn() => $c->flushByTags(['post', 'all']));
echo state($c), "\n";

echo "-- expired entry immutable\n";
$c->set('old', 'o', ['post']);
expire($data, 'old');
tc_immutable("$data/old.php", true);
attempt('collectGarbage', fn() => $c->collectGarbage());
echo implode(',', tc_files("$dir/C/tags")), "\n";                    // its marker stays with it
tc_immutable("$data/old.php", false);
attempt('collectGarbage after repair', fn() => $c->collectGarbage());
echo implode(',', tc_files("$dir/C/data")), ' | ', implode(',', tc_files("$dir/C/tags")), "\n";

echo "-- flush with data/ immutable, then repaired\n";
fill($c);
tc_immutable($data, true);
attempt('flush', fn() => $c->flush());
echo state($c), "\n";
tc_immutable($data, false);
attempt('flush after repair', fn() => $c->flush());
echo state($c), "\n";
// Lock files and the write-ticket epochs outlive a flush by design; no entry or marker may.
echo implode(',', array_filter(tc_files("$dir/C"), fn($f) => !str_starts_with($f, 'locks/') && $f !== 'epochs')), "\n";

echo "-- SimpleFileBackend\n";
$s = new VariableFrontend('S', new SimpleFileBackend(['cacheDirectory' => $dir]));
$s->set('post-1', 1);
$s->set('post-2', 2);
tc_immutable("$dir/S/data", true);
attempt('remove', fn() => $s->remove('post-1'));
attempt('flush', fn() => $s->flush());
var_dump($s->get('post-1'), $s->get('post-2'));
tc_immutable("$dir/S/data", false);
attempt('remove after repair', fn() => $s->remove('post-1'));
attempt('flush after repair', fn() => $s->flush());
var_dump($s->get('post-1'), $s->get('post-2'));
?>
--EXPECT--
-- data/ immutable
flushByTag: TagCache\BackendException 1006: flushByTag could not remove 6 of 6 entries of cache in DIR/C: ID (data/ID.php: Operation not permitted), ID (data/ID.php: Operation not permitted), ID (data/ID.php: Operation not permitted), and 3 more
readable [post-0,post-1,post-2,post-3,post-4] by tag [post-0,post-1,post-2,post-3,post-4] keep='k'
flushByTags: TagCache\BackendException 1006: flushByTags could not remove 6 of 6 entries of cache in DIR/C: ID (data/ID.php: Operation not permitted), ID (data/ID.php: Operation not permitted), ID (data/ID.php: Operation not permitted), and 3 more
backend flushByTag: TagCache\BackendException 1006: flushByTag could not remove 5 of 5 entries of cache in DIR/C: ID (data/ID.php: Operation not permitted), ID (data/ID.php: Operation not permitted), ID (data/ID.php: Operation not permitted), and 2 more
backend remove: TagCache\BackendException 1006: remove could not remove 1 of 1 entry of cache in DIR/C: post-3 (data/post-3.php: Operation not permitted)
flush: TagCache\BackendException 1006: flush could not remove 7 of 7 entries of cache in DIR/C: ID (data/ID.php: Operation not permitted), ID (data/ID.php: Operation not permitted), ID (data/ID.php: Operation not permitted), and 4 more
readable [post-0,post-1,post-2,post-3,post-4] by tag [post-0,post-1,post-2,post-3,post-4] keep='k'
remove: TagCache\BackendException 1006: remove could not remove 1 of 1 entry of cache in DIR/C: post-1 (data/post-1.php: Operation not permitted)
collectGarbage: TagCache\BackendException 1006: collectGarbage could not remove 1 of 1 entry of cache in DIR/C: old (data/old.php: Operation not permitted)
flushByTag after repair: 5
readable [] by tag [] keep='k'
keep.php | all/post-0,all/post-1,all/post-2,all/post-3,all/post-4,other/keep
-- one entry immutable
flushByTag: TagCache\BackendException 1006: flushByTag could not remove 1 of 5 entries of cache in DIR/C: post-2 (data/post-2.php: Operation not permitted)
readable [post-2] by tag [post-2] keep='k'
flushByTags: TagCache\BackendException 1006: flushByTags could not remove 1 of 1 entry of cache in DIR/C: post-2 (data/post-2.php: Operation not permitted)
remove: TagCache\BackendException 1006: remove could not remove 1 of 1 entry of cache in DIR/C: post-2 (data/post-2.php: Operation not permitted)
flushByTags after repair: 1
readable [] by tag [] keep='k'
-- expired entry immutable
collectGarbage: TagCache\BackendException 1006: collectGarbage could not remove 1 of 1 entry of cache in DIR/C: old (data/old.php: Operation not permitted)
other/keep,post/old
collectGarbage after repair: NULL
keep.php | other/keep
-- flush with data/ immutable, then repaired
flush: TagCache\BackendException 1006: flush could not remove 6 of 6 entries of cache in DIR/C: ID (data/ID.php: Operation not permitted), ID (data/ID.php: Operation not permitted), ID (data/ID.php: Operation not permitted), and 3 more
readable [post-0,post-1,post-2,post-3,post-4] by tag [post-0,post-1,post-2,post-3,post-4] keep='k'
flush after repair: NULL
readable [] by tag [] keep=false

-- SimpleFileBackend
remove: TagCache\BackendException 1006: remove could not remove 1 of 1 entry of cache in DIR/S: post-1 (data/post-1.php: Operation not permitted)
flush: TagCache\BackendException 1006: flush could not remove 2 of 2 entries of cache in DIR/S: ID (data/ID.php: Operation not permitted), ID (data/ID.php: Operation not permitted)
int(1)
int(2)
remove after repair: true
flush after repair: NULL
bool(false)
bool(false)
