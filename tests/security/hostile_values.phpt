--TEST--
Security: lifetimes whose expiry overflows (PHP_INT_MAX, PHP_INT_MAX-1, 2^62, large defaultLifetime) are refused on every lifetime-capable backend; deep (3,000 / 5,000 levels), self-referencing and cyclic values round-trip or read as a clean miss; __sleep returning bad data, __wakeup / __unserialize throwing never crash
--EXTENSIONS--
tagcache
igbinary
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\{FileBackend, TransientMemoryBackend, NullBackend};
use TagCache\Frontend\VariableFrontend;

$dir = tc_tmpdir('values');
echo "-- lifetimes\n";
$backends = ['file' => fn(array $o = []) => new FileBackend($o + ['cacheDirectory' => $dir]),
             'memory' => fn(array $o = []) => new TransientMemoryBackend($o)];
foreach ($backends as $name => $make) {
    $cache = new VariableFrontend("lt_$name", $make());
    $cache->set('keep', 'kept', ['t'], 60);
    // the last two fit: now + lifetime is still a valid expiry, the entry lives "forever".
    // "now+2", not "+1": PHP's time() and the backend's clock may be a tick apart at a second's
    // boundary, and one second of overflow then fits.
    $cases = ['PHP_INT_MAX' => PHP_INT_MAX, 'PHP_INT_MAX-1' => PHP_INT_MAX - 1, 'PHP_INT_MAX-now+2' => PHP_INT_MAX - time() + 2,
              '2^62' => 2 ** 62, 'PHP_INT_MAX-now-10' => PHP_INT_MAX - time() - 10];
    foreach ($cases as $label => $lt) {
        try {
            $cache->set('keep', $label, ['t'], $lt);
            echo "$name $label: accepted, reads ", var_export($cache->get('keep'), true), "\n";
        } catch (TagCache\InvalidArgumentException $e) {
            echo "$name $label: refused, entry still ", var_export($cache->get('keep'), true), "\n";
        }
    }
    foreach ([PHP_INT_MAX, PHP_INT_MAX - 1] as $dl) {
        try {
            (new VariableFrontend("dl_{$name}_" . ($dl & 1), $make(['defaultLifetime' => $dl])))->set('a', 1);
            echo "$name defaultLifetime $dl: accepted\n";
        } catch (TagCache\InvalidArgumentException $e) {
            echo "$name defaultLifetime: refused\n";
        }
    }
}
$null = new VariableFrontend('lt_null', new NullBackend(['defaultLifetime' => PHP_INT_MAX]));
$null->set('a', 1, [], PHP_INT_MAX);   // stores nothing: nothing to overflow
var_dump($null->get('a'));

$serializers = extension_loaded('igbinary') ? ['php', 'igbinary'] : ['php'];
foreach ($serializers as $ser) {
    echo "-- $ser: deep and recursive values\n";
    $cache = new VariableFrontend("v_$ser", new FileBackend(['cacheDirectory' => $dir]), ['serializer' => $ser]);
    foreach ([3000, 5000] as $depth) {
        $v = 'leaf';
        for ($i = 0; $i < $depth; $i++) {
            $v = ['n' => $v];
        }
        $cache->set("deep$depth", $v);
        $got = @$cache->get("deep$depth");   // php: beyond unserialize_max_depth (4096) is a miss with a warning
        echo "$depth levels: ", $got === $v ? 'round trip' : ($got === false ? 'miss' : 'WRONG VALUE'), "\n";
        unset($v, $got);
    }
    $a = [1, 2];
    $a[] = &$a;
    $cache->set('selfref', $a);
    $got = $cache->get('selfref');
    var_dump($got[0], is_array($got[2]), $got[2][1] ?? null);
    $x = new stdClass();
    $y = new stdClass();
    $x->peer = $y;
    $y->peer = $x;
    $x->self = $x;
    $cache->set('cycle', [$x, $y]);
    [$gx, $gy] = $cache->get('cycle');
    var_dump($gx->peer === $gy, $gy->peer === $gx, $gx->self === $gx);
}

echo "-- hostile classes\n";
class BadSleep { public $a = 1; public function __sleep(): array { return ['a', 'missing', 'a']; } }
class WakeupThrows { public $a = 1; public function __wakeup(): void { throw new RuntimeException('no wakeup'); } }
class UnserializeThrows {
    public function __serialize(): array { return ['x' => 1]; }
    public function __unserialize(array $d): void { throw new RuntimeException('no unserialize'); }
}
$cache = new VariableFrontend('hostile', new FileBackend(['cacheDirectory' => $dir]), ['serializer' => 'php']);
foreach (['BadSleep', 'WakeupThrows', 'UnserializeThrows'] as $class) {
    try {
        @$cache->set($class, new $class());
        $got = $cache->get($class);
        echo "$class: ", is_object($got) ? get_class($got) : var_export($got, true), "\n";
    } catch (Throwable $e) {
        echo "$class: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
var_dump($cache->get('missing-entry'));   // still usable after the exceptions
?>
--EXPECT--
-- lifetimes
file PHP_INT_MAX: refused, entry still 'kept'
file PHP_INT_MAX-1: refused, entry still 'kept'
file PHP_INT_MAX-now+2: refused, entry still 'kept'
file 2^62: accepted, reads '2^62'
file PHP_INT_MAX-now-10: accepted, reads 'PHP_INT_MAX-now-10'
file defaultLifetime: refused
file defaultLifetime: refused
memory PHP_INT_MAX: refused, entry still 'kept'
memory PHP_INT_MAX-1: refused, entry still 'kept'
memory PHP_INT_MAX-now+2: refused, entry still 'kept'
memory 2^62: accepted, reads '2^62'
memory PHP_INT_MAX-now-10: accepted, reads 'PHP_INT_MAX-now-10'
memory defaultLifetime: refused
memory defaultLifetime: refused
bool(false)
-- php: deep and recursive values
3000 levels: round trip
5000 levels: miss
int(1)
bool(true)
int(2)
bool(true)
bool(true)
bool(true)
-- igbinary: deep and recursive values
3000 levels: round trip
5000 levels: round trip
int(1)
bool(true)
int(2)
bool(true)
bool(true)
bool(true)
-- hostile classes
BadSleep: BadSleep
WakeupThrows: RuntimeException: no wakeup
UnserializeThrows: RuntimeException: no unserialize
bool(false)
