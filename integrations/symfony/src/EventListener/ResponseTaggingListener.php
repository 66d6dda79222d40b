<?php
// kernel.response (priority -1100, after the session listener made the response private if
// the session was used): writes the ResponseTagger's header lines (the tag header, split when long,
// and the stale mark when the tagger's guard saw a tag flushed) on the main response.
// Only on responses a shared cache may store (Response::isCacheable(): a cacheable status,
// neither private nor no-store, fresh or validatable): Varnish's built-in VCL stores nothing
// else, and the tags of a private page would only tell outsiders what it was built from.
// Sub-requests (inline fragments) add their tags to the same tagger, so the main response
// carries them. With a guard, the page is also stale when the guard tagger (the tags the cache
// entries are stored with) saw one of them, or the whole cache, flushed.

declare(strict_types=1);

namespace TagCache\Symfony\EventListener;

use Symfony\Component\HttpKernel\Event\ResponseEvent;
use TagCache\Http\ResponseTagger;
use TagCache\Symfony\Http\RequestLog;

final class ResponseTaggingListener
{
    public function __construct(
        private readonly ResponseTagger $tagger,
        private readonly RequestLog $log,
        private readonly ?ResponseTagger $guardTagger = null,
    ) {
    }

    public function onKernelResponse(ResponseEvent $event): void
    {
        if (!$event->isMainRequest()) {
            return;
        }
        $response = $event->getResponse();
        if (!$response->isCacheable()) {
            return;
        }
        $lines = $this->tagger->getHeaders();
        if (!$this->tagger->isStale() && $this->guardTagger?->isStale()) {
            $lines[] = $this->guardTagger->getStaleHeaderName() . ': 1';
        }
        foreach ($lines as $line) {
            [$name, $value] = explode(':', $line, 2);
            // false: several lines of one header stay several lines, as the tagger split them
            $response->headers->set($name, ltrim($value), false);
        }
        $this->log->responseTags = array_values($this->tagger->getTags());
    }
}
