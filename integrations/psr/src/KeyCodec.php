<?php
// Maps any PSR key or tag to a tagcache identifier (/^[a-zA-Z0-9_%\-&]{1,250}$/) and back.
//
// Every byte outside [a-zA-Z0-9_-] becomes %XX (upper-case hex), so '%' and '&' are always
// escaped and the mapping is reversible and collision-free. An encoding longer than 250 bytes
// (only keys beyond PSR's 64-character minimum get there) becomes '&' followed by the SHA-256 of
// the key: no escaped form ever contains a bare '&', so the two forms never meet. Such keys cannot
// be decoded; decode() returns null for them.

declare(strict_types=1);

namespace TagCache\Psr;

final class KeyCodec
{
    public const MAX_LENGTH = 250;

    public static function encode(string $key): string
    {
        $encoded = preg_replace_callback(
            '/[^a-zA-Z0-9_\-]/',
            static fn (array $m): string => \sprintf('%%%02X', \ord($m[0])),
            $key,
        );
        if ($encoded === '' || \strlen($encoded) > self::MAX_LENGTH) {
            return '&' . hash('sha256', $key);
        }
        return $encoded;
    }

    /** The key an identifier made by encode() stands for; null for a hashed one. */
    public static function decode(string $identifier): ?string
    {
        if ($identifier === '' || $identifier[0] === '&') {
            return null;
        }
        return rawurldecode($identifier);
    }
}
