<?php
// A PSR-3 logger that keeps what it is given, so a test can read what the bundle logged
// (emptied at kernel.reset, with the request).

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Http\App;

use Psr\Log\AbstractLogger;
use Symfony\Contracts\Service\ResetInterface;

final class RecordingLogger extends AbstractLogger implements ResetInterface
{
    /** @var list<array{level: string, message: string, context: array<string, mixed>}> */
    public array $records = [];

    public function log($level, \Stringable|string $message, array $context = []): void
    {
        $this->records[] = ['level' => (string)$level, 'message' => (string)$message, 'context' => $context];
    }

    public function reset(): void
    {
        $this->records = [];
    }
}
