<?php
// A backend whose flushes and garbage collection fail as a broken store would, for the tests
// of how the commands report a failing cache.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Command\Fixtures;

use TagCache\Backend\TaggableBackendInterface;
use TagCache\BackendException;
use TagCache\Frontend\FrontendInterface;

final class FailingBackend implements TaggableBackendInterface
{
    public function __construct(array $options = [])
    {
    }

    public function setCache(FrontendInterface $cache): void
    {
    }

    public function set(string $entryIdentifier, string $data, array $tags = [], ?int $lifetime = null): void
    {
    }

    public function get(string $entryIdentifier): string|false
    {
        return false;
    }

    public function has(string $entryIdentifier): bool
    {
        return false;
    }

    public function remove(string $entryIdentifier): bool
    {
        return false;
    }

    public function flush(): void
    {
        throw new BackendException('the store is gone');
    }

    public function collectGarbage(): void
    {
        throw new BackendException('the store is gone');
    }

    public function flushByTag(string $tag): int
    {
        throw new BackendException('the store is gone');
    }

    public function flushByTags(array $tags): int
    {
        throw new BackendException('the store is gone');
    }

    public function findIdentifiersByTag(string $tag): array
    {
        return [];
    }
}
