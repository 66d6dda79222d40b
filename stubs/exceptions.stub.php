<?php

/**
 * Exceptions of tagcache. Every exception thrown by the extension implements TagCache\Exception,
 * so one catch covers them all, and extends the SPL class Flow and PSR users catch: a bad value
 * is an \InvalidArgumentException, a failing store a \RuntimeException. Each class carries a
 * stable code (README, "Exceptions and codes").
 *
 * @generate-class-entries
 */

namespace TagCache;

/** Marker of every tagcache exception: catch (\TagCache\Exception $e) gets them all. */
interface Exception extends \Throwable {}

/** A value broke a rule (identifier, tag, lifetime, option): the message names the value and the rule. */
class InvalidArgumentException extends \InvalidArgumentException implements Exception {}

/** CacheManager::getCache() for an identifier that is neither configured nor registered. */
class NoSuchCacheException extends \OutOfBoundsException implements Exception {}

/** A cache with this identifier is already registered. */
class DuplicateIdentifierException extends \LogicException implements Exception {}

/** The data does not fit the frontend (a non-string for StringFrontend, an unserializable value). */
class InvalidDataException extends \InvalidArgumentException implements Exception {}

/** The backend cannot do what was asked (tags on a backend without tags, requireOnce without PHP entries). */
class NotSupportedByBackendException extends \LogicException implements Exception {}

/** The store failed: file system or connection errors. The message names the path or address and the cause. */
class BackendException extends \RuntimeException implements Exception {}

/** A write to a frozen cache, or freeze() of a cache that is frozen already. flush() thaws it. */
class FrozenCacheException extends BackendException {}

/**
 * A CacheManager flush (flushCaches(), flushCachesByTag(s)(), collectGarbage()) failed for at
 * least one cache. Every other cache was still reached: one failing cache never leaves the
 * caches after it stale. The message names each failed cache and what it threw; getPrevious()
 * is the first failure.
 */
class CacheFlushException extends BackendException
{
    private array $failures = [];

    /** Cache identifier => the \Throwable that cache threw, in the order the caches were flushed. */
    public function getFailures(): array {}
}
