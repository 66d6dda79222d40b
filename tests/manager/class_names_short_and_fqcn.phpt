--TEST--
CacheManager: frontend and backend classes by short name, fully qualified name (with or without leading backslash) and user class
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/../array_backend.inc';
use TagCache\CacheManager;

$dir = tc_tmpdir();
$manager = new CacheManager([
    'Short' => ['frontend' => 'StringFrontend', 'backend' => 'TransientMemoryBackend'],
    'Fqcn' => ['frontend' => 'TagCache\Frontend\PhpFrontend', 'backend' => 'TagCache\Backend\SimpleFileBackend'],
    'Lead' => ['frontend' => '\TagCache\Frontend\VariableFrontend', 'backend' => '\TagCache\Backend\NullBackend'],
    'User' => ['backend' => 'ArrayBackend', 'backendOptions' => ['label' => 'x']],
    'Lower' => ['frontend' => 'stringfrontend', 'backend' => 'tagcache\backend\filebackend'],
], ['cacheDirectory' => $dir]);
foreach (['Short', 'Fqcn', 'Lead', 'User', 'Lower'] as $id) {
    $c = $manager->getCache($id);
    echo $id, ': ', get_class($c), ' / ', get_class($c->getBackend()), "\n";
}
?>
--EXPECT--
Short: TagCache\Frontend\StringFrontend / TagCache\Backend\TransientMemoryBackend
Fqcn: TagCache\Frontend\PhpFrontend / TagCache\Backend\SimpleFileBackend
Lead: TagCache\Frontend\VariableFrontend / TagCache\Backend\NullBackend
User: TagCache\Frontend\VariableFrontend / ArrayBackend
Lower: TagCache\Frontend\StringFrontend / TagCache\Backend\FileBackend
