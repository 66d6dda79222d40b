<?php
// The service `tagcache.cache_observer`: the bundle's cache adapters report every read and save
// here. The tags of a hit or a save go to the ResponseTagger, so a page built from tagged cache
// entries carries their tags and is purged with them; the RequestLog counts for the collector.

declare(strict_types=1);

namespace TagCache\Symfony\Http;

use TagCache\Http\ResponseTagger;
use TagCache\Symfony\Cache\CacheObserver;

final class ResponseTaggingObserver implements CacheObserver
{
    public function __construct(
        private readonly ResponseTagger $tagger,
        private readonly RequestLog $log,
    ) {
    }

    public function onRead(string $cache, string $key, bool $hit, array $tags): void
    {
        $this->log->onRead($cache, $key, $hit, $tags);
        if ($hit && $tags !== []) {
            $this->tagger->addTags(array_values($tags));
        }
    }

    public function onSave(string $cache, string $key, array $tags): void
    {
        // a page that computed and saved an entry is built from the same data a later hit reads
        $this->log->onSave($cache, $key, $tags);
        if ($tags !== []) {
            $this->tagger->addTags(array_values($tags));
        }
    }
}
