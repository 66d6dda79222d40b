--TEST--
RedisBackend: with redis-server stopped, flushByTag(s), flush, remove and collectGarbage throw a BackendException (no count, nothing claimed); a CacheManager flush still reaches the file caches around it and names the Redis cache in one CacheFlushException; once Redis is back, the same calls work
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../redis_helpers.inc';
use TagCache\{CacheManager, CacheFlushException};
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\VariableFrontend;

function attempt(string $what, callable $op): void
{
    try {
        $r = $op();
        echo "$what: ", var_export($r, true), "\n";
    } catch (TagCache\BackendException $e) {
        echo "$what: ", get_class($e), ': ', preg_replace('/\d{4,5}/', 'PORT', $e->getMessage()), "\n";
    }
}

$srv = tc_redis_start();
$port = $srv['port'];
$c = new VariableFrontend('R', new RedisBackend(['port' => $port, 'connectTimeout' => 2, 'readTimeout' => 2]));
for ($i = 0; $i < 3; $i++) {
    $c->set("post-$i", $i, ['post']);
}
tc_redis_stop($srv);
attempt('flushByTag', fn() => $c->flushByTag('post'));
attempt('flushByTags', fn() => $c->flushByTags(['post', 'other']));
attempt('flush', fn() => $c->flush());
attempt('remove', fn() => $c->remove('post-1'));
attempt('collectGarbage', fn() => $c->collectGarbage());

$m = new CacheManager([
    'Default' => ['backend' => 'FileBackend'],
    'A' => [],
    'R' => ['backend' => 'RedisBackend', 'backendOptions' => ['port' => $port, 'connectTimeout' => 2, 'readTimeout' => 2]],
    'C' => [],
], ['cacheDirectory' => tc_tmpdir()]);
$m->getCache('A')->set('e', 'a', ['post']);
$m->getCache('C')->set('e', 'c', ['post']);
try {
    $m->flushCachesByTag('post');
} catch (CacheFlushException $e) {
    echo preg_replace('/\d{4,5}/', 'PORT', $e->getMessage()), "\n";
    echo implode(',', array_keys($e->getFailures())), "\n";
}
var_dump($m->getCache('A')->get('e'), $m->getCache('C')->get('e'));

$srv = tc_redis_start([], $port);
$c->set('post-1', 1, ['post']);
attempt('flushByTag with Redis back', fn() => $c->flushByTag('post'));
var_dump($c->get('post-1'), $c->getByTag('post'));
attempt('manager with Redis back', fn() => $m->flushCachesByTag('post'));
?>
--EXPECTF--
flushByTag: TagCache\BackendException: Redis at 127.0.0.1:PORT: %s
flushByTags: TagCache\BackendException: Redis at 127.0.0.1:PORT: Connection refused
flush: TagCache\BackendException: Redis at 127.0.0.1:PORT: Connection refused
remove: TagCache\BackendException: Redis at 127.0.0.1:PORT: Connection refused
collectGarbage: TagCache\BackendException: Redis at 127.0.0.1:PORT: Connection refused
flushCachesByTag() failed for 1 of 3 caches (the other 2 were reached): cache "R" (TagCache\BackendException: Redis at 127.0.0.1:PORT: Connection refused)
R
bool(false)
bool(false)
flushByTag with Redis back: 1
bool(false)
array(0) {
}
manager with Redis back: 0
