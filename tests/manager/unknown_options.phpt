--TEST--
CacheManager: unknown manager option, unknown backend option in configuration => InvalidArgumentException naming it
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\CacheManager;

$dir = tc_tmpdir();
tc_expect_exception(fn() => new CacheManager([], ['cacheDir' => $dir]));
tc_expect_exception(fn() => new CacheManager([], ['applicationIdentifier' => 'has space']));
tc_expect_exception(fn() => new CacheManager([], ['cacheDirectory' => '']));
tc_expect_exception(fn() => new CacheManager([], ['persistentCacheDirectory' => false]));
$m = new CacheManager([
    'Bad' => ['backend' => 'FileBackend', 'backendOptions' => ['cacheDirectory' => $dir, 'servers' => ['x']]],
    'BadFe' => ['frontend' => 'stdClass'],
    'BadBe' => ['backend' => 'TagCache\Frontend\VariableFrontend'],
    'Abstract' => ['frontend' => 'AbstractFrontend'],
    'NoCtor' => ['backend' => 'NoCtorBackend', 'backendOptions' => ['x' => 1]],
], ['cacheDirectory' => $dir]);
class NoCtorBackend implements TagCache\Backend\BackendInterface {
    public function setCache(TagCache\Frontend\FrontendInterface $cache): void {}
    public function set(string $entryIdentifier, string $data, array $tags = [], ?int $lifetime = null): void {}
    public function get(string $entryIdentifier): string|false { return false; }
    public function has(string $entryIdentifier): bool { return false; }
    public function remove(string $entryIdentifier): bool { return false; }
    public function flush(): void {}
    public function collectGarbage(): void {}
}

tc_expect_exception(fn() => $m->getCache('Bad'));
tc_expect_exception(fn() => $m->getCache('BadFe'));
tc_expect_exception(fn() => $m->getCache('BadBe'));
tc_expect_exception(fn() => $m->getCache('Abstract'));
tc_expect_exception(fn() => $m->getCache('NoCtor'));
?>
--EXPECT--
InvalidArgumentException: CacheManager has no option "cacheDir"; known options: applicationIdentifier, cacheDirectory, persistentCacheDirectory, bus
InvalidArgumentException: Application identifier "has space" (9 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: CacheManager option "cacheDirectory" must be a non-empty string, got string
InvalidArgumentException: CacheManager option "persistentCacheDirectory" must be a non-empty string, got bool
InvalidArgumentException: FileBackend has no option "servers"; known options: cacheDirectory, defaultLifetime
InvalidArgumentException: Cache "BadFe": frontend class "stdClass" must be an instantiable class implementing TagCache\Frontend\FrontendInterface
InvalidArgumentException: Cache "BadBe": backend class "TagCache\Frontend\VariableFrontend" must be an instantiable class implementing TagCache\Backend\BackendInterface
InvalidArgumentException: Cache "Abstract": frontend class "TagCache\Frontend\AbstractFrontend" must be an instantiable class implementing TagCache\Frontend\FrontendInterface
InvalidArgumentException: Cache "NoCtor": backend class "NoCtorBackend" has no constructor to take backendOptions
