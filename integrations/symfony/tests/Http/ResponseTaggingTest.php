<?php
// kernel.response: the tags of the cache entries a page was built from (reported to the cache
// observer) go on the main, cacheable response; not on private responses, sub-requests, or with
// response_tagging off. Long tag lists are split over several lines; the guard marks a page
// whose tags were flushed while it was built.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Http;

use Symfony\Component\DependencyInjection\ContainerBuilder;
use Symfony\Component\HttpFoundation\Request;
use Symfony\Component\HttpKernel\HttpKernelInterface;
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Symfony\Http\RequestLog;

final class ResponseTaggingTest extends KernelCase
{
    private const HTTP = ['proxies' => '127.0.0.1:6081', 'second_send_delay' => 0];

    public function testMainResponseCarriesTheTagsOfItsCacheHits(): void
    {
        $kernel = $this->shared(self::HTTP);
        $response = self::handle($kernel, Request::create('/page/a?tags=post-1,blog'));
        self::assertSame(['post-1,blog'], $response->headers->all('x-cache-tags'));

        $log = self::service($kernel, 'tagcache.http.request_log');
        self::assertInstanceOf(RequestLog::class, $log);
        self::assertSame([3, 2, 1], [$log->reads, $log->hits, $log->misses]);
        self::assertSame(['post-1', 'blog'], $log->responseTags);
    }

    public function testSavesTagThePageToo(): void
    {
        $kernel = $this->shared(self::HTTP);
        $response = self::handle($kernel, Request::create('/page/a?tags=t1&saves=computed'));
        self::assertSame(['t1,computed'], $response->headers->all('x-cache-tags'));
        $log = self::service($kernel, 'tagcache.http.request_log');
        self::assertSame([2, 1, 1, 1], [$log->reads, $log->hits, $log->misses, $log->saves]);
    }

    public function testPrivateResponseAndSubRequestCarryNoTags(): void
    {
        $kernel = $this->shared(self::HTTP);
        $private = self::handle($kernel, Request::create('/private/a?tags=t1'));
        self::assertFalse($private->headers->has('x-cache-tags'));
        $sub = $kernel->handle(Request::create('/page/b?tags=t2'), HttpKernelInterface::SUB_REQUEST);
        self::assertFalse($sub->headers->has('x-cache-tags'));
        // the sub-request's tags stay with the tagger, for the main response
        self::assertContains('t2', self::service($kernel, 'tagcache.http.response_tagger')->getTags());
    }

    public function testResponseTaggingOff(): void
    {
        $kernel = $this->boot(['response_tagging' => false] + self::HTTP);
        $response = self::handle($kernel, Request::create('/page/a?tags=t1'));
        self::assertFalse($response->headers->has('x-cache-tags'));
    }

    public function testHeaderNameAndSplitLength(): void
    {
        $kernel = $this->boot(['headers' => ['tags' => 'X-Tags', 'length' => 256]] + self::HTTP);
        $tags = array_map(static fn(int $i): string => sprintf('a-long-tag-name-%04d', $i), range(1, 40));
        $response = self::handle($kernel, Request::create('/page/a?tags=' . implode(',', $tags)));
        $lines = $response->headers->all('x-tags');
        self::assertGreaterThan(1, \count($lines));
        foreach ($lines as $line) {
            self::assertLessThanOrEqual(256, \strlen('X-Tags: ' . $line));
        }
        self::assertSame($tags, explode(',', implode(',', $lines)));
        self::assertFalse($response->headers->has('x-cache-tags'));
    }

    public function testGuardMarksAPageWhoseTagWasFlushedWhileBuilt(): void
    {
        $guard = static fn(ContainerBuilder $c) => $c->register('test.guard', TransientMemoryBackend::class)->setArguments([[]])->setPublic(true);
        $kernel = $this->boot(['guard' => 'test.guard', 'headers' => ['stale' => 'X-Old']] + self::HTTP, [], [$guard]);
        self::service($kernel, 'tagcache.http.response_tagger'); // the request starts: ticket taken
        self::service($kernel, 'test.guard')->flushByTag('post-1');
        $stale = self::handle($kernel, Request::create('/page/a?tags=post-1'));
        self::assertSame('1', $stale->headers->get('x-old'));

        $kernel = $this->boot(['guard' => 'test.guard'] + self::HTTP, [], [$guard]);
        self::service($kernel, 'tagcache.http.response_tagger');
        self::service($kernel, 'test.guard')->flushByTag('post-1');
        $fresh = self::handle($kernel, Request::create('/page/b?tags=post-2'));
        self::assertFalse($fresh->headers->has('x-tagcache-stale'));
        self::assertSame('post-2', $fresh->headers->get('x-cache-tags'));
    }
}
