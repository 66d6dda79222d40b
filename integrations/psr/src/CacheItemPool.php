<?php
// PSR-6 pool with tag-interop tags over any tagcache cache (normally a VariableFrontend, made by
// hand or taken from a CacheManager).
//
// Keys and tags are validated by PSR's rules and encoded with KeyCodec; tags become tagcache tags,
// so invalidateTags() is the cache's flushByTags() and a CacheManager's flushCachesByTag() reaches
// PSR items too. Deferred items live in this object until commit() (or the destructor) saves them;
// getItem(), hasItem(), deleteItem(), clear() and invalidateTags() see them first.

declare(strict_types=1);

namespace TagCache\Psr;

use Cache\TagInterop\TaggableCacheItemInterface;
use Cache\TagInterop\TaggableCacheItemPoolInterface;
use Psr\Cache\CacheItemInterface;
use Psr\Clock\ClockInterface;
use Psr\Log\LoggerInterface;
use TagCache\Frontend\FrontendInterface;

final class CacheItemPool implements TaggableCacheItemPoolInterface
{
    private readonly Store $store;
    /** @var array<string, CacheItem> key => a copy of the item as it was saved */
    private array $deferred = [];

    /**
     * @param int $defaultLifetime seconds an item without an expiry lives; 0 = unlimited
     * @param ?LoggerInterface $logger where store failures go (else a silenced E_USER_WARNING)
     * @param ?ClockInterface $clock the time expiries are measured against (default: the system's)
     */
    public function __construct(
        FrontendInterface $cache,
        int $defaultLifetime = 0,
        ?LoggerInterface $logger = null,
        ?ClockInterface $clock = null,
    ) {
        $this->store = new Store($cache, $defaultLifetime, $logger, $clock);
    }

    public function __destruct()
    {
        $this->commit();
    }

    public function getItem(string $key): TaggableCacheItemInterface
    {
        return $this->item(Keys::key($key));
    }

    /** @return iterable<string, TaggableCacheItemInterface> */
    public function getItems(array $keys = []): iterable
    {
        $items = [];
        foreach (array_unique(Keys::keys($keys)) as $key) {
            $items[] = $this->item($key);
        }
        // a generator: an array would turn the key "123" into the integer 123
        return (static function () use ($items): \Generator {
            foreach ($items as $item) {
                yield $item->getKey() => $item;
            }
        })();
    }

    public function hasItem(string $key): bool
    {
        $key = Keys::key($key);
        if (isset($this->deferred[$key])) {
            return !$this->expired($this->deferred[$key]);
        }
        return $this->store->fetch($key) !== null;
    }

    public function clear(): bool
    {
        $this->deferred = [];
        return $this->store->clear();
    }

    public function deleteItem(string $key): bool
    {
        $key = Keys::key($key);
        unset($this->deferred[$key]);
        return $this->store->delete($key);
    }

    public function deleteItems(array $keys): bool
    {
        $ok = true;
        foreach (Keys::keys($keys) as $key) {
            unset($this->deferred[$key]);
            $ok = $this->store->delete($key) && $ok;
        }
        return $ok;
    }

    public function save(CacheItemInterface $item): bool
    {
        if (!$this->ours($item)) {
            return false;
        }
        unset($this->deferred[$item->getKey()]);
        return $this->write($item);
    }

    public function saveDeferred(CacheItemInterface $item): bool
    {
        if (!$this->ours($item)) {
            return false;
        }
        // a copy: changing the item afterwards must not change what commit() saves
        $this->deferred[$item->getKey()] = clone $item;
        return true;
    }

    public function commit(): bool
    {
        $ok = true;
        $items = $this->deferred;
        $this->deferred = [];
        foreach ($items as $item) {
            $ok = $this->write($item) && $ok;
        }
        return $ok;
    }

    public function invalidateTag(string $tag): bool
    {
        return $this->invalidateTags([$tag]);
    }

    public function invalidateTags(array $tags): bool
    {
        $valid = [];
        foreach ($tags as $tag) {
            $valid[] = Keys::tag($tag);
        }
        foreach ($this->deferred as $key => $item) {
            if (array_intersect($item->getTags(), $valid) !== []) {
                unset($this->deferred[$key]);
            }
        }
        return $this->store->invalidate($valid);
    }

    private function item(string $key): CacheItem
    {
        $now = $this->store->clock();
        if (isset($this->deferred[$key])) {
            $deferred = $this->deferred[$key];
            if ($this->expired($deferred)) {
                return new CacheItem($key, $now);
            }
            return new CacheItem($key, $now, $deferred->getValue(), true, self::tagMap($deferred->getTags()));
        }
        $entry = $this->store->fetch($key);
        if ($entry === null) {
            return new CacheItem($key, $now);
        }
        return new CacheItem($key, $now, $entry[0], true, self::tagMap($entry[1]));
    }

    private function write(CacheItem $item): bool
    {
        return $this->store->write($item->getKey(), $item->getValue(), $item->getTags(), $item->getExpiry());
    }

    private function expired(CacheItem $item): bool
    {
        $expiry = $item->getExpiry();
        return $expiry !== null && $expiry <= ($this->store->clock())();
    }

    /** Only items of this package carry what save() needs (expiry, tags); others are refused. */
    private function ours(CacheItemInterface $item): bool
    {
        if ($item instanceof CacheItem) {
            return true;
        }
        $this->store->log(
            'Cache key "{key}" not saved: {message}',
            $item->getKey(),
            new InvalidArgumentException(\sprintf('the item is a %s, not a %s from getItem()', get_debug_type($item), CacheItem::class)),
        );
        return false;
    }

    /**
     * @param list<string> $tags
     * @return array<string, string>
     */
    private static function tagMap(array $tags): array
    {
        $map = [];
        foreach ($tags as $tag) {
            $map[(string)$tag] = (string)$tag;
        }
        return $map;
    }
}
