--TEST--
Crash regression: a literal array (immutable: [] always, any literal under OPcache) passed on to a PHP method (CacheManager::flushCachesByTags() over its caches, a native frontend calling a backend written in PHP) had its refcount written in read-only memory
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../array_backend.inc';
use TagCache\CacheManager;
use TagCache\Frontend\VariableFrontend;

$m = new CacheManager(['Default' => ['backend' => 'TransientMemoryBackend'], 'A' => [], 'B' => []]);
$m->getCache('A')->set('x', 1, ['t']);
var_dump($m->flushCachesByTags([]));
var_dump($m->flushCachesByTags(['t']));

$f = new VariableFrontend('php', new ArrayBackend());
$f->set('y', 2, []);
var_dump($f->get('y'));
var_dump($f->flushByTags([]));
echo "done\n";
?>
--EXPECT--
int(0)
int(1)
int(2)
int(0)
done
