--TEST--
Crash regression: CacheManager read its configuration after user code ran (a reference retyped after validation, an autoloader replacing the configuration during getCache()) and read freed memory; it now keeps its own copy
--EXTENSIONS--
tagcache
--INI--
sys_temp_dir={PWD}/manager_reentrancy.hostile.tmp
--FILE--
<?php
require __DIR__ . '/hostile.inc';
require __DIR__ . '/../tagcache_helpers.inc';
hostile_private_tmp();
use TagCache\CacheManager;

$dir = tc_tmpdir('hostile-manager-reentrancy');
// a reference inside a configuration, retyped after the manager checked it
$fe = 'VariableFrontend';
$m = new CacheManager(['x' => ['frontend' => &$fe, 'backend' => 'TransientMemoryBackend']], ['cacheDirectory' => $dir]);
$fe = 42;
echo get_class($m->getCache('x')), "\n";
var_dump($m->getCacheConfigurations()['x']['frontend']);

// an autoloader that replaces the configuration while getCache() resolves the frontend class
$m = new CacheManager(['y' => ['frontend' => 'My\\MissingFrontend', 'backend' => 'TransientMemoryBackend', 'backendOptions' => ['defaultLifetime' => 5]],
    'Default' => ['backendOptions' => ['defaultLifetime' => 7]]], ['cacheDirectory' => $dir]);
$loader = function ($class) use ($m) {
    echo "autoload $class\n";
    $m->setCacheConfigurations(['y' => ['frontend' => 'StringFrontend'], 'Default' => ['backend' => 'NullBackend']]);
    $junk = [];
    for ($i = 0; $i < 100; $i++) {
        $junk[] = str_repeat('A', 64) . $i;
    }
};
spl_autoload_register($loader);
tc_expect_exception(fn() => $m->getCache('y'));
spl_autoload_unregister($loader);
// the replacement applies from the next build on
echo get_class($m->getCache('y')), " over ", get_class($m->getCache('y')->getBackend()), "\n";
?>
--EXPECT--
TagCache\Frontend\VariableFrontend
string(16) "VariableFrontend"
autoload My\MissingFrontend
InvalidArgumentException: Cache "y": frontend class "My\MissingFrontend" does not exist
TagCache\Frontend\StringFrontend over TagCache\Backend\NullBackend
