--TEST--
TransientMemoryBackend keeps the caller's string: a 1 MB set or get costs no second MB, a modified caller variable is copied by PHP, every removal gives the memory back
--EXTENSIONS--
tagcache
--SKIPIF--
<?php if (getenv('USE_ZEND_ALLOC') === '0') die('skip memory_get_usage() counts nothing without the Zend allocator (valgrind)'); ?>
--FILE--
<?php
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\StringFrontend;
use TagCache\Frontend\VariableFrontend;

const MB = 1 << 20;
// A second copy of the value would add at least 1 MB; entry and map nodes add bytes, not KB.
function grew(int $base): string
{
    $d = memory_get_usage() - $base;
    return $d < MB / 4 ? 'under 256 KB' : ($d < MB + MB / 4 ? 'about 1 MB' : sprintf('%.1f MB', $d / MB));
}

$backend = new TransientMemoryBackend();
$cache = new StringFrontend('zc', $backend);
$v = str_repeat('x', MB);
$base = memory_get_usage();
$cache->set('a', $v, ['t1', 't2', 't3']);
echo "StringFrontend::set of 1 MB: ", grew($base), "\n";
$got = $cache->get('a');
echo "get of it: ", grew($base), ", same bytes: ", var_export($got === $v, true), "\n";
unset($got);
$backend->set('b', $v, ['t1']);
echo "TransientMemoryBackend::set of the same string: ", grew($base), "\n";
$r = $backend->get('b');
echo "TransientMemoryBackend::get: ", grew($base), "\n";
unset($r);

// Copy-on-write: the caller changing its variable gets its own copy, the entries keep theirs.
$v[0] = 'y';
echo "caller changed its variable: ", grew($base), ", stored unchanged: ",
    var_export($cache->get('a')[0] === 'x' && $backend->get('b')[0] === 'x', true), "\n";
unset($v);
echo "caller unset its variable (its own copy): ", grew($base), ", still stored: ",
    var_export(strlen($cache->get('a')) === MB, true), "\n";

$base = memory_get_usage();
$cache->remove('a');
echo "remove of one of two holders: ", grew($base), "\n";
$cache->flushByTag('t1');
echo "flushByTag of the last: ", var_export(memory_get_usage() - $base < -MB + MB / 4, true), "\n";

// Each removal path releases its own string.
$fresh = fn (int $i) => str_repeat(chr(65 + $i), MB);
foreach (['remove', 'flushByTag', 'flush', 'overwrite'] as $i => $how) {
    $base = memory_get_usage();
    $cache->set("e$i", $fresh($i), ['g']);
    $stored = memory_get_usage() - $base;
    match ($how) {
        'remove' => $cache->remove("e$i"),
        'flushByTag' => $cache->flushByTag('g'),
        'flush' => $cache->flush(),
        'overwrite' => $cache->set("e$i", 'small'),
    };
    echo "$how: stored about 1 MB: ", var_export($stored >= MB && $stored < MB + MB / 4, true),
        ", given back: ", var_export(memory_get_usage() - $base < MB / 4, true), "\n";
}

// VariableFrontend: the serialized payload is stored as made, not copied again.
$vf = new VariableFrontend('zcv', new TransientMemoryBackend());
$s = str_repeat('z', MB);
$base = memory_get_usage();
$vf->set('s', $s, ['t']);
echo "VariableFrontend::set of 1 MB: ", grew($base), "\n";
echo "get: ", var_export($vf->get('s') === $s, true), "\n";
$vf->flush();
unset($s);
echo "done\n";
?>
--EXPECT--
StringFrontend::set of 1 MB: under 256 KB
get of it: under 256 KB, same bytes: true
TransientMemoryBackend::set of the same string: under 256 KB
TransientMemoryBackend::get: under 256 KB
caller changed its variable: about 1 MB, stored unchanged: true
caller unset its variable (its own copy): under 256 KB, still stored: true
remove of one of two holders: under 256 KB
flushByTag of the last: true
remove: stored about 1 MB: true, given back: true
flushByTag: stored about 1 MB: true, given back: true
flush: stored about 1 MB: true, given back: true
overwrite: stored about 1 MB: true, given back: true
VariableFrontend::set of 1 MB: about 1 MB
get: true
done
