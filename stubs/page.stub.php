<?php

/**
 * The page cache: whole responses stored by request, served before the application boots.
 *
 * @generate-class-entries
 */

namespace TagCache\Page;

/**
 * Call serve() at the very top of a front controller: on a fresh hit it sends the stored
 * status, headers and body and returns true (the caller exits); otherwise the application runs
 * and its response is stored at the end of the request, with the tags the page collected
 * (addTags() and the bound ResponseTagger) and its lifetime.
 *
 * The key covers method, scheme, host, path, the query (pairs sorted, ignored parameters
 * dropped), form POST arguments (option cachePost), locale, device class and the user variant:
 * not user-based, one session's (keyed by an HMAC of the session id), or a visitor without a
 * session. A page is user-based when its path is protected (option protectedPaths) or when
 * markUserBased() is called while it renders; the page's shared entry then only says so, and
 * each user gets an entry of their own.
 *
 * Stored only: a status of option statusCodes, no Set-Cookie, no Cache-Control no-store or
 * no-cache, no max-age=0, a Vary naming only what the key covers (Accept-Encoding; Cookie on
 * user-based pages; User-Agent with a device classifier; Accept-Language with a locale
 * callable). Cache-Control private is stored for user-based pages of a session only, in that
 * session's entry. Never stored: Set-Cookie and the per-user headers (WWW-Authenticate,
 * Authentication-Info, Clear-Site-Data, ...) plus option storeHeadersDeny. Requests with
 * credentials (Authorization) bypass the cache.
 *
 * Storage: a frontend (register it in a CacheManager and flushCachesByTag() reaches the pages),
 * a taggable backend (wrapped in a StringFrontend "tagcache_page"), or null: a FileBackend
 * under option cacheDirectory (default: the system temp folder).
 *
 * Options: cacheDirectory, defaultLifetime (seconds, 0 = unlimited; default 3600),
 * ignoredParameters (name globs; default ["utm_*", "fbclid", "gclid"]), cachePost (bool),
 * locale (callable(): string), device (callable(): string; false: not in the key; default:
 * "mobile" or "desktop" from the User-Agent), sessionName (default "PHPSESSID"), secret (at
 * least 16 bytes; the HMAC key of user variants; default: a random one kept in the storage),
 * storeHeadersDeny (header names), statusCodes (ints; default 200, 203, 204, 300, 301, 308,
 * 404, 410), protectedPaths (path globs), tagger (a TagCache\Http\ResponseTagger), etag (bool,
 * default true: a response without ETag gets one from its body), statusHeader (a header name
 * that tells HIT or MISS; default none).
 *
 * @strict-properties
 * @not-serializable
 */
final class PageCache
{
    public function __construct(\TagCache\Frontend\FrontendInterface|\TagCache\Backend\BackendInterface|null $storage = null, array $options = []) {}

    /** true: a stored response was sent (a 304 when the request's validators match). */
    public function serve(): bool {}

    /** "HIT", "MISS" (capturing), "BYPASS" (not cacheable), or "" before serve(). */
    public function getStatus(): string {}

    /** The storage identifier of this request's entry: the shared one, or the user variant's. */
    public function getKey(bool $userBased = false): string {}

    /** The URL this request's entry answers (as getUrlsByTag() lists it). */
    public function getUrl(): string {}

    public function addTags(array $tags): static {}

    /** Seconds this page stays fresh (0 = unlimited); wins over Cache-Control. */
    public function setLifetime(int $lifetime): static {}

    /** This page renders per user: stored in the session's (or the visitor's) own entry. */
    public function markUserBased(): static {}

    /** This response is not stored. */
    public function doNotCache(): static {}

    public function getStorage(): \TagCache\Frontend\FrontendInterface {}

    /** Removes every page (not the other entries of a shared storage). */
    public function flush(): void {}

    public function flushByTag(string $tag): int {}

    public function flushByTags(array $tags): int {}

    /** Removes one page with all its variants (methods, locales, devices, users). */
    public function flushUrl(string $url): int {}

    /** Removes the user-based pages stored for one session. */
    public function flushUser(string $sessionId): int {}

    /** Removes the entries without a body (redirects, 204s). */
    public function flushHeadersOnly(): int {}

    /** The URLs of the pages carrying $tag, each once: what to purge on a proxy without tags. */
    public function getUrlsByTag(string $tag): array {}

    /** flushByTag(), returning the URLs of the pages it removed (for TagCache\Http\NginxClient). */
    public function flushByTagReturningUrls(string $tag): array {}
}
