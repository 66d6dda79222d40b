<?php
/*
 * The bridge as a Flow application meets it: caches built by neos/cache's CacheFactory from a
 * Caches.yaml-shaped configuration naming the bridge's backends, used through Flow's own
 * Variable, String and Php frontends. README's Caches.yaml example is copied from CONFIG.
 */

declare(strict_types=1);

namespace TagCache\Flow\Tests\Functional;

use Neos\Cache\EnvironmentConfiguration;
use Neos\Cache\Frontend\PhpFrontend;
use Neos\Cache\Frontend\StringFrontend;
use Neos\Cache\Frontend\VariableFrontend;
use PHPUnit\Framework\TestCase;
use TagCache\Flow\Backend\FileBackend;
use TagCache\Flow\Backend\PdoBackend;
use TagCache\Flow\Backend\RedisBackend;
use TagCache\Flow\Backend\SimpleFileBackend;
use TagCache\Flow\Backend\TransientMemoryBackend;
use TagCache\Flow\Tests\Harness\Scratch;
use TagCache\Flow\Tests\WithRedisServer;

final class FlowCacheTest extends TestCase
{
    /** Caches.yaml of the README, as an array; REDIS_PORT is replaced by the test server's. */
    private const CONFIG = [
        'Default' => [
            'frontend' => VariableFrontend::class,
            'backend' => FileBackend::class,
            'backendOptions' => ['defaultLifetime' => 0],
        ],
        'Acme_Shop_Products' => [],
        'Acme_Shop_Pages' => [
            'frontend' => StringFrontend::class,
            'backend' => RedisBackend::class,
            'backendOptions' => ['hostname' => '127.0.0.1', 'port' => 'REDIS_PORT', 'database' => 0, 'defaultLifetime' => 86400],
        ],
        'Acme_Shop_Code' => [
            'frontend' => PhpFrontend::class,
            'backend' => SimpleFileBackend::class,
        ],
        'Acme_Shop_Proxies' => [
            'frontend' => PhpFrontend::class,
            'backend' => FileBackend::class,
        ],
        'Acme_Shop_RedisCode' => [
            'frontend' => PhpFrontend::class,
            'backend' => RedisBackend::class,
            'backendOptions' => ['hostname' => '127.0.0.1', 'port' => 'REDIS_PORT'],
        ],
        'Acme_Shop_Runtime' => [
            'backend' => TransientMemoryBackend::class,
        ],
    ];

    use WithRedisServer;

    private function caches(string $applicationIdentifier = 'Acme~Testing'): CachesYaml
    {
        if (self::$redis === null) {
            $this->markTestSkipped('redis-server is not installed');
        }
        $configuration = self::CONFIG;
        foreach ($configuration as &$cache) {
            if (($cache['backendOptions']['port'] ?? null) === 'REDIS_PORT') {
                $cache['backendOptions']['port'] = self::$redis->port;
            }
        }
        return new CachesYaml($configuration, new EnvironmentConfiguration($applicationIdentifier, Scratch::directory() . '/Temporary/'));
    }

    public function testCachesYamlBuildsFlowFrontendsOverTheBridge(): void
    {
        $caches = $this->caches();
        $expected = [
            'Acme_Shop_Products' => [VariableFrontend::class, FileBackend::class],
            'Acme_Shop_Pages' => [StringFrontend::class, RedisBackend::class],
            'Acme_Shop_Code' => [PhpFrontend::class, SimpleFileBackend::class],
            'Acme_Shop_Proxies' => [PhpFrontend::class, FileBackend::class],
            'Acme_Shop_RedisCode' => [PhpFrontend::class, RedisBackend::class],
            'Acme_Shop_Runtime' => [VariableFrontend::class, TransientMemoryBackend::class],
        ];
        foreach ($expected as $identifier => [$frontend, $backend]) {
            $cache = $caches->getCache($identifier);
            self::assertInstanceOf($frontend, $cache, $identifier);
            self::assertInstanceOf($backend, $cache->getBackend(), $identifier);
            self::assertSame($identifier, $cache->getIdentifier());
        }
        // The bridge's default layout: <temporary directory>Cache/TagCache/Data|Code/<cache>/
        self::assertSame(Scratch::directory() . '/Temporary/Cache/TagCache/Data/Acme_Shop_Products/', $caches->getCache('Acme_Shop_Products')->getBackend()->getCacheDirectory());
        self::assertSame(Scratch::directory() . '/Temporary/Cache/TagCache/Code/Acme_Shop_Code/', $caches->getCache('Acme_Shop_Code')->getBackend()->getCacheDirectory());
    }

