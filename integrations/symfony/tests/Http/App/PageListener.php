<?php
// The test application's pages, answered at kernel.request (before routing, so no routes are
// needed):
//   GET /page/<name>?tags=a,b&saves=c
//                               a public page (s-maxage 60) built from cache entries tagged a, b:
//                               each tag is reported to the cache observer as a hit, as the
//                               bundle's cache adapters do, then one miss; each of saves as a save
//   GET /private/<name>?tags=a  the same, private (no shared cache may store it)
//   POST /edit/<id>             a content change: the post is dispatched through the Purger
//                               (its clear listeners), flushed at kernel.terminate

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Http\App;

use Symfony\Component\HttpFoundation\Response;
use Symfony\Component\HttpKernel\Event\RequestEvent;
use TagCache\Http\Purger;
use TagCache\Symfony\Cache\CacheObserver;

final class PageListener
{
    public function __construct(
        private readonly ?CacheObserver $observer,
        /** @var \Closure(): ?Purger */
        private readonly \Closure $purger,
    ) {
    }

    public function onKernelRequest(RequestEvent $event): void
    {
        $request = $event->getRequest();
        if (!preg_match('#^/(page|private|edit)/([A-Za-z0-9_-]+)$#', $request->getPathInfo(), $m)) {
            return;
        }
        if ($m[1] === 'edit') {
            ($this->purger)()->purgeForContent(['id' => $m[2]]);
            $event->setResponse(new Response('edited ' . $m[2]));
            return;
        }
        $tags = array_filter(explode(',', (string)$request->query->get('tags', '')), 'strlen');
        foreach ($tags as $tag) {
            $this->observer?->onRead('pages', "entry-$tag", true, [$tag]);
        }
        $this->observer?->onRead('pages', 'missing', false, []);
        foreach (array_filter(explode(',', (string)$request->query->get('saves', '')), 'strlen') as $tag) {
            $this->observer?->onSave('pages', "computed-$tag", [$tag]);
        }
        $response = new Response('page ' . $m[2]);
        if ($m[1] === 'page') {
            $response->setPublic()->setSharedMaxAge(60);
        } else {
            $response->setPrivate();
        }
        $event->setResponse($response);
    }
}
