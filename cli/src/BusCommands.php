<?php
/*
 * The fleet bus commands: bus:worker (this node's long-running apply loop), bus:status and
 * bus:publish-kept; and publishing, which the cache and proxy commands use with --bus.
 */
declare(strict_types=1);

namespace TagCache\Cli;

use TagCache\Bus\BusException;

final class BusCommands extends Command
{
    /** Seconds between reconnection attempts: doubled per failure up to the maximum. */
    private const RETRY_FIRST = 0.5;
    private const RETRY_MAX = 30.0;
    /** The longest single poll, so a signal or the deadline is noticed within it. */
    private const POLL_SLICE = 1.0;

    private ?string $stopSignal = null;

    public function worker(): int
    {
        $config = $this->config();
        $timeout = $this->args->value('timeout');
        if ($timeout !== null && (!is_numeric($timeout) || (float)$timeout <= 0)) {
            throw new UsageError("option --timeout must be a number of seconds greater than 0; got \"$timeout\"");
        }
        $deadline = $timeout === null ? INF : microtime(true) + (float)$timeout;
        $this->trapSignals();
        $name = (string)($config->get('node')['name'] ?? '');
        $totals = [];
        $bus = $node = null;
        $delay = self::RETRY_FIRST;
        $failing = false;
        $this->out->set('node', $name);
        $this->out->line("node $name: worker started (pid " . getmypid() . ')');
        while ($this->stopSignal === null && microtime(true) < $deadline) {
            try {
                $bus ??= $config->bus();
                $node ??= $config->node($bus);
                $applied = $node->poll(max(0.0, min(self::POLL_SLICE, $deadline - microtime(true))));
                // Clears kept while Redis was down leave only with a later publish: with none
                // coming, they would wait for ever. The worker is the one always running.
                if ($bus->countKept() > 0 && ($sent = $bus->publish()) > 0) {
                    $this->out->line("node $name: published $sent kept clear(s)");
                }
                if ($failing) {
                    $this->out->line("node $name: bus reachable again");
                    $failing = false;
                }
                $delay = self::RETRY_FIRST;
                if ($applied > 0) {
                    $stats = self::sum($totals, $node->getStats());
                    $this->out->line("node $name: applied $applied (total {$stats['applied']})");
                    $this->out->progress("node $name: applied {$stats['applied']}, gaps {$stats['gaps']}, errors {$stats['errors']}");
                }
            } catch (ConfigError $e) {
                throw $e;
            } catch (\Throwable $e) {
                // Redis down or restarted: drop the connection and the node, retry with backoff.
                // The node's consumer group lives in Redis, so a new Node resumes where this one
                // stopped and unacknowledged messages are delivered again.
                if ($node !== null) {
                    $totals = self::sum($totals, $node->getStats());
                    $bus = $node = null;
                }
                $totals['errors'] = ($totals['errors'] ?? 0) + 1;
                $failing = true;
                $this->out->warn(sprintf('node %s: %s; retrying in %.1f s', $name, Application::describe($e), $delay));
                $this->sleep(min($delay, max(0.0, $deadline - microtime(true))));
                $delay = min($delay * 2, self::RETRY_MAX);
            }
        }
        if ($node !== null) {
            $totals = self::sum($totals, $node->getStats());
        }
        $this->out->set('stopped', $this->stopSignal ?? 'timeout');
        $this->out->set('stats', $totals);
        $this->out->line("node $name: stopped (" . ($this->stopSignal ?? 'timeout') . '), applied ' . ($totals['applied'] ?? 0)
            . ', gaps ' . ($totals['gaps'] ?? 0) . ', errors ' . ($totals['errors'] ?? 0));
        return ExitCode::OK;
    }

