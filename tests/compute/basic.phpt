--TEST--
getOrCompute: runs the callback once per miss, never on a hit; tags, lifetime and $save from the callback; exceptions; reentrancy; every frontend and backend kind
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/../array_backend.inc';

use TagCache\Backend\{FileBackend, SimpleFileBackend, TransientMemoryBackend, NullBackend};
use TagCache\Frontend\{VariableFrontend, StringFrontend};

$dir = tc_tmpdir();
$backends = [
    'file' => fn() => new FileBackend(['cacheDirectory' => "$dir/f"]),
    'memory' => fn() => new TransientMemoryBackend(),
    'simplefile' => fn() => new SimpleFileBackend(['cacheDirectory' => "$dir/s"]),
    'php' => fn() => new ArrayBackend(),
];
foreach ($backends as $name => $make) {
    $c = new VariableFrontend("C$name", $make());
    $runs = 0;
    $f = function (string $id, array &$tags, ?int &$lifetime) use (&$runs) {
        $runs++;
        return ['id' => $id, 'run' => $runs];
    };
    $a = $c->getOrCompute('k', $f);
    $b = $c->getOrCompute('k', $f);
    echo "$name: runs=$runs same=", var_export($a === $b, true), " get=", json_encode($c->get('k')), "\n";

    // a stored false is a hit where the backend has tickets (the ticket tells a miss apart)
    $runs = 0;
    $fz = function () use (&$runs) { $runs++; return false; };
    $c->getOrCompute('z', $fz);
    $c->getOrCompute('z', $fz);
    echo "  false stored: runs=$runs\n";

    if ($name !== 'simplefile') {
        // tags and lifetime set by the callback are what is stored
        $c->getOrCompute('t', function ($id, array &$tags, ?int &$lifetime) {
            $tags[] = 'added';
            $lifetime = 100;
            return 'tagged';
        }, ['given']);
        $ids = $c->getByTag('added');
        echo "  by tag added: ", json_encode($ids), " by given: ", json_encode(array_keys($c->getByTag('given'))), "\n";
        echo "  flushByTag(added)=", $c->flushByTag('added'), " has=", var_export($c->has('t'), true), "\n";
    }

    // $save = false: returned, not stored
    $v = $c->getOrCompute('n', function ($id, &$tags, &$lifetime, &$save) { $save = false; return 'once'; });
    echo "  save=false: $v has=", var_export($c->has('n'), true), "\n";

    // the exception reaches the caller, nothing is stored, the lock is released
    tc_expect_exception(fn() => $c->getOrCompute('x', function () { throw new DomainException('boom'); }));
    echo "  has=", var_export($c->has('x'), true), "\n";
    echo "  after: ", $c->getOrCompute('x', fn() => 'second'), "\n";

    // reentrancy for the same key is refused, other keys nest
    tc_expect_exception(fn() => $c->getOrCompute('r', fn() => $c->getOrCompute('r', fn() => 'inner')));
    echo "  nested: ", $c->getOrCompute('o', fn() => 'outer+' . $c->getOrCompute('i', fn() => 'inner')), "\n";
    echo "  after reentrancy: ", $c->getOrCompute('r', fn() => 'fine'), "\n";
}

// beta: INF recomputes a hit, 0 never does
$c = new VariableFrontend('Beta', new TransientMemoryBackend());
$runs = 0;
$f = function () use (&$runs) { return ++$runs; };
$c->getOrCompute('b', $f);
echo "beta 0: ", $c->getOrCompute('b', $f, [], null, 0.0), " runs=$runs\n";
echo "beta INF: ", $c->getOrCompute('b', $f, [], null, INF), " runs=$runs stored=", $c->get('b'), "\n";

// StringFrontend and NullBackend
$s = new StringFrontend('Str', new TransientMemoryBackend());
echo "string: ", $s->getOrCompute('s', fn() => 'text'), " ", $s->get('s'), "\n";
$n = new VariableFrontend('Null', new NullBackend());
$runs = 0;
$n->getOrCompute('a', $f2 = function () use (&$runs) { return ++$runs; });
$n->getOrCompute('a', $f2);
echo "null backend computes every time: runs=$runs\n";

