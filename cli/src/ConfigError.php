<?php
/* A missing or invalid configuration file: exit code 2; the message names the file, key and rule. */
declare(strict_types=1);

namespace TagCache\Cli;

final class ConfigError extends UsageError
{
    public static function at(string $file, string $key, string $rule): self
    {
        return new self("configuration $file: key \"$key\" $rule");
    }
}