    public function testVariableAndStringFrontendsStoreAndReadBack(): void
    {
        $caches = $this->caches();
        $value = ['price' => 12.5, 'tags' => ['a', 'b'], 'object' => new \ArrayObject([1, 2])];
        foreach (['Acme_Shop_Products', 'Acme_Shop_Runtime'] as $identifier) {
            $cache = $caches->getCache($identifier);
            $cache->set('product-1', $value);
            self::assertEquals($value, $cache->get('product-1'), $identifier);
            self::assertFalse($cache->get('product-2'), $identifier);
            self::assertTrue($cache->remove('product-1'), $identifier);
            self::assertFalse($cache->has('product-1'), $identifier);
        }
        $pages = $caches->getCache('Acme_Shop_Pages');
        $pages->set('home', "<html>\0binary</html>");
        self::assertSame("<html>\0binary</html>", $pages->get('home'));

        // Another process (a new factory, new backend objects) sees what the first stored.
        $caches->getCache('Acme_Shop_Products')->set('persisted', 'yes');
        self::assertSame('yes', $this->caches()->getCache('Acme_Shop_Products')->get('persisted'));
        self::assertSame("<html>\0binary</html>", $this->caches()->getCache('Acme_Shop_Pages')->get('home'));
    }

    public function testTagsAndFlushByTagThroughFlowsFrontends(): void
    {
        $caches = $this->caches();
        foreach (['Acme_Shop_Products', 'Acme_Shop_Pages', 'Acme_Shop_Runtime'] as $identifier) {
            $cache = $caches->getCache($identifier);
            $cache->set('p1', 'one', ['product-1', 'category-9']);
            $cache->set('p2', 'two', ['product-2', 'category-9']);
            $cache->set('p3', 'three', ['product-3']);
            if ($cache instanceof VariableFrontend) {
                self::assertEqualsCanonicalizing(['p1' => 'one', 'p2' => 'two'], $cache->getByTag('category-9'), $identifier);
            }
            self::assertEqualsCanonicalizing(['p1', 'p2'], $cache->getBackend()->findIdentifiersByTag('category-9'), $identifier);
            self::assertSame(1, $cache->flushByTag('product-1'), $identifier);
            self::assertFalse($cache->has('p1'), $identifier);
            self::assertTrue($cache->has('p2'), $identifier);
            self::assertSame(2, $cache->flushByTags(['category-9', 'product-3']), $identifier);
            self::assertFalse($cache->has('p2'), $identifier);
            self::assertFalse($cache->has('p3'), $identifier);
        }
    }

    public function testFlushReachesEveryCacheAndOnlyItsOwnEntries(): void
    {
        $caches = $this->caches();
        $caches->getCache('Acme_Shop_Products')->set('a', 1);
        $caches->getCache('Acme_Shop_Pages')->set('a', 'page');
        $other = $this->caches('Other~Testing');
        $other->getCache('Acme_Shop_Pages')->set('a', 'other application');
        $caches->flushCaches();
        self::assertFalse($caches->getCache('Acme_Shop_Products')->has('a'));
        self::assertFalse($caches->getCache('Acme_Shop_Pages')->has('a'));
        // Flow's application identifier keeps Redis keys apart (md5 of it, as Flow's prefix).
        self::assertSame('other application', $other->getCache('Acme_Shop_Pages')->get('a'));
        $other->getCache('Acme_Shop_Pages')->flush();
    }

