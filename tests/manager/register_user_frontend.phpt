--TEST--
CacheManager: a frontend written in PHP (FrontendInterface only) can be registered; flushes call its methods
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\CacheManager;
use TagCache\Backend\TransientMemoryBackend;

class UserFrontend implements TagCache\Frontend\FrontendInterface {
    public array $calls = [];
    private TagCache\Backend\TransientMemoryBackend $backend;
    public function __construct(private string $id) { $this->backend = new TransientMemoryBackend(); }
    public function getIdentifier(): string { $this->calls[] = 'getIdentifier'; return $this->id; }
    public function getBackend(): TagCache\Backend\BackendInterface { return $this->backend; }
    public function set(string $entryIdentifier, mixed $data, array $tags = [], ?int $lifetime = null, ?int $ticket = null): bool { return true; }
    public function get(string $entryIdentifier, mixed &$ticket = null): mixed { $ticket = 0; return false; }
    public function ticket(): int { return 0; }
    public function getOrCompute(string $entryIdentifier, callable $compute, array $tags = [], ?int $lifetime = null, ?float $beta = null, array $options = []): mixed { $l = $lifetime; return $compute($entryIdentifier, $tags, $l); }
    public function getByTag(string $tag): array { return []; }
    public function has(string $entryIdentifier): bool { return false; }
    public function remove(string $entryIdentifier): bool { return false; }
    public function flush(): void { $this->calls[] = 'flush'; }
    public function flushByTag(string $tag): int { $this->calls[] = "flushByTag($tag)"; return 1; }
    public function flushByTags(array $tags): int { $this->calls[] = 'flushByTags(' . implode(',', $tags) . ')'; return 3; }
    public function collectGarbage(): void { $this->calls[] = 'collectGarbage'; }
    public function isValidEntryIdentifier(string $identifier): bool { return true; }
    public function isValidTag(string $tag): bool { return true; }
}
$manager = new CacheManager([], ['cacheDirectory' => tc_tmpdir()]);
$fe = new UserFrontend('UserOne');
$manager->registerCache($fe);
var_dump($manager->hasCache('UserOne'), $manager->getCache('UserOne') === $fe);
tc_expect_exception(fn() => $manager->registerCache(new UserFrontend('UserOne')));
var_dump($manager->flushCachesByTag('a'), $manager->flushCachesByTags(['b', 'c']));
$manager->flushCaches();
$manager->collectGarbage();
echo implode(' ', $fe->calls), "\n";
tc_expect_exception(fn() => $manager->registerCache(new UserFrontend('bad id')));
?>
--EXPECT--
bool(true)
bool(true)
DuplicateIdentifierException: A cache with identifier "UserOne" is already registered
int(3)
int(3)
getIdentifier flushByTags(a) flushByTags(b,c) flush collectGarbage
InvalidArgumentException: Cache identifier "bad id" (6 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
