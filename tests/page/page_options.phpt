--TEST--
PageCache: bad storage and options each fail with a clear error; hostile use (clone, serialize, Reflection, second constructor) fails cleanly
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
$dir = tc_tmpdir('pageopt');
$bad = [
    [new stdClass, []],
    [new TagCache\Backend\SimpleFileBackend(['cacheDirectory' => "$dir/s"]), []],
    [null, ['nope' => 1]],
    [null, [1, 2]],
    [null, ['defaultLifetime' => -1]],
    [null, ['defaultLifetime' => '10']],
    [null, ['ignoredParameters' => 'utm_*']],
    [null, ['ignoredParameters' => ['']]],
    [null, ['cachePost' => 1]],
    [null, ['locale' => 'no_such_function']],
    [null, ['device' => 'nope']],
    [null, ['sessionName' => 'bad name']],
    [null, ['secret' => 'short']],
    [null, ['storeHeadersDeny' => ['Bad Header']]],
    [null, ['statusCodes' => [200, 99]]],
    [null, ['tagger' => new stdClass]],
    [null, ['statusHeader' => "X-A\r\nB"]],
    [null, ['cacheDirectory' => '']],
    [new TagCache\Frontend\StringFrontend('p', new TagCache\Backend\TransientMemoryBackend()), ['cacheDirectory' => $dir]],
];
foreach ($bad as [$storage, $options]) {
    try {
        new TagCache\Page\PageCache($storage, $options);
        echo "accepted\n";
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
$pc = new TagCache\Page\PageCache(new TagCache\Backend\TransientMemoryBackend());
echo get_class($pc->getStorage()), ' ', $pc->getStorage()->getIdentifier(), "\n";
foreach ([fn() => $pc->addTags(['bad tag']), fn() => $pc->setLifetime(-5), fn() => $pc->flushByTag(''),
          fn() => $pc->flushUrl('/relative'), fn() => $pc->flushUrl('ftp://x/y'), fn() => $pc->flushUser(''),
          fn() => clone $pc, fn() => serialize($pc), fn() => unserialize('O:23:"TagCache\Page\PageCache":0:{}'),
          fn() => $pc->__construct(), fn() => $pc->dynamic = 1] as $f) {
    try {
        $f();
        echo "accepted\n";
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try {
    (new ReflectionClass(TagCache\Page\PageCache::class))->newInstanceWithoutConstructor();
} catch (ReflectionException $e) {
    echo get_class($e), "\n";
}
(new ReflectionMethod($pc, 'setLifetime'))->invoke($pc, 5);
echo 'via Reflection: ', $pc->getStatus() === '' ? 'works' : 'broken', "\n";
// a cycle through a callable is collected
$c = new TagCache\Page\PageCache(new TagCache\Backend\TransientMemoryBackend(), ['locale' => function () use (&$c) { return 'x'; }]);
unset($c);
echo 'collected: ', gc_collect_cycles() > 0 ? 'yes' : 'no', "\n";
tc_rmdir($dir);
?>
--EXPECTF--
TypeError: TagCache\Page\PageCache::__construct(): Argument #1 ($storage) must be of type TagCache\Frontend\FrontendInterface|TagCache\Backend\BackendInterface|null, stdClass given
TagCache\InvalidArgumentException: PageCache storage TagCache\Backend\SimpleFileBackend cannot flush by tag: pass a TaggableBackendInterface (FileBackend, SharedMemoryBackend, RedisBackend, ...)
TagCache\InvalidArgumentException: PageCache option "nope" is unknown
TagCache\InvalidArgumentException: PageCache options must be keyed by name, got a list element
TagCache\InvalidArgumentException: PageCache option "defaultLifetime" must be an int >= 0 (seconds, 0 = unlimited)
TagCache\InvalidArgumentException: PageCache option "defaultLifetime" must be an int >= 0 (seconds, 0 = unlimited)
TagCache\InvalidArgumentException: PageCache option "ignoredParameters" must be an array of strings, string given
TagCache\InvalidArgumentException: PageCache option "ignoredParameters": each element must be a non-empty string of at most 200 bytes without line breaks, an invalid string given
TagCache\InvalidArgumentException: PageCache option "cachePost" must be a bool, int given
TagCache\InvalidArgumentException: PageCache option "locale" must be callable, string given
TagCache\InvalidArgumentException: PageCache option "device" must be callable, string given
TagCache\InvalidArgumentException: PageCache option "sessionName" must be a cookie or header name (a token of 1 to 100 visible ASCII bytes without separators)
TagCache\InvalidArgumentException: PageCache option "secret" must be a string of at least 16 bytes
TagCache\InvalidArgumentException: PageCache option "storeHeadersDeny": "bad header" is not a header name
TagCache\InvalidArgumentException: PageCache option "statusCodes": each element must be an HTTP status (int 100-599)
TagCache\InvalidArgumentException: PageCache option "tagger" must be a TagCache\Http\ResponseTagger, stdClass given
TagCache\InvalidArgumentException: PageCache option "statusHeader" must be a cookie or header name (a token of 1 to 100 visible ASCII bytes without separators)
TagCache\InvalidArgumentException: PageCache option "cacheDirectory" must be a non-empty string, string given
TagCache\InvalidArgumentException: PageCache option "cacheDirectory" only applies without a storage
TagCache\Frontend\StringFrontend tagcache_page
TagCache\InvalidArgumentException: %s
ValueError: TagCache\Page\PageCache::setLifetime(): Argument #1 ($lifetime) must be >= 0 (seconds, 0 = unlimited), -5 given
TagCache\InvalidArgumentException: %s
TagCache\InvalidArgumentException: PageCache::flushUrl(): "/relative" is not an absolute http(s) URL
TagCache\InvalidArgumentException: PageCache::flushUrl(): "ftp://x/y" is not an absolute http(s) URL
ValueError: TagCache\Page\PageCache::flushUser(): Argument #1 ($sessionId) must be a non-empty session id
Error: Trying to clone an uncloneable object of class TagCache\Page\PageCache
Exception: Serialization of 'TagCache\Page\PageCache' is not allowed
Exception: Unserialization of 'TagCache\Page\PageCache' is not allowed
Error: TagCache\Page\PageCache is already constructed
Error: Cannot create dynamic property TagCache\Page\PageCache::$dynamic
ReflectionException
via Reflection: works
collected: yes
