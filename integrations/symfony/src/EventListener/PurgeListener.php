<?php
// kernel.terminate and console.terminate: sends what the Purger queued during the request (or
// the command), after the response went out. A failed invalidation is logged, one error per
// (request, proxy) with its kind and reason, and recorded for the data collector; with
// `keep_failed` (the default) the Purger keeps it queued and the next flush of this process
// retries it (a long-running worker, the next terminate; under php-fpm the process's services end
// with the request, and the failure with them). Second sends that came due are sent at every
// terminate, also one with nothing new queued. Never rethrown: the response is gone
// and the visitor is not the one to tell.

declare(strict_types=1);

namespace TagCache\Symfony\EventListener;

use Psr\Log\LoggerInterface;
use TagCache\Http\PurgeException;
use TagCache\Http\Purger;
use TagCache\Http\VarnishClient;
use TagCache\Symfony\Http\RequestLog;

final class PurgeListener
{
    /** @param \Closure(): Purger $purger */
    public function __construct(
        private readonly VarnishClient $client,
        private readonly \Closure $purger,
        private readonly RequestLog $log,
        private readonly ?LoggerInterface $logger = null,
    ) {
    }

    public function onTerminate(): void
    {
        $client = $this->client;
        $queued = $client->getQueueSize();
        if ($queued > 0) {
            try {
                $sent = ($this->purger)()->flush();
                $this->log->onFlush($queued, $sent, [], 0);
            } catch (PurgeException $e) {
                $this->failed($e, $queued, false);
            }
        }
        // Second sends come due between terminates: each terminate sends the due ones, even
        // with nothing new queued (no wait: the rest go at a later terminate, or from the small
        // sender process when this one ends).
        if ($client->getDelayedCount() > 0) {
            try {
                $client->flushDelayed(false);
            } catch (PurgeException $e) {
                $this->failed($e, 0, true);
            }
        }
    }

    private function failed(PurgeException $e, int $queued, bool $delayed): void
    {
        $failures = $e->getFailures();
        $kept = $delayed ? $this->client->getDelayedCount() : $this->client->getQueueSize();
        foreach ($failures as $failure) {
            // "kept" means queued in this process's Purger: sent again by its next flush (a
            // long-running worker's next terminate), gone when the process ends (php-fpm: the
            // end of the request)
            $context = $failure + ['kept_for_retry' => $kept > 0, 'exception' => $e];
            if ($this->logger !== null) {
                $this->logger->error('tagcache: invalidation {request} failed on proxy {proxy}: {kind}, {reason}' . ($kept > 0
                    ? ' (kept queued in this process for its next flush; lost if the process ends first)' : ''), $context);
            } else {
                // no logger configured: PHP's error log, so a failure is never silent
                error_log(sprintf('tagcache: invalidation %s failed on proxy %s: %s, %s%s', $failure['request'],
                    $failure['proxy'], $failure['kind'], $failure['reason'],
                    $kept > 0 ? ' (kept queued in this process for its next flush; lost if the process ends first)' : ''));
            }
        }
        $this->log->onFlush($queued, null, $failures, $kept);
    }
}
