--TEST--
flushByTag over FileBackend removes each flushed entry and the flushed tag's marker only: the markers of the entry's other tags stay as orphans that getByTag, findIdentifiersByTag and has never return, that a later entry of the same id does not inherit, that the next flushByTag of their tag drops without counting them (nor removing an entry that no longer carries the tag), and that collectGarbage clears
--EXTENSIONS--
tagcache
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\StringFrontend;

$backend = new FileBackend(['cacheDirectory' => tc_tmpdir('flush-lazy')]);
$c = new StringFrontend('f', $backend);
$tags = $backend->getCacheDirectory() . '/tags';
$data = $backend->getCacheDirectory() . '/data';
function show(string $what): void
{
    global $c, $backend, $tags, $data;
    $by = [];
    foreach (['a', 'b', 'c'] as $t) {
        $ids = array_map('strval', array_keys($c->getByTag($t)));
        sort($ids);
        $found = $backend->findIdentifiersByTag($t);
        sort($found);
        $by[] = "$t [" . implode(',', $ids) . ']' . ($found === $ids ? '' : ' FIND DIFFERS [' . implode(',', $found) . ']');
    }
    echo "$what: data [", implode(',', tc_files($data)), '] tags [', implode(',', tc_files($tags)), "]\n    ", implode(' ', $by), "\n";
}

for ($i = 0; $i < 3; $i++) {
    $c->set("x$i", "value $i", ['a', 'b', 'c']);
}
$c->set('y', 'only b', ['b']);
show('filled');
echo 'flushByTag(a): ', $c->flushByTag('a'), "\n";
show('after');
var_dump($c->has('x0'), $c->get('x1'));

echo "-- x0 again, tagged c only: the orphan b/x0 does not make it a member of b\n";
$c->set('x0', 'new x0', ['c']);
show('set');
echo 'flushByTag(b): ', $c->flushByTag('b'), "\n";           // y only: the orphans count nothing
show('after');
var_dump($c->get('x0'));

echo "-- flushByTags over overlapping tags counts each entry once\n";
$c->set('z', 'z', ['a', 'b']);
echo 'flushByTags(a, b): ', $c->flushByTags(['a', 'b']), "\n";
show('after');

echo "-- collectGarbage clears the orphans\n";
$c->collectGarbage();
show('gc');
echo 'flushByTag(c): ', $c->flushByTag('c'), "\n";
show('end');
?>
--EXPECT--
filled: data [x0.php,x1.php,x2.php,y.php] tags [a/x0,a/x1,a/x2,b/x0,b/x1,b/x2,b/y,c/x0,c/x1,c/x2]
    a [x0,x1,x2] b [x0,x1,x2,y] c [x0,x1,x2]
flushByTag(a): 3
after: data [y.php] tags [b/x0,b/x1,b/x2,b/y,c/x0,c/x1,c/x2]
    a [] b [y] c []
bool(false)
bool(false)
-- x0 again, tagged c only: the orphan b/x0 does not make it a member of b
set: data [x0.php,y.php] tags [b/x0,b/x1,b/x2,b/y,c/x0,c/x1,c/x2]
    a [] b [y] c [x0]
flushByTag(b): 1
after: data [x0.php] tags [c/x0,c/x1,c/x2]
    a [] b [] c [x0]
string(6) "new x0"
-- flushByTags over overlapping tags counts each entry once
flushByTags(a, b): 1
after: data [x0.php] tags [c/x0,c/x1,c/x2]
    a [] b [] c [x0]
-- collectGarbage clears the orphans
gc: data [x0.php] tags [c/x0]
    a [] b [] c [x0]
flushByTag(c): 1
end: data [] tags []
    a [] b [] c []
