<?php
// tagcache pools inside FrameworkBundle's cache: cache.app made tagcache by configuration alone,
// framework pools over a tagcache adapter (with and without `tags: true`), the autowiring aliases,
// Symfony's cache:pool:* commands, and what the adapters report to the CacheObserver.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Cache;

use Symfony\Bundle\FrameworkBundle\Console\Application;
use Symfony\Component\Console\Tester\CommandTester;
use Symfony\Component\DependencyInjection\ContainerBuilder;
use Symfony\Contracts\Cache\ItemInterface;
use TagCache\CacheManager;
use TagCache\Symfony\Cache\TagCacheAdapter;
use TagCache\Symfony\Tests\App\TestKernel;
use TagCache\Symfony\Tests\Cache\Fixtures\CacheConsumer;
use TagCache\Symfony\Tests\Cache\Fixtures\RecordingObserver;

final class FrameworkPoolTest extends KernelTestCase
{
    private const CONFIG = [
        'framework' => ['cache' => [
            'app' => 'tagcache.adapter.app',
            'pools' => [
                'my.pool' => ['adapter' => 'tagcache.adapter.app', 'default_lifetime' => 600],
                'tagged.pool' => ['adapter' => 'tagcache.adapter.app', 'tags' => true],
            ],
        ]],
        'tagcache' => [
            'caches' => ['App' => [], 'Fragments' => ['backend' => 'TransientMemoryBackend']],
            'pools' => ['app' => ['cache' => 'App']],
        ],
    ];

    private static function services(ContainerBuilder $container): void
    {
        $container->register('consumer', CacheConsumer::class)->setAutowired(true)->setPublic(true);
        $container->register('tagcache.cache_observer', RecordingObserver::class)->setPublic(true);
    }

    private function sharedContainer(): \Symfony\Component\DependencyInjection\ContainerInterface
    {
        $container = $this->shared(self::CONFIG, [self::services(...)])->getContainer()->get('test.service_container');
        $container->get('tagcache.cache_observer')->events = [];
        return $container;
    }

    public function testCacheAppIsTagcacheByConfigurationAlone(): void
    {
        $container = $this->sharedContainer();
        $app = $container->get('cache.app');
        $this->assertInstanceOf(TagCacheAdapter::class, $app);
        $this->assertSame($container->get(CacheManager::class)->getCache('App'), $app->getCache());

        $consumer = $container->get('consumer');
        $this->assertSame($app, $consumer->taggable, 'TagAwareCacheInterface autowires to cache.app itself, no TagAwareAdapter around it');
        $this->assertSame($app, $consumer->cache);
        $this->assertSame($app, $consumer->pool);
        $this->assertSame($app, $consumer->namespaced);
        $this->assertInstanceOf(TagCacheAdapter::class, $consumer->myPool);
        $this->assertNotSame($app, $consumer->myPool);
        $this->assertSame($container->get(CacheManager::class)->getCache('Fragments'), $consumer->fragmentsCache);
        $this->assertInstanceOf(TagCacheAdapter::class, $container->get('tagged.pool'), 'tags: true keeps the tagcache adapter');
    }

    public function testGetComputesOnceTagsAndInvalidates(): void
    {
        $container = $this->sharedContainer();
        $cache = $container->get('consumer')->taggable;
        $calls = 0;
        $compute = function (ItemInterface $item) use (&$calls): string {
            ++$calls;
            $item->tag(['post.1', 'blog']);
            $item->expiresAfter(60);
            return 'page ' . $calls;
        };
        $this->assertSame('page 1', $cache->get('home.page', $compute));
        $this->assertSame('page 1', $cache->get('home.page', $compute, null, $metadata));
        $this->assertSame(1, $calls);
        $this->assertSame(['post.1' => 'post.1', 'blog' => 'blog'], $metadata[ItemInterface::METADATA_TAGS]);
        $this->assertGreaterThan(microtime(true), $metadata[ItemInterface::METADATA_EXPIRY]);

        // Stored under the encoded key, with the encoded tag, in the tagcache cache itself.
        $frontend = $container->get(CacheManager::class)->getCache('App');
        $this->assertCount(1, $frontend->getByTag('post%2E1'));

        $this->assertTrue($cache->invalidateTags(['post.1']));
        $this->assertSame([], $frontend->getByTag('blog'));
        $this->assertSame('page 2', $cache->get('home.page', $compute));

        $this->assertSame(
            [
                // a miss reports the tags of the value computed (saved or not)
                ['read', 'cache.app', 'home.page', false, ['post.1', 'blog']],
                ['save', 'cache.app', 'home.page', null, ['post.1', 'blog']],
                ['read', 'cache.app', 'home.page', true, ['post.1', 'blog']],
                ['read', 'cache.app', 'home.page', false, ['post.1', 'blog']],
                ['save', 'cache.app', 'home.page', null, ['post.1', 'blog']],
            ],
            $container->get('tagcache.cache_observer')->events,
        );
    }

