<?php
// The test application's pages built through a real cache pool (`cache.app`), answered at
// kernel.request:
//   GET /pool/<key>?tags=a,b[&mode=save|nosave|deferred][&invalidate=t][&clear=1]
//     a public page (s-maxage 60) whose body is the value of <key>: save (default) is
//     get() with a callback tagging the value, nosave the same with $save = false, deferred
//     getItem() + saveDeferred() (committed after the response); then, while the page is still
//     being built, invalidate flushes tag t through the pool and clear=1 clears the pool.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Http\App;

use Symfony\Component\Cache\Adapter\TagAwareAdapterInterface;
use Symfony\Component\HttpFoundation\Response;
use Symfony\Component\HttpKernel\Event\RequestEvent;
use Symfony\Contracts\Cache\ItemInterface;

final class PoolPageListener
{
    /** @param \Closure(): TagAwareAdapterInterface $cache */
    public function __construct(private readonly \Closure $cache)
    {
    }

    public function onKernelRequest(RequestEvent $event): void
    {
        $request = $event->getRequest();
        if (!preg_match('#^/pool/([A-Za-z0-9_.-]+)$#', $request->getPathInfo(), $m)) {
            return;
        }
        $cache = ($this->cache)();
        $key = $m[1];
        $tags = array_values(array_filter(explode(',', (string)$request->query->get('tags', '')), 'strlen'));
        $mode = (string)$request->query->get('mode', 'save');
        if ($mode === 'deferred') {
            $item = $cache->getItem($key);
            $value = $item->isHit() ? $item->get() : "value of $key";
            if (!$item->isHit()) {
                $cache->saveDeferred($item->set($value)->tag($tags));
            }
        } else {
            $value = $cache->get($key, static function (ItemInterface $item, bool &$save) use ($key, $tags, $mode): string {
                $item->tag($tags);
                $save = $mode !== 'nosave';
                return "value of $key";
            });
        }
        if ($request->query->has('invalidate')) {
            $cache->invalidateTags([(string)$request->query->get('invalidate')]);
        }
        if ($request->query->has('clear')) {
            $cache->clear();
        }
        $event->setResponse((new Response($value))->setPublic()->setSharedMaxAge(60));
    }
}
