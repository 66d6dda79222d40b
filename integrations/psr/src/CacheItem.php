<?php
// A PSR-6 item with tag-interop tags, as handed out by CacheItemPool::getItem().
//
// isHit() and the previous tags are fixed when the pool builds the item (PSR-6: no race between
// isHit() and get()). The tags to save start as the previous tags, so saving a fetched item after
// changing its value keeps its tags; setTags() replaces them. Each item carries the identity of
// the pool that made it, so a pool saves only its own items (and their clones).

declare(strict_types=1);

namespace TagCache\Psr;

use Cache\TagInterop\TaggableCacheItemInterface;

final class CacheItem implements TaggableCacheItemInterface
{
    private ?float $expiry = null;
    /** @var array<string, string> tag => tag, what save() stores */
    private array $tags;

    /**
     * @internal Items come from CacheItemPool::getItem().
     *
     * @param \Closure(): float $now   the pool's clock
     * @param array<string, string> $previousTags
     * @param ?object $pool the identity of the pool that made it (private to that pool)
     */
    public function __construct(
        private readonly string $key,
        private readonly \Closure $now,
        private mixed $value = null,
        private readonly bool $isHit = false,
        private readonly array $previousTags = [],
        private readonly ?object $pool = null,
    ) {
        $this->tags = $previousTags;
    }

    public function getKey(): string
    {
        return $this->key;
    }

    public function get(): mixed
    {
        return $this->isHit ? $this->value : null;
    }

    public function isHit(): bool
    {
        return $this->isHit;
    }

    public function set(mixed $value): static
    {
        $this->value = $value;
        return $this;
    }

    public function expiresAt(?\DateTimeInterface $expiration): static
    {
        $this->expiry = $expiration === null ? null : (float)$expiration->format('U.u');
        return $this;
    }

    public function expiresAfter(int|\DateInterval|null $time): static
    {
        if ($time === null) {
            $this->expiry = null;
        } elseif ($time instanceof \DateInterval) {
            $now = ($this->now)();
            $base = \DateTimeImmutable::createFromFormat('U.u', \sprintf('%.6F', $now));
            $this->expiry = (float)$base->add($time)->format('U.u');
        } else {
            $this->expiry = ($this->now)() + $time;
        }
        return $this;
    }

    /** @return array<string, string> */
    public function getPreviousTags(): array
    {
        return $this->previousTags;
    }

    public function setTags(array $tags): static
    {
        $valid = [];
        foreach ($tags as $tag) {
            $tag = Keys::tag($tag);
            $valid[$tag] = $tag;
        }
        $this->tags = $valid;
        return $this;
    }

    /**
     * @internal The tags save() stores.
     *
     * @return list<string>
     */
    public function getTags(): array
    {
        return array_values($this->tags);
    }

    /** @internal Unix time with microseconds, or null for the pool's default lifetime. */
    public function getExpiry(): ?float
    {
        return $this->expiry;
    }

    /** @internal Whether the pool with identity $pool made this item. */
    public function isFrom(object $pool): bool
    {
        return $this->pool === $pool;
    }

    /** @internal The value whether or not the item is a hit (what save() stores). */
    public function getValue(): mixed
    {
        return $this->value;
    }
}
