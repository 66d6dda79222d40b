<?php
// A Symfony cache pool over one tagcache cache: PSR-6 with tags (TagAwareAdapterInterface), the
// contracts' get() with a callback computed once across processes (the frontend's getOrCompute),
// invalidateTags, prune and reset. FrameworkBundle's CachePoolPass builds it like its own
// adapters: argument 0 is the pool's namespace, argument 1 its default lifetime.
//
// Symfony allows keys and tags tagcache identifiers do not ('.', ' ', ...), so both go through
// TagCache\Psr\KeyCodec. Each entry is stored as an envelope holding the value (so a stored false
// or null is a hit), the tags as the application named them (reported to the observer on a hit),
// the expiry and the computation time (the contracts' metadata).

declare(strict_types=1);

namespace TagCache\Symfony\Cache;

use Psr\Cache\CacheItemInterface;
use Psr\Log\LoggerAwareInterface;
use Psr\Log\LoggerAwareTrait;
use Symfony\Component\Cache\Adapter\TagAwareAdapterInterface;
use Symfony\Component\Cache\CacheItem;
use Symfony\Component\Cache\Exception\InvalidArgumentException;
use Symfony\Component\Cache\PruneableInterface;
use Symfony\Component\Cache\ResettableInterface;
use Symfony\Contracts\Cache\ItemInterface;
use Symfony\Contracts\Cache\NamespacedPoolInterface;
use Symfony\Contracts\Cache\TagAwareCacheInterface;
use TagCache\Frontend\FrontendInterface;
use TagCache\Frontend\VariableFrontend;
use TagCache\Psr\KeyCodec;

final class TagCacheAdapter implements TagAwareAdapterInterface, TagAwareCacheInterface, NamespacedPoolInterface, PruneableInterface, ResettableInterface, LoggerAwareInterface
{
    use LoggerAwareTrait;

    /** First element of every stored envelope: tells our entries from values stored otherwise. */
    private const MARK = "\0tagcache-sf1";

    /** Keys are stored as KeyCodec::encode($prefix . $key); "ns:" and "ns:sub:" for sub-namespaces. */
    private string $prefix;
    /** @var list<string> one tag per namespace level the pool is in; clear() flushes the last */
    private array $nsTags = [];

    /** @var array<string, array{mixed, ?float, array<string, string>}> key => [value, expiry, tags] */
    private array $deferred = [];

    /** @var array<string, true> ids whose get() callback is running in this process */
    private array $computing = [];

    private static \Closure $createItem;
    private static \Closure $readItem;

    /**
     * @param string $namespace keeps pools that share one tagcache cache apart: keys are prefixed
     *                          with it and every entry carries a tag of it, so clear() flushes
     *                          that tag only ('' = the pool owns the cache: clear() flushes it)
     * @param int|null $defaultLifetime seconds for items without an expiry; 0 = unlimited,
     *                                  null = the backend's defaultLifetime
     * @param array<string, int> $computeOptions getOrCompute()'s options (lockTimeoutMs, ...)
     */
    public function __construct(
        string $namespace = '',
        private readonly ?int $defaultLifetime = null,
        private readonly ?FrontendInterface $cache = null,
        private readonly ?CacheObserver $observer = null,
        private readonly string $name = '',
        private readonly array $computeOptions = [],
    ) {
        if ($cache === null) {
            throw new \InvalidArgumentException(\sprintf('The tagcache pool "%s" needs a tagcache cache (third argument).', $name));
        }
        if (!$cache instanceof VariableFrontend) {
            throw new \InvalidArgumentException(\sprintf(
                'The tagcache pool "%s" needs a cache with VariableFrontend (it stores each value with its tags and expiry), cache "%s" has %s.',
                $name,
                $cache->getIdentifier(),
                $cache::class,
            ));
        }
        if ($defaultLifetime !== null && $defaultLifetime < 0) {
            throw new \InvalidArgumentException(\sprintf('The default lifetime of the tagcache pool "%s" must be >= 0 (0 = unlimited), %d given.', $name, $defaultLifetime));
        }
        $this->prefix = '';
        if ($namespace !== '') {
            $this->enter($namespace);
        }
        self::$createItem ??= \Closure::bind(
            static function (string $key, ?array $envelope, array $metadata): CacheItem {
                $item = new CacheItem();
                $item->key = $key;
                $item->isTaggable = true;
                if ($envelope !== null) {
                    $item->isHit = true;
                    $item->value = $envelope[1];
                    $item->metadata = $metadata;
                }
                return $item;
            },
            null,
            CacheItem::class,
        );
        self::$readItem ??= \Closure::bind(
            static fn (CacheItem $item): array => [$item->key, $item->value, $item->expiry, $item->newMetadata[CacheItem::METADATA_TAGS] ?? []],
            null,
            CacheItem::class,
        );
    }

