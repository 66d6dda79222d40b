<?php
// A CacheObserver that records what the adapters report, for the tests to compare.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Cache\Fixtures;

use TagCache\Symfony\Cache\CacheObserver;

final class RecordingObserver implements CacheObserver
{
    /** @var list<array{string, string, string, bool|null, list<string>}> */
    public array $events = [];

    /** @var list<list<string>> the stored tags of each event, in the order of $events */
    public array $storedTags = [];

    public function onRead(string $cache, string $key, bool $hit, array $tags, array $storedTags = []): void
    {
        $this->events[] = ['read', $cache, $key, $hit, $tags];
        $this->storedTags[] = $storedTags;
    }

    public function onSave(string $cache, string $key, array $tags, array $storedTags = []): void
    {
        $this->events[] = ['save', $cache, $key, null, $tags];
        $this->storedTags[] = $storedTags;
    }
}