    public function testPhpFrontendEntriesAreIncludedThroughTheEngine(): void
    {
        $caches = $this->caches();
        foreach (['Acme_Shop_Code', 'Acme_Shop_Proxies', 'Acme_Shop_RedisCode'] as $i => $identifier) {
            $cache = $caches->getCache($identifier);
            self::assertInstanceOf(PhpFrontend::class, $cache);
            $cache->set('answer', 'return ["cache" => "' . $identifier . '", "value" => 42];', ['code']);
            // Flow's PhpFrontend stores its "<?php" line and a trailing "#" line.
            self::assertSame('<?php return ["cache" => "' . $identifier . '", "value" => 42];' . "\n#", $cache->getWrapped('answer'));
            self::assertSame(['cache' => $identifier, 'value' => 42], $cache->requireOnce('answer'));
            $cache->set('klass', 'class FlowBridgeProbe' . $i . ' { public const WHERE = "' . $identifier . '"; }');
            $cache->requireOnce('klass');
            self::assertSame($identifier, constant('FlowBridgeProbe' . $i . '::WHERE'));
        }
        // The file backends' entries are real files included by the engine (that OPcache caches
        // them is checked in FileDirectoriesTest, in a child PHP with OPcache on).
        $included = array_filter(get_included_files(), static fn (string $file): bool => str_starts_with($file, Scratch::directory() . '/Temporary/Cache/TagCache/Code/'));
        self::assertNotEmpty(array_filter($included, static fn (string $f): bool => str_contains($f, '/Acme_Shop_Code/')));
        self::assertNotEmpty(array_filter($included, static fn (string $f): bool => str_contains($f, '/Acme_Shop_Proxies/')));
        self::assertFalse($caches->getCache('Acme_Shop_Code')->requireOnce('missing'));
    }

    public function testCodeCachesKeepDataThatIsNotCodeAsItWas(): void
    {
        // Flow's FileBackend stores code and data in one cache; the bridge tells them apart.
        $backend = $this->caches()->getCache('Acme_Shop_Proxies')->getBackend();
        foreach (['', '<?php', '<?php return 1;', "<?php\nreturn 2;", '<?phpx', '__halt_compiler();x', "\0\xff", '#', ' <?php '] as $data) {
            $backend->set('entry', $data);
            self::assertSame($data, $backend->get('entry'), json_encode(bin2hex($data)));
        }
        $backend->set('code', '<?php return "foo"; ?>');
        self::assertSame('foo', $backend->requireOnce('code'));
    }

    public function testSimpleFileBackendIgnoresTagsAndLifetimesAsFlowsDoes(): void
    {
        $backend = $this->caches()->getCache('Acme_Shop_Code')->getBackend();
        // The native simple file backend refuses tags: the bridge drops them, as Flow's ignores them.
        $backend->set('tagged', '<?php return "tagged";', ['some-tag']);
        self::assertSame('tagged', $backend->requireOnce('tagged'));
        // A lifetime already past (negative: "expired" to Flow's other backends) is ignored too.
        $backend->set('kept', '<?php return "kept";', [], -1);
        self::assertTrue($backend->has('kept'));
        self::assertSame('kept', $backend->requireOnce('kept'));
    }

    public function testWarningsAndNoticesOfIncludedCodeReachTheCaller(): void
    {
        $cache = $this->caches()->getCache('Acme_Shop_Proxies');
        $cache->set('warns', 'trigger_error("Warning!", E_USER_WARNING); trigger_error("Notice!", E_USER_NOTICE); return 7;');
        $seen = [];
        set_error_handler(static function (int $level, string $message) use (&$seen): bool {
            $seen[] = [$level, $message];
            return true;
        });
        try {
            $result = $cache->requireOnce('warns');
        } finally {
            restore_error_handler();
        }
        self::assertSame(7, $result);
        self::assertSame([[E_USER_WARNING, 'Warning!'], [E_USER_NOTICE, 'Notice!']], $seen);
    }

    public function testNegativeLifetimeStoresAnExpiredEntryAsFlowDoes(): void
    {
        $cache = $this->caches()->getCache('Acme_Shop_Products');
        $cache->set('gone', 'old', ['t']);
        $cache->set('gone', 'new', ['t'], -1);
        self::assertFalse($cache->get('gone'));
        self::assertSame([], $cache->getByTag('t'));
    }

    /** @return array<string, array{class-string, array<string, mixed>, string}> */
    public static function badOptions(): array
    {
        return [
            'negative defaultLifetime' => [FileBackend::class, ['defaultLifetime' => -1], 'FileBackend option "defaultLifetime" must be an integer >= 0'],
            'unknown file option' => [FileBackend::class, ['cacheDirectry' => '/tmp/x'], 'FileBackend has no option "cacheDirectry"'],
            'unknown memory option' => [TransientMemoryBackend::class, ['hostname' => 'x'], 'has no option "hostname"'],
            'redis port out of range' => [RedisBackend::class, ['port' => 70000], 'option "port"'],
            'a \Redis instance' => [RedisBackend::class, ['redis' => null], 'RedisBackend option "redis" (a \Redis instance) is not supported'],
            'one option twice' => [RedisBackend::class, ['timeout' => 1, 'connectTimeout' => 2], 'RedisBackend options "timeout" and "connectTimeout" are the same option'],
        ];
    }

