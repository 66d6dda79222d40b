<?php
// What the bundle's cache adapters report about each read and save, so the HTTP half can tag the
// response with the tags of the entries the page was built from and the data collector can count
// reads, hits and misses. The service `tagcache.cache_observer` implements it when HTTP support is
// configured; adapters get it as an optional reference and report nothing without it.

declare(strict_types=1);

namespace TagCache\Symfony\Cache;

interface CacheObserver
{
    /**
     * A read through a tagcache pool ($cache is the pool's name).
     *
     * @param list<string> $tags the entry's tags on a hit, or those of the value get() computed on
     *                           a miss (saved or not), as the application named them; [] otherwise
     * @param list<string> $storedTags the tagcache tags the entry is (or would be) stored with:
     *                                 the encoded tags and the pool's namespace tags
     */
    public function onRead(string $cache, string $key, bool $hit, array $tags, array $storedTags = []): void;

    /**
     * A save through a tagcache pool, with the tags it was given (as the application named them);
     * a deferred save is reported when saveDeferred() is called.
     *
     * @param list<string> $tags
     * @param list<string> $storedTags as for onRead()
     */
    public function onSave(string $cache, string $key, array $tags, array $storedTags = []): void;
}
