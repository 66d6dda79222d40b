<?php
// PSR-6 pool with tag-interop tags over any tagcache cache (normally a VariableFrontend, made by
// hand or taken from a CacheManager).
//
// Keys and tags are validated by PSR's rules and encoded with KeyCodec; tags become tagcache tags,
// so invalidateTags() is the cache's flushByTags() and a CacheManager's flushCachesByTag() reaches
// PSR items too. Deferred items live in this object until commit() (or the destructor) saves them;
// getItem(), hasItem(), deleteItem(), clear() and invalidateTags() see them first. A deferred item
// is kept serialized, as a committed entry is: changing its value object afterwards changes
// nothing, and each getItem() returns a fresh copy.

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
    /** What this pool's items carry (see ours()): an object of its own, not $this, so no cycle. */
    private readonly object $identity;
    /** @var array<string, array{0: string, 1: ?float, 2: list<string>}> key => [serialized value, expiry, tags] */
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
        $this->identity = new \stdClass();
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
            return !$this->expired($this->deferred[$key][1]);
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
        $key = $item->getKey();
        unset($this->deferred[$key]);
        $value = $item->getValue();
        // a snapshot: changing the value (an object) afterwards must not change what commit() saves
        $refusal = Store::refusal($value);
        if ($refusal !== null) {
            return $this->store->refuse($key, $refusal);
        }
        try {
            $snapshot = serialize($value);
        } catch (\Throwable $e) {
            return $this->store->refuse($key, $e);
        }
        $this->deferred[$key] = [$snapshot, $item->getExpiry(), $item->getTags()];
        return true;
    }

    /** Saves every deferred item, even after one failed; false when any failed (each is logged). */
    public function commit(): bool
    {
        $ok = true;
        $items = $this->deferred;
        $this->deferred = [];
        foreach ($items as $key => [$snapshot, $expiry, $tags]) {
            $key = (string)$key;
            try {
                $ok = $this->store->write($key, unserialize($snapshot), $tags, $expiry) && $ok;
            } catch (\Throwable $e) {
                // the value's __wakeup()/__unserialize() threw (Store::write() catches the rest)
                $ok = $this->store->refuse($key, $e) && $ok;
            }
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
        foreach ($this->deferred as $key => [, , $itemTags]) {
            if (array_intersect($itemTags, $valid) !== []) {
                unset($this->deferred[$key]);
            }
        }
        return $this->store->invalidate($valid);
    }

    private function item(string $key): CacheItem
    {
        $now = $this->store->clock();
        if (isset($this->deferred[$key])) {
            [$snapshot, $expiry, $tags] = $this->deferred[$key];
            if (!$this->expired($expiry)) {
                try {
                    // a fresh copy per read, as a committed entry gives
                    return new CacheItem($key, $now, unserialize($snapshot), true, self::tagMap($tags), $this->identity);
                } catch (\Throwable $e) {
                    // its __wakeup()/__unserialize() threw: it would fail on commit() too
                    unset($this->deferred[$key]);
                    $this->store->log('Reading cache key "{key}" failed, answered as a miss: {message}', $key, $e);
                }
            }
            return new CacheItem($key, $now, pool: $this->identity);
        }
        $entry = $this->store->fetch($key);
        if ($entry === null) {
            return new CacheItem($key, $now, pool: $this->identity);
        }
        return new CacheItem($key, $now, $entry[0], true, self::tagMap($entry[1]), $this->identity);
    }

    private function write(CacheItem $item): bool
    {
        return $this->store->write($item->getKey(), $item->getValue(), $item->getTags(), $item->getExpiry());
    }

    private function expired(?float $expiry): bool
    {
        return $expiry !== null && $expiry <= ($this->store->clock())();
    }

    /**
     * Only items this pool made (or clones of them) are saved: other classes lack what save()
     * needs (expiry, tags), and another pool's items are refused as PSR-6 lets a pool do (false,
     * logged). A key that breaks PSR's rules (a CacheItem built by hand) throws, as getItem() does.
     */
    private function ours(CacheItemInterface $item): bool
    {
        $key = Keys::key($item->getKey());
        if ($item instanceof CacheItem && $item->isFrom($this->identity)) {
            return true;
        }
        $this->store->log(
            'Cache key "{key}" not saved: {message}',
            $key,
            new InvalidArgumentException($item instanceof CacheItem
                ? \sprintf('the item was made by another %s; save it there, or getItem() it from this one', self::class)
                : \sprintf('the item is a %s, not a %s from getItem()', get_debug_type($item), CacheItem::class)),
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
