<?php
// Every key of the cache half of the `tagcache` configuration, each through a booted kernel:
// the manager's options, the caches in Flow's shape as services with autowiring aliases, the
// pools' options; and the errors bad configuration gets.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Cache;

use Symfony\Component\DependencyInjection\ContainerBuilder;
use TagCache\Backend\TransientMemoryBackend;
use TagCache\CacheManager;
use TagCache\Frontend\StringFrontend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Symfony\Cache\TagCacheAdapter;
use TagCache\Symfony\Tests\Cache\Fixtures\CacheConsumer;

final class ConfigurationTest extends KernelTestCase
{
    public function testEveryKeyReachesTheManagerCachesAndPools(): void
    {
        $kernel = $this->boot([
            'framework' => ['cache' => ['pools' => [
                'report.pool' => ['adapter' => 'tagcache.adapter.reports'],
                'small.pool' => ['adapter' => 'tagcache.adapter.small'],
            ]]],
            'tagcache' => [
                'applicationIdentifier' => 'shop',
                'cacheDirectory' => '%kernel.cache_dir%/../data',
                'persistentCacheDirectory' => '%kernel.cache_dir%/../persistent',
                'caches' => [
                    'Default' => ['backendOptions' => ['defaultLifetime' => 0]],
                    'Reports' => ['frontend' => 'VariableFrontend', 'backend' => 'FileBackend', 'backendOptions' => ['defaultLifetime' => 120]],
                    'Fragments' => ['frontend' => StringFrontend::class, 'backend' => TransientMemoryBackend::class],
                    'Code' => ['frontend' => 'PhpFrontend', 'persistent' => true],
                    'Small' => ['backend' => 'TransientMemoryBackend'],
                ],
                'pools' => ['reports' => [
                    'cache' => 'Reports',
                    'default_lifetime' => 30,
                    'lock_timeout_ms' => 500,
                    'lock_ttl_ms' => 2000,
                    'stale_while_revalidate' => 5,
                ], 'small' => 'Small'],
            ],
        ], [static function (ContainerBuilder $container): void {
            $container->register('consumer', CacheConsumer::class)->setAutowired(true)->setPublic(true);
        }]);
        $container = $kernel->getContainer()->get('test.service_container');
        $dir = $kernel->getTemporaryDir();

        $manager = $container->get('tagcache.cache_manager');
        $this->assertSame($manager, $container->get(CacheManager::class));
        $this->assertSame(['Default', 'Reports', 'Fragments', 'Code', 'Small'], array_keys($manager->getCacheConfigurations()));
        $this->assertTrue($manager->isCachePersistent('Code'));
        $this->assertFalse($manager->isCachePersistent('Reports'));

        $reports = $container->get('tagcache.cache.Reports');
        $this->assertInstanceOf(VariableFrontend::class, $reports);
        $this->assertSame($manager->getCache('Reports'), $reports);
        $this->assertInstanceOf(StringFrontend::class, $container->get('tagcache.cache.Fragments'));
        $this->assertInstanceOf(TransientMemoryBackend::class, $container->get('tagcache.cache.Fragments')->getBackend());
        $this->assertFalse($container->has('tagcache.cache.Default'));
        $this->assertSame($container->get('tagcache.cache.Fragments'), $container->get('consumer')->fragmentsCache);

        // cacheDirectory and applicationIdentifier place the files; persistent caches go apart.
        $reports->set('r', 1);
        $manager->getCache('Code')->set('c', 'return 1;');
        $this->assertDirectoryExists($dir . '/data/shop/Reports');
        $this->assertDirectoryExists($dir . '/persistent/shop/Code');

        // The pool: its framework pool stores in Reports with the pool's lifetime and options.
        $pool = $container->get('report.pool');
        $this->assertInstanceOf(TagCacheAdapter::class, $pool);
        $this->assertSame($reports, $pool->getCache());
        $before = microtime(true);
        $pool->get('k', fn () => 'v', null, $metadata);
        $after = microtime(true);
        // the lifetime is 30 s from the save: the expiry lies between the two readings plus 30
        $this->assertGreaterThanOrEqual(floor($before) + 30, $metadata['expiry']);
        $this->assertLessThanOrEqual(ceil($after) + 30, $metadata['expiry']);
        $options = (new \ReflectionProperty(TagCacheAdapter::class, 'computeOptions'))->getValue($pool);
        $this->assertSame(['lockTimeoutMs' => 500, 'lockTtlMs' => 2000, 'staleWhileRevalidate' => 5], $options);

        // A pool given as a string names its cache.
        $this->assertInstanceOf(TransientMemoryBackend::class, $container->get('small.pool')->getCache()->getBackend());

        $this->assertSame(['Reports', 'Fragments', 'Code', 'Small'], $container->getParameter('tagcache.cache_identifiers'));

        // cache.app left to FrameworkBundle keeps Symfony's own TagAwareAdapter.
        $this->assertNotInstanceOf(TagCacheAdapter::class, $container->get('cache.app.taggable'));
    }

