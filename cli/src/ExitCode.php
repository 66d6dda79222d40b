<?php
/* The exit codes of the tagcache command, the contract scripts rely on (cli/README.md). */
declare(strict_types=1);

namespace TagCache\Cli;

final class ExitCode
{
    /** Everything asked was done. */
    public const OK = 0;
    /** The operation failed (Redis down, every proxy failed, a cache threw). */
    public const FAILED = 1;
    /** Bad command line or configuration: nothing was attempted. */
    public const USAGE = 2;
    /** Partly done: some proxies, caches or warmers failed, the others succeeded. */
    public const PARTIAL = 3;
}