    public function testPoolsSharingACacheAreKeptApartByNamespace(): void
    {
        $container = $this->sharedContainer();
        $app = $container->get('cache.app');
        $mine = $container->get('my.pool');
        $app->get('k', fn () => 'app');
        $mine->get('k', fn () => 'mine');
        $this->assertSame('app', $app->getItem('k')->get());
        $this->assertSame('mine', $mine->getItem('k')->get());

        $this->assertTrue($mine->clear());
        $this->assertFalse($mine->getItem('k')->isHit());
        $this->assertSame('app', $app->getItem('k')->get());
    }

    public function testFrameworkPoolDefaultLifetimeReachesTheAdapter(): void
    {
        $container = $this->sharedContainer();
        $before = microtime(true);
        $container->get('my.pool')->get('k', fn () => 'v', null, $metadata);
        $after = microtime(true);
        // 600 s (the framework pool's default_lifetime) from the save, not the pool's own default
        $expiry = $metadata[ItemInterface::METADATA_EXPIRY];
        $this->assertGreaterThanOrEqual(floor($before) + 600, $expiry);
        $this->assertLessThanOrEqual(ceil($after) + 600, $expiry);
    }

    public function testSymfonyCachePoolCommands(): void
    {
        $kernel = $this->shared(self::CONFIG, [self::services(...)]);
        $container = $kernel->getContainer()->get('test.service_container');
        $app = $container->get('cache.app');
        $application = new Application($kernel);

        $app->get('a', function (ItemInterface $item) { $item->tag('t.a'); return 1; });
        $app->get('b', fn () => 2);
        $tester = new CommandTester($application->find('cache:pool:invalidate-tags'));
        $this->assertSame(0, $tester->execute(['tags' => ['t.a'], '--pool' => ['cache.app']]), $tester->getDisplay());
        $this->assertFalse($app->hasItem('a'));
        $this->assertTrue($app->hasItem('b'));

        $tagged = $container->get('tagged.pool');
        $tagged->get('c', function (ItemInterface $item) { $item->tag('t.c'); return 3; });
        $tester = new CommandTester($application->find('cache:pool:invalidate-tags'));
        $this->assertSame(0, $tester->execute(['tags' => ['t.c'], '--pool' => ['tagged.pool']]), $tester->getDisplay());
        $this->assertFalse($tagged->hasItem('c'), 'a tags: true pool is reached without a TagAwareAdapter');

        $app->get('d', fn () => 4);
        $tester = new CommandTester($application->find('cache:pool:delete'));
        $this->assertSame(0, $tester->execute(['pool' => 'cache.app', 'key' => 'd']), $tester->getDisplay());
        $this->assertFalse($app->hasItem('d'));

        $tester = new CommandTester($application->find('cache:pool:prune'));
        $this->assertSame(0, $tester->execute([]), $tester->getDisplay());
        $this->assertStringContainsString('cache.app', $tester->getDisplay());
        $this->assertTrue($app->hasItem('b'), 'prune keeps live entries');

        $tester = new CommandTester($application->find('cache:pool:clear'));
        $this->assertSame(0, $tester->execute(['pools' => ['cache.app']]), $tester->getDisplay());
        $this->assertFalse($app->hasItem('b'));

        $tester = new CommandTester($application->find('cache:pool:list'));
        $tester->execute([]);
        $this->assertStringContainsString('my.pool', $tester->getDisplay());
    }

    public function testDefaultCacheDirectoryIsUnderTheKernel(): void
    {
        $kernel = $this->shared(self::CONFIG, [self::services(...)]);
        $kernel->getContainer()->get('test.service_container')->get('cache.app')->get('k', fn () => 'v');
        $this->assertDirectoryExists($kernel->getTemporaryDir() . '/cache/tagcache/default/App');
    }

    public function testProviderOnATagcachePoolIsRefused(): void
    {
        $config = self::CONFIG;
        $config['framework']['cache']['pools']['bad.pool'] = ['adapter' => 'tagcache.adapter.app', 'provider' => 'some.service'];
        $this->assertBootFails($config, 'bad.pool', 'provider');
    }
}
