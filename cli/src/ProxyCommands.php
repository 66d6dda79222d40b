<?php
/* The commands on the HTTP proxies: purge-tags and purge-urls, sent to every proxy at once. */
declare(strict_types=1);

namespace TagCache\Cli;

use TagCache\Http\PurgeException;
use TagCache\Http\VarnishClient;

final class ProxyCommands extends Command
{
    public function purgeTags(): int
    {
        $tags = $this->args->positional;
        if ($this->args->has('bus')) {
            return BusCommands::publishWith($this->config(), $this->out, 'purge of tags ' . implode(', ', $tags), fn ($bus) => $bus->purgeTags($tags));
        }
        $this->out->set('tags', $tags);
        return $this->send(fn (VarnishClient $c) => $c->invalidateTags($tags));
    }

    public function purgeUrls(): int
    {
        $urls = $this->args->positional;
        if ($this->args->has('bus')) {
            return BusCommands::publishWith($this->config(), $this->out, 'purge of ' . count($urls) . ' URLs', fn ($bus) => $bus->purgeUrls($urls));
        }
        $this->out->set('urls', $urls);
        return $this->send(function (VarnishClient $c) use ($urls): void {
            foreach ($urls as $url) {
                $c->purge($url);
            }
        });
    }

    /** Queues with $queue, sends to every proxy; exit 1 when every proxy failed, 3 when some did. */
    private function send(callable $queue): int
    {
        $proxies = $this->config()->proxies();
        $client = $this->config()->varnish();
        try {
            $queue($client);
        } catch (\TagCache\InvalidArgumentException|\ValueError $e) {
            throw new UsageError($e->getMessage());
        }
        $this->out->set('proxies', $proxies);
        $this->out->progress(sprintf('purging: %d requests to %d proxies', $client->getQueueSize(), count($proxies)));
        try {
            $sent = $client->flush();
            $failures = [];
        } catch (PurgeException $e) {
            $sent = null;
            $failures = [];
            foreach ($e->getFailures() as $f) {
                $failures[(string)($f['proxy'] ?? '?')] ??= ($f['kind'] ?? 'failed') . (isset($f['reason']) ? ": {$f['reason']}" : '');
            }
            if (!$failures) {
                $failures['?'] = $e->getMessage();
            }
        }
        $this->out->set('requests', $sent);
        $ok = array_values(array_diff($proxies, array_keys($failures)));
        $this->out->set('purged', $ok);
        if ($ok) {
            $this->out->line('purged on ' . implode(', ', $ok) . ($sent !== null ? " ($sent requests each)" : ''));
        }
        return $this->outcome('proxies', count($proxies), $failures);
    }
}
