<?php
// The service `tagcache.cache_observer`: the bundle's cache adapters report every read and save
// here. The tags of a hit, of a computed value and of a save go to the ResponseTagger as proxy
// tags (ProxyTags: the one mapping to the HTTP side), so a page built from tagged cache entries
// carries their tags and is purged with them; with a guard, the tags the entries are stored with
// (encoded, and the pools' namespace tags) go to a second tagger holding the guard's ticket, so a
// flush of any of them, or a pool's clear(), while the page is built marks it stale. The RequestLog
// counts for the collector. Only while a main request is handled: a console command or a worker
// loop outside a request would grow the tagger without end.

declare(strict_types=1);

namespace TagCache\Symfony\Http;

use Symfony\Component\HttpFoundation\RequestStack;
use TagCache\Http\ResponseTagger;
use TagCache\Symfony\Cache\CacheObserver;

final class ResponseTaggingObserver implements CacheObserver
{
    public function __construct(
        private readonly ResponseTagger $tagger,
        private readonly RequestLog $log,
        private readonly ?ResponseTagger $guardTagger = null,
        private readonly ?RequestStack $requests = null,
    ) {
    }

    public function onRead(string $cache, string $key, bool $hit, array $tags, array $storedTags = []): void
    {
        if (!$this->inRequest()) {
            return;
        }
        $this->log->onRead($cache, $key, $hit, $tags);
        $this->add($tags, $storedTags);
    }

    public function onSave(string $cache, string $key, array $tags, array $storedTags = []): void
    {
        if (!$this->inRequest()) {
            return;
        }
        // a page that computed and saved an entry is built from the same data a later hit reads
        $this->log->onSave($cache, $key, $tags);
        $this->add($tags, $storedTags);
    }

    private function inRequest(): bool
    {
        return $this->requests === null || $this->requests->getMainRequest() !== null;
    }

    /** @param list<string> $tags @param list<string> $storedTags */
    private function add(array $tags, array $storedTags): void
    {
        if ($tags !== []) {
            $this->tagger->addTags(ProxyTags::map($tags));
        }
        if ($this->guardTagger !== null && $storedTags !== []) {
            $this->guardTagger->addTags(array_values($storedTags));
        }
    }
}