    public function __destruct()
    {
        if ($this->deferred) {
            $this->commit();
        }
    }

    public function getItem(mixed $key): CacheItem
    {
        $key = CacheItem::validateKey($key);
        if ($this->deferred) {
            $this->commit();
        }
        $envelope = $this->fetch($key);
        $this->report('onRead', $key, $envelope !== null, $envelope[2] ?? []);
        return (self::$createItem)($key, $envelope, $envelope === null ? [] : self::metadataOf($envelope));
    }

    /** @return iterable<string, CacheItem> keys kept as given ('123' stays a string) */
    public function getItems(array $keys = []): iterable
    {
        $items = [];
        foreach (array_map(CacheItem::validateKey(...), array_values($keys)) as $key) {
            $items[] = [$key, $this->getItem($key)];
        }
        return (static function () use ($items): \Generator {
            foreach ($items as [$key, $item]) {
                yield $key => $item;
            }
        })();
    }

    public function hasItem(mixed $key): bool
    {
        $key = CacheItem::validateKey($key);
        if ($this->deferred) {
            $this->commit();
        }
        return $this->fetch($key) !== null;
    }

    public function clear(string $prefix = ''): bool
    {
        // Entries cannot be listed by key prefix: clearing more than asked is what a cache may do.
        $this->deferred = [];
        try {
            if ($this->prefix === '') {
                $this->cache->flush();
            } else {
                $this->cache->flushByTag($this->nsTags[\count($this->nsTags) - 1]);
            }
            return true;
        } catch (\RuntimeException $e) {
            $this->logger?->warning('Failed to clear the tagcache pool "{pool}": {message}', ['pool' => $this->name, 'message' => $e->getMessage(), 'exception' => $e]);
            return false;
        }
    }

    public function deleteItem(mixed $key): bool
    {
        return $this->deleteItems([$key]);
    }

    public function deleteItems(array $keys): bool
    {
        // Every key is checked before anything is deleted.
        $keys = array_map(CacheItem::validateKey(...), array_values($keys));
        $ok = true;
        foreach ($keys as $key) {
            unset($this->deferred[$key]);
            try {
                $this->cache->remove($this->id($key));
            } catch (\RuntimeException $e) {
                $this->logger?->warning('Failed to delete "{key}" from the tagcache pool "{pool}": {message}', ['key' => $key, 'pool' => $this->name, 'message' => $e->getMessage(), 'exception' => $e]);
                $ok = false;
            }
        }
        return $ok;
    }

    public function delete(string $key): bool
    {
        return $this->deleteItem($key);
    }

    public function save(CacheItemInterface $item): bool
    {
        if (!$item instanceof CacheItem) {
            return false;
        }
        [$key, $value, $expiry, $tags] = (self::$readItem)($item);
        unset($this->deferred[$key]);
        return $this->write($key, $value, $expiry, $tags);
    }

    public function saveDeferred(CacheItemInterface $item): bool
    {
        if (!$item instanceof CacheItem) {
            return false;
        }
        [$key, $value, $expiry, $tags] = (self::$readItem)($item);
        $this->deferred[$key] = [$value, $expiry, $tags];
        // reported now: the commit may come after the response went out
        $this->report('onSave', $key, null, array_values($tags));
        return true;
    }

    public function commit(): bool
    {
        $deferred = $this->deferred;
        $this->deferred = [];
        $ok = true;
        foreach ($deferred as $key => [$value, $expiry, $tags]) {
            $ok = $this->write((string) $key, $value, $expiry, $tags, false) && $ok;
        }
        return $ok;
    }

    public function invalidateTags(array $tags): bool
    {
        $ids = [];
        foreach ($tags as $tag) {
            $ids[] = KeyCodec::encode(CacheItem::validateKey($tag));
        }
        if ($this->deferred) {
            $this->commit();
        }
        try {
            $this->cache->flushByTags($ids);
            return true;
        } catch (\RuntimeException $e) {
            $this->logger?->warning('Failed to invalidate tags in the tagcache pool "{pool}": {message}', ['pool' => $this->name, 'message' => $e->getMessage(), 'exception' => $e]);
            return false;
        }
    }

