<?php
// A clear listener as an application writes one: a changed post (['id' => n, 'location' => n])
// clears its own tag and location. Registered with autoconfigure only, no tag by hand.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Http\App;

use TagCache\Http\ContentCacheClearEvent;
use TagCache\Http\EventSubscriberInterface;

final class PostClearListener implements EventSubscriberInterface
{
    /** How many were built in this process: the bundle builds clear listeners only for a purge. */
    public static int $built = 0;

    public function __construct()
    {
        ++self::$built;
    }

    public static function getSubscribedEvents(): array
    {
        return [ContentCacheClearEvent::NAME => ['onClear', 10]];
    }

    public function onClear(ContentCacheClearEvent $event): void
    {
        $post = $event->getContent();
        $event->addTagToClear('post-' . $post['id']);
        if (isset($post['location'])) {
            $event->addLocationToClear($post['location']);
        }
    }
}
