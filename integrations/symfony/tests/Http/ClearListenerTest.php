<?php
// Clear listeners by service tag: a TagCache\Http\EventSubscriberInterface class is
// autoconfigured with `tagcache.clear_listener` and added to the tagcache EventDispatcher; a
// plain service tagged by hand is added with its tag's method and priority. A content change
// dispatched through the Purger runs them and queues what they collected.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Http;

use Symfony\Component\DependencyInjection\ContainerBuilder;
use TagCache\Http\ContentCacheClearEvent;
use TagCache\Symfony\Tests\Http\App\PostClearListener;
use TagCache\Symfony\Tests\Http\App\TaggedClearListener;

final class ClearListenerTest extends KernelCase
{
    private const HTTP = ['proxies' => '127.0.0.1:6081', 'second_send_delay' => 0, 'purge_on_terminate' => false];

    public function testAutoconfiguredAndTaggedListenersRunOnAContentChange(): void
    {
        $tagged = static fn(ContainerBuilder $c) => $c->register('app.category_listener', TaggedClearListener::class)
            ->setPublic(true)
            ->addTag('tagcache.clear_listener', ['method' => 'relatedCategories', 'priority' => 5]);
        $kernel = $this->boot(self::HTTP, [], [$tagged]);
        $dispatcher = self::service($kernel, 'tagcache.http.event_dispatcher');

        $listeners = $dispatcher->getListeners(ContentCacheClearEvent::NAME);
        $subscriber = array_values(array_filter($listeners, static fn($l) => \is_array($l) && $l[0] instanceof PostClearListener));
        self::assertCount(1, $subscriber, 'the autoconfigured subscriber is in the dispatcher once');
        self::assertSame('onClear', $subscriber[0][1]);

        $event = self::service($kernel, 'tagcache.http.purger')->purgeForContent(['id' => 3, 'location' => 9, 'category' => 'news']);
        self::assertSame(['post-3', 'category-news'], $event->getTagsToClear());
        self::assertSame(['9'], array_map('strval', $event->getLocationsToClear()));
        // priority 10 (the subscriber) ran before 5 (the tagged service)
        self::assertSame(['post-3'], self::service($kernel, 'app.category_listener')->seen);
        // one tag ban, one location ban
        self::assertSame(2, self::service($kernel, 'tagcache.http.varnish_client')->getQueueSize());
        self::assertSame([['tags' => ['post-3', 'category-news'], 'locations' => ['9']]],
            self::service($kernel, 'tagcache.http.request_log')->contentChanges);
    }

    public function testATaggedServiceWithoutTheMethodStopsTheBoot(): void
    {
        $bad = static fn(ContainerBuilder $c) => $c->register('app.bad_listener', TaggedClearListener::class)
            ->addTag('tagcache.clear_listener', ['method' => 'nope']);
        try {
            $this->boot(self::HTTP, [], [$bad]);
        } catch (\InvalidArgumentException $e) {
            self::assertStringContainsString('"app.bad_listener"', $e->getMessage());
            self::assertStringContainsString('"nope"', $e->getMessage());
            return;
        }
        self::fail('the kernel booted with a clear listener that has no such method');
    }
}
