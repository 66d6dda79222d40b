<?php

/**
 * Chains of backends (Flow's MultiBackend, TaggableMultiBackend): writes go to every child,
 * reads come from the first child that answers, a failing child is skipped and tried again
 * after a back-off, and a child that missed a write or a removal is flushed before it serves
 * again. A child that did not take a set has the entry removed at once, so no process reads
 * its older value. Limit: when a child can neither store nor remove the entry (or is in
 * back-off), the set still succeeds with a warning, and other processes reading that child's
 * store may get its older copy of the entry until the store is flushed. Each child needs a
 * store of its own.
 *
 * @generate-class-entries
 */

namespace TagCache\Backend;

/** @not-serializable */
class MultiBackend implements BackendInterface
{
    public function __construct(array $options = []) {}

    /** @implementation-alias TagCache\Backend\FileBackend::setCache */
    public function setCache(\TagCache\Frontend\FrontendInterface $cache): void {}

    /** @implementation-alias TagCache\Backend\FileBackend::set */
    public function set(string $entryIdentifier, string $data, array $tags = [], ?int $lifetime = null): void {}

    /** @implementation-alias TagCache\Backend\FileBackend::get */
    public function get(string $entryIdentifier): string|false {}

    /** @implementation-alias TagCache\Backend\FileBackend::has */
    public function has(string $entryIdentifier): bool {}

    /** @implementation-alias TagCache\Backend\FileBackend::remove */
    public function remove(string $entryIdentifier): bool {}

    /** @implementation-alias TagCache\Backend\FileBackend::flush */
    public function flush(): void {}

    /** @implementation-alias TagCache\Backend\FileBackend::collectGarbage */
    public function collectGarbage(): void {}

    /**
     * One row per child, in order: backend (class), failures (consecutive), needsFlush (it
     * missed a write or a removal), retryIn (seconds of back-off left, 0 = usable).
     */
    public function getBackendStates(): array {}

    /**
     * Ends every back-off now: each child is tried again on the next call (one that missed a
     * write or a removal is flushed first).
     */
    public function retryBackends(): void {}
}

/** @not-serializable */
class TaggableMultiBackend extends MultiBackend implements TaggableBackendInterface
{
    public function __construct(array $options = []) {}

    /** @implementation-alias TagCache\Backend\FileBackend::flushByTag */
    public function flushByTag(string $tag): int {}

    /** @implementation-alias TagCache\Backend\FileBackend::flushByTags */
    public function flushByTags(array $tags): int {}

    /** @implementation-alias TagCache\Backend\FileBackend::findIdentifiersByTag */
    public function findIdentifiersByTag(string $tag): array {}
}
