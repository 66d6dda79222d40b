<?php
/* An operation that failed wholly (exit 1) or partly (exit 3); the details go into --json output. */
declare(strict_types=1);

namespace TagCache\Cli;

final class Failure extends \RuntimeException
{
    /** @param array<string, mixed> $details */
    public function __construct(string $message, public readonly int $exitCode = ExitCode::FAILED, public readonly array $details = [], ?\Throwable $previous = null)
    {
        parent::__construct($message, 0, $previous);
    }
}
