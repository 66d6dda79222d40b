<?php
// What the PSR-6 pool and the PSR-16 cache share: the entry format, expiry, and how errors of the
// tagcache cache underneath become misses or false returns that are logged, never thrown.
//
// Entry format: every value is stored as the list [value, expiry, tags], where expiry is a Unix
// time with microseconds (or null: never) and tags the item's PSR tag names. A miss is the
// frontend's false; a stored false, null or anything else is always inside the list, so one get()
// tells a miss from a stored false. The list also keeps the original tag names (tagcache only
// knows their encoded form) for getPreviousTags(), and the exact expiry: tagcache lifetimes are
// whole seconds ("at least its lifetime and less than one second more"), so the stored expiry is
// checked on every read with this store's clock, and the backend lifetime only lets the backend
// drop the entry itself. Pool and simple cache write the same format, so they can share a cache.
//
// Errors: PSR-6 and PSR-16 forbid throwing anything but InvalidArgumentException, so a failing
// store (every TagCache\Exception, and whatever a frontend written in PHP throws) turns into a
// miss or a false return, and is logged.

declare(strict_types=1);

namespace TagCache\Psr;

use Psr\Clock\ClockInterface;
use Psr\Log\LoggerInterface;
use TagCache\Frontend\FrontendInterface;
use TagCache\Frontend\StringFrontend;

/** @internal */
final class Store
{
    private readonly \Closure $now;

    public function __construct(
        private readonly FrontendInterface $cache,
        private readonly int $defaultLifetime,
        private readonly ?LoggerInterface $logger,
        ?ClockInterface $clock,
    ) {
        if ($cache instanceof StringFrontend) {
            // PhpFrontend is a StringFrontend too: neither can hold the entry list
            throw new InvalidArgumentException(\sprintf(
                'Cache "%s" has a %s, which stores strings only: the PSR adapters need a frontend that stores any PHP value (VariableFrontend)',
                $cache->getIdentifier(),
                get_debug_type($cache),
            ));
        }
        if ($defaultLifetime < 0) {
            throw new InvalidArgumentException(\sprintf(
                'defaultLifetime %d is invalid: it must be 0 (unlimited) or a number of seconds',
                $defaultLifetime,
            ));
        }
        $this->now = $clock === null
            ? static fn (): float => microtime(true)
            : static fn (): float => (float)$clock->now()->format('U.u');
    }

    /** The time this store lives in, as a Unix time with microseconds (also given to items). */
    public function clock(): \Closure
    {
        return $this->now;
    }

    /**
     * The stored [value, tags] of $key, or null on a miss (absent, expired, unreadable: the last
     * two are logged).
     *
     * @return array{0: mixed, 1: list<string>}|null
     */
    public function fetch(string $key): ?array
    {
        try {
            $entry = $this->cache->get(KeyCodec::encode($key));
        } catch (\Exception $e) {
            $this->log('Reading cache key "{key}" failed, answered as a miss: {message}', $key, $e);
            return null;
        }
        if ($entry === false) {
            return null;
        }
        if (!\is_array($entry) || !\array_key_exists(0, $entry) || !\array_key_exists(1, $entry)
            || !isset($entry[2]) || !\is_array($entry[2])
            || ($entry[1] !== null && !\is_float($entry[1]) && !\is_int($entry[1]))) {
            $this->log('Cache key "{key}" holds an entry the PSR adapters did not write, answered as a miss', $key);
            return null;
        }
        if ($entry[1] !== null && $entry[1] <= ($this->now)()) {
            return null;
        }
        return [$entry[0], $entry[2]];
    }

    /**
     * Stores $value under $key with $tags until $expiry (Unix time; null: the default lifetime).
     * An expiry already past removes the entry instead: an expired item is a miss, not an error.
     *
     * @param list<string> $tags PSR tag names, already validated
     */
    public function write(string $key, mixed $value, array $tags, ?float $expiry): bool
    {
        $now = ($this->now)();
        if ($expiry === null) {
            // tagcache: 0 = unlimited, while null would mean the backend's defaultLifetime (3600)
            $lifetime = $this->defaultLifetime;
            $expiry = $lifetime > 0 ? $now + $lifetime : null;
        } else {
            $left = $expiry - $now;
            if ($left <= 0) {
                return $this->delete($key);
            }
            $lifetime = max(1, (int)ceil($left));
        }
        $tags = array_values(array_unique($tags));
        try {
            $stored = $this->cache->set(
                KeyCodec::encode($key),
                [$value, $expiry, $tags],
                array_map(KeyCodec::encode(...), $tags),
                $lifetime,
            );
        } catch (\Exception $e) {
            $this->log('Saving cache key "{key}" failed: {message}', $key, $e);
            return false;
        }
        if (!$stored) {
            // the native frontends say false only with a write ticket; a frontend in PHP may say it
            $this->log('Saving cache key "{key}" failed: the frontend refused it', $key);
        }
        return $stored;
    }

    /** True when $key is gone (also when it was never there). */
    public function delete(string $key): bool
    {
        try {
            $this->cache->remove(KeyCodec::encode($key));
            return true;
        } catch (\Exception $e) {
            $this->log('Deleting cache key "{key}" failed: {message}', $key, $e);
            return false;
        }
    }

    public function clear(): bool
    {
        try {
            $this->cache->flush();
            return true;
        } catch (\Exception $e) {
            $this->log('Clearing cache "{key}" failed: {message}', $this->cache->getIdentifier(), $e);
            return false;
        }
    }

    /** @param list<string> $tags PSR tag names, already validated */
    public function invalidate(array $tags): bool
    {
        if ($tags === []) {
            return true;
        }
        try {
            $this->cache->flushByTags(array_map(KeyCodec::encode(...), array_values(array_unique($tags))));
            return true;
        } catch (\Exception $e) {
            $this->log('Invalidating tags "{key}" failed: {message}', implode('", "', $tags), $e);
            return false;
        }
    }

    /**
     * Reports a failure the PSR contract forbids throwing: to the logger when there is one, else
     * as a silenced E_USER_WARNING (error handlers and error_get_last() still see it).
     */
    public function log(string $message, string $key, ?\Throwable $e = null): void
    {
        $context = ['key' => $key, 'cache' => $this->cache->getIdentifier()];
        if ($e !== null) {
            $context['exception'] = $e;
            $context['message'] = $e->getMessage();
        }
        if ($this->logger !== null) {
            $this->logger->warning($message, $context);
            return;
        }
        @trigger_error(strtr($message, ['{key}' => $key, '{message}' => $context['message'] ?? '']), \E_USER_WARNING);
    }
}
