<?php

/**
 * Smart HTTP cache clearing: listeners written in PHP collect what a content change touches,
 * a purger turns it into proxy requests, and VarnishClient sends them to every proxy at once.
 *
 * @generate-class-entries
 */

namespace TagCache\Http;

/** Symfony-style subscriber: getSubscribedEvents() maps event names to a method name,
 * [method, priority] or a list of those. */
interface EventSubscriberInterface
{
    public static function getSubscribedEvents(): array;
}

/**
 * An event whose propagation a listener can stop. Its state lives in the object, not in
 * properties; clone copies it.
 *
 * @not-serializable
 */
class Event
{
    public function stopPropagation(): void {}

    public function isPropagationStopped(): bool {}
}

/**
 * Dispatched when content changed; listeners add the locations and tags whose cached pages must
 * go. Duplicates collapse. Location ids are kept as strings (5 and "5" are one id).
 *
 * @strict-properties
 * @not-serializable
 */
class ContentCacheClearEvent extends Event
{
    /** @var string */
    public const NAME = 'tagcache.content_cache_clear';

    public function __construct(mixed $content = null) {}

    public function getContent(): mixed {}

    public function setContent(mixed $content): void {}

    public function addLocationToClear(string|int $locationId): void {}

    public function addLocationsToClear(array $locationIds): void {}

    public function getLocationsToClear(): array {}

    public function setLocationsToClear(array $locationIds): void {}

    public function addTagToClear(string $tag): void {}

    public function addTagsToClear(array $tags): void {}

    public function getTagsToClear(): array {}

    public function setTagsToClear(array $tags): void {}
}

/**
 * Listeners run by priority, higher first; equal priorities in the order they were added.
 * A clone has its own copy of the listener lists.
 *
 * @not-serializable
 */
final class EventDispatcher
{
    public function addListener(string $eventName, callable $listener, int $priority = 0): void {}

    public function removeListener(string $eventName, callable $listener): void {}

    public function addSubscriber(EventSubscriberInterface $subscriber): void {}

    public function hasListeners(?string $eventName = null): bool {}

    /** Sorted by priority; without an event name, every event's listeners keyed by name. */
    public function getListeners(?string $eventName = null): array {}

    /** Runs the listeners of $eventName (default: the event's class name) until one stops propagation. */
    public function dispatch(object $event, ?string $eventName = null): object {}
}

/**
 * A ready listener for one relation of the changed content. Its callable gets the content and
 * returns the location ids to clear (an iterable of strings or ints).
 *
 * @not-serializable
 */
abstract class AbstractRelationListener implements EventSubscriberInterface
{
    public function __construct(callable $lookup) {}

    public static function getSubscribedEvents(): array {}

    /** Takes the dispatcher's (event, event name, dispatcher) call; only the event is used. */
    public function onContentCacheClear(ContentCacheClearEvent $event, ?string $eventName = null, ?object $dispatcher = null): void {}

    public function __invoke(ContentCacheClearEvent $event, ?string $eventName = null, ?object $dispatcher = null): void {}
}

/** The content's own locations. */
final class OwnLocationsListener extends AbstractRelationListener {}

/** The parent locations of the content's locations. */
final class ParentLocationsListener extends AbstractRelationListener {}

/** The locations of content the changed content relates to. */
final class RelatedLocationsListener extends AbstractRelationListener {}

/** The locations of content that relates to the changed content. */
final class ReverseRelatedLocationsListener extends AbstractRelationListener {}

/** At least one invalidation request failed; getFailures() lists every (request, proxy, reason). */
class PurgeException extends \RuntimeException implements \TagCache\Exception
{
    private array $failures = [];

    /** Each failure: request, proxy, kind ("unreachable", "bad_response", "timeout"), status, reason. */
    public function getFailures(): array {}
}

/**
 * Varnish proxies, all purged at once. Options: host (Host header), tagMode ("ban" or "xkey"),
 * softPurge (xkey), tagsHeader ("X-Cache-Tags"), headerLength (bytes, 7500), connectTimeout
 * (seconds, 1.0), timeout (seconds, 5.0), maxConnections (64), secondSendDelay (seconds, 2.0;
 * 0 = off): every request sent successfully is sent again to the same proxy this much later,
 * so a page whose origin fetch raced the invalidation is removed too (identical requests are
 * coalesced; see integrations/varnish/README.md). Second sends still pending when the client
 * is destroyed are sent by a detached process (synchronously in threaded builds).
 *
 * @not-serializable
 */
final class VarnishClient
{
    /** Proxies as "host:port", "[::1]:port" or "http://host:port". */
    public function __construct(array $proxies, array $options = []) {}

    public function ban(array $headers): static {}

    public function banPath(string $pathRegex, ?string $contentType = null, array $hosts = []): static {}

    public function purge(string $url): static {}

    public function refresh(string $url): static {}

    public function invalidateTags(array $tags): static {}

    public function invalidateLocations(array $locationIds): static {}

    /** Requests queued and not sent yet. */
    public function getQueueSize(): int {}

    /** Bytes the queued requests take on the wire to one proxy (request line and headers). */
    public function getQueuedBytes(): int {}

    /**
     * Sends every queued request to every proxy in parallel and returns how many requests were
     * sent (per proxy). Failures raise one PurgeException listing all of them; with
     * $keepFailed the failed requests stay queued for the next flush(). Second sends that are
     * due go out too (not counted; their failures are in the same exception and stay queued).
     */
    public function flush(bool $keepFailed = false): int {}

