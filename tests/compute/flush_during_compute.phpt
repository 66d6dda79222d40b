--TEST--
getOrCompute: a flush while the callback runs -> the value is returned but not stored (write ticket), on every backend with tickets
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../redis_helpers.inc';

use TagCache\Backend\{FileBackend, TransientMemoryBackend, RedisBackend};
use TagCache\Frontend\{VariableFrontend, StringFrontend};

$dir = tc_tmpdir();
$srv = tc_redis_start();
foreach (['file' => new FileBackend(['cacheDirectory' => $dir]), 'memory' => new TransientMemoryBackend(),
          'redis' => new RedisBackend(['port' => $srv['port'], 'applicationIdentifier' => 'f', 'connectTimeout' => 10, 'readTimeout' => 10])] as $name => $backend) {
    $c = new VariableFrontend('Flush', $backend);
    $flushes = [
        'flushByTag' => fn() => $c->flushByTag('news'),
        'flush' => fn() => $c->flush(),
        'remove' => fn() => $c->remove('k'),
    ];
    foreach ($flushes as $how => $flush) {
        $v = $c->getOrCompute('k', function ($id, array &$tags) use ($flush) {
            $flush();
            return 'computed';
        }, ['news']);
        echo "$name $how: returned $v, stored ", json_encode($c->has('k')), "\n";
    }
    // a flush of an unrelated tag does not drop it
    $v = $c->getOrCompute('k', function () use ($c) { $c->flushByTag('other'); return 'kept'; }, ['news']);
    echo "$name unrelated flush: returned $v, stored ", json_encode($c->get('k')), "\n";
    $c->flush();
}
// StringFrontend goes the same way
$s = new StringFrontend('Str', new TransientMemoryBackend());
echo "string: ", $s->getOrCompute('k', function () use ($s) { $s->flush(); return 'x'; }), " stored ", json_encode($s->has('k')), "\n";
?>
--EXPECT--
file flushByTag: returned computed, stored false
file flush: returned computed, stored false
file remove: returned computed, stored false
file unrelated flush: returned kept, stored "kept"
memory flushByTag: returned computed, stored false
memory flush: returned computed, stored false
memory remove: returned computed, stored false
memory unrelated flush: returned kept, stored "kept"
redis flushByTag: returned computed, stored false
redis flush: returned computed, stored false
redis remove: returned computed, stored false
redis unrelated flush: returned kept, stored "kept"
string: x stored false
