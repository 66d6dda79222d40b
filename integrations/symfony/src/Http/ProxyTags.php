<?php
// The one mapping from the tags an application gives its cache pools to the tags the bundle hands
// to the HTTP side (the response tag header, and what clear listeners purge). Symfony allows tags
// the proxy side refuses (commas, whitespace, NUL, any length): a tag that follows the tag rule of
// tagcache's ResponseTagger / VarnishClient and is at most 250 bytes long goes unchanged; any other
// is encoded with TagCache\Psr\KeyCodec, as the pools store it (header-safe, at most 250 bytes).
// The bound is fixed, not the configured header length, so a clear listener computes the same tag
// without the configuration.

declare(strict_types=1);

namespace TagCache\Symfony\Http;

use TagCache\Psr\KeyCodec;

final class ProxyTags
{
    /** Longest tag passed unchanged (KeyCodec's bound: an encoded tag is never longer). */
    public const MAX_LENGTH = KeyCodec::MAX_LENGTH;

    /** The proxy tag of an application tag (as a clear listener gives it to addTagToClear()). */
    public static function of(string $tag): string
    {
        // commas, whitespace (blank, tab, CR, LF, VT, FF) and NUL: what the tag rule refuses
        if ($tag === '' || \strlen($tag) > self::MAX_LENGTH || strpbrk($tag, ", \t\r\n\v\f\0") !== false) {
            return KeyCodec::encode($tag);
        }
        return $tag;
    }

    /**
     * @param iterable<string> $tags
     * @return list<string> the proxy tags, in order, duplicates removed
     */
    public static function map(iterable $tags): array
    {
        $out = [];
        foreach ($tags as $tag) {
            $out[] = self::of((string) $tag);
        }
        return array_values(array_unique($out));
    }
}
