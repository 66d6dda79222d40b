--TEST--
TransientMemoryBackend keeps the caller's string: stored values stay immutable, outlive the caller's variable, the backend and the frontend; interned and constant strings; clone, serialize, Reflection and cycles do not crash
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\StringFrontend;
use TagCache\Frontend\VariableFrontend;

const GREETING = 'a constant string';
class Holder
{
    const CLASS_CONST = 'a class constant';
    public $cache;
    public $self;
}

$backend = new TransientMemoryBackend();
$cache = new StringFrontend('zl', $backend);

// The caller's variable changes in place, grows, and goes away: the entry keeps its bytes.
$v = str_repeat('abc', 100) . 'end';
$cache->set('k', $v, ['t1', 't2', 't1']);
$v[0] = 'Z';
$v .= ' more';
echo "after the caller changed it: ", $cache->get('k') === str_repeat('abc', 100) . 'end' ? 'unchanged' : 'CHANGED', "\n";
unset($v);
echo "after the caller unset it: ", strlen($cache->get('k')), " bytes\n";

// What get returns is the caller's to change: the entry does not change with it.
$r = $cache->get('k');
$r[1] = 'Q';
$r2 = $backend->get('k');
$r2 .= '!';
echo "after changing what get returned: ", $cache->get('k')[1], ", ", strlen($backend->get('k')), " bytes\n";

// Interned (literal) and constant strings, and an empty one.
$cache->set('lit', 'a literal string', ['t1']);
$cache->set('const', GREETING, ['t1']);
$cache->set('class', Holder::CLASS_CONST);
$cache->set('empty', '');
$cache->set('num', (string)42);
$backend->set('direct', 'direct literal', ['t2']);
echo $cache->get('lit'), " | ", $cache->get('const'), " | ", $cache->get('class'), " | [",
    $cache->get('empty'), "] | ", $cache->get('num'), " | ", $backend->get('direct'), "\n";
// ini values and environment strings may live outside the request heap: kept as copies.
$cache->set('ini', ini_get('precision'));
$cache->set('env', (string)getenv('PATH'));
echo "ini and environment: ", var_export($cache->get('ini') === ini_get('precision') && $cache->get('env') === (string)getenv('PATH'), true), "\n";
$l = $cache->get('lit');
$l[0] = 'A';
echo "literal after changing the read copy: ", $cache->get('lit'), ", ", 'a literal string', "\n";

// Tags, getByTag, iteration and tickets see the same strings.
echo "getByTag t1: ", implode(',', array_map('strlen', $cache->getByTag('t1'))), "\n";
$ids = [];
foreach ($backend as $id => $payload) {
    $ids[] = "$id:" . strlen($payload);
}
sort($ids);
echo "iteration: ", implode(' ', $ids), "\n";
$cache->get('fresh', $ticket);
echo "ticketed set: ", var_export($cache->set('fresh', str_repeat('t', 10), ['t3'], null, $ticket), true), "\n";
$cache->get('late', $ticket);
$cache->flushByTag('t3');
echo "stale ticketed set: ", var_export($cache->set('late', str_repeat('s', 10), ['t3'], null, $ticket), true),
    ", stored: ", var_export($cache->has('late'), true), "\n";

// Overwrite with overlapping tags moves the entry between tags.
$cache->set('k', 'second', ['t2', 't4']);
echo "t1 after overwrite: ", count($cache->getByTag('t1')), ", t4: ", count($cache->getByTag('t4')), "\n";
echo "flushByTag t2: ", $cache->flushByTag('t2'), ", k: ", var_export($cache->get('k'), true), "\n";

// VariableFrontend over the memory backend: payloads shared with the backend decode fine.
$vf = new VariableFrontend('zv', new TransientMemoryBackend());
$s = str_repeat('s', 50);
$vf->set('str', $s, ['t']);
$vf->set('arr', ['a' => $s, 'b' => [1, 2.5, null]], ['t']);
$got = $vf->get('str');
$got[0] = 'X';
$arr = $vf->get('arr');
$arr['a'][0] = 'Y';
echo "variable: ", $vf->get('str') === $s ? 'same' : 'CHANGED', ", ", $vf->get('arr')['a'] === $s ? 'same' : 'CHANGED',
    ", backend payload starts ", substr($vf->getBackend()->get('str'), 0, 7), "\n";

// Values outlive the backend and frontend they came from.
$keep = $cache->get('lit');
$keepV = $vf->get('arr');
unset($cache, $backend, $vf);
echo "after the caches are gone: ", $keep, ", ", strlen($keepV['a']), "\n";

// clone, serialize, unserialize, Reflection without constructor.
$b = new TransientMemoryBackend();
$f = new StringFrontend('zr', $b);
$f->set('x', str_repeat('x', 20));
foreach ([
    'clone backend' => fn () => clone $b,
    'clone frontend' => fn () => clone $f,
    'serialize backend' => fn () => serialize($b),
    'serialize frontend' => fn () => serialize($f),
    'unserialize backend' => fn () => unserialize('O:39:"TagCache\Backend\TransientMemoryBackend":0:{}'),
] as $what => $fn) {
    try {
        $fn();
        echo "$what: allowed\n";
    } catch (Throwable $e) {
        echo "$what: ", get_class($e), "\n";
    }
}
$bare = (new ReflectionClass(TransientMemoryBackend::class))->newInstanceWithoutConstructor();
try {
    $bare->set('x', str_repeat('y', 20));
    echo "unconstructed backend: stored\n";
} catch (Throwable $e) {
    echo "unconstructed backend: ", get_class($e), "\n";
}
$bf = new StringFrontend('zb', $bare);
$bf->set('x', str_repeat('y', 20), ['t']);
echo "unconstructed backend behind a frontend: ", $bf->get('x'), "\n";

// A cycle holding a cache with entries, left for the cycle collector, and one left to shutdown.
$h = new Holder();
$h->self = $h;
$h->cache = new StringFrontend('zc1', new TransientMemoryBackend());
$h->cache->set('a', str_repeat('c', 30), ['t']);
unset($h);
echo "collected: ", gc_collect_cycles() > 0 ? 'yes' : 'no', "\n";
$left = new Holder();
$left->self = $left;
$left->cache = new StringFrontend('zc2', new TransientMemoryBackend());
$left->cache->set('a', str_repeat('d', 30), ['t']);
$GLOBALS['shared'] = $left->cache->get('a');
echo "done\n";
?>
--EXPECTF--
after the caller changed it: unchanged
after the caller unset it: 303 bytes
after changing what get returned: b, 303 bytes
a literal string | a constant string | a class constant | [] | 42 | direct literal
ini and environment: true
literal after changing the read copy: a literal string, a literal string
getByTag t1: 303,16,17
iteration: class:16 const:17 direct:14 empty:0 env:%d ini:%d k:303 lit:16 num:2
ticketed set: true
stale ticketed set: false, stored: false
t1 after overwrite: 2, t4: 1
flushByTag t2: 2, k: false
variable: same, same, backend payload starts ps:50:"
after the caches are gone: a literal string, 50
clone backend: Error
clone frontend: Error
serialize backend: Exception
serialize frontend: Exception
unserialize backend: Exception
unconstructed backend: TagCache\NotSupportedByBackendException
unconstructed backend behind a frontend: yyyyyyyyyyyyyyyyyyyy
collected: yes
done
