--TEST--
FileBackend: tag markers that cannot be deleted (chattr +i on tags/<tag> or tags/) do not fail flushByTag, whose entries are gone (an orphan marker finds nothing), but collectGarbage and flush report each one; after the repair collectGarbage clears them
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/fault_helpers.inc'; if ($why = tc_immutable_unsupported()) die("skip $why"); ?>
--FILE--
<?php
require __DIR__ . '/fault_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;

$dir = tc_fault_dir('immutable-tags');
function attempt(string $what, callable $op): void
{
    global $dir;
    try {
        $r = $op();
        echo "$what: ", var_export($r, true), "\n";
    } catch (TagCache\BackendException $e) {
        $msg = str_replace($dir, 'DIR', $e->getMessage());
        if (substr_count($msg, ' (tags/') > 1) {
            $msg = preg_replace(['/post-\d/', '/tags\/(post|all)\b/'], ['post-N', 'tags/T'], $msg); // readdir order varies
        }
        echo "$what: ", get_class($e), ': ', $msg, "\n";
    }
}
function fill(VariableFrontend $c): void
{
    for ($i = 0; $i < 5; $i++) {
        $c->set("post-$i", $i, ['post', 'all']);
    }
}
function state(VariableFrontend $c): string
{
    $live = [];
    for ($i = 0; $i < 5; $i++) {
        if ($c->get("post-$i") !== false || $c->has("post-$i")) {
            $live[] = "post-$i";
        }
    }
    return 'readable [' . implode(',', $live) . '] by tag post [' . implode(',', array_keys($c->getByTag('post')))
        . '] all [' . implode(',', array_keys($c->getByTag('all'))) . ']';
}

$c = new VariableFrontend('C', new FileBackend(['cacheDirectory' => $dir]));
$tags = "$dir/C/tags";

echo "-- tags/post immutable\n";
fill($c);
tc_immutable("$tags/post", true);
attempt('flushByTag', fn() => $c->flushByTag('post'));
echo state($c), "\n";
echo implode(',', tc_files($tags)), "\n";
attempt('set again', fn() => $c->set('post-1', 'again', ['post']));
echo state($c), "\n";
attempt('flushByTag', fn() => $c->flushByTag('post'));
attempt('collectGarbage', fn() => $c->collectGarbage());
fill($c);
attempt('flush', fn() => $c->flush());
echo state($c), "\n";
tc_immutable("$tags/post", false);
attempt('collectGarbage after repair', fn() => $c->collectGarbage());
echo '[', implode(',', tc_files($tags)), "]\n";

echo "-- tags/ immutable\n";
fill($c);
tc_immutable($tags, true);
attempt('flushByTag', fn() => $c->flushByTag('all'));
echo state($c), "\n";
attempt('set with a new tag', fn() => $c->set('post-1', 1, ['new']));
attempt('collectGarbage', fn() => $c->collectGarbage());
tc_immutable($tags, false);
attempt('collectGarbage after repair', fn() => $c->collectGarbage());
echo '[', implode(',', scandir($tags)), "]\n";
?>
--EXPECT--
-- tags/post immutable
flushByTag: 5
readable [] by tag post [] all []
all/post-0,all/post-1,all/post-2,all/post-3,all/post-4,post/post-0,post/post-1,post/post-2,post/post-3,post/post-4
set again: true
readable [post-1] by tag post [post-1] all []
flushByTag: 1
collectGarbage: TagCache\BackendException: collectGarbage could not remove everything of cache in DIR/C: tags/T/post-N (tags/T/post-N: Operation not permitted), tags/T/post-N (tags/T/post-N: Operation not permitted), tags/T/post-N (tags/T/post-N: Operation not permitted), and 3 more
flush: TagCache\BackendException: flush could not remove everything of cache in DIR/C: tags/T/post-N (tags/T/post-N: Operation not permitted), tags/T/post-N (tags/T/post-N: Operation not permitted), tags/T/post-N (tags/T/post-N: Operation not permitted), and 3 more
readable [] by tag post [] all []
collectGarbage after repair: NULL
[]
-- tags/ immutable
flushByTag: 5
readable [] by tag post [] all []
set with a new tag: TagCache\BackendException: cannot create directory DIR/C/tags/new: Operation not permitted
collectGarbage: TagCache\BackendException: collectGarbage could not remove everything of cache in DIR/C: tags/T (tags/T: Operation not permitted), tags/T (tags/T: Operation not permitted)
collectGarbage after repair: NULL
[.,..]