    public function status(): int
    {
        try {
            $status = $this->config()->bus()->getStatus();
        } catch (BusException $e) {
            throw new Failure('bus status: ' . Application::describe($e));
        }
        foreach ($status as $k => $v) {
            $this->out->set($k, $v);
        }
        $s = $status['stream'] ?? [];
        $this->out->line(sprintf('stream: %d entries (first %s, last %s)', $s['length'] ?? 0, $s['firstId'] ?? '-', $s['lastId'] ?? '-'));
        $this->out->line(sprintf('%-32s %8s %8s %-6s %s', 'NODE', 'LAG', 'PENDING', 'GAP', 'LAST DELIVERED'));
        foreach ($status['nodes'] ?? [] as $node => $n) {
            $this->out->line(sprintf('%-32s %8s %8s %-6s %s', $node, $n['lag'] ?? '?', $n['pending'] ?? '?',
                !empty($n['gap']) ? 'yes' : 'no', $n['lastDeliveredId'] ?? '-'));
        }
        $this->out->line(sprintf('%-32s %8s %10s %8s %10s %8s', 'OUTBOX', 'SIZE', 'OLDEST', 'ATTEMPTS', 'NEXT TRY', 'DROPPED'));
        foreach ($status['outbox'] ?? [] as $proxy => $o) {
            $next = isset($o['nextRetry']) && $o['nextRetry'] > 0 ? sprintf('in %ds', max(0, (int)ceil($o['nextRetry'] - time()))) : '-';
            $this->out->line(sprintf('%-32s %8s %10s %8s %10s %8s', $proxy, $o['size'] ?? '?',
                isset($o['oldestAge']) ? sprintf('%.1fs', $o['oldestAge']) : '-', $o['attempts'] ?? '?', $next, $o['dropped'] ?? '?'));
        }
        $this->out->line('kept locally: ' . ($status['kept'] ?? 0));
        return ExitCode::OK;
    }

    public function publishKept(): int
    {
        $bus = $this->config()->bus();
        $kept = $bus->countKept();
        try {
            $sent = $kept > 0 ? $bus->publish() : 0;
        } catch (BusException $e) {
            throw new Failure('publishing the kept clears failed: ' . Application::describe($e));
        }
        $left = $bus->countKept();
        $this->out->set('published', $sent);
        $this->out->set('kept', $left);
        if ($left > 0) {
            throw new Failure("Redis is unreachable: $left kept clear(s) still wait in " . $bus->getOptions()['keepDirectory']);
        }
        $this->out->line("published $sent kept clear(s)");
        return ExitCode::OK;
    }

    /**
     * Publishes the clear $fn adds to the configuration's bus; exit 1 when Redis refuses it,
     * 3 when it was kept locally instead (onFailure "keep": published later, nothing lost).
     */
    public static function publishWith(Config $config, Output $out, string $what, callable $fn): int
    {
        $bus = $config->bus();
        $keptBefore = $bus->countKept();
        try {
            $fn($bus);
            $bus->publish();
        } catch (BusException $e) {
            throw new Failure("publishing the $what failed: " . Application::describe($e));
        } catch (\TagCache\InvalidArgumentException|\ValueError $e) {
            throw new UsageError($e->getMessage());
        }
        $kept = $bus->countKept();
        if ($kept > $keptBefore) {
            $out->set('kept', $what);
            $out->warn("Redis is unreachable: the $what is kept in " . $bus->getOptions()['keepDirectory']
                . " ($kept clear(s) kept), to be published by the next publish, bus:publish-kept or bus:worker");
            return ExitCode::PARTIAL;
        }
        $out->set('published', $what);
        $out->line("published the $what to the bus");
        return ExitCode::OK;
    }

    private function trapSignals(): void
    {
        if (!function_exists('pcntl_async_signals')) {
            $this->out->warn('pcntl is not loaded: SIGTERM and SIGINT end the worker at once instead of after the current batch');
            return;
        }
        pcntl_async_signals(true);
        foreach ([SIGTERM => 'SIGTERM', SIGINT => 'SIGINT'] as $signo => $label) {
            pcntl_signal($signo, function () use ($label): void {
                $this->stopSignal ??= $label;
            });
        }
    }

    /** Sleeps $seconds, waking early when a stop signal arrives. */
    private function sleep(float $seconds): void
    {
        for ($until = microtime(true) + $seconds; $this->stopSignal === null && microtime(true) < $until;) {
            usleep(50000);
        }
    }

    /** @return array<string, int> */
    private static function sum(array $totals, array $stats): array
    {
        foreach (['applied', 'gaps', 'gapFlushes', 'gapBans', 'redelivered', 'purgesSent', 'purgesOutboxed', 'purgesDelivered', 'purgesDropped', 'errors'] as $k) {
            $totals[$k] = ($totals[$k] ?? 0) + (int)($stats[$k] ?? 0);
        }
        return $totals;
    }
}
