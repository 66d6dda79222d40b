<?php
// The web profiler's tagcache panel: per request, the cache reads (hits, misses) and saves the
// bundle's pools reported, the tags added to the response, the content changes dispatched and
// what they queued, and the outcome of the purge flush. Late collector: the purge is flushed at
// kernel.terminate, after the response; the profiler saves the profile after that.

declare(strict_types=1);

namespace TagCache\Symfony\DataCollector;

use Symfony\Component\HttpFoundation\Request;
use Symfony\Component\HttpFoundation\Response;
use Symfony\Component\HttpKernel\DataCollector\DataCollector;
use Symfony\Component\HttpKernel\DataCollector\LateDataCollectorInterface;
use TagCache\Symfony\Http\RequestLog;

final class TagCacheDataCollector extends DataCollector implements LateDataCollectorInterface
{
    public const NAME = 'tagcache';

    /** @param list<string> $proxies */
    public function __construct(
        private readonly RequestLog $log,
        private readonly array $proxies = [],
        private readonly string $tagMode = 'ban',
    ) {
        $this->reset();
    }

    public function collect(Request $request, Response $response, ?\Throwable $exception = null): void
    {
        $this->lateCollect();
    }

    public function lateCollect(): void
    {
        $failures = array_merge([], ...array_map(static fn(array $f): array => $f['failures'], $this->log->flushes));
        $this->data = [
            'reads' => $this->log->reads,
            'hits' => $this->log->hits,
            'misses' => $this->log->misses,
            'saves' => $this->log->saves,
            'operations' => $this->log->operations,
            'response_tags' => $this->log->responseTags,
            'content_changes' => $this->log->contentChanges,
            'flushes' => $this->log->flushes,
            'purges_queued' => array_sum(array_map(static fn(array $f): int => $f['queued'], $this->log->flushes)),
            'purge_failures' => $failures,
            'proxies' => $this->proxies,
            'tag_mode' => $this->tagMode,
        ];
    }

    public function getName(): string
    {
        return self::NAME;
    }

    public function reset(): void
    {
        $this->data = ['reads' => 0, 'hits' => 0, 'misses' => 0, 'saves' => 0, 'operations' => [],
            'response_tags' => [], 'content_changes' => [], 'flushes' => [], 'purges_queued' => 0,
            'purge_failures' => [], 'proxies' => $this->proxies, 'tag_mode' => $this->tagMode];
    }

    public function getReads(): int { return $this->data['reads']; }

    public function getHits(): int { return $this->data['hits']; }

    public function getMisses(): int { return $this->data['misses']; }

    public function getSaves(): int { return $this->data['saves']; }

    /** @return list<array{cache: string, key: string, kind: string, tags: list<string>}> */
    public function getOperations(): array { return $this->data['operations']; }

    /** @return list<string> */
    public function getResponseTags(): array { return $this->data['response_tags']; }

    /** @return list<array{tags: list<string>, locations: list<string>}> */
    public function getContentChanges(): array { return $this->data['content_changes']; }

    public function getFlushes(): array { return $this->data['flushes']; }

    /** Invalidation requests queued when the purge was flushed (per proxy). */
    public function getPurgesQueued(): int { return $this->data['purges_queued']; }

    /** @return list<array<string, mixed>> every (request, proxy, kind, status, reason) that failed */
    public function getPurgeFailures(): array { return $this->data['purge_failures']; }

    /** @return list<string> */
    public function getProxies(): array { return $this->data['proxies']; }

    public function getTagMode(): string { return $this->data['tag_mode']; }
}
