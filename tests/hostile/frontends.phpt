--TEST--
Hostile userland, frontends: clone, serialize (refused), crafted unserialize(), Reflection, subclasses without or with a failing parent constructor, every method with plausible and edge arguments, reference cycles through PHP backends; only returns and Throwables
--EXTENSIONS--
tagcache
--INI--
sys_temp_dir={PWD}/frontends.hostile.tmp
zend.exception_ignore_args=1
--FILE--
<?php
require __DIR__ . '/hostile.inc';
require __DIR__ . '/../tagcache_helpers.inc';
hostile_private_tmp();
use TagCache\Backend\{FileBackend, TransientMemoryBackend, NullBackend, BackendInterface};
use TagCache\Frontend\{AbstractFrontend, VariableFrontend, StringFrontend, PhpFrontend, FrontendInterface};

$dir = tc_tmpdir('hostile-frontends');
$n = 0;
$id = function () use (&$n) { return 'hf' . (++$n); };
// a backend written in PHP that keeps its frontend: frontend -> backend -> frontend
$phpBackend = fn() => new class implements BackendInterface {
    public $cache; public array $data = [];
    public function setCache(FrontendInterface $cache): void { $this->cache = $cache; }
    public function set(string $entryIdentifier, string $data, array $tags = [], ?int $lifetime = null): void { $this->data[$entryIdentifier] = $data; }
    public function get(string $entryIdentifier): string|false { return $this->data[$entryIdentifier] ?? false; }
    public function has(string $entryIdentifier): bool { return isset($this->data[$entryIdentifier]); }
    public function remove(string $entryIdentifier): bool { unset($this->data[$entryIdentifier]); return true; }
    public function flush(): void { $this->data = []; }
    public function collectGarbage(): void {}
};
$specs = [
    AbstractFrontend::class => ['ctor' => ['hfa', new TransientMemoryBackend()], 'badCtor' => ['bad id!', new NullBackend()]],
    VariableFrontend::class => [
        'make' => fn() => new VariableFrontend($id(), new TransientMemoryBackend(), ['serializer' => 'php']),
        'ctor' => ['hfv', new TransientMemoryBackend()],
        'badCtor' => ['hfv2', new TransientMemoryBackend(), ['allowedClasses' => 5]],
        'args' => ['set' => ['h1', ['v' => 1], ['t1'], 60]],
        'cycle' => function ($fe) use ($phpBackend, $id) { $fe2 = new VariableFrontend($id(), $phpBackend()); $fe2->set('self', 1); $fe->set('x', $fe2); },
    ],
    StringFrontend::class => [
        'make' => fn() => new StringFrontend($id(), $phpBackend()),
        'ctor' => ['hfs', new NullBackend()], 'badCtor' => ['', new NullBackend()],
    ],
    PhpFrontend::class => [
        'make' => fn() => new PhpFrontend($id(), new FileBackend(['cacheDirectory' => $dir])),
        'ctor' => ['hfp', new NullBackend()], 'badCtor' => ['hfp2', new TransientMemoryBackend()],
        'args' => ['set' => ['h1', 'return 42;'], 'requireOnce' => ['h1']],
    ],
];
$h = new Hostile($specs);
$h->run();
$h->randomWalk(40);
echo "done\n";
?>
--EXPECTF--
AbstractFrontend
  crafted:     0 returned, 3 threw (Exception 3)
  reflection:  0 properties; 0 returned, 0 threw
  noctor:      4 returned, 27 threw (Error 21, LogicException 6)
  failedctor:  16 returned, 31 threw (Error 20, LogicException 9, TC\InvalidArgumentException 2)
VariableFrontend
  reconstruct: 21 returned, 11 threw (Error 2, TC\InvalidArgumentException 9)
  clone:       refused; 0 returned, 1 threw (Error 1)
  serialize:   refused; 0 returned, 1 threw (Exception 1)
  crafted:     0 returned, 3 threw (Exception 3)
  reflection:  0 properties; 0 returned, 0 threw
  noctor:      9 returned, 52 threw (Error 52)
  failedctor:  19 returned, 28 threw (Error 26, TC\InvalidArgumentException 2)
  cycles:      collected; 13 returned, 3 threw (TC\InvalidArgumentException 1, TC\InvalidDataException 2)
StringFrontend
  reconstruct: 14 returned, 18 threw (Error 2, TC\InvalidArgumentException 8, TC\NotSupportedByBackendException 8)
  clone:       refused; 0 returned, 1 threw (Error 1)
  serialize:   refused; 0 returned, 1 threw (Exception 1)
  crafted:     0 returned, 3 threw (Exception 3)
  reflection:  0 properties; 0 returned, 0 threw
  noctor:      9 returned, 52 threw (Error 52)
  failedctor:  19 returned, 28 threw (Error 26, TC\InvalidArgumentException 2)
  cycles:      collected; 8 returned, 7 threw (TC\InvalidArgumentException 1, TC\InvalidDataException 1, TC\NotSupportedByBackendException 5)
PhpFrontend
  reconstruct: 22 returned, 12 threw (Error 2, TC\InvalidArgumentException 10)
  clone:       refused; 0 returned, 1 threw (Error 1)
  serialize:   refused; 0 returned, 1 threw (Exception 1)
  crafted:     0 returned, 3 threw (Exception 3)
  reflection:  0 properties; 0 returned, 0 threw
  noctor:      9 returned, 56 threw (Error 56)
  failedctor:  20 returned, 30 threw (Error 28, TC\InvalidArgumentException 1, TC\NotSupportedByBackendException 1)
  cycles:      collected; 14 returned, 2 threw (TC\InvalidArgumentException 1, TC\InvalidDataException 1)
random walk: seed %d (replay with TAGCACHE_HOSTILE_SEED=%d)
random walk: 120 calls, each ended in a return or a Throwable
done
