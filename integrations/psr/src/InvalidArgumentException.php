<?php
// The one exception the PSR adapters throw themselves: a key, tag, lifetime or option that breaks
// a rule. It is what PSR-6, PSR-16 and tag-interop callers catch (tag-interop declares none of its
// own: it throws PSR-6's) and, like every tagcache exception, an \InvalidArgumentException.

declare(strict_types=1);

namespace TagCache\Psr;

final class InvalidArgumentException extends \InvalidArgumentException implements
    \Psr\Cache\InvalidArgumentException,
    \Psr\SimpleCache\InvalidArgumentException
{
}