    /**
     * The entry, or $callback's value computed by one process at a time (others wait for it),
     * stored unless the callback set $save = false. $beta: early recomputation (0 never, INF now).
     */
    public function get(string $key, callable $callback, ?float $beta = null, ?array &$metadata = null): mixed
    {
        if ($beta !== null && $beta < 0) {
            throw new InvalidArgumentException(\sprintf('Argument "$beta" provided to "%s::get()" must be a positive number, %f given.', self::class, $beta));
        }
        $key = CacheItem::validateKey($key);
        if ($this->deferred) {
            $this->commit();
        }
        $id = $this->id($key);
        if (isset($this->computing[$id])) {
            // The callback asks for its own key (getOrCompute would throw a LogicException):
            // computed again here, as Symfony's adapters do; the outer call stores its value.
            $item = (self::$createItem)($key, null, []);
            $save = true;
            $value = $callback($item, $save);
            [, , , $itemTags] = (self::$readItem)($item);
            $this->report('onRead', $key, false, array_values($itemTags));
            $metadata = $itemTags ? [ItemInterface::METADATA_TAGS => $itemTags] : [];
            return $value;
        }
        $computed = false;
        $saved = false;
        $fresh = null;
        $compute = function (string $id, array &$tags, ?int &$lifetime, bool &$save) use ($key, $callback, &$computed, &$saved, &$fresh): array {
            $computed = true;
            $item = (self::$createItem)($key, null, []);
            $start = microtime(true);
            $this->computing[$id] = true;
            try {
                $value = $callback($item, $save);
            } finally {
                unset($this->computing[$id]);
            }
            $ctime = (int) ceil(1000 * (microtime(true) - $start));
            [, , $expiry, $itemTags] = (self::$readItem)($item);
            [$lifetime, $recordedExpiry] = $this->lifetime($expiry);
            if ($lifetime < 0) {
                $save = false;            // already expired: return it, store nothing
                $lifetime = null;
            }
            $tags = $this->encodeTags($itemTags);
            $saved = $save;
            return $fresh = [self::MARK, $value, array_values($itemTags), $recordedExpiry, $ctime];
        };
        $lifetime = $this->lifetime(null)[0];
        $stored = $this->cache->getOrCompute($id, $compute, [], $lifetime, $beta, $this->computeOptions);
        $envelope = $this->unwrap($stored, $this->computeOptions['staleWhileRevalidate'] ?? 0);
        if ($envelope === null && !$computed) {
            if ($this->unwrap($stored, \PHP_INT_MAX) === null) {
                // A value stored by other code: ours replaces it.
                $this->cache->remove($id);
                $envelope = $this->unwrap($this->cache->getOrCompute($id, $compute, [], $lifetime, $beta, $this->computeOptions));
            } else {
                // Ours, past its recorded expiry within tagcache's last second (or past the
                // stale window): recomputed now, under the lock, without removing the entry (a
                // remove would drop the write of a worker computing it).
                $envelope = $this->unwrap($this->cache->getOrCompute($id, $compute, [], $lifetime, \INF, $this->computeOptions), \PHP_INT_MAX);
            }
        }
        if ($computed) {
            $envelope = $fresh;   // also when its expiry is already past: the caller gets it
        }
        // the tags of a computed value tag the page whether it was saved or not
        $this->report('onRead', $key, !$computed, $envelope[2]);
        if ($saved) {
            $this->report('onSave', $key, null, $envelope[2]);
        }
        $metadata = self::metadataOf($envelope);
        return $envelope[1];
    }

    public function prune(): bool
    {
        try {
            $this->cache->collectGarbage();
            return true;
        } catch (\RuntimeException $e) {
            $this->logger?->warning('Failed to prune the tagcache pool "{pool}": {message}', ['pool' => $this->name, 'message' => $e->getMessage(), 'exception' => $e]);
            return false;
        }
    }

    public function reset(): void
    {
        if ($this->deferred) {
            $this->commit();
        }
    }

    /**
     * The same pool with its keys in a sub-namespace: clear() of the sub-namespace leaves the
     * rest of the pool, clear() of the pool clears the sub-namespace too; tags reach both.
     */
    public function withSubNamespace(string $namespace): static
    {
        $clone = clone $this;
        $clone->deferred = [];
        $clone->enter($namespace);
        return $clone;
    }

    /** The tagcache cache this pool stores in. */
    public function getCache(): FrontendInterface
    {
        return $this->cache;
    }

    private function enter(string $namespace): void
    {
        $this->prefix .= CacheItem::validateKey($namespace) . ':';
        // KeyCodec never makes an identifier starting "&n" (its only '&' is the one before a
        // SHA-256 in hex), so this tag cannot meet a tag of the application. Past tagcache's 250
        // bytes it is hashed, as KeyCodec hashes (an escaped form never holds a bare '&').
        $tag = '&ns-' . KeyCodec::encode($this->prefix);
        $this->nsTags[] = \strlen($tag) <= KeyCodec::MAX_LENGTH ? $tag : '&ns-&' . hash('sha256', $this->prefix);
    }

