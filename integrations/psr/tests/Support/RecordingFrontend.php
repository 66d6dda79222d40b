<?php
// A frontend written in PHP that hands every call to a real VariableFrontend and records what
// the adapters asked of it: the lifetime and tags each set() got, and how many calls a read took.

declare(strict_types=1);

namespace TagCache\Psr\Tests\Support;

use TagCache\Backend\BackendInterface;
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\FrontendInterface;
use TagCache\Frontend\VariableFrontend;

final class RecordingFrontend implements FrontendInterface
{
    /** @var list<array{0: string, 1: string, 2?: array, 3?: ?int}> method, identifier, tags, lifetime */
    public array $calls = [];
    /** When true, set() stores nothing and returns false (as a frontend may when it refuses a write). */
    public bool $refuseSets = false;
    /** @var array<string, \Throwable> identifier => what set() throws for it (as a buggy frontend may) */
    public array $setThrows = [];
    private readonly VariableFrontend $inner;

    public function __construct()
    {
        $this->inner = new VariableFrontend('recorded', new TransientMemoryBackend([]));
    }

    public function getIdentifier(): string
    {
        return $this->inner->getIdentifier();
    }

    public function getBackend(): BackendInterface
    {
        return $this->inner->getBackend();
    }

    public function set(string $entryIdentifier, mixed $data, array $tags = [], ?int $lifetime = null, ?int $ticket = null): bool
    {
        $this->calls[] = ['set', $entryIdentifier, $tags, $lifetime];
        if (isset($this->setThrows[$entryIdentifier])) {
            throw $this->setThrows[$entryIdentifier];
        }
        if ($this->refuseSets) {
            return false;
        }
        return $this->inner->set($entryIdentifier, $data, $tags, $lifetime, $ticket);
    }

    public function get(string $entryIdentifier, mixed &$ticket = null): mixed
    {
        $this->calls[] = ['get', $entryIdentifier];
        return $this->inner->get($entryIdentifier, $ticket);
    }

    public function ticket(): int
    {
        return $this->inner->ticket();
    }

    public function getOrCompute(string $entryIdentifier, callable $compute, array $tags = [], ?int $lifetime = null, ?float $beta = null, array $options = []): mixed
    {
        $this->calls[] = ['getOrCompute', $entryIdentifier];
        return $this->inner->getOrCompute($entryIdentifier, $compute, $tags, $lifetime, $beta, $options);
    }

    public function getByTag(string $tag): array
    {
        $this->calls[] = ['getByTag', $tag];
        return $this->inner->getByTag($tag);
    }

    public function has(string $entryIdentifier): bool
    {
        $this->calls[] = ['has', $entryIdentifier];
        return $this->inner->has($entryIdentifier);
    }

    public function remove(string $entryIdentifier): bool
    {
        $this->calls[] = ['remove', $entryIdentifier];
        return $this->inner->remove($entryIdentifier);
    }

    public function flush(): void
    {
        $this->calls[] = ['flush', ''];
        $this->inner->flush();
    }

    public function flushByTag(string $tag): int
    {
        $this->calls[] = ['flushByTag', $tag];
        return $this->inner->flushByTag($tag);
    }

    public function flushByTags(array $tags): int
    {
        $this->calls[] = ['flushByTags', implode(',', $tags)];
        return $this->inner->flushByTags($tags);
    }

    public function collectGarbage(): void
    {
        $this->inner->collectGarbage();
    }

    public function isValidEntryIdentifier(string $identifier): bool
    {
        return $this->inner->isValidEntryIdentifier($identifier);
    }

    public function isValidTag(string $tag): bool
    {
        return $this->inner->isValidTag($tag);
    }

    /** The methods called since the last reset, in order. */
    public function methods(): array
    {
        return array_column($this->calls, 0);
    }
}