    public function testBundleWithoutConfigurationBoots(): void
    {
        $container = $this->container([]);
        $this->assertInstanceOf(CacheManager::class, $container->get(CacheManager::class));
        $this->assertSame([], $container->getParameter('tagcache.cache_identifiers'));
    }

    public function testUnknownFrontendClassIsNamed(): void
    {
        $this->assertBootFails(['tagcache' => ['caches' => ['A' => ['frontend' => 'FancyFrontend']]]], 'Unknown frontend class "FancyFrontend"', 'TagCache\Frontend\FancyFrontend');
    }

    public function testUnknownBackendClassIsNamed(): void
    {
        $this->assertBootFails(['tagcache' => ['caches' => ['A' => ['backend' => 'Acme\NoBackend']]]], 'Unknown backend class "Acme\NoBackend"');
    }

    public function testAClassOfTheWrongKindIsNamed(): void
    {
        $this->assertBootFails(['tagcache' => ['caches' => ['A' => ['backend' => \ArrayObject::class]]]], 'ArrayObject', 'BackendInterface');
    }

    public function testBadCacheIdentifierIsNamed(): void
    {
        $this->assertBootFails(['tagcache' => ['caches' => ['my.cache' => []]]], '"my.cache"', 'must match');
    }

    public function testBadApplicationIdentifierIsNamed(): void
    {
        $this->assertBootFails(['tagcache' => ['applicationIdentifier' => 'my app']], '"my app"', 'applicationIdentifier');
    }

    public function testBackendOptionsMustBeAMap(): void
    {
        $this->assertBootFails(['tagcache' => ['caches' => ['A' => ['backendOptions' => 'x']]]], 'backendOptions', 'string given');
    }

    public function testPoolOverAnUnknownCacheIsNamed(): void
    {
        $this->assertBootFails(['tagcache' => ['caches' => ['A' => []], 'pools' => ['p' => ['cache' => 'B']]]], 'tagcache.pools.p', '"B"', 'configured: "A"');
        $this->assertBootFails(['tagcache' => ['caches' => ['Default' => []], 'pools' => ['p' => 'Default']]], '"Default"', 'configured: none');
    }

    public function testPoolOverAStringFrontendIsRefused(): void
    {
        $this->assertBootFails(['tagcache' => ['caches' => ['S' => ['frontend' => 'StringFrontend']], 'pools' => ['p' => 'S']]], 'tagcache.pools.p', 'StringFrontend', 'VariableFrontend');
    }

    public function testNegativePoolLifetimeIsRefused(): void
    {
        $this->assertBootFails(['tagcache' => ['caches' => ['A' => []], 'pools' => ['p' => ['cache' => 'A', 'default_lifetime' => -1]]]], 'default_lifetime', '-1');
    }

    public function testBadPoolNameIsNamed(): void
    {
        $this->assertBootFails(['tagcache' => ['caches' => ['A' => []], 'pools' => ['my pool' => 'A']]], '"my pool"');
    }
}
