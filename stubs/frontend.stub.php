<?php

/**
 * Frontends: what applications talk to. A frontend turns PHP values into the bytes its
 * backend stores, and validates identifiers and tags before anything reaches the store.
 *
 * @generate-class-entries
 */

namespace TagCache\Frontend;

interface FrontendInterface
{
    /** @var string */
    public const PATTERN_ENTRYIDENTIFIER = '/^[a-zA-Z0-9_%\-&]{1,250}$/';
    /** @var string */
    public const PATTERN_TAG = '/^[a-zA-Z0-9_%\-&]{1,250}$/';

    public function getIdentifier(): string;

    public function getBackend(): \TagCache\Backend\BackendInterface;

    /**
     * Stores data. With a $ticket (from get() or ticket()): stores only when neither the entry,
     * nor one of $tags, nor the whole cache was flushed since the ticket was taken, and
     * returns false (storing nothing) otherwise. Without a ticket: true.
     */
    public function set(string $entryIdentifier, mixed $data, array $tags = [], ?int $lifetime = null, ?int $ticket = null): bool;

    /** false on a miss; then $ticket (when given) receives a write ticket for set(), else null. */
    public function get(string $entryIdentifier, mixed &$ticket = null): mixed;

    /** A write ticket: the cache's invalidation epoch now (see set()). */
    public function ticket(): int;

    /**
     * The entry, or the value of $compute($entryIdentifier, &$tags, &$lifetime, &$save) stored
     * with $tags and $lifetime as the callback left them (unless it set $save = false), computed
     * by one worker at a time: others asking for the same missing entry wait for it (up to
     * option "lockTimeoutMs", default 10000, then compute themselves) and read its value.
     * $beta: early recomputation of hits (XFetch; 0 never, INF always, null = 1.0).
     * Options: lockTimeoutMs, lockTtlMs (how long the lock outlives a computing worker that
     * died where the backend cannot notice it: Redis, or shared memory across pid namespaces;
     * default 30000), staleWhileRevalidate (VariableFrontend only: seconds past $lifetime a
     * value is still served while one worker recomputes it; default 0).
     */
    public function getOrCompute(string $entryIdentifier, callable $compute, array $tags = [], ?int $lifetime = null, ?float $beta = null, array $options = []): mixed;

    public function getByTag(string $tag): array;

    public function has(string $entryIdentifier): bool;

    public function remove(string $entryIdentifier): bool;

    public function flush(): void;

    public function flushByTag(string $tag): int;

    public function flushByTags(array $tags): int;

    public function collectGarbage(): void;

    public function isValidEntryIdentifier(string $identifier): bool;

    public function isValidTag(string $tag): bool;
}

/**
 * What every frontend shares: identifier, backend, removal, flushes and validation.
 * Frontends (and subclasses) refuse serialize(): their state is native and bound to a backend.
 *
 * @not-serializable
 */
abstract class AbstractFrontend implements FrontendInterface
{
    public function __construct(string $identifier, \TagCache\Backend\BackendInterface $backend) {}

    public function getIdentifier(): string {}

    public function getBackend(): \TagCache\Backend\BackendInterface {}

    public function has(string $entryIdentifier): bool {}

    public function remove(string $entryIdentifier): bool {}

    public function flush(): void {}

    public function flushByTag(string $tag): int {}

    public function flushByTags(array $tags): int {}

    public function collectGarbage(): void {}

    public function isValidEntryIdentifier(string $identifier): bool {}

    public function isValidTag(string $tag): bool {}

    public function ticket(): int {}

    /**
     * The entry, or the value of $compute($entryIdentifier, &$tags, &$lifetime, &$save) stored
     * with $tags and $lifetime as the callback left them (unless it set $save = false), computed
     * by one worker at a time: others asking for the same missing entry wait for it (up to
     * option "lockTimeoutMs", default 10000, then compute themselves) and read its value.
     * $beta: early recomputation of hits (XFetch; 0 never, INF always, null = 1.0).
     * Options: lockTimeoutMs, lockTtlMs (how long the lock outlives a computing worker that
     * died where the backend cannot notice it: Redis, or shared memory across pid namespaces;
     * default 30000), staleWhileRevalidate (VariableFrontend only: seconds past $lifetime a
     * value is still served while one worker recomputes it; default 0).
     */
    public function getOrCompute(string $entryIdentifier, callable $compute, array $tags = [], ?int $lifetime = null, ?float $beta = null, array $options = []): mixed {}
}

/**
 * Any PHP value, serialized. Every stored payload starts with a format marker, so a reader
 * never guesses which serializer wrote it.
 */
class VariableFrontend extends AbstractFrontend
{
    /**
     * Options: "serializer" ("php" or "igbinary"; default php, igbinary only when asked for)
     * and "allowedClasses" (true, false or a list of class names, as
     * unserialize()'s allowed_classes; default true).
     */
    public function __construct(string $identifier, \TagCache\Backend\BackendInterface $backend, array $options = []) {}

    public function set(string $entryIdentifier, mixed $data, array $tags = [], ?int $lifetime = null, ?int $ticket = null): bool {}

    public function get(string $entryIdentifier, mixed &$ticket = null): mixed {}

    public function getByTag(string $tag): array {}
}

/** Strings only, stored as they are. */
class StringFrontend extends AbstractFrontend
{
    public function set(string $entryIdentifier, mixed $data, array $tags = [], ?int $lifetime = null, ?int $ticket = null): bool {}

    public function get(string $entryIdentifier, mixed &$ticket = null): string|false {}

    public function getByTag(string $tag): array {}
}

/**
 * PHP source code (without the opening tag). With the file backends an entry is a real PHP
 * file, included by requireOnce() through the engine, so OPcache caches it.
 */
class PhpFrontend extends StringFrontend
{
    public function set(string $entryIdentifier, mixed $data, array $tags = [], ?int $lifetime = null, ?int $ticket = null): bool {}

    /** false when there is no such entry; then $ticket (when given) receives a write ticket. */
    public function requireOnce(string $entryIdentifier, mixed &$ticket = null): mixed {}
}
