<?php
// kernel.terminate and console.terminate: sends what the Purger queued during the request (or
// the command), after the response went out. A failed invalidation is logged, one error per
// (request, proxy) with its kind and reason, and recorded for the data collector; with
// `keep_failed` (the default) the Purger keeps it queued and the next flush of this process
// retries it (a long-running worker, the next terminate). Never rethrown: the response is gone
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
        if ($queued === 0) {
            return;
        }
        try {
            $sent = ($this->purger)()->flush();
            $this->log->onFlush($queued, $sent, [], 0);
        } catch (PurgeException $e) {
            $failures = $e->getFailures();
            $kept = $client->getQueueSize();
            foreach ($failures as $failure) {
                $context = $failure + ['kept_for_retry' => $kept > 0, 'exception' => $e];
                if ($this->logger !== null) {
                    $this->logger->error('tagcache: invalidation {request} failed on proxy {proxy}: {kind}, {reason}', $context);
                } else {
                    // no logger configured: PHP's error log, so a failure is never silent
                    error_log(sprintf('tagcache: invalidation %s failed on proxy %s: %s, %s%s', $failure['request'],
                        $failure['proxy'], $failure['kind'], $failure['reason'], $kept > 0 ? ' (kept for retry)' : ''));
                }
            }
            $this->log->onFlush($queued, null, $failures, $kept);
        }
    }
}
