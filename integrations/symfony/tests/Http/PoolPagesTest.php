<?php
// The two halves together, by configuration alone (`framework.cache.app: tagcache.adapter.app`
// and `tagcache.http`): pages built with cache.app->get() through the real adapter and the real
// ResponseTaggingObserver carry their tags, computed values (saved or not) and deferred saves
// included; with a guard, a pool's invalidateTags() or clear() while the page is built marks it
// stale, also for tags stored encoded (post.1 is stored as post%2E1).

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Http;

use Symfony\Component\HttpFoundation\Request;
use TagCache\Symfony\Cache\TagCacheAdapter;
use TagCache\Symfony\Tests\App\TestKernel;
use TagCache\Symfony\Tests\Http\App\AppServices;

final class PoolPagesTest extends KernelCase
{
    private ?TestKernel $kernel = null;

    protected function tearDown(): void
    {
        if ($this->kernel !== null) {
            $this->kernel->shutdown();
            $this->kernel->removeDirectories();
            $this->kernel = null;
        }
        parent::tearDown();
    }

    private function app(array $http = []): TestKernel
    {
        $this->kernel = new TestKernel([
            'framework' => ['cache' => ['app' => 'tagcache.adapter.app']],
            'tagcache' => [
                'caches' => ['App' => ['backend' => 'TransientMemoryBackend']],
                'pools' => ['app' => 'App'],
                'http' => $http,
            ],
        ], [AppServices::register(...)]);
        $this->kernel->boot();
        return $this->kernel;
    }

    public function testAPageBuiltThroughCacheAppCarriesItsTags(): void
    {
        $kernel = $this->app();
        self::assertInstanceOf(TagCacheAdapter::class, self::service($kernel, 'cache.app'));
        $miss = self::handle($kernel, Request::create('/pool/home?tags=post.1,blog,topic%20a'));
        self::assertSame('value of home', $miss->getContent());
        self::assertSame(['post.1,blog,topic%20a'], $miss->headers->all('x-cache-tags'));
        $hit = self::handle($kernel, Request::create('/pool/home?tags=other'));
        self::assertSame(['post.1,blog,topic%20a'], $hit->headers->all('x-cache-tags'), 'a hit carries the stored tags');
    }

    public function testComputedValuesNotSavedAndDeferredSavesTagThePage(): void
    {
        $kernel = $this->app();
        $unsaved = self::handle($kernel, Request::create('/pool/draft?tags=post-9&mode=nosave'));
        self::assertSame('value of draft', $unsaved->getContent());
        self::assertSame('post-9', $unsaved->headers->get('x-cache-tags'));
        self::assertFalse(self::service($kernel, 'cache.app')->getItem('draft')->isHit(), 'not stored');

        $deferred = self::handle($kernel, Request::create('/pool/later?tags=post-8&mode=deferred'));
        self::assertSame('post-8', $deferred->headers->get('x-cache-tags'));
    }

    public function testGuardSeesEncodedTagsAndPoolClearsWhileThePageIsBuilt(): void
    {
        $kernel = $this->app(['guard' => 'tagcache.cache.App']);
        $fresh = self::handle($kernel, Request::create('/pool/a?tags=post.1'));
        self::assertSame('post.1', $fresh->headers->get('x-cache-tags'));
        self::assertFalse($fresh->headers->has('x-tagcache-stale'));

        $flushed = self::handle($kernel, Request::create('/pool/b?tags=post.2&invalidate=post.2'));
        self::assertSame('post.2', $flushed->headers->get('x-cache-tags'));
        self::assertSame('1', $flushed->headers->get('x-tagcache-stale'), 'post.2 (stored as post%2E2) flushed while built');

        $cleared = self::handle($kernel, Request::create('/pool/c?tags=post-3&clear=1'));
        self::assertSame('1', $cleared->headers->get('x-tagcache-stale'), "the pool's clear() while built");

        $other = self::handle($kernel, Request::create('/pool/d?tags=post.4'));
        self::assertFalse($other->headers->has('x-tagcache-stale'), 'a later page starts afresh');
    }
}