    /**
     * Sends the second sends that are due; with $wait, waits for the others and sends them as
     * they come due, until none is pending. Returns how many (request, proxy) second sends were
     * sent. A failure raises PurgeException (failures marked "delayed") and stays queued.
     */
    public function flushDelayed(bool $wait = true): int {}

    /** Second sends pending, one per (request, proxy). */
    public function getDelayedCount(): int {}
}

/**
 * nginx proxies with the cache purge module (ngx_cache_purge; Debian:
 * libnginx-mod-http-cache-purge), all purged at once; integrations/nginx/ ships the matching
 * configuration. nginx knows a cached page by its key only: it has no tags, bans or locations,
 * so invalidateTags() refuses, and a tag's pages are cleared by purging their URLs.
 * Options: purgeMethod ("PURGE": "PURGE /path"), purgeLocation (null; "/purge" sends
 * "GET /purge/path" instead, the module's separate-location style), refreshHeader
 * ("X-Tagcache-Refresh": the header, value "1", that makes the configuration bypass and replace
 * the cached copy), host (Host header; default: the URL's host, else the proxy's address),
 * connectTimeout (seconds, 1.0), timeout (seconds, 5.0), maxConnections (64).
 *
 * @not-serializable
 */
final class NginxClient
{
    /** Proxies as "host:port", "[::1]:port" or "http://host:port". */
    public function __construct(array $proxies, array $options = []) {}

    /**
     * Queues a purge of one page: a path ("/a?b") or an http:// or https:// URL, whose host is
     * sent as the Host header (nginx keys pages by host and path, so both schemes purge the same
     * page). A purge of a page nginx has not cached (404 from the module) counts as done.
     */
    public function purge(string $url): static {}

    /** Queues a refresh: a GET with the refresh header, so nginx fetches the page anew and stores it. */
    public function refresh(string $url): static {}

    /**
     * Always throws NotSupportedByBackendException: nginx has no tag invalidation. Purge the
     * URLs of the pages the tags touched with purge() instead.
     */
    public function invalidateTags(array $tags): static {}

    /** Requests queued and not sent yet. */
    public function getQueueSize(): int {}

    /**
     * Sends every queued request to every proxy in parallel (the sender of VarnishClient) and
     * returns how many requests were sent (per proxy). Failures raise one PurgeException
     * listing all of them; with $keepFailed the failed requests stay queued for the next flush().
     */
    public function flush(bool $keepFailed = false): int {}
}

/**
 * Collects what changed and sends the invalidations. Options: keepFailed (bool, false): failed
 * requests stay queued for the next flush() instead of being dropped; secondSendDelay (seconds):
 * sets the client's delay of second sends (see VarnishClient). Cannot be cloned: a
 * clone would share the client's queue.
 *
 * @not-serializable
 */
final class Purger
{
    public function __construct(VarnishClient $client, ?EventDispatcher $dispatcher = null, array $options = []) {}

    /** Dispatches ContentCacheClearEvent::NAME and queues what the listeners collected. */
    public function purgeForContent(mixed $content): ContentCacheClearEvent {}

    public function purgeLocations(array $locationIds): void {}

    public function purgeTags(array $tags): void {}

    /** Bans every cached page. */
    public function purgeAll(): void {}

    public function getDispatcher(): EventDispatcher {}

    public function getClient(): VarnishClient {}

    /** Sends everything queued; returns the number of requests sent. */
    public function flush(): int {}

    /** The client's flushDelayed(). */
    public function flushDelayed(bool $wait = true): int {}

    /** The client's getDelayedCount(). */
    public function getDelayedCount(): int {}
}

/**
 * Collects the tags a page was built from and renders the tag header, split over several
 * header lines when it grows past headerLength. Options: headerName ("X-Cache-Tags"),
 * headerLength (bytes of one "Name: value" line, 7500; every header below is split by it too),
 * cacheGroups (false; true: also a Cache-Groups header, RFC 9875, listing each tag as a quoted
 * Structured Fields string, e.g. Cache-Groups: "post-1", "user-\\5"; a tag with a byte outside
 * printable ASCII cannot be such a string and is then refused), surrogateKey (false; true: also
 * Surrogate-Key: post-1 user-5, space-separated, as Fastly and others read it; every tag fits,
 * since tags never hold whitespace), guard (a tagcache cache, or native
 * backend, whose backend keeps write tickets: the tagger takes a ticket when constructed and on
 * clear(), and isStale() tells whether one of its tags, or the whole cache, was flushed since),
 * staleHeader ("X-Tagcache-Stale": the header getHeaders() adds to a stale page, which the
 * shipped VCL does not cache). A clone has its own copy of the tags and shares the ticket.
 *
 * @not-serializable
 */
final class ResponseTagger
{
    public function __construct(array $options = []) {}

    public function addTags(array $tags): static {}

    public function hasTags(): bool {}

    public function getTags(): array {}

    public function getTagsHeaderName(): string {}

    /** All tags, comma-separated, on one line. */
    public function getTagsHeaderValue(): string {}

    /** Header values, each "Name: value" line within headerLength. */
    public function getTagsHeaderValues(): array {}

    /** Whether the guard saw one of the tags (or the whole cache) flushed since the ticket; false without a guard. */
    public function isStale(): bool {}

    /**
     * Every header line to send ("Name: value"): the tag header lines, the Cache-Groups and
     * Surrogate-Key lines when enabled, and the stale header when isStale().
     */
    public function getHeaders(): array {}

    public function getStaleHeaderName(): string {}

    /** Forgets the tags; with a guard, takes a new ticket (a new page starts). */
    public function clear(): void {}
}
