--TEST--
Hostile userland, native backends (file, simple file, memory, null; Redis in redis_backend.phpt): clone, serialize, crafted unserialize(), Reflection, subclasses without or with a failing parent constructor, every method with plausible and edge arguments, reference cycles; only returns and Throwables
--EXTENSIONS--
tagcache
--INI--
sys_temp_dir={PWD}/backends.hostile.tmp
zend.exception_ignore_args=1
--FILE--
<?php
require __DIR__ . '/hostile.inc';
require __DIR__ . '/../tagcache_helpers.inc';
hostile_private_tmp();
use TagCache\Backend\{FileBackend, SimpleFileBackend, TransientMemoryBackend, NullBackend};
use TagCache\Frontend\{VariableFrontend, PhpFrontend};

$dir = tc_tmpdir('hostile-backends');
$n = 0;
$bind = function ($b) use (&$n) { new VariableFrontend('hb' . (++$n), $b); return $b; };
$specs = [
    FileBackend::class => [
        'make' => fn() => $bind(new FileBackend(['cacheDirectory' => $dir, 'defaultLifetime' => 60])),
        'ctor' => [['cacheDirectory' => $dir]], 'badCtor' => [['cacheDirectory' => 5]],
        'args' => ['set' => ['h1', 'data', ['t1'], 60], 'setCache' => [new PhpFrontend('hbphp', new NullBackend())]],
        'cycle' => function ($b) { new class('hcycle', $b) extends VariableFrontend { public $me; public function __construct($id, $b) { parent::__construct($id, $b); $this->me = $this; } }; },
    ],
    SimpleFileBackend::class => [
        'make' => fn() => $bind(new SimpleFileBackend(['cacheDirectory' => $dir])),
        'ctor' => [['cacheDirectory' => $dir]], 'badCtor' => [['nope' => 1]],
        'args' => ['set' => ['h1', 'data']],
    ],
    TransientMemoryBackend::class => [
        'make' => fn() => $bind(new TransientMemoryBackend()),
        'ctor' => [[]], 'badCtor' => [['defaultLifetime' => -5]],
        'args' => ['set' => ['h1', 'data', ['t1']]],
    ],
    NullBackend::class => ['make' => fn() => $bind(new NullBackend()), 'ctor' => [[]], 'badCtor' => [['defaultLifetime' => 'x']]],
];
$h = new Hostile($specs);
$h->run();
$h->randomWalk(40);
echo "done\n";
?>
--EXPECTF--
FileBackend
  reconstruct: 28 returned, 12 threw (Error 2, TC\InvalidArgumentException 9, TypeError 1)
  clone:       refused; 0 returned, 1 threw (Error 1)
  serialize:   refused; 0 returned, 1 threw (Exception 1)
  crafted:     0 returned, 3 threw (Exception 3)
  reflection:  0 properties; 0 returned, 0 threw
  noctor:      57 returned, 20 threw (TC\FrozenCacheException 2, TC\InvalidArgumentException 16, TypeError 2)
  failedctor:  44 returned, 15 threw (Error 1, TC\FrozenCacheException 4, TC\InvalidArgumentException 9, TypeError 1)
  cycles:      collected; 18 returned, 2 threw (TC\InvalidArgumentException 1, TypeError 1)
SimpleFileBackend
  reconstruct: 21 returned, 9 threw (Error 2, TC\InvalidArgumentException 5, TypeError 2)
  clone:       refused; 0 returned, 1 threw (Error 1)
  serialize:   refused; 0 returned, 1 threw (Exception 1)
  crafted:     0 returned, 3 threw (Exception 3)
  reflection:  0 properties; 0 returned, 0 threw
  noctor:      21 returned, 36 threw (TC\InvalidArgumentException 2, TC\NotSupportedByBackendException 30, TypeError 4)
  failedctor:  16 returned, 28 threw (TC\InvalidArgumentException 2, TC\NotSupportedByBackendException 23, TypeError 3)
  cycles:      collected; 12 returned, 2 threw (TC\NotSupportedByBackendException 1, TypeError 1)
TransientMemoryBackend
  reconstruct: 21 returned, 11 threw (Error 2, TC\InvalidArgumentException 7, TypeError 2)
  clone:       refused; 0 returned, 1 threw (Error 1)
  serialize:   refused; 0 returned, 1 threw (Exception 1)
  crafted:     0 returned, 3 threw (Exception 3)
  reflection:  0 properties; 0 returned, 0 threw
  noctor:      17 returned, 44 threw (TC\InvalidArgumentException 6, TC\NotSupportedByBackendException 34, TypeError 4)
  failedctor:  23 returned, 24 threw (TC\InvalidArgumentException 4, TC\NotSupportedByBackendException 17, TypeError 3)
  cycles:      collected; 14 returned, 1 threw (TypeError 1)
NullBackend
  reconstruct: 12 returned, 12 threw (Error 2, TC\InvalidArgumentException 8, TypeError 2)
  clone:       refused; 0 returned, 1 threw (Error 1)
  serialize:   refused; 0 returned, 1 threw (Exception 1)
  crafted:     0 returned, 3 threw (Exception 3)
  reflection:  0 properties; 0 returned, 0 threw
  noctor:      1 returned, 44 threw (TC\InvalidArgumentException 8, TC\NotSupportedByBackendException 32, TypeError 4)
  failedctor:  11 returned, 24 threw (TC\InvalidArgumentException 5, TC\NotSupportedByBackendException 16, TypeError 3)
  cycles:      collected; 10 returned, 1 threw (TypeError 1)
random walk: seed %d (replay with TAGCACHE_HOSTILE_SEED=%d)
random walk: 160 calls, each ended in a return or a Throwable
done