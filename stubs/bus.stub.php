<?php

/**
 * The fleet bus: clears published once to a Redis stream and applied by every node (a server
 * × an application), each with its own consumer group, so every node sees every clear.
 * @generate-class-entries
 */

namespace TagCache\Bus;

/** Publishing or reading failed (Redis unreachable, an error reply, a refused write). */
class BusException extends \RuntimeException implements \TagCache\Exception {}

/**
 * Publishes clears. Options:
 * hostname ("127.0.0.1"), port (6379), password (null), database (0),
 * timeout (seconds for connect and each reply, 2.0),
 * stream (the stream's key, "tagcache:bus"; the outboxes use keys under "<stream>:"),
 * application (the name messages carry as their source, ""),
 * maxLength (the stream's hard cap in entries, 100000, at least 100): entries beyond it are
 * trimmed even when a node has not read them; that node then sees a gap,
 * defer ("none": each clear is published at once; "request": clears wait until publish() or
 * until the bus is released, at the latest at the end of the request),
 * onFailure ("throw": a failed publish raises BusException and the clears stay pending; a bus
 * released with clears it cannot publish, where nothing can be thrown, keeps them as "keep" does
 * and warns;
 * "keep": they are written to keepDirectory and published, in order, before the next
 * publish of any bus using that directory and stream; countKept() counts them, and a running
 * tagcache bus:worker of that bus publishes them once Redis answers),
 * keepDirectory (sys_get_temp_dir()/tagcache-bus-<uid>).
 * Identical clears waiting together are published once; tag, location and URL clears of one
 * kind and target are merged into one. All clears waiting are published as one stream entry
 * in one round trip.
 * @not-serializable
 */
final class Bus
{
    public function __construct(array $options = []) {}

    /** Every cache of every node the message reaches; persistent caches too when asked. */
    public function flushAll(bool $flushPersistent = false): void {}

    public function flushCache(string $cacheIdentifier): void {}

    /**
     * Caches (one, or all that the message reaches) and the proxies' pages with these tags;
     * without a cache identifier, persistent caches only when $flushPersistent says so, as
     * CacheManager::flushCachesByTags() does.
     */
    public function flushByTags(array $tags, ?string $cacheIdentifier = null, bool $flushPersistent = false): void {}

    public function remove(string $cacheIdentifier, string $entryIdentifier): void {}

    /** Proxies only: invalidateTags(). */
    public function purgeTags(array $tags): void {}

    /** Proxies only: invalidateLocations(). */
    public function purgeLocations(array $locationIds): void {}

    /** Proxies only: PURGE of each URL. */
    public function purgeUrls(array $urls): void {}

    /** Proxies only: banPath(). */
    public function banPath(string $pathRegex, ?string $contentType = null, array $hosts = []): void {}

    /** Clears from here to commit() wait, whatever the defer option; nested calls nest. */
    public function beginTransaction(): void {}

    /** Ends the outermost transaction: its clears are published (or wait, with defer "request"). Returns how many clears it held. */
    public function commit(): int {}

    /** Drops the clears of the outermost transaction; returns how many were dropped. */
    public function rollBack(): int {}

    public function inTransaction(): bool {}

    /** Publishes every clear waiting outside a transaction (and kept ones first); returns how many clears were published. */
    public function publish(): int {}

    /**
     * How many clears wait in keepDirectory (kept while Redis was unreachable: onFailure
     * "keep", or a bus released with clears it could not publish); read from the directory
     * alone, so it answers with Redis down too.
     */
    public function countKept(): int {}

    /** The clears waiting, as messages (see Node::decode()). */
    public function getPending(): array {}

    /**
     * stream: length, firstId, lastId, maxDeletedId; nodes: name => [lag, pending,
     * lastDeliveredId, gap]; outbox: proxy => [size, oldestAge (seconds), attempts,
     * nextRetry (unix time), dropped]; kept: clears waiting in keepDirectory.
     */
    public function getStatus(): array {}

    /** Trims entries every node has applied; returns how many were removed. */
    public function trim(): int {}

    public function getOptions(): array {}
}

/**
 * One node applying the bus's clears to its local caches and, when given proxies, to them.
 * Options: sources (application => list of cache identifiers or ["*"]; default: the bus's own
 * application => ["*"]): which applications' messages reach which caches of $manager;
 * batchSize (messages read at once, 100); proxyOptions (VarnishClient options);
 * retryDelay (seconds before a proxy's outbox is tried again, doubled per failure, 1.0),
 * maxRetryDelay (60.0), maxAge (seconds a purge may wait in an outbox; older ones are
 * dropped, counted and reported, 86400); gapBan (true: after a gap the node also bans every
 * page on its proxies, banPath(".*") sent or outboxed like any purge, since the purges the
 * lost entries held are unknown; false leaves the proxies untouched).
 * @not-serializable
 */
final class Node
{
    /** $name: [A-Za-z0-9_.:-]{1,64}, unique per server × application. $proxies: "host:port" list. */
    public function __construct(Bus $bus, string $name, ?\TagCache\CacheManager $manager = null, array $proxies = [], array $options = []) {}

    public function getName(): string {}

    /**
     * Registers the node's consumer group when missing (starting at the stream's end), checks
     * for a gap (entries trimmed before the node read them: flushes every cache the sources
     * reach, then resumes), re-reads its own unacknowledged messages, then applies new ones,
     * waiting at most $timeout seconds for one; retries the outboxes that are due. Returns how
     * many messages were applied.
     */
    public function poll(float $timeout = 0.0): int {}

    /** Retries the outboxes now, due or not; returns how many purges were delivered. */
    public function retryOutbox(): int {}

    /** applied, gaps, gapFlushes, gapBans, redelivered, purgesSent, purgesOutboxed, purgesDelivered, purgesDropped, errors. */
    public function getStats(): array {}

    /** One stored message payload to its messages (the format getPending() returns). */
    public static function decode(string $payload): array {}
}
