<?php

/**
 * Exceptions of tagcache. Every exception thrown by the extension is a TagCache\Exception,
 * so one catch covers them all.
 *
 * @generate-class-entries
 */

namespace TagCache;

/** Base of every tagcache exception. */
class Exception extends \Exception {}

/** A value broke a rule: the message names the value and the rule. */
class InvalidArgumentException extends Exception {}

/** CacheManager::getCache() for an identifier that is neither configured nor registered. */
class NoSuchCacheException extends Exception {}

/** A cache with this identifier is already registered. */
class DuplicateIdentifierException extends Exception {}

/** The data does not fit the frontend (a non-string for StringFrontend, an unserializable value). */
class InvalidDataException extends Exception {}

/** The backend cannot do what was asked (tags on a backend without tags, requireOnce without PHP entries). */
class NotSupportedByBackendException extends Exception {}

/** The store failed: file system or connection errors. The message names the path or address and the cause. */
class BackendException extends Exception {}

/** A write to a frozen cache. flush() thaws it. */
class FrozenCacheException extends BackendException {}
