<?php
/*
 * Flow's TransientMemoryBackend over tagcache's native one: entries in this process's memory,
 * with tags and lifetimes. Name it in Caches.yaml as TagCache\Flow\Backend\TransientMemoryBackend.
 * Options: defaultLifetime.
 */

declare(strict_types=1);

namespace TagCache\Flow\Backend;

use Neos\Cache\Backend\IterableBackendInterface;
use Neos\Cache\Backend\TaggableBackendInterface;
use TagCache\Backend\BackendInterface as NativeBackendInterface;
use TagCache\Backend\TransientMemoryBackend as NativeTransientMemoryBackend;

class TransientMemoryBackend extends NativeBackend implements TaggableBackendInterface, IterableBackendInterface
{
    use Taggable;

    protected function createNative(bool $codeCache): NativeBackendInterface
    {
        return new NativeTransientMemoryBackend($this->options);
    }
}
