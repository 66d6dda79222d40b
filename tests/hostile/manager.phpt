--TEST--
Hostile userland, CacheManager: clone, serialize, crafted unserialize(), Reflection, subclasses without or with a failing parent constructor, every method with plausible and edge arguments, reference cycles; only returns and Throwables
--EXTENSIONS--
tagcache
--INI--
sys_temp_dir={PWD}/manager.hostile.tmp
zend.exception_ignore_args=1
--FILE--
<?php
require __DIR__ . '/hostile.inc';
require __DIR__ . '/../tagcache_helpers.inc';
hostile_private_tmp();
use TagCache\CacheManager;
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\VariableFrontend;

$dir = tc_tmpdir('hostile-manager');
$config = [
    'Default' => ['frontend' => 'VariableFrontend', 'backend' => 'FileBackend', 'backendOptions' => ['defaultLifetime' => 60]],
    'h1' => ['backend' => 'TransientMemoryBackend'],
    'Files' => ['frontend' => 'StringFrontend', 'persistent' => true],
];
$options = ['cacheDirectory' => "$dir/c", 'persistentCacheDirectory' => "$dir/p", 'applicationIdentifier' => 'hostile'];
$n = 0;
$specs = [
    CacheManager::class => [
        'make' => fn() => new CacheManager($config, $options),
        'ctor' => [$config, $options],
        'badCtor' => [['h1' => ['backend' => 'NoSuchBackend']], ['nope' => 1]],
        'args' => [
            'registerCache' => [new VariableFrontend('hm' . (++$n), new TransientMemoryBackend())],
            'setCacheConfigurations' => [$config],
        ],
        'cycle' => function ($m) {
            $m->getCache('h1')->set('manager', $m);
            $m->registerCache(new VariableFrontend('hmc', new TransientMemoryBackend()));
            $m->getCache('hmc')->set('m', [$m, fn() => $m]);
        },
    ],
];
$h = new Hostile($specs);
$h->run();
$h->randomWalk(60);
echo "done\n";
?>
--EXPECTF--
CacheManager
  reconstruct: 16 returned, 6 threw (TC\InvalidArgumentException 4, TC\NoSuchCacheException 1, TypeError 1)
  clone:       refused; 0 returned, 1 threw (Error 1)
  serialize:   refused; 0 returned, 1 threw (Exception 1)
  crafted:     0 returned, 3 threw (Exception 3)
  reflection:  0 properties; 0 returned, 0 threw
  noctor:      31 returned, 10 threw (TC\InvalidArgumentException 6, TC\NoSuchCacheException 2, TypeError 2)
  failedctor:  25 returned, 7 threw (TC\DuplicateIdentifierException 1, TC\InvalidArgumentException 4, TC\NoSuchCacheException 1, TypeError 1)
  cycles:      collected; 8 returned, 3 threw (TC\InvalidArgumentException 1, TC\InvalidDataException 1, TypeError 1)
random walk: seed %d (replay with TAGCACHE_HOSTILE_SEED=%d)
random walk: 60 calls, each ended in a return or a Throwable
done
