<?php

/**
 * ESI: pages with fragment placeholders, assembled by a proxy (Varnish) or by EsiProcessor
 * from fragments cached with their own tags and lifetimes.
 * @generate-class-entries
 */

namespace TagCache\Page;

/** Malformed ESI markup (with its byte offset), or an include that failed without onerror="continue". */
class EsiException extends \RuntimeException implements \TagCache\Exception {}

/**
 * Assembles pages from fragments. Each <esi:include src="..."/> is read from the fragment
 * cache (entry "esi_" . sha1(src)) or rendered by the callback and stored there; fragments
 * are ordinary entries of that cache, so flushByTag() clears them.
 * Options: maxDepth (fragments within fragments, 1..32, default 5), maxIncludes (per page,
 * all levels, 1..100000, default 1000), maxFragmentSize (bytes, default 1048576: a larger
 * rendered fragment counts as failed).
 * @not-serializable
 */
final class EsiProcessor
{
    /**
     * The value of the Surrogate-Control response header that asks a proxy for ESI.
     * @var string
     */
    public const SURROGATE_CONTROL = 'content="ESI/1.0"';

    public function __construct(?\TagCache\Frontend\FrontendInterface $fragments = null, array $options = []) {}

    /**
     * The page with every include replaced by its fragment. $render(string $src) returns the
     * fragment (string), or ['content' => string, 'tags' => string[], 'lifetime' => ?int], or
     * false (failed: alt is tried, then onerror decides). Markup errors and failed includes
     * without onerror="continue" throw EsiException (previous: the callback's exception).
     */
    public function process(string $page, callable $render): string {}

    /** An escaped <esi:include/> tag for templates. */
    public static function include(string $src, ?string $alt = null, bool $continueOnError = false): string {}

    /** "Surrogate-Control: content=\"ESI/1.0\"", for header(). */
    public static function surrogateControlHeader(): string {}

    /**
     * Whether the proxy in front announced ESI (Surrogate-Capability containing "ESI/1.0");
     * null reads $_SERVER['HTTP_SURROGATE_CAPABILITY'].
     */
    public static function isSurrogateCapable(?string $surrogateCapability = null): bool {}

    /** The fragment cache's entry identifier for src. */
    public static function fragmentIdentifier(string $src): string {}
}
