<?php
// Validation of PSR keys and tags, shared by the PSR-6 pool, its items and the PSR-16 cache.
//
// PSR-6 and PSR-16 define a key as a non-empty string without any of {}()/\@: and require every
// other string (at least 64 characters of A-Z a-z 0-9 _ .) to be accepted; tag-interop gives tags
// the same rules. Only these rules reject anything: KeyCodec maps every accepted string to a
// tagcache identifier, so no valid key or tag is ever refused because of tagcache's own alphabet.

declare(strict_types=1);

namespace TagCache\Psr;

/** @internal */
final class Keys
{
    public const RESERVED = '{}()/\\@:';

    /** $key itself when it is a valid PSR key; else the PSR exception naming it and the rule. */
    public static function key(mixed $key): string
    {
        return self::check($key, 'Cache key');
    }

    public static function tag(mixed $tag): string
    {
        return self::check($tag, 'Cache tag');
    }

    /**
     * Every element of $keys validated, in order, before the caller touches the store.
     *
     * @return list<string>
     */
    public static function keys(iterable $keys): array
    {
        $out = [];
        foreach ($keys as $key) {
            $out[] = self::key($key);
        }
        return $out;
    }

    private static function check(mixed $value, string $what): string
    {
        if (!\is_string($value)) {
            throw new InvalidArgumentException(\sprintf(
                '%s of type %s is invalid: it must be a non-empty string',
                $what,
                get_debug_type($value),
            ));
        }
        if ($value === '' || strpbrk($value, self::RESERVED) !== false) {
            throw new InvalidArgumentException(\sprintf(
                '%s "%s" is invalid: it must be a non-empty string without any of the reserved characters %s',
                $what,
                self::printable($value),
                self::RESERVED,
            ));
        }
        return $value;
    }

    /** $value for a message: control bytes escaped, long values shortened. */
    private static function printable(string $value): string
    {
        return addcslashes(\strlen($value) > 200 ? substr($value, 0, 200) . '...' : $value, "\0..\37\177");
    }
}