    private function id(string $key): string
    {
        return KeyCodec::encode($this->prefix . $key);
    }

    /** @param array<string, string> $tags */
    private function encodeTags(array $tags): array
    {
        $ids = $this->nsTags;
        foreach ($tags as $tag) {
            $ids[] = KeyCodec::encode((string) $tag);
        }
        return $ids;
    }

    /**
     * [tagcache lifetime (null = backend default, 0 = unlimited, -1 = already expired),
     *  expiry to record (null when unknown or never)] for an item's expiry.
     *
     * @return array{?int, ?float}
     */
    private function lifetime(float|int|null $expiry): array
    {
        if ($expiry === null) {
            if ($this->defaultLifetime === null || $this->defaultLifetime === 0) {
                return [$this->defaultLifetime, null];
            }
            return [$this->defaultLifetime, microtime(true) + $this->defaultLifetime];
        }
        $left = $expiry - microtime(true);
        if ($left <= 0) {
            return [-1, (float) $expiry];
        }
        // tagcache counts whole seconds; the recorded expiry makes reads exact.
        return [(int) ceil($left), (float) $expiry];
    }

    /** @param array<string, string> $tags */
    private function write(string $key, mixed $value, float|int|null $expiry, array $tags, bool $report = true): bool
    {
        $id = $this->id($key);
        [$lifetime, $recordedExpiry] = $this->lifetime($expiry);
        try {
            if ($lifetime < 0) {
                $this->cache->remove($id);
                return true;
            }
            $this->cache->set($id, [self::MARK, $value, array_values($tags), $recordedExpiry, 0], $this->encodeTags($tags), $lifetime);
        } catch (\RuntimeException | \InvalidArgumentException $e) {
            $this->logger?->warning('Failed to save "{key}" in the tagcache pool "{pool}": {message}', ['key' => $key, 'pool' => $this->name, 'message' => $e->getMessage(), 'exception' => $e]);
            return false;
        }
        if ($report) {
            $this->report('onSave', $key, null, array_values($tags));
        }
        return true;
    }

    /**
     * Tells the observer of a read ($hit true/false) or a save ($hit null). Its failure (a tag
     * the HTTP side refuses, ...) is logged, never thrown: it must not make the entry unreadable
     * or the save fail.
     *
     * @param list<string> $tags
     */
    private function report(string $event, string $key, ?bool $hit, array $tags): void
    {
        if ($this->observer === null) {
            return;
        }
        try {
            $stored = $tags === [] && $hit !== true && $event === 'onRead' ? [] : $this->encodeTags($tags);
            if ($event === 'onRead') {
                $this->observer->onRead($this->name, $key, (bool) $hit, $tags, $stored);
            } else {
                $this->observer->onSave($this->name, $key, $tags, $stored);
            }
        } catch (\Throwable $e) {
            $this->logger?->error('Failed to report the tags {tags} of "{key}" in the tagcache pool "{pool}" to the cache observer: {message}', ['tags' => $tags, 'key' => $key, 'pool' => $this->name, 'message' => $e->getMessage(), 'exception' => $e]);
        }
    }

    /** The stored envelope of $key, or null on a miss. */
    private function fetch(string $key): ?array
    {
        return $this->unwrap($this->cache->get($this->id($key)));
    }

    /**
     * Our envelope, or null for anything else and for one past its recorded expiry by more
     * than $staleSeconds (getOrCompute serves a stale value within the stale window).
     */
    private function unwrap(mixed $stored, int $staleSeconds = 0): ?array
    {
        if (!\is_array($stored) || \count($stored) !== 5 || ($stored[0] ?? null) !== self::MARK) {
            return null;
        }
        if ($stored[3] !== null && $stored[3] + $staleSeconds <= microtime(true)) {
            return null;
        }
        return $stored;
    }

    private static function metadataOf(array $envelope): array
    {
        $metadata = [];
        if ($envelope[3] !== null) {
            $metadata[ItemInterface::METADATA_EXPIRY] = $envelope[3];
        }
        if ($envelope[4] > 0) {
            $metadata[ItemInterface::METADATA_CTIME] = $envelope[4];
        }
        if ($envelope[2]) {
            $metadata[ItemInterface::METADATA_TAGS] = array_combine($envelope[2], $envelope[2]);
        }
        return $metadata;
    }
}