// bad input
foreach ([fn() => $c->getOrCompute('a/b', $f), fn() => $c->getOrCompute('a', $f, [], null, -1.0),
          fn() => $c->getOrCompute('a', $f, [], null, NAN),
          fn() => $c->getOrCompute('a', $f, [], null, null, ['lockTimeoutMs' => -1]),
          fn() => $c->getOrCompute('a', $f, [], null, null, ['lockTtlMs' => 'x']),
          fn() => $c->getOrCompute('a', $f, [], null, null, ['nope' => 1]),
          fn() => $c->getOrCompute('a', function ($id, &$tags) { $tags = 'x'; return 1; }),
          fn() => $c->getOrCompute('a', function ($id, &$tags, &$lifetime) { $lifetime = 'x'; return 1; }),
          fn() => $c->getOrCompute('a', function ($id, &$tags) { $tags = ['bad/tag']; return 1; }),
        ] as $bad) {
    tc_expect_exception($bad);
}
echo "after bad input: ", json_encode($c->has('a')), "\n";
?>
--EXPECT--
file: runs=1 same=true get={"id":"k","run":1}
  false stored: runs=1
  by tag added: {"t":"tagged"} by given: ["t"]
  flushByTag(added)=1 has=false
  save=false: once has=false
DomainException: boom
  has=false
  after: second
LogicException: getOrCompute("r") of cache "Cfile" was called again from its own callback: the value cannot depend on itself
  nested: outer+inner
  after reentrancy: fine
memory: runs=1 same=true get={"id":"k","run":1}
  false stored: runs=1
  by tag added: {"t":"tagged"} by given: ["t"]
  flushByTag(added)=1 has=false
  save=false: once has=false
DomainException: boom
  has=false
  after: second
LogicException: getOrCompute("r") of cache "Cmemory" was called again from its own callback: the value cannot depend on itself
  nested: outer+inner
  after reentrancy: fine
simplefile: runs=1 same=true get={"id":"k","run":1}
  false stored: runs=2
  save=false: once has=false
DomainException: boom
  has=false
  after: second
LogicException: getOrCompute("r") of cache "Csimplefile" was called again from its own callback: the value cannot depend on itself
  nested: outer+inner
  after reentrancy: fine
php: runs=1 same=true get={"id":"k","run":1}
  false stored: runs=2
  by tag added: {"t":"tagged"} by given: ["t"]
  flushByTag(added)=1 has=false
  save=false: once has=false
DomainException: boom
  has=false
  after: second
LogicException: getOrCompute("r") of cache "Cphp" was called again from its own callback: the value cannot depend on itself
  nested: outer+inner
  after reentrancy: fine
beta 0: 1 runs=1
beta INF: 2 runs=2 stored=2
string: text text
null backend computes every time: runs=2
InvalidArgumentException: Entry identifier "a/b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: getOrCompute() beta must be 0 (no early recomputation), positive or INF (always recompute), got -1
InvalidArgumentException: getOrCompute() beta must be 0 (no early recomputation), positive or INF (always recompute), got NAN
InvalidArgumentException: getOrCompute() option "lockTimeoutMs" must be an int of milliseconds from 0 to 86400000, got -1
InvalidArgumentException: getOrCompute() option "lockTtlMs" must be an int of milliseconds from 1 to 86400000, got string
InvalidArgumentException: getOrCompute() has no option "nope"; known options: lockTimeoutMs, lockTtlMs, staleWhileRevalidate
InvalidArgumentException: getOrCompute("a"): the callback set $tags to string; it must stay an array of tags
InvalidArgumentException: getOrCompute("a"): the callback set $lifetime to string; it must be an int or null
InvalidArgumentException: Tag "bad/tag" (7 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
after bad input: false