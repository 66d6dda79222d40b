<?php
// What happened during one request, for the data collector: cache reads (hits, misses) and
// saves reported by the cache observer, the tags sent on the response, the content changes
// dispatched and what their listeners collected, and the outcome of the purge flush.
// Emptied at kernel.reset, so a worker serving several requests reports each on its own.

declare(strict_types=1);

namespace TagCache\Symfony\Http;

use Symfony\Contracts\Service\ResetInterface;
use TagCache\Http\ContentCacheClearEvent;

final class RequestLog implements ResetInterface
{
    /** Runs after every clear listener, so it records the final lists the Purger queues. */
    public const LISTENER_PRIORITY = -1000000;

    /** Reads and saves kept in detail; the counters go on past it. */
    private const DETAIL_LIMIT = 500;

    public int $reads = 0;
    public int $hits = 0;
    public int $misses = 0;
    public int $saves = 0;
    /** @var list<array{cache: string, key: string, kind: string, tags: list<string>}> */
    public array $operations = [];
    /** @var list<string> */
    public array $responseTags = [];
    /** @var list<array{tags: list<string>, locations: list<string>}> */
    public array $contentChanges = [];
    /** @var list<array{queued: int, sent: ?int, failures: list<array<string, mixed>>, kept: int}> */
    public array $flushes = [];

    public function onRead(string $cache, string $key, bool $hit, array $tags): void
    {
        ++$this->reads;
        $hit ? ++$this->hits : ++$this->misses;
        $this->keep(['cache' => $cache, 'key' => $key, 'kind' => $hit ? 'hit' : 'miss', 'tags' => $tags]);
    }

    public function onSave(string $cache, string $key, array $tags): void
    {
        ++$this->saves;
        $this->keep(['cache' => $cache, 'key' => $key, 'kind' => 'save', 'tags' => $tags]);
    }

    public function onContentCacheClear(ContentCacheClearEvent $event): void
    {
        $this->contentChanges[] = [
            'tags' => array_values($event->getTagsToClear()),
            'locations' => array_values(array_map('strval', $event->getLocationsToClear())),
        ];
    }

    /**
     * @param ?int $sent requests sent (per proxy); null when the flush failed (the extension
     *                   reports the failures, not the count)
     * @param list<array<string, mixed>> $failures as PurgeException::getFailures() lists them
     * @param int $kept requests still queued for the next flush
     */
    public function onFlush(int $queued, ?int $sent, array $failures, int $kept): void
    {
        $this->flushes[] = ['queued' => $queued, 'sent' => $sent, 'failures' => $failures, 'kept' => $kept];
    }

    public function reset(): void
    {
        $this->reads = $this->hits = $this->misses = $this->saves = 0;
        $this->operations = $this->responseTags = $this->contentChanges = $this->flushes = [];
    }

    private function keep(array $operation): void
    {
        if (\count($this->operations) < self::DETAIL_LIMIT) {
            $this->operations[] = $operation;
        }
    }
}
