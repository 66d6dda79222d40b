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
// The expiry is the writer's clock's time: hosts sharing a store need synchronised clocks.
//
// Errors: PSR-6 and PSR-16 forbid throwing anything but InvalidArgumentException, so a failing
// store (every TagCache\Exception, any \Throwable a value's __wakeup()/__unserialize() or a
// frontend written in PHP throws) turns into a miss or a false return, and is logged; so do the
// warnings a read raises (an entry the frontend cannot decode). A failed write removes the old
// entry (best effort): the caller never reads back a value it asked to replace.

declare(strict_types=1);

namespace TagCache\Psr;

use Psr\Clock\ClockInterface;
use Psr\Log\LoggerInterface;
use TagCache\Frontend\FrontendInterface;
use TagCache\Frontend\StringFrontend;

/** @internal */
final class Store
{
    /**
     * Longest lifetime handed to a backend, in seconds (2^31-1, 68 years): every backend takes it
     * (Redis refuses more than about 9.2e15, the others overflow near PHP_INT_MAX), and beyond it
     * the backend gets 0 (unlimited) while the stored expiry still ends the entry on read.
     */
    public const MAX_LIFETIME = 2147483647;
    /** Errors a frontend read may raise that go to the logger instead of PHP's handler. */
    private const READ_ERRORS = \E_WARNING | \E_NOTICE | \E_USER_WARNING | \E_USER_NOTICE;

    private readonly \Closure $now;
    /** False once the backend refused a lifetime (SimpleFileBackend): then every write passes 0. */
    private bool $backendExpires = true;

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
        $warnings = [];
        if ($this->logger !== null) {
            // scoped to this read: what the frontend warns about goes to the logger (without a
            // logger PHP's own handling stays)
            set_error_handler(static function (int $type, string $message, string $file, int $line) use (&$warnings): bool {
                $warnings[] = new \ErrorException($message, 0, $type, $file, $line);
                return true;
            }, self::READ_ERRORS);
        }
        try {
            $entry = $this->cache->get(KeyCodec::encode($key));
        } catch (\Throwable $e) {
            $this->log('Reading cache key "{key}" failed, answered as a miss: {message}', $key, $e);
            if (!$e instanceof \TagCache\Exception) {
                // the value's __wakeup()/__unserialize() threw: the entry would fail on every read
                $this->discard($key);
            }
            return null;
        } finally {
            if ($this->logger !== null) {
                restore_error_handler();
            }
            foreach ($warnings as $warning) {
                $this->log('Reading cache key "{key}" raised a warning: {message}', $key, $warning);
            }
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
        $refusal = self::refusal($value);
        if ($refusal !== null) {
            return $this->refuse($key, $refusal);
        }
        $now = ($this->now)();
        if ($expiry === null) {
            // tagcache: 0 = unlimited, while null would mean the backend's defaultLifetime (3600)
            $left = $this->defaultLifetime;
            $expiry = $left > 0 ? $now + $left : null;
        } else {
            $left = $expiry - $now;
            if ($left <= 0) {
                return $this->delete($key);
            }
        }
        // range-checked before the cast: (int) of a float beyond PHP_INT_MAX is PHP_INT_MIN
        $lifetime = $left <= 0 || $left > self::MAX_LIFETIME || !$this->backendExpires ? 0 : max(1, (int)ceil($left));
        $tags = array_values(array_unique($tags));
        $id = KeyCodec::encode($key);
        $entry = [$value, $expiry, $tags];
        $encodedTags = array_map(KeyCodec::encode(...), $tags);
        try {
            try {
                $stored = $this->cache->set($id, $entry, $encodedTags, $lifetime);
            } catch (\TagCache\NotSupportedByBackendException $e) {
                if ($lifetime === 0) {
                    throw $e;
                }
                // a backend without lifetimes (SimpleFileBackend): the expiry read back ends the
                // entry, so store it unlimited, and from now on for every key once that worked
                $stored = $this->cache->set($id, $entry, $encodedTags, 0);
                $this->backendExpires = false;
            }
        } catch (\Throwable $e) {
            return $this->refuse($key, $e);
        }
        if (!$stored) {
            // the native frontends say false only with a write ticket; a frontend in PHP may say it
            $this->log('Saving cache key "{key}" failed: the frontend refused it', $key);
            $this->discard($key);
        }
        return $stored;
    }

    /**
     * Why $value cannot be stored, or null. Resources (at any depth of nested arrays) would be
     * serialized as int(0) without a word; what else cannot be stored (closures) the serializer
     * refuses itself.
     */
    public static function refusal(mixed $value): ?InvalidArgumentException
    {
        if (!self::holdsResource($value)) {
            return null;
        }
        return new InvalidArgumentException(\sprintf(
            'the value %s a resource, which cannot be cached (it would read back as int(0))',
            \is_array($value) ? 'holds' : 'is',
        ));
    }

    /** Logs a refused write of $key and removes its old entry; false, for the caller to return. */
    public function refuse(string $key, \Throwable $why): bool
    {
        $this->log('Saving cache key "{key}" failed: {message}', $key, $why);
        $this->discard($key);
        return false;
    }

    /**
     * Removes $key without reporting a failure: after a failed write (the old value must not be
     * read as if the write had worked) or an unreadable entry; the first failure is logged already.
     */
    private function discard(string $key): void
    {
        try {
            $this->cache->remove(KeyCodec::encode($key));
        } catch (\Throwable) {
        }
    }

    /**
     * Whether $value is a resource (open or closed) or an array holding one at any depth. An
     * array reached through a PHP reference is walked once: a reference to itself ends there.
     *
     * @param array<string, true> $seen ids of the references walked already
     */
    private static function holdsResource(mixed $value, array &$seen = []): bool
    {
        if (!\is_array($value)) {
            return \is_resource($value) || gettype($value) === 'resource (closed)';
        }
        foreach ($value as $k => $element) {
            if (\is_array($element)) {
                $reference = \ReflectionReference::fromArrayElement($value, $k);
                if ($reference !== null) {
                    if (isset($seen[$reference->getId()])) {
                        continue;
                    }
                    $seen[$reference->getId()] = true;
                }
                if (self::holdsResource($element, $seen)) {
                    return true;
                }
            } elseif (\is_resource($element) || gettype($element) === 'resource (closed)') {
                return true;
            }
        }
        return false;
    }

    /** True when $key is gone (also when it was never there). */
    public function delete(string $key): bool
    {
        try {
            $this->cache->remove(KeyCodec::encode($key));
            return true;
        } catch (\Throwable $e) {
            $this->log('Deleting cache key "{key}" failed: {message}', $key, $e);
            return false;
        }
    }

    public function clear(): bool
    {
        try {
            $this->cache->flush();
            return true;
        } catch (\Throwable $e) {
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
        } catch (\Throwable $e) {
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
