--TEST--
CacheManager: a TaggableMultiBackend configured in Caches.yaml shape; its children get the manager's cacheDirectory and applicationIdentifier as directly configured backends do, unless they name their own
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\SharedMemoryBackend;
use TagCache\CacheManager;
use TagCache\Frontend\StringFrontend;

$dir = tc_tmpdir('multi');
$segment = "$dir/segment";
$config = [
    'Chained' => [
        'frontend' => 'StringFrontend',
        'backend' => 'TagCache\Backend\TaggableMultiBackend',
        'backendOptions' => [
            'backendConfigurations' => [
                ['backend' => 'TagCache\Backend\TransientMemoryBackend'],
                ['backend' => 'TagCache\Backend\FileBackend'],
                ['backend' => 'TagCache\Backend\FileBackend', 'backendOptions' => ['cacheDirectory' => "$dir/own"]],
                ['backend' => 'TagCache\Backend\SharedMemoryBackend', 'backendOptions' => ['segment' => $segment, 'size' => 1 << 20]],
            ],
        ],
    ],
];
$m = new CacheManager($config, ['cacheDirectory' => "$dir/managed", 'applicationIdentifier' => 'myapp']);
$c = $m->getCache('Chained');
echo get_class($c), ' ', get_class($c->getBackend()), "\n";
$c->set('k', 'v', ['t']);
// The file child without a directory of its own: <cacheDirectory>/<applicationIdentifier>/<cache>.
var_dump(is_dir("$dir/managed/myapp/Chained"), is_dir("$dir/own/Chained"));
// The shared-memory child namespaces by the manager's applicationIdentifier.
$seen = fn (string $app) => (new StringFrontend('Chained', new SharedMemoryBackend(['segment' => $segment, 'size' => 1 << 20, 'applicationIdentifier' => $app])))->get('k');
var_dump($seen('myapp'), $seen('default'));
var_dump($m->flushCachesByTag('t'), $c->get('k'), $seen('myapp'));
$c->set('k2', 'v2');
$m->flushCaches();
var_dump($c->has('k2'), $seen('myapp'));
?>
--EXPECT--
TagCache\Frontend\StringFrontend TagCache\Backend\TaggableMultiBackend
bool(true)
bool(true)
string(1) "v"
bool(false)
int(1)
bool(false)
bool(false)
bool(false)
bool(false)
