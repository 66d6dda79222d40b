--TEST--
Exceptions: bad identifier, tag and lifetime are \InvalidArgumentException, I/O failures \RuntimeException, all TagCache\Exception with their codes
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../redis_helpers.inc';   // tc_free_port()
use TagCache\Backend\FileBackend;
use TagCache\Backend\SimpleFileBackend;
use TagCache\Backend\TransientMemoryBackend;
use TagCache\CacheManager;
use TagCache\Frontend\StringFrontend;
use TagCache\Frontend\VariableFrontend;

function show(string $what, callable $fn, string $catch): void
{
    try {
        $fn();
        echo "$what: no exception\n";
    } catch (Throwable $e) {
        if (!$e instanceof $catch) {
            echo "$what: NOT a $catch: ", get_class($e), "\n";
            return;
        }
        printf("%s: %s code %d marker %s\n", $what, get_class($e), $e->getCode(),
            var_export($e instanceof TagCache\Exception, true));
    }
}

$dir = tc_tmpdir('exc');
$cache = new VariableFrontend('exc', new TransientMemoryBackend());
show('bad identifier', fn() => $cache->set('a/b', 1), \InvalidArgumentException::class);
show('bad tag', fn() => $cache->set('ok', 1, ['a b']), \InvalidArgumentException::class);
show('negative lifetime', fn() => $cache->set('ok', 1, [], -1), \InvalidArgumentException::class);
show('bad lifetime option', fn() => new TransientMemoryBackend(['defaultLifetime' => -5]), \InvalidArgumentException::class);
show('unknown option', fn() => new FileBackend(['nope' => 1]), \InvalidArgumentException::class);
show('non-string data', fn() => (new StringFrontend('s', new TransientMemoryBackend()))->set('x', []), \InvalidArgumentException::class);
show('closure data', fn() => $cache->set('x', function () {}), TagCache\Exception::class);
show('tags on simple file', fn() => (new VariableFrontend('sf', new SimpleFileBackend(['cacheDirectory' => $dir])))->set('x', 1, ['t']), \LogicException::class);
$manager = new CacheManager([], ['cacheDirectory' => $dir]);
show('no such cache', fn() => $manager->getCache('Nope'), \OutOfBoundsException::class);
$manager->registerCache($cache);
show('duplicate', fn() => $manager->registerCache(new VariableFrontend('exc', new TransientMemoryBackend())), \LogicException::class);

// I/O: the cache directory's place is taken by a plain file.
file_put_contents("$dir/file", 'x');
show('I/O failure', fn() => (new VariableFrontend('c', new FileBackend(['cacheDirectory' => "$dir/file"])))->set('x', 1), \RuntimeException::class);

// Frozen: a RuntimeException like Flow's.
$frozen = new VariableFrontend('frz', new FileBackend(['cacheDirectory' => $dir]));
$frozen->getBackend()->freeze();
show('write to frozen', fn() => $frozen->set('x', 1), \RuntimeException::class);
show('second freeze', fn() => $frozen->getBackend()->freeze(), TagCache\FrozenCacheException::class);

// A purge to a loopback port nobody listens on: a RuntimeException too.
$client = new TagCache\Http\VarnishClient(['127.0.0.1:' . tc_free_port()], ['secondSendDelay' => 0, 'connectTimeout' => 5.0, 'timeout' => 10.0]);
show('purge failure', fn() => $client->invalidateTags(['t'])->flush(), \RuntimeException::class);

// One catch gets them all.
foreach ([fn() => $cache->get('a/b'), fn() => $manager->getCache('Nope'), fn() => $frozen->remove('x')] as $fn) {
    try {
        $fn();
    } catch (TagCache\Exception $e) {
        echo "caught by marker: ", get_class($e), "\n";
    }
}
?>
--EXPECTF--
bad identifier: TagCache\InvalidArgumentException code 1001 marker true
bad tag: TagCache\InvalidArgumentException code 1001 marker true
negative lifetime: TagCache\InvalidArgumentException code 1001 marker true
bad lifetime option: TagCache\InvalidArgumentException code 1001 marker true
unknown option: TagCache\InvalidArgumentException code 1001 marker true
non-string data: TagCache\InvalidDataException code 1004 marker true
closure data: TagCache\InvalidDataException code 1004 marker true
tags on simple file: TagCache\NotSupportedByBackendException code 1005 marker true
no such cache: TagCache\NoSuchCacheException code 1002 marker true
duplicate: TagCache\DuplicateIdentifierException code 1003 marker true
I/O failure: TagCache\BackendException code 1006 marker true
write to frozen: TagCache\FrozenCacheException code 1007 marker true
second freeze: TagCache\FrozenCacheException code 1007 marker true
purge failure: TagCache\Http\PurgeException code 1008 marker true
caught by marker: TagCache\InvalidArgumentException
caught by marker: TagCache\NoSuchCacheException
caught by marker: TagCache\FrozenCacheException
