<?php
// PSR-16 cache over any tagcache cache (normally a VariableFrontend).
//
// Same keys, entry format, expiry and error handling as CacheItemPool (see Store), so both can
// share one tagcache cache: a value set here is an item there, and the pool's invalidateTags()
// or the cache's flushByTag() reach what either wrote with tags.

declare(strict_types=1);

namespace TagCache\Psr;

use Psr\Clock\ClockInterface;
use Psr\Log\LoggerInterface;
use Psr\SimpleCache\CacheInterface;
use TagCache\Frontend\FrontendInterface;

final class SimpleCache implements CacheInterface
{
    private readonly Store $store;

    /**
     * @param int $defaultLifetime seconds a value set without a TTL lives; 0 = unlimited
     * @param ?LoggerInterface $logger where store failures go (else a silenced E_USER_WARNING)
     * @param ?ClockInterface $clock the time TTLs are measured against (default: the system's)
     */
    public function __construct(
        FrontendInterface $cache,
        int $defaultLifetime = 0,
        ?LoggerInterface $logger = null,
        ?ClockInterface $clock = null,
    ) {
        $this->store = new Store($cache, $defaultLifetime, $logger, $clock);
    }

    public function get(string $key, mixed $default = null): mixed
    {
        $entry = $this->store->fetch(Keys::key($key));
        return $entry === null ? $default : $entry[0];
    }

    public function set(string $key, mixed $value, null|int|\DateInterval $ttl = null): bool
    {
        return $this->store->write(Keys::key($key), $value, [], $this->expiry($ttl));
    }

    public function delete(string $key): bool
    {
        return $this->store->delete(Keys::key($key));
    }

    public function clear(): bool
    {
        return $this->store->clear();
    }

    /** @return iterable<string, mixed> */
    public function getMultiple(iterable $keys, mixed $default = null): iterable
    {
        $values = [];
        foreach (Keys::keys($keys) as $key) {
            $entry = $this->store->fetch($key);
            $values[] = [$key, $entry === null ? $default : $entry[0]];
        }
        // a generator: an array would turn the key "123" into the integer 123
        return (static function () use ($values): \Generator {
            foreach ($values as [$key, $value]) {
                yield $key => $value;
            }
        })();
    }

    public function setMultiple(iterable $values, null|int|\DateInterval $ttl = null): bool
    {
        $pairs = [];
        foreach ($values as $key => $value) {
            // PHP arrays turn numeric string keys into integers: those are keys too
            $pairs[] = [Keys::key(\is_int($key) ? (string)$key : $key), $value];
        }
        $expiry = $this->expiry($ttl);
        $ok = true;
        foreach ($pairs as [$key, $value]) {
            $ok = $this->store->write($key, $value, [], $expiry) && $ok;
        }
        return $ok;
    }

    public function deleteMultiple(iterable $keys): bool
    {
        $ok = true;
        foreach (Keys::keys($keys) as $key) {
            $ok = $this->store->delete($key) && $ok;
        }
        return $ok;
    }

    public function has(string $key): bool
    {
        return $this->store->fetch(Keys::key($key)) !== null;
    }

    /** Unix time a TTL ends at; null: the default lifetime. Zero and negative TTLs are past. */
    private function expiry(null|int|\DateInterval $ttl): ?float
    {
        if ($ttl === null) {
            return null;
        }
        $now = ($this->store->clock())();
        if ($ttl instanceof \DateInterval) {
            $base = \DateTimeImmutable::createFromFormat('U.u', \sprintf('%.6F', $now));
            return (float)$base->add($ttl)->format('U.u');
        }
        return $now + $ttl;
    }
}