    /**
     * @dataProvider badOptions
     * @param class-string $backend
     * @param array<string, mixed> $options
     */
    public function testBadOptionsFailWhenTheCacheIsBuiltNamingOptionAndRule(string $backend, array $options, string $message): void
    {
        $caches = new CachesYaml(['Bad' => ['frontend' => VariableFrontend::class, 'backend' => $backend, 'backendOptions' => $options]], new EnvironmentConfiguration('Acme~Testing', Scratch::directory() . '/Temporary/'));
        $this->expectException(\InvalidArgumentException::class);
        $this->expectExceptionMessage($message);
        $caches->getCache('Bad');
    }

    public function testAStreamWrapperDirectoryIsRefusedNamingIt(): void
    {
        $caches = new CachesYaml(['Bad' => ['frontend' => VariableFrontend::class, 'backend' => FileBackend::class, 'backendOptions' => ['cacheDirectory' => 'phar:///x.phar/cache']]], new EnvironmentConfiguration('Acme~Testing', Scratch::directory() . '/Temporary/'));
        $this->expectException(\Neos\Cache\Exception::class);
        $this->expectExceptionMessage('Cache directory "phar:///x.phar/cache" is a stream wrapper URL');
        $caches->getCache('Bad');
    }

    public function testRedisOptionsUnderFlowsNames(): void
    {
        if (self::$redis === null) {
            $this->markTestSkipped('redis-server is not installed');
        }
        $backend = new RedisBackend(new EnvironmentConfiguration('Acme~Testing', '/unused/'), ['hostname' => '127.0.0.1', 'port' => self::$redis->port, 'timeout' => 0.5, 'readWriteTimeout' => 0.5]);
        $cache = new StringFrontend('Acme_Shop_Timeouts', $backend);
        $backend->setCache($cache);
        $cache->set('k', 'v');
        self::assertSame('v', $cache->get('k'));
        self::assertSame(md5('Acme~Testing') . ':Acme_Shop_Timeouts:k', $backend->getPrefixedIdentifier('k'));
        $cache->flush();
    }

    public function testPdoBackendSetupAndStatusForFlowsCacheCommands(): void
    {
        $environment = new EnvironmentConfiguration('Acme~Testing', Scratch::directory() . '/Temporary/');
        $backend = new PdoBackend($environment, ['dataSourceName' => 'sqlite:' . Scratch::directory() . '/cache.sqlite']);
        self::assertFalse($backend->setup()->hasErrors());
        $cache = new VariableFrontend('Acme_Shop_Db', $backend);
        $backend->setCache($cache);
        self::assertFalse($backend->getStatus()->hasErrors());
        $cache->set('row', ['id' => 1], ['table-x']);
        self::assertSame(['row' => ['id' => 1]], $cache->getByTag('table-x'));

        $broken = new PdoBackend($environment, ['dataSourceName' => 'sqlite:' . Scratch::directory() . '/missing/dir/cache.sqlite']);
        $broken->setCache(new VariableFrontend('Acme_Shop_Db', $broken));
        self::assertTrue($broken->getStatus()->hasErrors());
    }

    public function testFreezeAsInFlow(): void
    {
        $cache = $this->caches()->getCache('Acme_Shop_Proxies');
        $cache->set('frozen', 'return 1;');
        $backend = $cache->getBackend();
        $backend->freeze();
        self::assertTrue($backend->isFrozen());
        self::assertTrue($this->caches()->getCache('Acme_Shop_Proxies')->getBackend()->isFrozen());
        try {
            $cache->set('more', 'return 2;');
            self::fail('a frozen cache took a set()');
        } catch (\RuntimeException $e) {
            self::assertStringContainsString('frozen', $e->getMessage());
        }
        self::assertSame(1, $cache->requireOnce('frozen'));
        $cache->flush();
        self::assertFalse($backend->isFrozen());
    }
}
