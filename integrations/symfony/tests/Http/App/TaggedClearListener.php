<?php
// A clear listener that is not a subscriber: a plain service tagged `tagcache.clear_listener`
// with the method and priority on the tag. It records the order it ran in.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Http\App;

use TagCache\Http\ContentCacheClearEvent;

final class TaggedClearListener
{
    /** @var list<string> tags already collected when it ran */
    public array $seen = [];

    public function relatedCategories(ContentCacheClearEvent $event): void
    {
        $this->seen = array_values($event->getTagsToClear());
        $event->addTagToClear('category-' . ($event->getContent()['category'] ?? 'none'));
    }
}
