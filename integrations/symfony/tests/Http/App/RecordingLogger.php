<?php
// A PSR-3 logger that keeps what it is given, so a test can read what the bundle logged.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Http\App;

use Psr\Log\AbstractLogger;

final class RecordingLogger extends AbstractLogger
{
    /** @var list<array{level: string, message: string, context: array<string, mixed>}> */
    public array $records = [];

    public function log($level, \Stringable|string $message, array $context = []): void
    {
        $this->records[] = ['level' => (string)$level, 'message' => (string)$message, 'context' => $context];
    }
}
